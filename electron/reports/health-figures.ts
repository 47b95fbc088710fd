import type { HealthRuleSettings } from '../../shared/health-record';
import { followUpsDue, watchList, type CheckupFact, type HealthPerson } from '../../shared/health-rules';
import { isWithin, type ReportPeriod } from './report-month';
import { stationOn, statusOn, type ReportLedger, type ReportPerson } from './report-ledger';
import type { ReportUnits } from './report-units';

/**
 * 2. 健康 (DOMAIN.md "Health"): counts and levels only — the report names nobody's health
 * (个人信息保护法 Art. 28). Checkups done in the month; this year's coverage up to month end of the
 * people in service at month end, by category; follow-ups still open at month end; the month's
 * 预警/危机 screenings and one-to-one sessions, and the watch list at month end (the shared rules
 * of `shared/health-rules.ts`, seen from the month's last day); in hospital at month end; injuries
 * on duty in the month.
 */

/** The people in service at month end, as the health rules see them. */
function activeAtMonthEnd(ledger: ReportLedger, period: ReportPeriod, units: ReportUnits): HealthPerson[] {
  return ledger.people
    .filter((p) => units.of(stationOn(p, period.to)) && statusOn(p, period.to) === '在职')
    .map((p) => ({ staffId: p.id, name: p.name, idNumber: '', category: p.category, stationName: null, status: '在职', workStartDate: p.workStartDate }));
}

export function addHealthFigures(ledger: ReportLedger, period: ReportPeriod, units: ReportUnits, rules: HealthRuleSettings): void {
  const unitAt = (person: ReportPerson | undefined, date: string) => (person ? units.of(stationOn(person, date)) : undefined);
  const unitOfStaff = (staffId: string, date: string) => unitAt(ledger.personById.get(staffId), date);

  const checkedThisYear = new Set<string>();
  for (const c of ledger.checkups) {
    if (c.date >= period.yearFrom) checkedThisYear.add(c.staffId);
    if (isWithin(c.date, period.from, period.to)) {
      const unit = unitOfStaff(c.staffId, c.date);
      if (unit) unit.figures.health.checkupsThisMonth += 1;
    }
  }
  const active = activeAtMonthEnd(ledger, period, units);
  for (const p of active) {
    const unit = unitOfStaff(p.staffId, period.to);
    if (!unit) continue;
    const coverage = unit.figures.health.coverage[p.category];
    coverage.active += 1;
    if (checkedThisYear.has(p.staffId)) coverage.checked += 1;
  }

  // A follow-up done after the month's end was still open at its end.
  const facts: CheckupFact[] = ledger.checkups.map((c) => ({
    id: c.id,
    staffId: c.staffId,
    date: c.date,
    conclusion: c.conclusion,
    abnormalItems: [],
    followUpDue: c.followUpDue,
    followUpDoneDate: c.followUpDoneDate && c.followUpDoneDate <= period.to ? c.followUpDoneDate : null,
  }));
  for (const open of followUpsDue(active, facts, period.to)) {
    const unit = unitOfStaff(open.staffId, period.to);
    if (unit) unit.figures.health.abnormalAwaitingFollowUp += 1;
  }

  for (const s of ledger.screenings) {
    if (!isWithin(s.date, period.from, period.to) || (s.level !== '预警' && s.level !== '危机')) continue;
    const unit = unitOfStaff(s.staffId, s.date);
    if (unit) unit.figures.health.psych[s.level === '危机' ? 'crisisScreenings' : 'warningScreenings'] += 1;
  }
  for (const i of ledger.interventions) {
    if (!isWithin(i.date, period.from, period.to)) continue;
    const unit = unitOfStaff(i.staffId, i.date);
    if (unit) unit.figures.health.psych.interventionsThisMonth += 1;
  }
  for (const entry of watchList(active, ledger.screenings, ledger.interventions, period.to, rules)) {
    const unit = unitOfStaff(entry.staffId, period.to);
    if (!unit) continue;
    unit.figures.health.psych.watchList += 1;
    if (entry.overdue) unit.figures.health.psych.watchOverdue += 1;
  }

  const activeIds = new Set(active.map((p) => p.staffId));
  for (const e of ledger.medicalEvents) {
    if (e.kind === '住院' && activeIds.has(e.staffId) && (e.endDate === null || e.endDate > period.to)) {
      const unit = unitOfStaff(e.staffId, period.to);
      if (unit) unit.figures.health.inHospitalAtMonthEnd += 1;
    }
    if (e.kind === '因公负伤' && isWithin(e.startDate, period.from, period.to)) {
      const unit = unitOfStaff(e.staffId, e.startDate);
      if (unit) unit.figures.health.injuriesOnDutyThisMonth += 1;
    }
  }
}
