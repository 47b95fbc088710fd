import { compareIsoDates } from '../../shared/china-date';
import { annualBalance, isUnderused, type CountedLeave, type TierChangeRule } from '../../shared/annual-leave-entitlement';
import { compensatoryLedger } from '../../shared/compensatory-rest';
import { CALENDAR_MISSING, countLeaveDays, datesBetween, type CalendarLookup } from '../../shared/holiday-calendar';
import { leaveTypeRules } from '../../shared/leave-record';
import { AppError } from '../../shared/contract/api-error';
import { leaveSpanOf } from '../leave/leave-rows';
import { awayOn, countsInStrength } from '../leave/station-strength';
import { isWithin, type ReportPeriod } from './report-month';
import { stationOn, statusOn, type ReportLedger, type ReportLeaveRow, type ReportPerson } from './report-ledger';
import { personLine, type ReportUnits, type UnitReport } from './report-units';

/**
 * 3. 休假 (DOMAIN.md "Leave and rotation"), from the leave module's own rules:
 * - leave days by type, the month and the year to its end: leave granted (批准 or 已休), each day
 *   counted as its type counts (working days by the year's official calendar, or calendar days —
 *   `countLeaveDays` of shared/holiday-calendar.ts); a leave across a month's (or the year's) edge
 *   counts in each the days that fall in it, the rest of a leave its stored days;
 * - 年休假 (职工带薪年休假条例): each person in service at month end, `annualBalance` of
 *   shared/annual-leave-entitlement.ts over the leave begun by month end — due (entitled + carried),
 *   taken (已休), planned; who has taken none; the 应休尽休 cases of `isUnderused` (from the check
 *   day of 设置);
 * - the days the station had fewer 民警 and 辅警 on duty than its minimum (最低在岗警力), by the rule
 *   of the station calendar (leave/station-strength.ts: any half of a day away, planned leave too),
 *   with the people at the station and in service on each day as the report reconstructs them;
 * - 补休: earned by duty in the month, and each person's balance at month end
 *   (`compensatoryLedger` of shared/compensatory-rest.ts: oldest days first, lapsing after the
 *   months of 设置).
 */

export interface LeaveRuleSettings {
  lookup: CalendarLookup;
  tierChangeRule: TierChangeRule;
  underusedCheckDay: string;
  compensatoryExpiryMonths: number;
  /** The minimum on duty (最低在岗警力) of a station: its own setting, else the one its bureau sent down. */
  minimumOnDutyOf(stationId: string): number;
  /** The first year the ledger holds leave for (carry-over counts from it). */
  trackedFromYear: number;
  /** Days after today are not looked at (a report of the current month). */
  today: string;
}

/** Statuses whose days the report counts as leave taken in a month. */
const GRANTED = new Set(['批准', '已休']);

/** The days of a leave within `from`–`to`, as its type counts them; `null` when a year's calendar is missing. */
function daysWithin(row: ReportLeaveRow, from: string, to: string, lookup: CalendarLookup): number | null {
  const span = leaveSpanOf(row);
  if (span.fromDate >= from && span.toDate <= to) return span.days;
  const clipped = {
    fromDate: span.fromDate >= from ? span.fromDate : from,
    fromHalf: span.fromDate >= from ? span.fromHalf : ('上午' as const),
    toDate: span.toDate <= to ? span.toDate : to,
    toHalf: span.toDate <= to ? span.toHalf : ('下午' as const),
  };
  if (compareIsoDates(clipped.fromDate, clipped.toDate) > 0) return 0;
  try {
    return countLeaveDays(clipped, leaveTypeRules[span.type].counting, lookup).days;
  } catch (e) {
    if (e instanceof AppError && e.code === CALENDAR_MISSING) return null;
    throw e;
  }
}

/** The leave of the year to month end, by type, the month's part apart. */
function addLeaveDays(ledger: ReportLedger, period: ReportPeriod, units: ReportUnits, lookup: CalendarLookup, notes: Set<string>): void {
  for (const row of ledger.leaves) {
    const span = leaveSpanOf(row);
    if (!GRANTED.has(span.status) || span.toDate < period.yearFrom) continue;
    const person = ledger.personById.get(row.staff_id);
    if (!person) continue;
    const add = (from: string, to: string, key: 'monthDays' | 'yearDays') => {
      const start = span.fromDate > from ? span.fromDate : from;
      const unit = units.of(stationOn(person, start));
      if (!unit || span.toDate < from) return;
      let days = daysWithin(row, from, to, lookup);
      if (days === null) {
        // A leave across an edge into a year without calendar: its stored days, where it begins.
        notes.add(`跨月（跨年）假期涉及缺少节假日安排的年份，按开始日期所在月份整段计入`);
        days = span.fromDate >= from ? span.days : 0;
      }
      unit.figures.leave.byType[span.type][key] += days;
      unit.figures.leave[key] += days;
    };
    add(period.yearFrom, period.to, 'yearDays');
    add(period.from, period.to, 'monthDays');
  }
}

/** Each person's counted leave begun by month end (cancelled ones left out), and their 补休 uses. */
function leavesByPerson(ledger: ReportLedger): Map<string, CountedLeave[]> {
  const byPerson = new Map<string, CountedLeave[]>();
  for (const row of ledger.leaves) {
    const span = leaveSpanOf(row);
    if (span.status === '取消' || !span.fromDate) continue;
    const list = byPerson.get(row.staff_id) ?? [];
    list.push({ type: span.type, fromDate: span.fromDate, toDate: span.toDate, days: span.days, status: span.status });
    byPerson.set(row.staff_id, list);
  }
  return byPerson;
}

function addAnnualAndCompensatory(ledger: ReportLedger, period: ReportPeriod, units: ReportUnits, active: ActivePerson[], settings: LeaveRuleSettings): void {
  const leaves = leavesByPerson(ledger);
  const earnings = new Map<string, { date: string; days: number }[]>();
  for (const d of ledger.duty) {
    const list = earnings.get(d.staffId) ?? [];
    list.push({ date: d.date, days: d.days });
    earnings.set(d.staffId, list);
    const person = ledger.personById.get(d.staffId);
    const unit = person && isWithin(d.date, period.from, period.to) ? units.of(stationOn(person, d.date)) : undefined;
    if (unit) unit.figures.leave.compensatory.earnedDays += d.days;
  }
  for (const { person, unit } of active) {
    const own = leaves.get(person.id) ?? [];
    const entitledPerson = { category: person.category, workStartDate: person.workStartDate, priorServiceMonths: person.priorServiceMonths, hireDate: person.hireDate };
    const balance = annualBalance(entitledPerson, period.year, own, settings.tierChangeRule, settings.trackedFromYear);
    const due = balance.entitled + balance.carried;
    if (due > 0) {
      const annual = unit.figures.leave.annual;
      annual.people += 1;
      annual.dueDays += due;
      annual.takenDays += balance.taken;
      annual.plannedDays += balance.planned;
      if (balance.taken === 0) {
        annual.noneTaken += 1;
        unit.lists.annualLeaveNoneTaken.push({ ...personLine(person, unit), dueDays: due, plannedDays: balance.planned });
      }
      if (isUnderused(balance, period.year, period.to, settings.underusedCheckDay)) annual.underused += 1;
    }
    const earned = earnings.get(person.id);
    if (!earned) continue;
    const uses = own.filter((l) => leaveTypeRules[l.type].againstCompensatory).map((l) => ({ date: l.fromDate, days: l.days }));
    const rest = compensatoryLedger(earned, uses, settings.compensatoryExpiryMonths, period.to);
    if (rest.remaining > 0) {
      unit.figures.leave.compensatory.balanceDays += rest.remaining;
      unit.figures.leave.compensatory.peopleWithBalance += 1;
    }
  }
}

/**
 * The days of the month (up to today) each station had fewer 民警 and 辅警 on duty than the
 * minimum: those at the station and in service that day, less those away on leave (any half).
 */
function addStrength(ledger: ReportLedger, period: ReportPeriod, units: ReportUnits, settings: LeaveRuleSettings): void {
  const last = period.to < settings.today ? period.to : settings.today;
  if (last < period.from) return;
  const dates = datesBetween(period.from, last);
  const leavesOf = new Map<string, ReportLeaveRow[]>();
  for (const row of ledger.leaves) {
    if (row.status === '取消' || (row.to_date ?? row.from_date ?? '') < period.from) continue;
    leavesOf.set(row.staff_id, [...(leavesOf.get(row.staff_id) ?? []), row]);
  }
  const strength = ledger.people.filter((p) => countsInStrength(p.category));
  const minimums = new Map(units.all.map((u) => [u, settings.minimumOnDutyOf(u.id)]));
  for (const date of dates) {
    // Only stations with people of the strength that day: a station that has sent nothing has no numbers.
    const onDuty = new Map<UnitReport, number>();
    for (const person of strength) {
      const unit = units.of(stationOn(person, date));
      if (!unit || statusOn(person, date) !== '在职') continue;
      const away = (leavesOf.get(person.id) ?? []).some((row) => awayOn(row, date).away);
      onDuty.set(unit, (onDuty.get(unit) ?? 0) + (away ? 0 : 1));
    }
    for (const [unit, count] of onDuty) {
      const minimum = minimums.get(unit) ?? 0;
      if (count >= minimum) continue;
      unit.figures.leave.belowMinimumDays += 1;
      unit.lists.belowMinimumDays.push({ date, stationName: unit.name, onDuty: count, minimum });
    }
  }
}

interface ActivePerson {
  person: ReportPerson;
  unit: UnitReport;
}

/** Adds the 休假 figures and lists; returns the notes the section prints (what counts, what is missing). */
export function addLeaveFigures(ledger: ReportLedger, period: ReportPeriod, units: ReportUnits, settings: LeaveRuleSettings): string[] {
  const notes = new Set<string>();
  const active: ActivePerson[] = [];
  for (const person of ledger.people) {
    const unit = units.of(stationOn(person, period.to));
    if (unit && statusOn(person, period.to) === '在职') active.push({ person, unit });
  }
  addLeaveDays(ledger, period, units, settings.lookup, notes);
  addAnnualAndCompensatory(ledger, period, units, active, settings);
  addStrength(ledger, period, units, settings);
  return [...notes];
}
