import type { ReportPeriod } from './report-month';
import { stationOn, type ReportLedger } from './report-ledger';
import { personLine, type ReportUnits } from './report-units';

/** 5. 表彰 (DOMAIN.md "Honours"): the honours dated in the month, at the station of their day. */
export function addHonourFigures(ledger: ReportLedger, _period: ReportPeriod, units: ReportUnits): void {
  for (const h of ledger.honours) {
    const person = ledger.personById.get(h.staffId);
    const unit = person ? units.of(stationOn(person, h.date)) : undefined;
    if (!person || !unit) continue;
    unit.figures.honours.count += 1;
    unit.lists.honours.push({ ...personLine(person, unit), title: h.title, level: h.level, date: h.date, issuer: h.issuer });
  }
}
