import { AppError } from '../../shared/contract/api-error';
import type { ReportScope, ReportScopeOption } from '../../shared/monthly-report';
import type { LedgerStore } from '../../db/ledger-store';
import { requireLocalStation } from '../station/local-station';
import { stationNodes, subtreeOf } from '../sync/station-tree';

/** Code of the refusal of a report for a station this installation does not know (or may not report on). */
export const UNKNOWN_REPORT_STATION = 'UNKNOWN_REPORT_STATION';

/** What a report covers: its scope and the stations it adds up. */
export interface ResolvedScope {
  scope: ReportScope;
  stations: { id: string; code: string; name: string }[];
  /** At a bureau: true (its stations' bundles tell how complete their numbers are). */
  atBureau: boolean;
}

/** The stations under this bureau (live, role station), by code; the bureau itself first when it keeps people. */
function bureauStations(store: LedgerStore, bureauId: string): { id: string; code: string; name: string }[] {
  const nodes = stationNodes(store);
  const managed = subtreeOf(nodes, bureauId);
  const ownPeople = (store.sqlite.prepare('SELECT count(*) AS n FROM staff WHERE deleted_at IS NULL AND station_id = ?').get(bureauId) as { n: number }).n;
  return nodes
    .filter((n) => managed.has(n.id) && n.deleted_at === null && (n.role === 'station' || (n.id === bureauId && ownPeople > 0)))
    .map((n) => ({ id: n.id, code: n.code ?? '', name: n.name ?? n.code ?? '' }))
    .sort((a, b) => Number(b.id === bureauId) - Number(a.id === bureauId) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * The scope of a report: at a station, the station itself (another code is refused); at a bureau,
 * the whole city (no code) or one of its stations by code. An unknown code is refused with
 * `UNKNOWN_REPORT_STATION` and a message naming it.
 */
export function resolveReportScope(store: LedgerStore, stationCode: string | undefined): ResolvedScope {
  const own = requireLocalStation(store);
  if (own.role !== 'bureau') {
    if (stationCode && stationCode !== own.code) {
      throw new AppError(UNKNOWN_REPORT_STATION, `本机是${own.name}（${own.code}），只能生成本所的月报，不能生成「${stationCode}」的月报。`);
    }
    const station = { id: own.id, code: own.code, name: own.name };
    return { scope: { kind: 'station', code: own.code, name: own.name }, stations: [station], atBureau: false };
  }
  const stations = bureauStations(store, own.id);
  if (!stationCode) return { scope: { kind: 'city', code: own.code, name: own.name }, stations, atBureau: true };
  const station = stations.find((s) => s.code === stationCode);
  if (!station) {
    const known = stations.map((s) => `${s.code} ${s.name}`).join('、');
    throw new AppError(UNKNOWN_REPORT_STATION, `${own.name}下没有代码为「${stationCode}」的派出所。${known ? `已知的派出所：${known}。` : '还没有开通任何派出所。'}`);
  }
  return { scope: { kind: 'station', code: station.code, name: station.name }, stations: [station], atBureau: true };
}

/** The units the 月报 page offers: at a bureau 全市 and each station; at a station itself. */
export function reportScopeOptions(store: LedgerStore): ReportScopeOption[] {
  const own = requireLocalStation(store);
  if (own.role !== 'bureau') return [{ code: null, name: own.name }];
  return [{ code: null, name: `全市（${own.name}）` }, ...bureauStations(store, own.id).map((s) => ({ code: s.code, name: s.name }))];
}
