import { compareIsoDates } from '../../shared/china-date';
import { settingsCatalog } from '../../shared/settings-catalog';
import {
  emptyReportFigures,
  type MonthlyReport,
  type MonthlyReportArgs,
  type StationBreakdown,
} from '../../shared/monthly-report';
import { todayOf, type AppDeps } from '../app-deps';
import { readSettings } from '../handlers/app-handlers';
import { healthRuleSettings } from '../health/health-queries';
import { trackedFromYear } from '../leave/annual-leave-balances';
import { calendarLookupOf } from '../leave/calendar-store';
import { requireLocalStation } from '../station/local-station';
import { addFigures } from './figure-sum';
import { addHealthFigures } from './health-figures';
import { addHonourFigures } from './honour-figures';
import { addLeaveFigures } from './leave-figures';
import { addNextMonthFigures, nextMonthFestivals } from './next-month-figures';
import { figuresFingerprint, issuedReports } from './report-history';
import { readReportLedger } from './report-ledger';
import { reportPeriodOf, type ReportPeriod } from './report-month';
import { resolveReportScope } from './report-scope';
import { reportSignatureOf } from './report-signature';
import { reportUnits } from './report-units';
import { addStaffFigures } from './staff-figures';
import { addVisitFigures, festivalsOfMonth } from './visit-figures';

/**
 * The monthly report (月报, DOMAIN.md "The monthly report"; issue 13): the model of a month and a
 * scope, computed from the store. Every table it needs is read once (report-ledger.ts); each
 * section then adds every row to the station its person belonged to that day (report-units.ts), and
 * the city's figures are the stations' figures added up (figure-sum.ts), so the city report equals
 * the sum of its stations' reports by construction. At a bureau the stations whose last bundle is
 * older than the month's end are listed: their numbers may be incomplete.
 */

/** Stations whose last bundle arrived before the month ended (or never): their month may be incomplete. */
function incompleteStationsOf(bureauCode: string, period: ReportPeriod, stations: StationBreakdown[]): MonthlyReport['incompleteStations'] {
  return stations
    .filter((s) => s.code !== bureauCode && (s.lastBundleAt === null || s.lastBundleAt.slice(0, 10) <= period.to))
    .map((s) => ({ code: s.code, name: s.name, lastBundleAt: s.lastBundleAt }));
}

/** The last bundle received from each child station (sync_peer), by code. */
function lastBundles(deps: AppDeps): Map<string, string | null> {
  const rows = deps.store.sqlite.prepare("SELECT code, last_received_at FROM sync_peer WHERE relation = 'child'").all() as { code: string; last_received_at: string | null }[];
  return new Map(rows.map((r) => [r.code, r.last_received_at]));
}

/**
 * Each station's minimum on duty (最低在岗警力) as the station itself reads it: its own setting
 * (which comes up with its bundles), else this unit's value — at a station its own or its
 * bureau's, at a bureau the one it sends down.
 */
function minimumOnDutyOf(deps: AppDeps, here: number): (stationId: string) => number {
  const rows = deps.store.sqlite.prepare("SELECT station_id, value FROM setting WHERE deleted_at IS NULL AND key = 'station.minimumOnDuty'").all() as { station_id: string; value: string }[];
  const own = new Map<string, number>();
  for (const row of rows) {
    const parsed = settingsCatalog['station.minimumOnDuty'].schema.safeParse(JSON.parse(row.value));
    if (parsed.success) own.set(row.station_id, parsed.data);
  }
  return (stationId) => own.get(stationId) ?? here;
}

/** Computes the report of a month and scope (a station; at a bureau, also the city). */
export function monthlyReport(deps: AppDeps, args: MonthlyReportArgs): MonthlyReport {
  const today = todayOf(deps);
  const period = reportPeriodOf(args.month, today);
  const resolved = resolveReportScope(deps.store, args.station);
  const settings = readSettings(deps);
  const festivals = festivalsOfMonth(period).map((f) => f.name);
  const units = reportUnits(resolved.stations, festivals);
  const ledger = readReportLedger(deps.store, period, today);
  const rules = healthRuleSettings(deps);
  addStaffFigures(ledger, period, units);
  addHealthFigures(ledger, period, units, rules);
  const leaveNotes = addLeaveFigures(ledger, period, units, {
    lookup: calendarLookupOf(deps.store),
    tierChangeRule: settings['leave.tierChangeRule'],
    underusedCheckDay: settings['leave.underusedCheckDay'],
    compensatoryExpiryMonths: settings['leave.compensatoryExpiryMonths'],
    minimumOnDutyOf: minimumOnDutyOf(deps, settings['station.minimumOnDuty']),
    trackedFromYear: trackedFromYear(deps.store, period.year),
    today,
  });
  addVisitFigures(ledger, period, units);
  addHonourFigures(ledger, period, units);
  addNextMonthFigures(ledger, period, units, { rules, zhongkaoLastDay: settings['family.zhongkaoLastDay'] });

  const bundles = resolved.atBureau ? lastBundles(deps) : new Map<string, string | null>();
  const stations: StationBreakdown[] = units.all.map((u) => ({ code: u.code, name: u.name, figures: u.figures, lastBundleAt: bundles.get(u.code) ?? null }));
  const figures = units.all.reduce((sum, u) => addFigures(sum, u.figures), emptyReportFigures(festivals));
  const byDate = <L extends { date: string; stationName: string; name: string }>(a: L, b: L) => compareIsoDates(a.date, b.date) || a.stationName.localeCompare(b.stationName, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN');
  const byName = <L extends { stationName: string; name: string }>(a: L, b: L) => a.stationName.localeCompare(b.stationName, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN');
  const lists: MonthlyReport['lists'] = {
    movements: units.all.flatMap((u) => u.lists.movements).sort(byDate),
    retiringIn12Months: units.all.flatMap((u) => u.lists.retiringIn12Months).sort(byDate),
    festivalMissing: units.all.flatMap((u) => u.lists.festivalMissing).sort(byName),
    hospitalNotVisited: units.all.flatMap((u) => u.lists.hospitalNotVisited).sort(byName),
    bereavedNotVisited: units.all.flatMap((u) => u.lists.bereavedNotVisited).sort(byDate),
    annualLeaveNoneTaken: units.all.flatMap((u) => u.lists.annualLeaveNoneTaken).sort(byName),
    belowMinimumDays: units.all.flatMap((u) => u.lists.belowMinimumDays).sort((a, b) => compareIsoDates(a.date, b.date) || a.stationName.localeCompare(b.stationName, 'zh-CN')),
    honours: units.all.flatMap((u) => u.lists.honours).sort(byDate),
    nextMonth: [...nextMonthFestivals(period), ...units.all.flatMap((u) => u.lists.nextMonth)].sort(byDate),
  };
  const fingerprint = figuresFingerprint(figures, stations);
  return {
    month: period.month,
    from: period.from,
    to: period.to,
    scope: resolved.scope,
    generatedOn: today,
    ...reportSignatureOf(deps),
    figures,
    lists,
    leave: { notes: leaveNotes },
    stations,
    incompleteStations: resolved.atBureau ? incompleteStationsOf(requireLocalStation(deps.store).code, period, stations) : [],
    fingerprint,
    history: issuedReports(deps.store, period.month, resolved.scope.code, { fingerprint, figures }),
  };
}
