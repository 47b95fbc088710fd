import { syncedTableNames, syncedTableSpec } from './synced-tables';
import type { LedgerStore } from './ledger-store';

/** Result of a full check of a ledger file. */
export interface StoreCheck {
  ok: boolean;
  integrity: string;
  foreignKeyProblems: number;
  /** Change-log rows whose table or column no longer exists in the schema. */
  orphanChanges: number;
}

/** Runs SQLite's integrity and foreign-key checks and checks the change log against the schema. */
export function checkStore(store: LedgerStore): StoreCheck {
  const integrity = String(store.sqlite.pragma('integrity_check', { simple: true }));
  const foreignKeyProblems = (store.sqlite.pragma('foreign_key_check') as unknown[]).length;
  const tables = syncedTableNames();
  const placeholders = tables.map(() => '?').join(', ');
  const orphanChanges = (
    store.sqlite
      .prepare(
        `SELECT coalesce(sum(length(c.cols)), 0) AS n FROM change_log c
         LEFT JOIN (SELECT rv.row_no FROM row_version rv JOIN ledger_table t ON t.no = rv.tbl_no WHERE t.name IN (${placeholders})) known ON known.row_no = c.row_no
         WHERE known.row_no IS NULL`,
      )
      .get(...tables) as { n: number }
  ).n;
  return { ok: integrity === 'ok' && foreignKeyProblems === 0 && orphanChanges === 0, integrity, foreignKeyProblems, orphanChanges };
}

/** Live (not tombstoned) rows of one synced table, per owning station. */
export interface TableCount {
  table: string;
  label: string;
  stationId: string | null;
  stationCode: string | null;
  stationName: string | null;
  rows: number;
}

/** Live row counts of every synced table, per station. */
export function countLiveRows(store: LedgerStore): TableCount[] {
  const counts: TableCount[] = [];
  for (const table of syncedTableNames()) {
    const rows = store.sqlite
      .prepare(
        `SELECT t.station_id AS stationId, s.code AS stationCode, s.name AS stationName, count(*) AS rows
         FROM "${table}" t LEFT JOIN station s ON s.id = t.station_id
         WHERE t.deleted_at IS NULL GROUP BY t.station_id ORDER BY s.code`,
      )
      .all() as Omit<TableCount, 'table' | 'label'>[];
    for (const row of rows) counts.push({ table, label: syncedTableSpec(table)?.label ?? table, ...row });
  }
  return counts;
}
