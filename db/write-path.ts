import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../shared/contract/api-error';
import { chinaDateTimeOf } from '../shared/china-date';
import { formatIntegerHlc, hlcToInteger, integerOfHlc, parseHlc, siteOfHlc } from '../shared/hybrid-logical-clock';
import {
  changeLogStatements,
  compareRecords,
  currentRowOf,
  hlcTextOf,
  packKeptValues,
  packRecord,
  rowDirectory,
  rowRecords,
  resolvedValues,
  rowVersionOf,
  unpackRecord,
  versionOfHlc,
  type ChangeRecord,
  type RowVersionEntry,
} from './change-log';
import { ledgerCatalog, type LedgerCatalog } from './ledger-catalog';
import type { LedgerStore } from './ledger-store';
import { encodeRecordKeys, encodeRowClock, encodeSingleVersionClock, type FieldVersion, type RecordKey, type RowClock } from './row-clock';
import { syncedTableSpec, type FieldValue } from './synced-tables';

/**
 * THE ONE WRITE PATH. Every insert, update and tombstone of a synced table — a clerk's edit or a
 * change imported from a sync bundle — goes through `writeRecord` / `tombstoneRecord` /
 * `applyRemoteChanges` below, which write the row and append to the change log in one
 * transaction. Current values are the per-field last-writer-wins result by hybrid logical clock,
 * the site id (the timestamp's suffix) breaking ties. A value that loses against a concurrent edit
 * is kept in `sync_conflict` for the clerk, never silently dropped. How the log is stored — one
 * record per write of a row, a clock per row — is db/change-log.ts and db/row-clock.ts.
 * Every committed transaction that wrote rows is announced once (`store.onDataChanged`).
 */

/** Who is writing: the user's name goes into the change log (the audit trail). */
export interface WriteActor {
  userName: string;
}

/** One field change as it travels in a sync bundle. */
export interface FieldChange {
  table: string;
  rowId: string;
  column: string;
  value: FieldValue;
  hlc: string;
  /** The field's timestamp the writer had seen (null for a first write). */
  prevHlc: string | null;
  userName: string;
  /**
   * On a change re-dated by its site's clock repair: the timestamp of the change it replaces (same
   * site, later date). The replaced change is voided wherever it is, or arrives already voided.
   */
  replaces?: string | null;
}

/**
 * One write of a row as it travels in a sync bundle: the columns it set at one timestamp, with
 * their values and the versions the writer had seen, in the same order. The import judges and
 * applies writes, not single fields (a first bundle has ten times fewer writes than fields).
 */
export interface RemoteWrite {
  table: string;
  rowId: string;
  hlc: string;
  userName: string;
  /** On a write re-dated by its site's clock repair: the timestamp of the write it replaces. */
  replaces: string | null;
  columns: string[];
  values: FieldValue[];
  /** Per column the field's timestamp the writer had seen (null for a first write). */
  prevHlcs: (string | null)[];
}

/** The single-field changes of a write, in its column order. */
export function fieldChangesOfWrite(write: RemoteWrite): FieldChange[] {
  return write.columns.map((column, i) => ({
    table: write.table,
    rowId: write.rowId,
    column,
    value: write.values[i],
    hlc: write.hlc,
    prevHlc: write.prevHlcs[i],
    userName: write.userName,
    replaces: write.replaces,
  }));
}

/** A write with only some of its columns (by index), or the write itself when it keeps them all. */
export function writeWithColumns(write: RemoteWrite, keep: number[]): RemoteWrite {
  if (keep.length === write.columns.length) return write;
  return { ...write, columns: keep.map((i) => write.columns[i]), values: keep.map((i) => write.values[i]), prevHlcs: keep.map((i) => write.prevHlcs[i]) };
}

/** Groups single-field changes into writes (timestamp and row), in the order first seen. */
export function writesOfChanges(changes: FieldChange[]): RemoteWrite[] {
  const writes = new Map<string, RemoteWrite>();
  for (const change of changes) {
    const key = `${change.hlc}\u0000${change.table}\u0000${change.rowId}`;
    let write = writes.get(key);
    if (!write) {
      write = { table: change.table, rowId: change.rowId, hlc: change.hlc, userName: change.userName, replaces: change.replaces ?? null, columns: [], values: [], prevHlcs: [] };
      writes.set(key, write);
    }
    write.columns.push(change.column);
    write.values.push(change.value);
    write.prevHlcs.push(change.prevHlc);
  }
  return [...writes.values()];
}

/**
 * What happened to one incoming change: `held` when its timestamp is further ahead of this PC's
 * clock than the tolerance (not applied, not logged, the clock not moved — the import lists it).
 */
export type ApplyOutcome = 'applied' | 'lost' | 'duplicate' | 'held';

/** What happened to one incoming write, column by column. */
export interface AppliedWrite {
  write: RemoteWrite;
  outcomes: ApplyOutcome[];
  /** Per column: a conflict was recorded for review. */
  conflicts: boolean[];
  /** True when the row did not exist before this write (and the write created it). */
  createdRow: boolean;
  /**
   * The row as it was before this write, when it existed and this write set a value in it: the
   * first such write of a row in a batch holds the row as it was before the batch.
   */
  rowBefore: Record<string, FieldValue> | undefined;
}

export interface AppliedChange {
  change: FieldChange;
  outcome: ApplyOutcome;
  /** True when the row did not exist before this change. */
  createdRow: boolean;
  /** True when a conflict was recorded for review. */
  conflict: boolean;
}


/** Per-store state of the write path within one outermost transaction. */
interface WriteSession {
  /** The next free row number (read from `meta` at the first new row of a transaction). */
  nextRowNo: number | null;
  rowNoDirty: boolean;
}

const META_NEXT_ROW_NO = 'next_row_no';
const sessions = new WeakMap<LedgerStore, WriteSession>();

function sessionOf(store: LedgerStore): WriteSession {
  let session = sessions.get(store);
  if (!session) {
    const created: WriteSession = { nextRowNo: null, rowNoDirty: false };
    const catalog = ledgerCatalog(store.sqlite);
    store.addTransactionHooks({
      begin: () => {
        created.nextRowNo = null;
        created.rowNoDirty = false;
      },
      beforeCommit: () => {
        if (created.rowNoDirty && created.nextRowNo !== null) changeLogStatements(store.sqlite).writeMeta.run(META_NEXT_ROW_NO, String(created.nextRowNo));
        created.rowNoDirty = false;
        catalog.commit();
      },
      afterRollback: (outermost) => {
        catalog.rollback();
        if (outermost) created.nextRowNo = null;
      },
    });
    session = created;
    sessions.set(store, session);
  }
  return session;
}

/** A new row number (only inside a transaction: the counter is saved when it commits). */
function allocateRowNo(store: LedgerStore): number {
  const session = sessionOf(store);
  if (session.nextRowNo === null) session.nextRowNo = Number(changeLogStatements(store.sqlite).readMeta.get(META_NEXT_ROW_NO)?.value ?? 1);
  const rowNo = session.nextRowNo;
  session.nextRowNo += 1;
  session.rowNoDirty = true;
  return rowNo;
}

function requireSpec(table: string) {
  const spec = syncedTableSpec(table);
  if (!spec) throw new Error(`not a synced table: ${table}`);
  return spec;
}


/**
 * Statements whose SQL names a table or column (from the synced-table specs, never from input),
 * prepared once per connection and SQL text: preparing is a large share of a write otherwise.
 */
const dynamicStatementCache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function dynamicStatement(sqlite: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let cache = dynamicStatementCache.get(sqlite);
  if (!cache) {
    cache = new Map();
    dynamicStatementCache.set(sqlite, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = sqlite.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

const currentRow = currentRowOf;

/**
 * Writes fields of a row: one UPDATE of those columns, or one INSERT when the row is new. `shape`
 * names the column set (any string unique to table and columns; built by the caller once).
 */
function writeColumns(sqlite: BetterSqlite3.Database, table: string, rowId: string, names: string[], values: FieldValue[], rowExists: boolean, shape: string): void {
  if (names.length === 0) return;
  let writers = fieldWriters.get(sqlite);
  if (!writers) {
    writers = new Map();
    fieldWriters.set(sqlite, writers);
  }
  const key = `${rowExists ? 'U' : 'I'}${shape}`;
  let statement = writers.get(key);
  if (!statement) {
    const columns = names.map((column) => `"${column}"`);
    statement = dynamicStatement(
      sqlite,
      rowExists
        ? `UPDATE "${table}" SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`
        : `INSERT INTO "${table}" (id, ${columns.join(', ')}) VALUES (?${', ?'.repeat(columns.length)})`,
    );
    writers.set(key, statement);
  }
  if (rowExists) statement.run(...values, rowId);
  else statement.run(rowId, ...values);
}

/** {@link writeColumns} of `[column, value]` pairs. */
function writeFields(sqlite: BetterSqlite3.Database, table: string, rowId: string, fields: [string, FieldValue][], rowExists: boolean): void {
  const names = fields.map(([column]) => column);
  writeColumns(sqlite, table, rowId, names, fields.map(([, value]) => value), rowExists, `${table}\u0000${names.join('\u0000')}`);
}

/** The UPDATE / INSERT of a set of columns, by table and column list (building its SQL costs as much as running it). */
const fieldWriters = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** The owners a row has had once `owner` is logged for it, as stored (null while only one). */
function ownersSeenAfter(entry: RowVersionEntry | undefined, ownerBefore: FieldValue | undefined, owner: FieldValue): string | null {
  const seen = entry?.ownersSeen ? [...entry.ownersSeen] : typeof ownerBefore === 'string' ? [ownerBefore] : [];
  if (typeof owner === 'string' && !seen.includes(owner)) seen.push(owner);
  return seen.length >= 2 ? JSON.stringify(seen) : null;
}

/**
 * Saves a row's clock (and its owners), creating its entry when new; `logged` is the key of a
 * record just added to the log for the row (appended to the entry's history, which it updates).
 */
function saveRowVersion(
  store: LedgerStore,
  tableNo: number,
  rowId: string,
  entry: RowVersionEntry | undefined,
  rowNo: number,
  clock: RowClock,
  ownersSeen: string | null,
  logged?: RecordKey,
): void {
  const stmts = changeLogStatements(store.sqlite);
  const history = entry?.history ?? [];
  if (logged) history.push(logged);
  if (entry) stmts.updateRowVersion.run(encodeRowClock(clock), encodeRecordKeys(history), ownersSeen, tableNo, rowId);
  else stmts.insertRowVersion.run(tableNo, rowId, rowNo, encodeRowClock(clock), encodeRecordKeys(history), ownersSeen);
}

function sameVersion(a: FieldVersion | undefined | null, b: FieldVersion | undefined | null): boolean {
  return !!a && !!b && a.hlc === b.hlc && a.site === b.site;
}

/**
 * Before fields of a row get a new winner: each old winner's value moves from the row into the
 * winner's record, which keeps it from then on (the log stores a value only once it is no longer
 * the row's; see db/change-log.ts). `overwritten`: each column and its winner until now; `row`:
 * the row before the write.
 */
function keepOverwrittenValues(
  store: LedgerStore,
  tableNo: number,
  rowNo: number,
  overwritten: { col: number; winner: FieldVersion }[],
  row: Record<string, FieldValue> | undefined,
): void {
  if (!row || overwritten.length === 0) return;
  const catalog = ledgerCatalog(store.sqlite);
  const stmts = changeLogStatements(store.sqlite);
  const byRecord = new Map<string, { winner: FieldVersion; cols: number[] }>();
  for (const { col, winner } of overwritten) {
    const key = `${winner.site}:${winner.hlc}`;
    let group = byRecord.get(key);
    if (!group) {
      group = { winner, cols: [] };
      byRecord.set(key, group);
    }
    group.cols.push(col);
  }
  for (const { winner, cols } of byRecord.values()) {
    const stored = stmts.record.get(winner.site, winner.hlc, rowNo);
    if (!stored) continue;
    const record = unpackRecord(stored);
    let moved = false;
    for (const col of cols) {
      const index = record.cols.indexOf(col);
      if (index < 0 || record.vals[index] !== undefined) continue;
      const column = catalog.columnOf(tableNo, col);
      record.vals[index] = (column !== undefined ? row[column] : undefined) ?? null;
      moved = true;
    }
    if (moved) stmts.keepValues.run(packKeptValues(record.cols, record.vals), winner.site, winner.hlc, rowNo);
  }
}

/**
 * The refusal of a local write while this site's clock is further ahead of the PC's date than the
 * tolerance: the PC's date is now earlier than edits already in the ledger. Writing anyway would
 * stamp the new edit with the old, wrong-dated clock — so either the date is wrong now (the clerk
 * corrects it) or it was wrong then (the clock repair re-dates those edits). Null when all is well.
 */
export function clockBehindLedger(store: LedgerStore): AppError | null {
  const ahead = store.clock.aheadOfWallMs();
  if (ahead <= store.clockToleranceMs) return null;
  const ledgerTime = chinaDateTimeOf(parseHlc(store.clock.current())?.millis ?? store.now());
  return new AppError(
    'CLOCK_BEHIND_LEDGER',
    `电脑日期可能不对：本机现在是 ${store.nowText()}，但台账里已有 ${ledgerTime} 的修改，晚了 ${Math.ceil(ahead / 86_400_000)} 天。为免新修改被错误的时间顺序覆盖，暂不保存。请核对电脑右下角的日期：如果现在的日期不对，请改正后重新打开暖警台账；如果现在的日期是对的（以前曾经设错过），请到“数据同步”页点击“以电脑当前时间为准”。`,
    { aheadDays: Math.ceil(ahead / 86_400_000), ledgerTime },
  );
}

/**
 * Writes a clerk's edit: the given fields of one row (creating the row when it does not exist).
 * Fields whose value is already current are skipped, so saving an unchanged form, or importing the
 * same sheet twice, writes nothing. Returns the columns actually changed.
 */
export function writeRecord(
  store: LedgerStore,
  actor: WriteActor,
  table: string,
  rowId: string,
  values: Record<string, FieldValue | undefined>,
): string[] {
  if (!store.sqlite.inTransaction) return store.transaction(() => writeRecord(store, actor, table, rowId, values));
  // Everything that can refuse the write is checked before the first statement that writes, so
  // inside a caller's transaction no savepoint is needed (one per row is a large share of a bulk write).
  const spec = requireSpec(table);
  const catalog = ledgerCatalog(store.sqlite);
  const tableNo = catalog.tableNo(table);
  const entry = rowVersionOf(store.sqlite, tableNo, rowId);
  // Every row was created by this path, with its entry: no entry, no row (one lookup less per new row).
  const row = entry ? currentRow(store.sqlite, table, rowId) : undefined;
  const names: string[] = [];
  const written: FieldValue[] = [];
  const cols: number[] = [];
  for (const column in values) {
    const value = values[column];
    if (value === undefined || (row !== undefined && row[column] === value)) continue;
    if (!(column in spec.columns)) throw new Error(`not a synced column: ${table}.${column}`);
    names.push(column);
    written.push(value);
    cols.push(catalog.columnNo(tableNo, column));
  }
  if (names.length === 0) return [];
  const behind = clockBehindLedger(store);
  if (behind) throw behind;
  const stmts = changeLogStatements(store.sqlite);
  const hlc = store.clock.nextInteger();
  const siteNo = catalog.siteNo(store.siteId);
  const version: FieldVersion = { hlc, site: siteNo };
  const rowNo = entry?.rowNo ?? allocateRowNo(store);
  const userNo = catalog.userNo(actor.userName);
  const colBytes = Buffer.from(cols);
  let prevJson: string | null = null;
  let ownersSeen: string | null = null;
  if (entry) {
    const clock = entry.clock;
    const prev: (FieldVersion | null)[] = [];
    const overwritten: { col: number; winner: FieldVersion }[] = [];
    for (const col of cols) {
      const winner = clock.get(col);
      prev.push(winner ?? null);
      if (winner) overwritten.push({ col, winner });
      clock.set(col, version);
    }
    if (overwritten.length > 0) prevJson = JSON.stringify(prev.map((p) => (p ? [p.hlc, p.site] : null)));
    keepOverwrittenValues(store, tableNo, rowNo, overwritten, row);
    const ownerAt = names.indexOf('station_id');
    ownersSeen = ownerAt >= 0 ? ownersSeenAfter(entry, row?.station_id, written[ownerAt]) : entry.ownersSeen ? JSON.stringify(entry.ownersSeen) : null;
  }
  // The record keeps no value: every one it wrote is the row's now.
  stmts.insertOwnRecord.run(siteNo, hlc, rowNo, userNo, colBytes, prevJson);
  if (entry) saveRowVersion(store, tableNo, rowId, entry, rowNo, entry.clock, ownersSeen, version);
  else stmts.insertRowVersion.run(tableNo, rowId, rowNo, encodeSingleVersionClock(version, cols), encodeRecordKeys([version]), null);
  writeColumns(store.sqlite, table, rowId, names, written, row !== undefined, `${tableNo}:${colBytes.toString('latin1')}`);
  store.noteChanged(table, rowId);
  store.rememberClock();
  return names;
}

/**
 * Deletes a row the synced way: sets its tombstone, which travels like any other field. A row
 * that does not exist or is already deleted is left alone (no ghost row, no new deletion time).
 */
export function tombstoneRecord(store: LedgerStore, actor: WriteActor, table: string, rowId: string): boolean {
  requireSpec(table);
  return store.transaction(() => {
    const row = currentRow(store.sqlite, table, rowId);
    if (!row || row.deleted_at !== null) return false;
    return writeRecord(store, actor, table, rowId, { deleted_at: store.nowText() }).length > 0;
  });
}

/** Undoes a tombstone (the clerk restores a deleted row); a row that does not exist is not created. */
export function restoreRecord(store: LedgerStore, actor: WriteActor, table: string, rowId: string): boolean {
  requireSpec(table);
  return store.transaction(() => {
    if (!currentRow(store.sqlite, table, rowId)) return false;
    return writeRecord(store, actor, table, rowId, { deleted_at: null }).length > 0;
  });
}

function sameValue(a: FieldValue | undefined, b: FieldValue): boolean {
  return (a ?? null) === b;
}

/**
 * The newest live (not voided) record of a row that wrote `col`, with its value (the kept one, or
 * the row's — `row` as it is now — where the record keeps none).
 */
function bestLive(
  catalog: LedgerCatalog,
  records: ChangeRecord[],
  col: number,
  row: Record<string, FieldValue> | undefined,
  column: string | undefined,
): { version: FieldVersion; value: FieldValue } | undefined {
  let best: { version: FieldVersion; value: FieldValue | undefined } | undefined;
  for (const record of records) {
    if (record.voided) continue;
    const index = record.cols.indexOf(col);
    if (index < 0) continue;
    const version = { hlc: record.hlc, site: record.siteNo };
    if (!best || compareVersions(catalog, version, best.version) > 0) best = { version, value: record.vals[index] };
  }
  if (!best) return undefined;
  return { version: best.version, value: best.value !== undefined ? best.value : ((column !== undefined ? row?.[column] : undefined) ?? null) };
}

function compareVersions(catalog: LedgerCatalog, a: FieldVersion, b: FieldVersion): number {
  return compareRecords(catalog, { hlc: a.hlc, siteNo: a.site }, { hlc: b.hlc, siteNo: b.site });
}

/**
 * Voids the write `replaced` of a row (its site re-dated it; only a site's own write can be
 * replaced by it): kept in the log, but never a field's winner again — each field it won falls
 * back to its best live change. A write not seen yet is logged as voided already (with the
 * replacement's fields), so that when it arrives it is a duplicate and changes nothing.
 */
function voidWrite(store: LedgerStore, first: RemoteWrite, fresh: number[], replaced: string, recordedAt: number): void {
  if (siteOfHlc(replaced) !== siteOfHlc(first.hlc)) return;
  const catalog = ledgerCatalog(store.sqlite);
  const stmts = changeLogStatements(store.sqlite);
  const replacedHlc = integerOfHlc(replaced);
  if (replacedHlc === null) return;
  const siteNo = catalog.siteNo(siteOfHlc(replaced));
  const tableNo = catalog.tableNo(first.table);
  const entry = rowVersionOf(store.sqlite, tableNo, first.rowId);
  const rowNo = entry?.rowNo ?? allocateRowNo(store);
  const stored = stmts.record.get(siteNo, replacedHlc, rowNo);
  if (!stored) {
    const cols = fresh.map((i) => catalog.columnNo(tableNo, first.columns[i]));
    stmts.insertRecord.run(
      ...packRecord({
        siteNo,
        hlc: replacedHlc,
        rowNo,
        userNo: catalog.userNo(first.userName),
        cols,
        vals: fresh.map((i) => first.values[i]),
        prev: cols.map(() => null),
        lost: cols.map(() => true),
        voided: true,
        replaces: null,
        recordedAt,
      }),
    );
    const ownersSeen = entry?.ownersSeen ? JSON.stringify(entry.ownersSeen) : null;
    saveRowVersion(store, tableNo, first.rowId, entry, rowNo, entry?.clock ?? new Map(), ownersSeen, { site: siteNo, hlc: replacedHlc });
    return;
  }
  const record = unpackRecord(stored);
  if (record.voided || !entry) return;
  stmts.voidRecord.run(siteNo, replacedHlc, rowNo);
  const replacedVersion = { hlc: replacedHlc, site: siteNo };
  const wonBy = record.cols.filter((col) => sameVersion(entry.clock.get(col), replacedVersion));
  if (wonBy.length === 0) return;
  // Voided, it is no field's winner any more: it keeps the values it had in the row.
  const row = currentRow(store.sqlite, first.table, first.rowId);
  keepOverwrittenValues(store, tableNo, rowNo, wonBy.map((col) => ({ col, winner: replacedVersion })), row);
  const records = rowRecords(store.sqlite, entry);
  const fallback: [string, FieldValue][] = [];
  for (const col of wonBy) {
    const column = catalog.columnOf(tableNo, col);
    const best = bestLive(catalog, records, col, row, column);
    if (!best) {
      entry.clock.delete(col);
      continue;
    }
    entry.clock.set(col, best.version);
    if (column) fallback.push([column, best.value]);
  }
  saveRowVersion(store, tableNo, first.rowId, entry, rowNo, entry.clock, entry.ownersSeen ? JSON.stringify(entry.ownersSeen) : null);
  writeFields(store.sqlite, first.table, first.rowId, fallback, row !== undefined);
  store.noteChanged(first.table, first.rowId);
}

/** Whether a record of the row was written with `version` of column `col` in view. */
function supersededBy(records: ChangeRecord[], col: number, version: FieldVersion): boolean {
  return records.some((record) => {
    const index = record.cols.indexOf(col);
    return index >= 0 && sameVersion(record.prev[index], version);
  });
}

/**
 * Applies changes from another site — {@link applyRemoteWrites} of single-field changes grouped
 * into writes — and reports each change's outcome (tests, and held changes released later).
 */
export function applyRemoteChanges(store: LedgerStore, changes: FieldChange[], progress?: (done: number, total: number) => void): AppliedChange[] {
  const results: AppliedChange[] = [];
  for (const applied of applyRemoteWrites(store, writesOfChanges(changes), progress)) {
    const fields = fieldChangesOfWrite(applied.write);
    let firstWin = applied.createdRow;
    fields.forEach((change, i) => {
      const outcome = applied.outcomes[i];
      const createdRow = firstWin && outcome === 'applied';
      if (createdRow) firstWin = false;
      results.push({ change, outcome, createdRow, conflict: applied.conflicts[i] });
    });
  }
  return results;
}

/** A column list of an incoming write, numbered for one table. */
interface ColumnShape {
  catalog: LedgerCatalog;
  tableNo: number;
  cols: number[];
  /** The columns as the log stores them (one byte each). */
  packed: Buffer;
  /** No column twice. */
  distinct: boolean;
  /** The key of its INSERT/UPDATE statement. */
  key: string;
}

/**
 * Column lists by the array that holds them: a bundle names each list once and its writes share
 * the array (bundle-payload.ts), so the numbers, packed bytes and statement key of a list are
 * worked out once, not for each of 30,000 writes. Checked against the ledger and table (a list
 * may be named by writes of two tables, and one list applied to two ledgers in a test).
 */
const columnShapes = new WeakMap<string[], ColumnShape>();

function columnShapeOf(catalog: LedgerCatalog, table: string, tableNo: number, columns: string[]): ColumnShape {
  const known = columnShapes.get(columns);
  if (known && known.tableNo === tableNo && known.catalog === catalog) return known;
  const spec = requireSpec(table);
  for (const column of columns) if (!(column in spec.columns)) throw new Error(`not a synced column: ${table}.${column}`);
  const cols = columns.map((column) => catalog.columnNo(tableNo, column));
  const shape: ColumnShape = { catalog, tableNo, cols, packed: Buffer.from(cols), distinct: new Set(cols).size === cols.length, key: `${tableNo}:${columns.join('\u0000')}` };
  columnShapes.set(columns, shape);
  return shape;
}

/** Orders writes by timestamp (a stable sort: a row's writes at one timestamp stay in order). */
function byTimestamp(writes: RemoteWrite[]): RemoteWrite[] {
  for (let i = 1; i < writes.length; i += 1) if (writes[i - 1].hlc > writes[i].hlc) return [...writes].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  return writes;
}

/**
 * Applies writes from another site, in one transaction, through the same log and row clocks as
 * local edits: in timestamp order, one record per write of a row. A change already in the log is
 * a duplicate and changes nothing, so importing a bundle twice, or bundles in any order,
 * converges. A write stamped further ahead of this PC's clock than the tolerance is `held`: not
 * applied, not logged, and the clock does not move (so one PC's wrong date never drags this site's
 * clock into its future). A re-dated write (`replaces`) voids the write it replaces first. The
 * caller validates every change against its table schema, and its authority, first. `progress`
 * hears how many changes (fields) are done; if it throws, nothing of the batch is written.
 */
export function applyRemoteWrites(store: LedgerStore, writes: RemoteWrite[], progress?: (done: number, total: number) => void): AppliedWrite[] {
  return store.transaction(() => {
    const catalog = ledgerCatalog(store.sqlite);
    const stmts = changeLogStatements(store.sqlite);
    const recordedAt = store.now();
    const recordedText = store.nowText();
    const total = progress ? writes.reduce((sum, write) => sum + write.columns.length, 0) : 0;
    const results: AppliedWrite[] = [];
    let done = 0;
    for (const write of byTimestamp(writes)) {
      // Every 256 writes: how far it got (the caller may stop the import here: all rolls back).
      if (progress && results.length % 256 === 255) progress(done, total);
      done += write.columns.length;
      const { table, rowId, hlc } = write;
      const tableNo = catalog.tableNo(table);
      const shape = columnShapeOf(catalog, table, tableNo, write.columns);
      const cols = shape.cols;
      const outcomes = new Array<ApplyOutcome>(write.columns.length).fill('duplicate');
      const conflicts = new Array<boolean>(write.columns.length).fill(false);
      const applied: AppliedWrite = { write, outcomes, conflicts, createdRow: false, rowBefore: undefined };
      results.push(applied);
      const parts = parseHlc(hlc);
      if (!parts) throw new Error(`时间戳格式不正确：${hlc}`);
      const { siteId } = parts;
      const hlcInt = hlcToInteger(parts.millis, parts.counter);
      const siteNo = catalog.siteNo(siteId);
      const before = rowVersionOf(store.sqlite, tableNo, rowId);
      if (!before && !write.replaces && shape.distinct) {
        // A row this ledger has never seen, written whole (most of a first bundle): every field wins.
        if (!store.clock.observeRemoteParts(parts)) {
          outcomes.fill('held');
          continue;
        }
        const rowNo = allocateRowNo(store);
        const incoming: FieldVersion = { hlc: hlcInt, site: siteNo };
        let prevJson: string | null = null;
        if (write.prevHlcs.some((p) => p !== null)) prevJson = JSON.stringify(write.prevHlcs.map((p) => (p ? versionOfHlc(catalog, p) : null)).map((v) => (v ? [v.hlc, v.site] : null)));
        stmts.insertRecord.run(siteNo, hlcInt, rowNo, catalog.userNo(write.userName), shape.packed, null, prevJson, null, 0, null, recordedAt);
        stmts.insertRowVersion.run(tableNo, rowId, rowNo, encodeSingleVersionClock(incoming, cols), encodeRecordKeys([incoming]), null);
        outcomes.fill('applied');
        applied.createdRow = true;
        writeColumns(store.sqlite, table, rowId, write.columns, write.values, false, shape.key);
        store.noteChanged(table, rowId);
        continue;
      }
      const existingStored = before ? stmts.record.get(siteNo, hlcInt, before.rowNo) : undefined;
      const existing = existingStored ? unpackRecord(existingStored) : undefined;
      const fresh: number[] = [];
      cols.forEach((col, i) => {
        if (!existing?.cols.includes(col) && !fresh.some((f) => cols[f] === col)) fresh.push(i);
      });
      if (fresh.length === 0) continue;
      if (!store.clock.observeRemoteParts(parts)) {
        for (const i of fresh) outcomes[i] = 'held';
        continue;
      }
      if (write.replaces) voidWrite(store, write, fresh, write.replaces, recordedAt);
      const entry = write.replaces ? rowVersionOf(store.sqlite, tableNo, rowId) : before;
      const rowNo = entry?.rowNo ?? allocateRowNo(store);
      const clock: RowClock = entry?.clock ?? new Map();
      // Every row was created by this path, with its entry: no entry, no row.
      const row = entry ? currentRow(store.sqlite, table, rowId) : undefined;
      const incoming: FieldVersion = { hlc: hlcInt, site: siteNo };
      let history: ChangeRecord[] | undefined;
      const historyOf = () => (history ??= rowRecords(store.sqlite, { rowNo, history: entry?.history ?? [] }));
      const record: ChangeRecord = existing ?? {
        siteNo,
        hlc: hlcInt,
        rowNo,
        userNo: catalog.userNo(write.userName),
        cols: [],
        vals: [],
        prev: [],
        lost: [],
        voided: false,
        replaces: write.replaces ? integerOfHlc(write.replaces) : null,
        recordedAt,
      };
      const winnerNames: string[] = [];
      const winnerValues: FieldValue[] = [];
      const overwritten: { col: number; winner: FieldVersion }[] = [];
      let ownersSeen = entry?.ownersSeen ? JSON.stringify(entry.ownersSeen) : null;
      for (const i of fresh) {
        const column = write.columns[i];
        const value = write.values[i];
        const prevHlc = write.prevHlcs[i];
        const col = cols[i];
        const current = clock.get(col);
        const local = row?.[column];
        const wins = !current || compareVersions(catalog, incoming, current) > 0;
        if (wins) {
          if (current) {
            const currentText = hlcTextOf(catalog, current);
            // The local value is overwritten. It was a concurrent edit unless the writer had seen it.
            if (prevHlc !== currentText && !sameValue(local, value)) {
              conflicts[i] = true;
              stmts.conflict.run(
                store.newId(), table, rowId, column, JSON.stringify(value), hlc,
                JSON.stringify(local ?? null), currentText, siteOfHlc(currentText), userOfVersion(catalog, historyOf(), current), write.userName, recordedText,
              );
            }
            overwritten.push({ col, winner: current });
          }
          clock.set(col, incoming);
          winnerNames.push(column);
          winnerValues.push(value);
        } else if (!supersededBy(historyOf(), col, incoming) && !sameValue(local, value)) {
          // The incoming value loses, and no known edit was made with it in view: keep it for review.
          conflicts[i] = true;
          const currentText = hlcTextOf(catalog, current);
          stmts.conflict.run(
            store.newId(), table, rowId, column, JSON.stringify(local ?? null), currentText,
            JSON.stringify(value), hlc, siteId, write.userName, userOfVersion(catalog, historyOf(), current), recordedText,
          );
        }
        if (column === 'station_id') {
          ownersSeen = ownersSeenAfter(ownersSeen ? { rowNo, clock, history: [], ownersSeen: JSON.parse(ownersSeen) as string[] } : entry, row?.station_id, value);
        }
        record.cols.push(col);
        // A winner's value is the row's; a loser's is kept in its record.
        record.vals.push(wins ? undefined : value);
        record.prev.push(prevHlc ? versionOfHlc(catalog, prevHlc) : null);
        record.lost.push(!wins);
        outcomes[i] = wins ? 'applied' : 'lost';
      }
      keepOverwrittenValues(store, tableNo, rowNo, overwritten, row);
      const packed = packRecord(record);
      if (existing) stmts.replaceFields.run(packed[4] as Buffer, packed[5] as string | null, packed[6] as string | null, packed[7] as Buffer | null, siteNo, hlcInt, rowNo);
      else stmts.insertRecord.run(...packed);
      if (!entry && winnerNames.length === cols.length && ownersSeen === null) {
        // A new row written whole (the usual first write): one group for its clock.
        stmts.insertRowVersion.run(tableNo, rowId, rowNo, encodeSingleVersionClock(incoming, cols), encodeRecordKeys([incoming]), null);
      } else saveRowVersion(store, tableNo, rowId, entry, rowNo, clock, ownersSeen, existing ? undefined : incoming);
      if (winnerNames.length > 0) {
        applied.createdRow = row === undefined;
        applied.rowBefore = row;
        writeColumns(store.sqlite, table, rowId, winnerNames, winnerValues, row !== undefined, `${tableNo}:${winnerNames.join('\u0000')}`);
        store.noteChanged(table, rowId);
      }
    }
    store.rememberClock();
    return results;
  });
}

/** The user who wrote a version of a row ('' when not in the log). */
function userOfVersion(catalog: LedgerCatalog, records: ChangeRecord[], version: FieldVersion): string {
  const record = records.find((r) => r.hlc === version.hlc && r.siteNo === version.site);
  return record ? catalog.userOf(record.userNo) : '';
}

/**
 * The clock repair's part in the one write path (see `electron/sync/clock-repair.ts`): voids this
 * site's own live changes stamped after `after`, sets the clock back to the newest live change at
 * or before it, and writes each voided change again with the same value at a fresh timestamp —
 * one new timestamp per original write, in the original order, each naming the change it replaces
 * (`replaces`). A field whose winner was voided gets its last re-dated change as winner (its value
 * is already the row's). Returns how many changes were re-dated and the tables they belong to.
 */
export function redateOwnChangesAfter(store: LedgerStore, actor: WriteActor, after: string): { redated: number; tables: string[] } {
  return store.transaction(() => {
    const catalog = ledgerCatalog(store.sqlite);
    const stmts = changeLogStatements(store.sqlite);
    const bound = integerOfHlc(after);
    if (bound === null) throw new Error(`时间戳格式不正确：${after}`);
    const siteNo = catalog.siteNo(store.siteId);
    const future = stmts.siteAfter.all(siteNo, bound).map(unpackRecord);
    const directory = rowDirectory(store.sqlite);
    // Voided, they are no field's winners: each keeps all its values (read before anything moves).
    const valuesOf = new Map<ChangeRecord, FieldValue[]>();
    for (const record of future) {
      const row = directory.get(record.rowNo);
      const values = row ? resolvedValues(catalog, record, row.tableNo, currentRow(store.sqlite, row.table, row.rowId)) : record.vals.map((v) => v ?? null);
      valuesOf.set(record, values);
    }
    for (const record of future) {
      stmts.voidRecord.run(record.siteNo, record.hlc, record.rowNo);
      stmts.keepValues.run(packKeptValues(record.cols, valuesOf.get(record) as FieldValue[]), record.siteNo, record.hlc, record.rowNo);
    }

    let newestLive: { version: FieldVersion; siteId: string } | null = null;
    for (const [no, siteId] of catalog.sites()) {
      const hlc = stmts.newestLiveAtOrBefore.get(no, bound)?.hlc;
      if (hlc === null || hlc === undefined) continue;
      const version = { hlc, site: no };
      if (!newestLive || compareVersions(catalog, version, newestLive.version) > 0) newestLive = { version, siteId };
    }
    store.clock.resetTo(newestLive ? formatIntegerHlc(newestLive.version.hlc, newestLive.siteId) : null);

    const entries = new Map<number, RowVersionEntry>();
    const entryOf = (rowNo: number): RowVersionEntry => {
      let entry = entries.get(rowNo);
      if (!entry) {
        const row = directory.get(rowNo) as { tableNo: number; rowId: string };
        entry = rowVersionOf(store.sqlite, row.tableNo, row.rowId) as RowVersionEntry;
        entries.set(rowNo, entry);
      }
      return entry;
    };
    const voided = new Set(future.map((record) => record.hlc));
    const fieldKey = (rowNo: number, col: number) => `${rowNo}:${col}`;
    const winnerVoided = new Map<string, boolean>();
    const lastVersion = new Map<string, FieldVersion>();
    const histories = new Map<number, ChangeRecord[]>();
    for (const record of future) {
      if (!histories.has(record.rowNo)) histories.set(record.rowNo, rowRecords(store.sqlite, entryOf(record.rowNo)));
      for (const col of record.cols) {
        const key = fieldKey(record.rowNo, col);
        if (winnerVoided.has(key)) continue;
        const winner = entryOf(record.rowNo).clock.get(col);
        winnerVoided.set(key, winner !== undefined && winner.site === siteNo && voided.has(winner.hlc));
        const best = bestLive(catalog, histories.get(record.rowNo) as ChangeRecord[], col, undefined, undefined);
        if (best) lastVersion.set(key, best.version);
      }
    }
    const userNo = catalog.userNo(actor.userName);
    const tables = new Set<string>();
    let redated = 0;
    const redatedRecords: ChangeRecord[] = [];
    for (const record of future) {
      const hlc = store.clock.nextInteger();
      const entry = entryOf(record.rowNo);
      const row = directory.get(record.rowNo) as { table: string; tableNo: number; rowId: string };
      const wins = record.cols.map((col) => winnerVoided.get(fieldKey(record.rowNo, col)) === true);
      redatedRecords.push({
        siteNo,
        hlc,
        rowNo: record.rowNo,
        userNo,
        cols: record.cols,
        vals: valuesOf.get(record) as FieldValue[],
        prev: record.cols.map((col) => lastVersion.get(fieldKey(record.rowNo, col)) ?? null),
        lost: wins.map((w) => !w),
        voided: false,
        replaces: record.hlc,
        recordedAt: null,
      });
      record.cols.forEach((col, i) => {
        const version = { hlc, site: siteNo };
        lastVersion.set(fieldKey(record.rowNo, col), version);
        if (wins[i]) entry.clock.set(col, version);
      });
      saveRowVersion(store, row.tableNo, row.rowId, entry, record.rowNo, entry.clock, entry.ownersSeen ? JSON.stringify(entry.ownersSeen) : null, { site: siteNo, hlc });
      tables.add(row.table);
      store.noteChanged(row.table, row.rowId);
      redated += record.cols.length;
    }
    // Each re-dated write keeps the values it is not the final winner of (the row holds the rest).
    for (const record of redatedRecords) {
      const clock = entryOf(record.rowNo).clock;
      record.vals = record.cols.map((col, i) => (sameVersion(clock.get(col), { hlc: record.hlc, site: record.siteNo }) ? undefined : record.vals[i]));
      stmts.insertRecord.run(...packRecord(record));
    }
    store.rememberClock();
    return { redated, tables: [...tables] };
  });
}
