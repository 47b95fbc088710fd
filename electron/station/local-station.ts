import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import type { StationInfo } from '../../shared/contract/app-contract';
import { getMeta, type LedgerStore } from '../../db/ledger-store';

/** Meta key of this installation's own station row id. */
export const META_LOCAL_STATION = 'local_station_id';
/** Meta key of the operator's name (经办人), shown in the change log. */
export const META_OPERATOR = 'operator_name';

/** Reads a station row by id. */
export function stationById(store: LedgerStore, id: string): StationInfo | null {
  const row = store.sqlite
    .prepare('SELECT id, code, name, role FROM station WHERE id = ? AND deleted_at IS NULL')
    .get(id) as StationInfo | undefined;
  return row ?? null;
}

/** This installation's own station, or null before the setup wizard has run. */
export function localStation(store: LedgerStore): StationInfo | null {
  const id = getMeta(store, META_LOCAL_STATION);
  return id ? stationById(store, id) : null;
}

/** This installation's own station; throws `NOT_SET_UP` with a clear message before setup. */
export function requireLocalStation(store: LedgerStore): StationInfo {
  const station = localStation(store);
  if (!station) throw new AppError(commonErrorCodes.notSetUp, '本机还没有设置单位信息，请先完成首次设置向导。');
  return station;
}
