import type { StaffStatus } from '../../shared/staff-record';
import { isWithin, type ReportPeriod } from './report-month';
import { stationOn, statusOn, type ReportLedger } from './report-ledger';
import { personLine, type ReportUnits, type UnitReport } from './report-units';

/**
 * 1. 人员 (DOMAIN.md "People and places", "The monthly report"): headcount at month end by category
 * and status (retired and deceased staff stay in the ledger and are counted under their status),
 * the month's status changes, and who reaches retirement in the next twelve months (the 2025
 * gradual-retirement date, or the clerk's override).
 *
 * Movements: 新进 is a person whose 调入本所时间 falls in the month (a new hire or someone who came
 * from outside), or who arrived by a 调动 of the bureau; 调出 is a 调动 away or a 调出 status; 退休,
 * 离职 and 因公牺牲/病故 are status history entries dated in the month. Each counts at the station
 * the person belonged to that day.
 */

const movementOf: Partial<Record<StaffStatus, 'transferred' | 'retired' | 'left' | 'died'>> = {
  调出: 'transferred',
  退休: 'retired',
  离职: 'left',
  因公牺牲: 'died',
  病故: 'died',
};

export function addStaffFigures(ledger: ReportLedger, period: ReportPeriod, units: ReportUnits): void {
  const note = (unit: UnitReport | undefined, kind: keyof UnitReport['figures']['staff']['movements'], label: string, date: string, person: ReportLedger['people'][number]) => {
    if (!unit) return;
    unit.figures.staff.movements[kind] += 1;
    unit.lists.movements.push({ ...personLine(person, unit), kind: label, date });
  };
  for (const person of ledger.people) {
    const unit = units.of(stationOn(person, period.to));
    if (unit) {
      const status = statusOn(person, period.to);
      const staff = unit.figures.staff;
      staff.byCategoryStatus[person.category][status] += 1;
      if (status === '在职') {
        staff.active += 1;
        staff.activeByCategory[person.category] += 1;
        if (person.expectedRetirementDate > period.to && person.expectedRetirementDate <= period.twelveMonthsAfter) {
          staff.retiringIn12Months += 1;
          unit.lists.retiringIn12Months.push({ ...personLine(person, unit), date: person.expectedRetirementDate });
        }
      }
    }
    // Arrivals: the 调入本所时间 of someone never moved by the bureau, else each 调动's arrival.
    if (person.transfersOut.length === 0 && isWithin(person.joinedStationDate, period.from, period.to)) {
      note(units.of(person.stationId), 'joined', '新进/调入', person.joinedStationDate, person);
    }
    person.transfersOut.forEach((move, i) => {
      if (!isWithin(move.date, period.from, period.to)) return;
      note(units.of(move.stationId), 'transferred', '调出（调动）', move.date, person);
      note(units.of(person.transfersOut[i + 1]?.stationId ?? person.stationId), 'joined', '调入（调动）', move.date, person);
    });
    for (const entry of person.statuses) {
      const kind = movementOf[entry.status];
      if (!kind || entry.fromRow || !isWithin(entry.date, period.from, period.to)) continue;
      note(units.of(stationOn(person, entry.date)), kind, entry.status, entry.date, person);
    }
  }
}
