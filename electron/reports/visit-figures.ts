import { addDays } from '../../shared/china-date';
import { festivalsOfYear, type FestivalName } from '../../shared/festival-dates';
import { festivalEvent, hospitalEvent, visitedStayKinds } from '../../shared/visit-record';
import { leaveSpanOf } from '../leave/leave-rows';
import { isWithin, type ReportPeriod } from './report-month';
import { stationOn, statusOn, type ReportLedger } from './report-ledger';
import { personLine, type ReportUnits } from './report-units';

/**
 * 4. 慰问 (DOMAIN.md "Welfare visits"): visits by kind with count and amount (cash plus the value of
 * goods), the month and the year to its end, against the unit's budget by funding source; the
 * coverage of each festival of the month (不遗漏一人: the people in service at the station on the
 * festival, and who of them was visited for it); anyone in hospital or injured on duty during the
 * month, or whose family was bereaved by a death in service this year, or who took 丧假 for a
 * relative's death this year, with no visit for it. A visit counts at the station its person
 * belonged to on the visit's date.
 */

/** The festivals whose date falls in the month, in calendar order. */
export function festivalsOfMonth(period: ReportPeriod): { name: FestivalName; date: string }[] {
  return festivalsOfYear(period.year).filter((f) => isWithin(f.date, period.from, period.to));
}

/** How far before a 丧假 a 直系亲属去世慰问 may be and still answer it (the visit often comes first). */
const BEREAVEMENT_VISIT_LEAD_DAYS = 30;

export function addVisitFigures(ledger: ReportLedger, period: ReportPeriod, units: ReportUnits): void {
  const eventsVisited = new Set<string>();
  const bereavementVisited = new Set<string>();
  for (const v of ledger.visits) {
    if (v.event) eventsVisited.add(`${v.staffId}|${v.event}`);
    if (v.kind === '因公牺牲或病故慰问') bereavementVisited.add(v.staffId);
    if (v.date < period.yearFrom) continue;
    const person = ledger.personById.get(v.staffId);
    const unit = person ? units.of(stationOn(person, v.date)) : undefined;
    if (!unit) continue;
    const visits = unit.figures.visits;
    const inMonth = v.date >= period.from;
    for (const line of inMonth ? [visits.byKind[v.kind].year, visits.year, visits.byKind[v.kind].month, visits.month] : [visits.byKind[v.kind].year, visits.year]) {
      line.count += 1;
      line.amountFen += v.amountFen;
    }
    visits.budget[v.funding].spentYearFen += v.amountFen;
    if (inMonth) visits.budget[v.funding].spentMonthFen += v.amountFen;
  }
  for (const b of ledger.budgets) {
    const unit = units.of(b.stationId);
    if (unit) unit.figures.visits.budget[b.funding].budgetFen += b.amountFen;
  }

  for (const festival of festivalsOfMonth(period)) {
    const event = festivalEvent(festival.name, period.year);
    for (const person of ledger.people) {
      const unit = units.of(stationOn(person, festival.date));
      if (!unit || statusOn(person, festival.date) !== '在职') continue;
      const coverage = unit.figures.visits.festivals[festival.name] as { active: number; visited: number };
      coverage.active += 1;
      if (eventsVisited.has(`${person.id}|${event}`)) coverage.visited += 1;
      else unit.lists.festivalMissing.push({ ...personLine(person, unit), festival: festival.name });
    }
  }

  for (const e of ledger.medicalEvents) {
    if (!(visitedStayKinds as readonly string[]).includes(e.kind) || (e.endDate !== null && e.endDate < period.from)) continue;
    if (eventsVisited.has(`${e.staffId}|${hospitalEvent(e.id)}`)) continue;
    const person = ledger.personById.get(e.staffId);
    if (!person || statusOn(person, period.to) !== '在职') continue;
    const unit = units.of(stationOn(person, period.to));
    if (!unit) continue;
    unit.figures.visits.hospitalNotVisited += 1;
    unit.lists.hospitalNotVisited.push({ ...personLine(person, unit), since: e.startDate });
  }

  for (const person of ledger.people) {
    if (bereavementVisited.has(person.id)) continue;
    for (const entry of person.statuses) {
      if ((entry.status !== '因公牺牲' && entry.status !== '病故') || !isWithin(entry.date, period.yearFrom, period.to)) continue;
      const unit = units.of(stationOn(person, entry.date));
      if (!unit) continue;
      unit.figures.visits.bereavedNotVisited += 1;
      unit.lists.bereavedNotVisited.push({ ...personLine(person, unit), date: entry.date, status: entry.status });
      break;
    }
  }
  addRelativeDeathVisits(ledger, period, units);
}

/**
 * 丧假 (funeral leave) is how the ledger learns that a direct relative died: each 丧假 of a person
 * in service this year by month end with no 直系亲属去世慰问 from 30 days before it on is listed
 * (one a person: their latest).
 */
function addRelativeDeathVisits(ledger: ReportLedger, period: ReportPeriod, units: ReportUnits): void {
  const condolences = new Map<string, string[]>();
  for (const v of ledger.visits) if (v.kind === '直系亲属去世慰问') condolences.set(v.staffId, [...(condolences.get(v.staffId) ?? []), v.date]);
  const latest = new Map<string, string>();
  for (const row of ledger.leaves) {
    const span = leaveSpanOf(row);
    if (span.type !== '丧假' || span.status === '取消' || !isWithin(span.fromDate, period.yearFrom, period.to)) continue;
    const since = addDays(span.fromDate, -BEREAVEMENT_VISIT_LEAD_DAYS);
    if ((condolences.get(row.staff_id) ?? []).some((date) => date >= since)) continue;
    if ((latest.get(row.staff_id) ?? '') < span.fromDate) latest.set(row.staff_id, span.fromDate);
  }
  for (const [staffId, date] of latest) {
    const person = ledger.personById.get(staffId);
    if (!person || statusOn(person, period.to) !== '在职') continue;
    const unit = units.of(stationOn(person, period.to));
    if (!unit) continue;
    unit.figures.visits.relativeDeathNotVisited += 1;
    unit.lists.bereavedNotVisited.push({ ...personLine(person, unit), date, status: '直系亲属去世' });
  }
}
