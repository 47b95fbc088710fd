import type BetterSqlite3 from 'better-sqlite3';
import { syncedTableNames, syncedTableSpec } from '../../db/synced-tables';

/** Live (not deleted) records of one kind in a ledger. */
export interface RecordCount {
  table: string;
  label: string;
  rows: number;
}

/** Live records per kind (every synced table, all stations) of a ledger connection — the restore preview compares two. */
export function recordCountsOf(sqlite: BetterSqlite3.Database): RecordCount[] {
  const existing = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));
  return syncedTableNames()
    .filter((table) => existing.has(table))
    .map((table) => ({
      table,
      label: syncedTableSpec(table)?.label ?? table,
      rows: (sqlite.prepare(`SELECT count(*) AS n FROM "${table}" WHERE deleted_at IS NULL`).get() as { n: number }).n,
    }));
}
