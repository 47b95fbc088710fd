import type { Generated } from 'kysely';
import type { StaffTables } from './staff-schema';
import type { SyncTables } from './sync-schema';

/**
 * The Kysely `Database` interface: one interface per table. Synced tables (everything a station
 * records) share the shape of `SyncedRow`; local tables (meta, change log, row versions,
 * conflicts) never leave this installation.
 */

/** Columns every synced table has. Deletes are a tombstone (`deleted_at`), never `DELETE`. */
export interface SyncedRow {
  id: string;
  /** The owning station's `station.id`; reference data of the bureau carries the bureau's id. */
  station_id: string | null;
  /** Tombstone: China date-time of the delete, or null while the row is live. */
  deleted_at: string | null;
}

/** A station or bureau: this installation's own and, at a bureau, those under it. */
export interface StationTable extends SyncedRow {
  code: string | null;
  name: string | null;
  role: string | null;
  /** The code of the bureau this station reports to. */
  parent_code: string | null;
}

/** A setting; its id is deterministic (`setting:<key>`) so every site edits the same row. */
export interface SettingTable extends SyncedRow {
  key: string | null;
  /** JSON text of the value. */
  value: string | null;
}

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
  vals: string;
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

export interface Database extends StaffTables, SyncTables {
  meta: MetaTable;
  station: StationTable;
  setting: SettingTable;
  change_log: ChangeLogTable;
  row_version: RowVersionTable;
  ledger_site: LedgerSiteTable;
  ledger_table: LedgerTableTable;
  ledger_column: LedgerColumnTable;
  ledger_user: LedgerUserTable;
  sync_conflict: SyncConflictTable;
}
