import type { Generated } from 'kysely';
import type { settingTable, stationTable } from '../shared/foundation-tables';
import type { syncedTableDefinitions } from '../shared/synced-table-catalog';
import type { ColumnDefinition } from '../shared/synced-table-definition';
import type { SyncTables } from './sync-schema';
import type { ReportTables } from './report-schema';
import type { AccountTables } from './account-schema';

/**
 * The Kysely `Database` interface: one interface per table. Synced tables (everything a station
 * records) are typed from their definitions (`SyncedRowOf`); local tables (meta, change log, row
 * versions, conflicts) never leave this installation.
 */

/**
 * The row of a synced table as SQLite holds it, mapped from its definition: `id` and every defined
 * column, TEXT as `string | null`, INTEGER as `number | null` (every synced column is nullable: a
 * row may arrive field by field). Booleans are 0/1 integers; dates are `YYYY-MM-DD` text.
 */
export type SyncedRowOf<D extends { columns: Record<string, ColumnDefinition> }> = { id: string } & {
  [K in keyof D['columns']]: D['columns'][K]['sql'] extends 'integer' ? number | null : string | null;
};

/** Columns every synced table has. Deletes are a tombstone (`deleted_at`), never `DELETE`. */
export interface SyncedRow {
  id: string;
  /** The owning station's `station.id`; reference data of the bureau carries the bureau's id. */
  station_id: string | null;
  /** Tombstone: China date-time of the delete, or null while the row is live. */
  deleted_at: string | null;
}

/** A station or bureau: this installation's own and, at a bureau, those under it. */
export type StationTable = SyncedRowOf<typeof stationTable>;

/** A setting; its id is deterministic (`setting:<key>`) so every site edits the same row. */
export type SettingTable = SyncedRowOf<typeof settingTable>;

/** Local key/value facts of this installation: site id, own station id, operator. */
export interface MetaTable {
  key: string;
  value: string;
}

/** The change log: one record per write of a row (see db/change-log.ts for the packed columns). */
export interface ChangeLogTable {
  site_no: number;
  hlc: number;
  row_no: number;
  user_no: number;
  cols: Buffer;
  vals: string | null;
  prev: string | null;
  lost: Buffer | null;
  voided: Generated<number>;
  replaces: number | null;
  recorded_at: number | null;
}

/** The current version of every field of a row: its clock (db/row-clock.ts). */
export interface RowVersionTable {
  tbl_no: number;
  row_id: string;
  row_no: number;
  clock: Buffer;
  owners_seen: string | null;
}

/** Interned site ids, table names, column names and user names (db/ledger-catalog.ts). */
export interface LedgerSiteTable {
  no: Generated<number>;
  site_id: string;
}
export interface LedgerTableTable {
  no: Generated<number>;
  name: string;
}
export interface LedgerColumnTable {
  tbl_no: number;
  no: number;
  name: string;
}
export interface LedgerUserTable {
  no: Generated<number>;
  name: string;
}

/** A value that lost against a concurrent edit: kept for the clerk to review. */
export interface SyncConflictTable {
  id: string;
  tbl: string;
  row_id: string;
  col: string;
  kept_value: string;
  kept_hlc: string;
  lost_value: string;
  lost_hlc: string;
  lost_site_id: string;
  lost_user: string;
  kept_user: string;
  detected_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

/** Every synced table of the catalog, by name, with its row type mapped from its definition. */
export type SyncedTables = { [D in (typeof syncedTableDefinitions)[number] as D['name']]: SyncedRowOf<D> };

export interface Database extends SyncedTables, SyncTables, ReportTables, AccountTables {
  meta: MetaTable;
  change_log: ChangeLogTable;
  row_version: RowVersionTable;
  ledger_site: LedgerSiteTable;
  ledger_table: LedgerTableTable;
  ledger_column: LedgerColumnTable;
  ledger_user: LedgerUserTable;
  sync_conflict: SyncConflictTable;
}
