import { chinaDateTimeOf } from '../../shared/china-date';
import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import { parseHlc, siteOfHlc } from '../../shared/hybrid-logical-clock';
import type { SyncConflictItem } from '../../shared/sync-record';
import { fieldVersionOf, userOfChange } from '../../db/change-log';
import type { LedgerStore } from '../../db/ledger-store';
import type { SyncConflictTable } from '../../db/schema';
import { syncedTableSpec, type FieldValue } from '../../db/synced-tables';
import { writeRecord } from '../../db/write-path';
import type { AppDeps } from '../app-deps';
import { localStation } from '../station/local-station';
import { displayValueOf, fieldLabelOf, recordLabelOf, tableLabelOf } from './sync-labels';

/**
 * The conflict list (需要核对的冲突): values that lost against a concurrent edit, kept by the write
 * path in `sync_conflict`. Resolving with the other value is an ordinary edit, which syncs.
 */

function timeOfHlc(hlc: string): string {
  const parts = parseHlc(hlc);
  return parts ? chinaDateTimeOf(parts.millis) : '';
}

function siteUnit(store: LedgerStore, siteId: string): { code: string | null; name: string | null } {
  if (siteId === store.siteId) {
    const own = localStation(store);
    return { code: own?.code ?? null, name: own?.name ?? null };
  }
  const peer = store.sqlite.prepare('SELECT code, name FROM sync_peer WHERE site_id = ?').get(siteId) as { code: string; name: string } | undefined;
  return { code: peer?.code ?? null, name: peer?.name ?? null };
}

function toItem(store: LedgerStore, row: SyncConflictTable): SyncConflictItem {
  const spec = syncedTableSpec(row.tbl);
  const inSchema = spec !== undefined && row.col in spec.columns;
  const current = inSchema
    ? (store.sqlite.prepare(`SELECT "${row.col}" AS value FROM "${row.tbl}" WHERE id = ?`).get(row.row_id) as { value: FieldValue } | undefined)
    : undefined;
  const currentHlc = (inSchema ? fieldVersionOf(store, row.tbl, row.row_id, row.col) : undefined) ?? row.kept_hlc;
  const currentUser = currentHlc === row.kept_hlc ? row.kept_user : userOfChange(store, currentHlc, row.tbl, row.row_id);
  const other = siteUnit(store, row.lost_site_id || siteOfHlc(row.lost_hlc));
  return {
    id: row.id,
    table: row.tbl,
    tableLabel: tableLabelOf(row.tbl),
    rowId: row.row_id,
    recordLabel: recordLabelOf(store, row.tbl, row.row_id),
    column: row.col,
    fieldLabel: fieldLabelOf(row.tbl, row.col),
    currentValue: displayValueOf(row.tbl, row.col, current ? JSON.stringify(current.value) : row.kept_value),
    currentBy: currentUser,
    currentAt: timeOfHlc(currentHlc),
    otherValue: displayValueOf(row.tbl, row.col, row.lost_value),
    otherBy: row.lost_user,
    otherAt: timeOfHlc(row.lost_hlc),
    otherSiteCode: other.code,
    otherSiteName: other.name,
    detectedAt: row.detected_at,
    resolvedAt: row.resolved_at,
  };
}

/** Conflicts to review, newest first (resolved ones too when asked). */
export function listConflicts(store: LedgerStore, includeResolved: boolean): SyncConflictItem[] {
  const rows = store.sqlite
    .prepare(`SELECT * FROM sync_conflict ${includeResolved ? '' : 'WHERE resolved_at IS NULL'} ORDER BY detected_at DESC, lost_hlc DESC`)
    .all() as SyncConflictTable[];
  return rows.map((row) => toItem(store, row));
}

/** Open conflicts. */
export function openConflictCount(store: LedgerStore): number {
  return (store.sqlite.prepare('SELECT count(*) AS n FROM sync_conflict WHERE resolved_at IS NULL').get() as { n: number }).n;
}

/**
 * Resolves a conflict: `current` keeps the value in force; `other` writes the value that lost, as
 * an ordinary edit of this clerk (it syncs, and wins over the value it replaces everywhere).
 */
export function resolveConflict(deps: AppDeps, id: string, keep: 'current' | 'other'): SyncConflictItem {
  const { store } = deps;
  const row = store.sqlite.prepare('SELECT * FROM sync_conflict WHERE id = ?').get(id) as SyncConflictTable | undefined;
  if (!row) throw new AppError(commonErrorCodes.notFound, '找不到这条冲突记录（可能已被处理），请刷新后重试。');
  store.transaction(() => {
    if (keep === 'other') {
      const spec = syncedTableSpec(row.tbl);
      if (!spec || !(row.col in spec.columns)) {
        throw new AppError(commonErrorCodes.invalidArgument, `本程序已不再使用字段 ${row.tbl}.${row.col}，无法改用另一方的值，请选择“保留当前值”。`);
      }
      writeRecord(store, deps.user, row.tbl, row.row_id, { [row.col]: JSON.parse(row.lost_value) as FieldValue });
    }
    store.sqlite.prepare('UPDATE sync_conflict SET resolved_at = ?, resolved_by = ? WHERE id = ?').run(store.nowText(), deps.user.userName, id);
  });
  return toItem(store, store.sqlite.prepare('SELECT * FROM sync_conflict WHERE id = ?').get(id) as SyncConflictTable);
}
