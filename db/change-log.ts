import type BetterSqlite3 from 'better-sqlite3';
import { chinaDateTimeOf } from '../shared/china-date';
import { formatIntegerHlc, hlcFromInteger, integerOfHlc, siteOfHlc } from '../shared/hybrid-logical-clock';
import { ledgerCatalog, type LedgerCatalog } from './ledger-catalog';
import type { LedgerStore } from './ledger-store';
import type { ChangeLogTable } from './schema';
import { decodeRecordKeys, decodeRowClock, hexByteAt, type FieldVersion, type RecordKey, type RowClock } from './row-clock';
import type { FieldValue } from './synced-column';

/**
 * THE CHANGE LOG, compact. Two structures (see the foundation migration):
 *
 * - `row_version`: one entry per row — its small number and its clock, the current version of
 *   each field (db/row-clock.ts). Answers "the current version of this field".
 * - `change_log`: one record per write of a row, append-only, keyed (origin site number, integer
 *   timestamp, row number): "what changed since this peer acknowledged" is a range of the key per
 *   origin, "who changed what in this row" the index on `row_no`. A record holds
 *   - `cols`: the columns written, one byte each (numbers from `ledger_column`);
 *   - `vals`: the values the record keeps, a JSON object by column number — null when it keeps
 *     none. A value is kept only once it is no longer the row's: overwritten by a later write,
 *     lost on arrival, or voided. While a record is a field's current winner its value is the
 *     row's and is stored nowhere else (no value in two tables). The write path keeps that
 *     invariant: before a field's winner changes, the old winner's value moves from the row into
 *     its record (`keepOverwrittenValues`);
 *   - `prev`: per column the field's version the writer had seen, `[hlc, siteNo]` or null — the
 *     whole column null when none had one (a new row);
 *   - `lost`: per column 1 when the value lost against a newer version on arrival — null when all
 *     took effect;
 *   - `voided`: 1 when its site re-dated it (clock repair): kept, never sent, never wins;
 *   - `replaces`: on a re-dated write, the timestamp (same site) of the write it replaces;
 *   - `recorded_at`: when it arrived here (epoch ms) — null for this site's own writes, whose
 *     timestamp is when they were made.
 * This module reads and writes records; the merge rules are the write path's (db/write-path.ts).
 */

/** A record as stored (the table's row; `voided` as read back). */
export type StoredRecord = Omit<ChangeLogTable, 'voided'> & { voided: number };

/** A record, unpacked. */
export interface ChangeRecord {
  siteNo: number;
  hlc: number;
  rowNo: number;
  userNo: number;
  cols: number[];
  /** Per column the value this record keeps; `undefined` where the value is the row's (see `vals` above). */
  vals: (FieldValue | undefined)[];
  prev: (FieldVersion | null)[];
  lost: boolean[];
  voided: boolean;
  replaces: number | null;
  recordedAt: number | null;
}

/** A row's entry in `row_version`. */
export interface RowVersionEntry {
  rowNo: number;
  clock: RowClock;
  /** The keys of the row's records, in the order they were logged. */
  history: RecordKey[];
  ownersSeen: string[] | null;
}

/** A record as {@link ChangeLogStatements.siteAfterHex} reads it: its columns as `hex(cols)`. */
export type StoredHexRecord = Omit<StoredRecord, 'cols'> & { cols_hex: string };

/** The column numbers of `hex(cols)`. */
function columnsOfHex(hex: string): number[] {
  const cols: number[] = new Array(hex.length / 2);
  for (let i = 0; i < cols.length; i += 1) cols[i] = hexByteAt(hex, i);
  return cols;
}

/**
 * A record as a bundle sends it: what travels, its kept values and predecessors unpacked only when
 * it has any (most records have neither: a first bundle reads tens of thousands). A
 * {@link ChangeRecord} is one too.
 */
export interface OutgoingRecord {
  siteNo: number;
  hlc: number;
  rowNo: number;
  userNo: number;
  cols: number[];
  /** The columns as read with `hex(cols)`, when read so: a cheap key of the column list. */
  colsKey?: string;
  /** Per column the value the record keeps (undefined: the row's); null when it keeps none. */
  vals: (FieldValue | undefined)[] | null;
  /** Per column the version the writer had seen; null when none had one. */
  prev: (FieldVersion | null)[] | null;
  voided: boolean;
  replaces: number | null;
}

/** An {@link OutgoingRecord} of a record read with its columns as hex. */
export function outgoingRecordOf(stored: StoredHexRecord): OutgoingRecord {
  const cols = columnsOfHex(stored.cols_hex);
  return {
    siteNo: stored.site_no,
    hlc: stored.hlc,
    rowNo: stored.row_no,
    userNo: stored.user_no,
    cols,
    colsKey: stored.cols_hex,
    vals: stored.vals === null ? null : keptValuesOf(cols, stored.vals),
    prev: stored.prev === null ? null : prevVersionsOf(cols, stored.prev),
    voided: stored.voided === 1,
    replaces: stored.replaces,
  };
}

/** Per column the version a stored `prev` names (null where none). */
function prevVersionsOf(cols: number[], prev: string): (FieldVersion | null)[] {
  const list = JSON.parse(prev) as ([number, number] | null)[];
  return cols.map((_, i) => {
    const entry = list[i];
    return entry ? { hlc: entry[0], site: entry[1] } : null;
  });
}

export function unpackRecord(stored: StoredRecord): ChangeRecord {
  return unpackWithColumns(stored, [...stored.cols]);
}

function unpackWithColumns(stored: Omit<StoredRecord, 'cols'>, cols: number[]): ChangeRecord {
  return {
    siteNo: stored.site_no,
    hlc: stored.hlc,
    rowNo: stored.row_no,
    userNo: stored.user_no,
    cols,
    vals: keptValuesOf(cols, stored.vals),
    // Most records (a local write, a first arrival) have neither: plain filled arrays, no closure per column.
    prev: stored.prev ? prevVersionsOf(cols, stored.prev) : new Array<FieldVersion | null>(cols.length).fill(null),
    lost: stored.lost ? cols.map((_, i) => stored.lost?.[i] === 1) : new Array<boolean>(cols.length).fill(false),
    voided: stored.voided === 1,
    replaces: stored.replaces,
    recordedAt: stored.recorded_at,
  };
}

/** Per column the value a stored `vals` keeps (undefined: the row's). */
function keptValuesOf(cols: number[], vals: string | null): (FieldValue | undefined)[] {
  if (vals === null) return new Array<FieldValue | undefined>(cols.length).fill(undefined);
  const kept = JSON.parse(vals) as Record<string, FieldValue>;
  return cols.map((col) => (Object.prototype.hasOwnProperty.call(kept, col) ? kept[col] : undefined));
}

/** The stored form of the values a record keeps: a JSON object by column number, or null for none. */
export function packKeptValues(cols: number[], vals: (FieldValue | undefined)[]): string | null {
  let kept: Record<number, FieldValue> | null = null;
  cols.forEach((col, i) => {
    const value = vals[i];
    if (value !== undefined) (kept ??= {})[col] = value;
  });
  return kept === null ? null : JSON.stringify(kept);
}

/**
 * A record's values, each the kept one or, where it keeps none, the row's (`row`: the row as it is
 * now — the record is then that field's winner, so the row holds its value).
 */
export function resolvedValues(catalog: LedgerCatalog, record: ChangeRecord, tableNo: number, row: Record<string, FieldValue> | undefined): FieldValue[] {
  return record.cols.map((col, i) => {
    const kept = record.vals[i];
    if (kept !== undefined) return kept;
    const column = catalog.columnOf(tableNo, col);
    return (column !== undefined ? row?.[column] : undefined) ?? null;
  });
}

/** The columns of `change_log` in insert order, for a packed record. */
export function packRecord(record: ChangeRecord): unknown[] {
  const anyPrev = record.prev.some((p) => p !== null);
  const anyLost = record.lost.some(Boolean);
  return [
    record.siteNo,
    record.hlc,
    record.rowNo,
    record.userNo,
    Buffer.from(record.cols),
    packKeptValues(record.cols, record.vals),
    anyPrev ? JSON.stringify(record.prev.map((p) => (p ? [p.hlc, p.site] : null))) : null,
    anyLost ? Buffer.from(record.lost.map((l) => (l ? 1 : 0))) : null,
    record.voided ? 1 : 0,
    record.replaces,
    record.recordedAt,
  ];
}

/** Prepared statements of the change log, per connection. */
export interface ChangeLogStatements {
  rowVersion: BetterSqlite3.Statement<[number, string], { row_no: number; clock: Buffer; history: Buffer; owners_seen: string | null }>;
  insertRowVersion: BetterSqlite3.Statement<[number, string, number, Buffer, Buffer, string | null]>;
  updateRowVersion: BetterSqlite3.Statement<[Buffer, Buffer, string | null, number, string]>;
  insertRecord: BetterSqlite3.Statement<unknown[]>;
  /** A local write's record: no kept values, not lost, not voided, not re-dated, recorded when made. */
  insertOwnRecord: BetterSqlite3.Statement<[number, number, number, number, Buffer, string | null]>;
  record: BetterSqlite3.Statement<[number, number, number], StoredRecord>;
  replaceFields: BetterSqlite3.Statement<[Buffer, string | null, string | null, Buffer | null, number, number, number]>;
  keepValues: BetterSqlite3.Statement<[string | null, number, number, number]>;
  voidRecord: BetterSqlite3.Statement<[number, number, number]>;
  siteAfter: BetterSqlite3.Statement<[number, number], StoredRecord>;
  /**
   * The same with each record's columns as `hex(cols)`: a bundle reads tens of thousands of records,
   * and a short string per record costs the driver far less than a Buffer.
   */
  siteAfterHex: BetterSqlite3.Statement<[number, number], StoredHexRecord>;
  newestLive: BetterSqlite3.Statement<[number], { hlc: number | null }>;
  newestLiveAtOrBefore: BetterSqlite3.Statement<[number, number], { hlc: number | null }>;
  anyOfSite: BetterSqlite3.Statement<[number], { one: number }>;
  conflict: BetterSqlite3.Statement<(string | null)[]>;
  readMeta: BetterSqlite3.Statement<[string], { value: string }>;
  writeMeta: BetterSqlite3.Statement<[string, string]>;
}

const statementCache = new WeakMap<BetterSqlite3.Database, ChangeLogStatements>();

export function changeLogStatements(sqlite: BetterSqlite3.Database): ChangeLogStatements {
  let cached = statementCache.get(sqlite);
  if (!cached) {
    cached = {
      rowVersion: sqlite.prepare('SELECT row_no, clock, history, owners_seen FROM row_version WHERE tbl_no = ? AND row_id = ?'),
      insertRowVersion: sqlite.prepare('INSERT INTO row_version (tbl_no, row_id, row_no, clock, history, owners_seen) VALUES (?, ?, ?, ?, ?, ?)'),
      updateRowVersion: sqlite.prepare('UPDATE row_version SET clock = ?, history = ?, owners_seen = ? WHERE tbl_no = ? AND row_id = ?'),
      insertRecord: sqlite.prepare(
        'INSERT INTO change_log (site_no, hlc, row_no, user_no, cols, vals, prev, lost, voided, replaces, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertOwnRecord: sqlite.prepare('INSERT INTO change_log (site_no, hlc, row_no, user_no, cols, prev) VALUES (?, ?, ?, ?, ?, ?)'),
      record: sqlite.prepare('SELECT * FROM change_log WHERE site_no = ? AND hlc = ? AND row_no = ?'),
      replaceFields: sqlite.prepare('UPDATE change_log SET cols = ?, vals = ?, prev = ?, lost = ? WHERE site_no = ? AND hlc = ? AND row_no = ?'),
      keepValues: sqlite.prepare('UPDATE change_log SET vals = ? WHERE site_no = ? AND hlc = ? AND row_no = ?'),
      voidRecord: sqlite.prepare('UPDATE change_log SET voided = 1 WHERE site_no = ? AND hlc = ? AND row_no = ?'),
      siteAfter: sqlite.prepare('SELECT * FROM change_log WHERE site_no = ? AND hlc > ? AND voided = 0 ORDER BY hlc'),
      siteAfterHex: sqlite.prepare(
        'SELECT site_no, hlc, row_no, user_no, hex(cols) AS cols_hex, vals, prev, lost, voided, replaces, recorded_at FROM change_log WHERE site_no = ? AND hlc > ? AND voided = 0 ORDER BY hlc',
      ),
      newestLive: sqlite.prepare('SELECT max(hlc) AS hlc FROM change_log WHERE site_no = ? AND voided = 0'),
      newestLiveAtOrBefore: sqlite.prepare('SELECT max(hlc) AS hlc FROM change_log WHERE site_no = ? AND voided = 0 AND hlc <= ?'),
      anyOfSite: sqlite.prepare('SELECT 1 AS one FROM change_log WHERE site_no = ? LIMIT 1'),
      conflict: sqlite.prepare(
        'INSERT INTO sync_conflict (id, tbl, row_id, col, kept_value, kept_hlc, lost_value, lost_hlc, lost_site_id, lost_user, kept_user, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      readMeta: sqlite.prepare('SELECT value FROM meta WHERE key = ?'),
      writeMeta: sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
    statementCache.set(sqlite, cached);
  }
  return cached;
}

/** A row's entry in `row_version`, or undefined when nothing was ever logged for it. */
export function rowVersionOf(sqlite: BetterSqlite3.Database, tableNo: number, rowId: string): RowVersionEntry | undefined {
  const found = changeLogStatements(sqlite).rowVersion.get(tableNo, rowId);
  if (!found) return undefined;
  return {
    rowNo: found.row_no,
    clock: decodeRowClock(found.clock),
    history: decodeRecordKeys(found.history),
    ownersSeen: found.owners_seen ? (JSON.parse(found.owners_seen) as string[]) : null,
  };
}

/** Orders records as their timestamps do: time and counter, then the site id. */
export function compareRecords(catalog: LedgerCatalog, a: { hlc: number; siteNo: number }, b: { hlc: number; siteNo: number }): number {
  if (a.hlc !== b.hlc) return a.hlc - b.hlc;
  if (a.siteNo === b.siteNo) return 0;
  return catalog.siteIdOf(a.siteNo) < catalog.siteIdOf(b.siteNo) ? -1 : 1;
}

/** A row's records (by the keys its `row_version` entry lists), in timestamp order. */
export function rowRecords(sqlite: BetterSqlite3.Database, entry: { rowNo: number; history: RecordKey[] }): ChangeRecord[] {
  const catalog = ledgerCatalog(sqlite);
  const byKey = changeLogStatements(sqlite).record;
  const records: ChangeRecord[] = [];
  for (const key of entry.history) {
    const stored = byKey.get(key.site, key.hlc, entry.rowNo);
    if (stored) records.push(unpackRecord(stored));
  }
  return records.sort((a, b) => compareRecords(catalog, a, b));
}

/** The timestamp string of a version. */
export function hlcTextOf(catalog: LedgerCatalog, version: FieldVersion): string {
  return formatIntegerHlc(version.hlc, catalog.siteIdOf(version.site));
}

/** The version of a timestamp string (its site interned), or null when malformed. */
export function versionOfHlc(catalog: LedgerCatalog, hlc: string): FieldVersion | null {
  const value = integerOfHlc(hlc);
  if (value === null) return null;
  return { hlc: value, site: catalog.siteNo(siteOfHlc(hlc)) };
}

/** The newest live (not voided) timestamp of a site's changes, as a string, or null. */
export function newestLiveChangeOf(sqlite: BetterSqlite3.Database, siteId: string): string | null {
  const siteNo = ledgerCatalog(sqlite).knownSiteNo(siteId);
  if (siteNo === undefined) return null;
  const newest = changeLogStatements(sqlite).newestLive.get(siteNo)?.hlc ?? null;
  return newest === null ? null : formatIntegerHlc(newest, siteId);
}

/** One field change as the audit trail, the routing and the tests read it. */
export interface LoggedChange {
  table: string;
  rowId: string;
  column: string;
  value: FieldValue;
  hlc: string;
  /** The field's timestamp the writer had seen. */
  prevHlc: string | null;
  siteId: string;
  userName: string;
  /** False when the value lost against a newer version on arrival (kept, listed as a conflict). */
  applied: boolean;
  voided: boolean;
  replaces: string | null;
  /** China date-time text of when it was recorded here. */
  recordedAt: string;
}

/**
 * The field changes of one record, as {@link LoggedChange}s; `row` is the row as it is now (for the
 * values the record does not keep because they are the row's).
 */
export function fieldChangesOf(
  catalog: LedgerCatalog,
  record: ChangeRecord,
  table: string,
  rowId: string,
  tableNo: number,
  row: Record<string, FieldValue> | undefined,
): LoggedChange[] {
  const values = resolvedValues(catalog, record, tableNo, row);
  const siteId = catalog.siteIdOf(record.siteNo);
  const hlc = formatIntegerHlc(record.hlc, siteId);
  const userName = catalog.userOf(record.userNo);
  const recordedAt = chinaDateTimeOf(record.recordedAt ?? hlcFromInteger(record.hlc).millis);
  const replaces = record.replaces === null ? null : formatIntegerHlc(record.replaces, siteId);
  return record.cols.map((col, i) => {
    const prev = record.prev[i];
    return {
      table,
      rowId,
      column: catalog.columnOf(tableNo, col) ?? `#${col}`,
      value: values[i],
      hlc,
      prevHlc: prev ? hlcTextOf(catalog, prev) : null,
      siteId,
      userName,
      applied: !record.lost[i],
      voided: record.voided,
      replaces,
      recordedAt,
    };
  });
}

/** Every field change logged for one row, in timestamp order (voided ones too). */
export function rowChangeHistory(store: LedgerStore, table: string, rowId: string): LoggedChange[] {
  const catalog = ledgerCatalog(store.sqlite);
  const tableNo = catalog.tableNo(table);
  const version = rowVersionOf(store.sqlite, tableNo, rowId);
  if (!version) return [];
  const row = currentRowOf(store.sqlite, table, rowId);
  return rowRecords(store.sqlite, version).flatMap((record) => fieldChangesOf(catalog, record, table, rowId, tableNo, row));
}

/** Per connection and table, the statement that reads one row by id. */
const rowReaders = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** A synced row as it is now (its table's name from the catalog, never from input), or undefined. */
export function currentRowOf(sqlite: BetterSqlite3.Database, table: string, rowId: string): Record<string, FieldValue> | undefined {
  let readers = rowReaders.get(sqlite);
  if (!readers) {
    readers = new Map();
    rowReaders.set(sqlite, readers);
  }
  let reader = readers.get(table);
  if (!reader) {
    reader = sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`);
    readers.set(table, reader);
  }
  return reader.get(rowId) as Record<string, FieldValue> | undefined;
}

/** Row number → its table and id, for reading records in bulk. */
export function rowDirectory(sqlite: BetterSqlite3.Database): Map<number, { table: string; tableNo: number; rowId: string }> {
  const catalog = ledgerCatalog(sqlite);
  const directory = new Map<number, { table: string; tableNo: number; rowId: string }>();
  for (const row of sqlite.prepare('SELECT tbl_no, row_id, row_no FROM row_version').all() as { tbl_no: number; row_id: string; row_no: number }[]) {
    directory.set(row.row_no, { table: catalog.tableOf(row.tbl_no) ?? `#${row.tbl_no}`, tableNo: row.tbl_no, rowId: row.row_id });
  }
  return directory;
}

/**
 * Every field change in the log, by origin and timestamp — for tests, checks and small ledgers;
 * the app reads by row or by origin instead.
 */
export function allLoggedChanges(store: LedgerStore): LoggedChange[] {
  const catalog = ledgerCatalog(store.sqlite);
  const directory = rowDirectory(store.sqlite);
  const records = (store.sqlite.prepare('SELECT * FROM change_log').all() as StoredRecord[]).map(unpackRecord);
  records.sort((a, b) => compareRecords(catalog, a, b));
  return records.flatMap((record) => {
    const row = directory.get(record.rowNo);
    return row ? fieldChangesOf(catalog, record, row.table, row.rowId, row.tableNo, currentRowOf(store.sqlite, row.table, row.rowId)) : [];
  });
}

/** How many field changes the log holds (voided ones too). */
export function loggedFieldCount(store: LedgerStore): number {
  return (store.sqlite.prepare('SELECT coalesce(sum(length(cols)), 0) AS n FROM change_log').get() as { n: number }).n;
}

/** The current version (timestamp string) of one field, or undefined when it has none. */
export function fieldVersionOf(store: LedgerStore, table: string, rowId: string, column: string): string | undefined {
  const catalog = ledgerCatalog(store.sqlite);
  const tableNo = catalog.tableNo(table);
  const version = rowVersionOf(store.sqlite, tableNo, rowId)?.clock.get(catalog.columnNo(tableNo, column));
  return version ? hlcTextOf(catalog, version) : undefined;
}

/** The record written at `hlc` to a row, or undefined. */
function recordAt(store: LedgerStore, hlc: string, table: string, rowId: string): ChangeRecord | undefined {
  const catalog = ledgerCatalog(store.sqlite);
  const value = integerOfHlc(hlc);
  const siteNo = catalog.knownSiteNo(siteOfHlc(hlc));
  if (value === null || siteNo === undefined) return undefined;
  const version = rowVersionOf(store.sqlite, catalog.tableNo(table), rowId);
  if (!version) return undefined;
  const stored = changeLogStatements(store.sqlite).record.get(siteNo, value, version.rowNo);
  return stored ? unpackRecord(stored) : undefined;
}

/** Whether the log holds the change of `column` at `hlc` (a duplicate, whoever sends it again). */
export function isLoggedChange(store: LedgerStore, hlc: string, table: string, rowId: string, column: string): boolean {
  const record = recordAt(store, hlc, table, rowId);
  if (!record) return false;
  const catalog = ledgerCatalog(store.sqlite);
  return record.cols.includes(catalog.columnNo(catalog.tableNo(table), column));
}

/** The columns the log holds of the write at `hlc` to a row (none when it holds no such write). */
export function loggedColumnsAt(store: LedgerStore, hlc: string, table: string, rowId: string): string[] {
  const record = recordAt(store, hlc, table, rowId);
  if (!record) return [];
  const catalog = ledgerCatalog(store.sqlite);
  const tableNo = catalog.tableNo(table);
  return record.cols.map((col) => catalog.columnOf(tableNo, col) ?? `#${col}`);
}

/** The user who wrote the change at `hlc` to a row ('' when unknown). */
export function userOfChange(store: LedgerStore, hlc: string, table: string, rowId: string): string {
  const record = recordAt(store, hlc, table, rowId);
  return record ? ledgerCatalog(store.sqlite).userOf(record.userNo) : '';
}

/** Whether any change of the site with timestamp `hlc` is voided (re-dated by its site). */
export function isVoidedTimestamp(store: LedgerStore, hlc: string): boolean {
  const value = integerOfHlc(hlc);
  const siteNo = ledgerCatalog(store.sqlite).knownSiteNo(siteOfHlc(hlc));
  if (value === null || siteNo === undefined) return false;
  return store.sqlite.prepare('SELECT 1 FROM change_log WHERE site_no = ? AND hlc = ? AND voided = 1 LIMIT 1').get(siteNo, value) !== undefined;
}

/** Whether the log holds any change made on the PC `siteId`. */
export function hasChangesFromSite(store: LedgerStore, siteId: string): boolean {
  const siteNo = ledgerCatalog(store.sqlite).knownSiteNo(siteId);
  return siteNo !== undefined && changeLogStatements(store.sqlite).anyOfSite.get(siteNo) !== undefined;
}

/**
 * The newest live change this installation holds from each origin (a voided, re-dated change does
 * not count: its wrong date would tell peers they hold what they do not).
 */
export function newestLiveChanges(store: LedgerStore): Record<string, string> {
  const marks: Record<string, string> = {};
  const stmts = changeLogStatements(store.sqlite);
  for (const [siteNo, siteId] of ledgerCatalog(store.sqlite).sites()) {
    const newest = stmts.newestLive.get(siteNo)?.hlc;
    if (newest !== null && newest !== undefined) marks[siteId] = formatIntegerHlc(newest, siteId);
  }
  return marks;
}

/** How many of a site's live field changes are stamped after `after`. */
export function liveChangesAfter(store: LedgerStore, siteId: string, after: string): number {
  const siteNo = ledgerCatalog(store.sqlite).knownSiteNo(siteId);
  const bound = integerOfHlc(after);
  if (siteNo === undefined || bound === null) return 0;
  return (
    store.sqlite.prepare('SELECT coalesce(sum(length(cols)), 0) AS n FROM change_log WHERE site_no = ? AND hlc > ? AND voided = 0').get(siteNo, bound) as { n: number }
  ).n;
}

/** Every owner (station id) a row has ever had in the log, oldest first by timestamp (live changes). */
export function ownerHistoryOf(store: LedgerStore, table: string, rowId: string): { hlc: string; owner: FieldValue }[] {
  return rowChangeHistory(store, table, rowId)
    .filter((change) => change.column === 'station_id' && !change.voided)
    .map((change) => ({ hlc: change.hlc, owner: change.value }));
}

/** Rows that have had more than one owner: table, id and every owner they had. */
export function movedRows(store: LedgerStore): { table: string; rowId: string; owners: string[] }[] {
  const catalog = ledgerCatalog(store.sqlite);
  const rows = store.sqlite.prepare('SELECT tbl_no, row_id, owners_seen FROM row_version WHERE owners_seen IS NOT NULL').all() as {
    tbl_no: number;
    row_id: string;
    owners_seen: string;
  }[];
  return rows.map((row) => ({ table: catalog.tableOf(row.tbl_no) ?? `#${row.tbl_no}`, rowId: row.row_id, owners: JSON.parse(row.owners_seen) as string[] }));
}

/** The live changes of one origin after a timestamp (all of them for null), in timestamp order. */
export function* siteChangesAfter(store: LedgerStore, siteId: string, after: string | null, directory = rowDirectory(store.sqlite)): Generator<LoggedChange> {
  const catalog = ledgerCatalog(store.sqlite);
  const siteNo = catalog.knownSiteNo(siteId);
  if (siteNo === undefined) return;
  const bound = after ? (integerOfHlc(after) ?? Number.MIN_SAFE_INTEGER) : Number.MIN_SAFE_INTEGER;
  // all(), not iterate(): the rows are read while going through the records.
  for (const stored of changeLogStatements(store.sqlite).siteAfter.all(siteNo, bound)) {
    const record = unpackRecord(stored);
    const row = directory.get(record.rowNo);
    if (row) yield* fieldChangesOf(catalog, record, row.table, row.rowId, row.tableNo, currentRowOf(store.sqlite, row.table, row.rowId));
  }
}

/** The current version of every field of every row, sorted by table, row and column — for checks and tests. */
export function allFieldVersions(store: LedgerStore): { table: string; rowId: string; column: string; hlc: string }[] {
  const catalog = ledgerCatalog(store.sqlite);
  const versions: { table: string; rowId: string; column: string; hlc: string }[] = [];
  for (const row of store.sqlite.prepare('SELECT tbl_no, row_id, clock FROM row_version').all() as { tbl_no: number; row_id: string; clock: Buffer }[]) {
    const table = catalog.tableOf(row.tbl_no) ?? `#${row.tbl_no}`;
    for (const [col, version] of decodeRowClock(row.clock)) {
      versions.push({ table, rowId: row.row_id, column: catalog.columnOf(row.tbl_no, col) ?? `#${col}`, hlc: hlcTextOf(catalog, version) });
    }
  }
  const key = (v: { table: string; rowId: string; column: string }) => `${v.table}\u0000${v.rowId}\u0000${v.column}`;
  return versions.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * Where the log breaks its storage rule (see the top of this file): a record that keeps no value
 * for a column must be that field's current winner, a voided record keeps all its values, and a
 * Returns one line per breach — empty when the rule holds.
 * For checks and tests: it reads every record.
 */
export function valueStorageProblems(store: LedgerStore): string[] {
  const catalog = ledgerCatalog(store.sqlite);
  const problems: string[] = [];
  for (const entry of store.sqlite.prepare('SELECT tbl_no, row_id, row_no, clock, history FROM row_version').all() as {
    tbl_no: number;
    row_id: string;
    row_no: number;
    clock: Buffer;
    history: Buffer;
  }[]) {
    const clock = decodeRowClock(entry.clock);
    const table = catalog.tableOf(entry.tbl_no) ?? `#${entry.tbl_no}`;
    for (const record of rowRecords(store.sqlite, { rowNo: entry.row_no, history: decodeRecordKeys(entry.history) })) {
      record.cols.forEach((col, i) => {
        if (record.vals[i] !== undefined) return;
        const winner = clock.get(col);
        const isWinner = winner !== undefined && winner.hlc === record.hlc && winner.site === record.siteNo;
        if (record.voided || !isWinner) {
          problems.push(`${table} ${entry.row_id} ${catalog.columnOf(entry.tbl_no, col) ?? col} @${formatIntegerHlc(record.hlc, catalog.siteIdOf(record.siteNo))}: keeps no value but is ${record.voided ? 'voided' : 'not the winner'}`);
        }
      });
    }
  }
  return problems;
}
