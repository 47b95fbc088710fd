import type BetterSqlite3 from 'better-sqlite3';
import { siteOfHlc } from '../shared/hybrid-logical-clock';
import { syncedTableSpec, type FieldValue } from './synced-tables';
import type { LedgerStore } from './ledger-store';

/**
 * THE ONE WRITE PATH. Every insert, update and tombstone of a synced table — a clerk's edit or a
 * change imported from a sync bundle — goes through `writeRecord` / `tombstoneRecord` /
 * `applyRemoteChanges` below, which write the row and append to the change log in one
 * transaction. Current values are the per-field last-writer-wins result by hybrid logical clock,
 * the site id (the timestamp's suffix) breaking ties. A value that loses against a concurrent edit
 * is kept in `sync_conflict` for the clerk, never silently dropped.
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
}

/** What happened to one incoming change. */
export type ApplyOutcome = 'applied' | 'lost' | 'duplicate';

export interface AppliedChange {
  change: FieldChange;
  outcome: ApplyOutcome;
  /** True when the row did not exist before this change. */
  createdRow: boolean;
  /** True when a conflict was recorded for review. */
  conflict: boolean;
}

/** Prepared statements, cached per connection. */
interface Statements {
  version: BetterSqlite3.Statement<[string, string, string], { hlc: string }>;
  setVersion: BetterSqlite3.Statement<[string, string, string, string]>;
  log: BetterSqlite3.Statement<[string, string, string, string, string, string | null, string, string, number, string]>;
  known: BetterSqlite3.Statement<[string, string, string, string], { seq: number }>;
  superseded: BetterSqlite3.Statement<[string, string, string, string], { seq: number }>;
  userOf: BetterSqlite3.Statement<[string, string, string, string], { user_name: string }>;
  conflict: BetterSqlite3.Statement<[string, string, string, string, string, string, string, string, string, string, string, string]>;
}

const statementCache = new WeakMap<BetterSqlite3.Database, Statements>();

function statements(sqlite: BetterSqlite3.Database): Statements {
  let cached = statementCache.get(sqlite);
  if (!cached) {
    cached = {
      version: sqlite.prepare('SELECT hlc FROM field_version WHERE tbl = ? AND row_id = ? AND col = ?'),
      setVersion: sqlite.prepare(
        'INSERT INTO field_version (tbl, row_id, col, hlc) VALUES (?, ?, ?, ?) ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc',
      ),
      log: sqlite.prepare(
        'INSERT INTO change_log (tbl, row_id, col, value, hlc, prev_hlc, site_id, user_name, applied, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      known: sqlite.prepare('SELECT seq FROM change_log WHERE hlc = ? AND tbl = ? AND row_id = ? AND col = ?'),
      superseded: sqlite.prepare('SELECT seq FROM change_log WHERE tbl = ? AND row_id = ? AND col = ? AND prev_hlc = ? LIMIT 1'),
      userOf: sqlite.prepare('SELECT user_name FROM change_log WHERE hlc = ? AND tbl = ? AND row_id = ? AND col = ?'),
      conflict: sqlite.prepare(
        'INSERT INTO sync_conflict (id, tbl, row_id, col, kept_value, kept_hlc, lost_value, lost_hlc, lost_site_id, lost_user, kept_user, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
    };
    statementCache.set(sqlite, cached);
  }
  return cached;
}

function requireSpec(table: string) {
  const spec = syncedTableSpec(table);
  if (!spec) throw new Error(`not a synced table: ${table}`);
  return spec;
}

function requireColumn(table: string, column: string): void {
  if (!(column in requireSpec(table).columns)) throw new Error(`not a synced column: ${table}.${column}`);
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

function currentRow(sqlite: BetterSqlite3.Database, table: string, rowId: string): Record<string, FieldValue> | undefined {
  return dynamicStatement(sqlite, `SELECT * FROM "${table}" WHERE id = ?`).get(rowId) as Record<string, FieldValue> | undefined;
}

/** One field of a row, or undefined when the row does not exist. */
function currentField(sqlite: BetterSqlite3.Database, table: string, rowId: string, column: string): { value: FieldValue } | undefined {
  return dynamicStatement(sqlite, `SELECT "${column}" AS value FROM "${table}" WHERE id = ?`).get(rowId) as { value: FieldValue } | undefined;
}

function setField(sqlite: BetterSqlite3.Database, table: string, rowId: string, column: string, value: FieldValue, rowExists: boolean): void {
  if (rowExists) dynamicStatement(sqlite, `UPDATE "${table}" SET "${column}" = ? WHERE id = ?`).run(value, rowId);
  else dynamicStatement(sqlite, `INSERT INTO "${table}" (id, "${column}") VALUES (?, ?)`).run(rowId, value);
}

/** Creates a row with several fields in one statement. */
function insertRow(sqlite: BetterSqlite3.Database, table: string, rowId: string, fields: [string, FieldValue][]): void {
  const columns = fields.map(([column]) => `"${column}"`).join(', ');
  const placeholders = fields.map(() => '?').join(', ');
  dynamicStatement(sqlite, `INSERT INTO "${table}" (id, ${columns}) VALUES (?, ${placeholders})`).run(rowId, ...fields.map(([, value]) => value));
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
  requireSpec(table);
  return store.transaction(() => {
    const stmts = statements(store.sqlite);
    const row = currentRow(store.sqlite, table, rowId);
    const changed = Object.entries(values).filter(
      (entry): entry is [string, FieldValue] => entry[1] !== undefined && (!row || row[entry[0]] !== entry[1]),
    );
    if (changed.length === 0) return [];
    const hlc = store.clock.next();
    const recordedAt = store.nowText();
    for (const [column, value] of changed) {
      requireColumn(table, column);
      const prev = stmts.version.get(table, rowId, column)?.hlc ?? null;
      stmts.log.run(table, rowId, column, JSON.stringify(value), hlc, prev, store.siteId, actor.userName, 1, recordedAt);
      stmts.setVersion.run(table, rowId, column, hlc);
      if (row) setField(store.sqlite, table, rowId, column, value, true);
    }
    if (!row) insertRow(store.sqlite, table, rowId, changed);
    store.rememberClock();
    return changed.map(([column]) => column);
  });
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
 * Applies changes from another site, in one transaction, through the same log and field versions
 * as local edits. Changes are applied in timestamp order; a change already in the log is a
 * duplicate and changes nothing, so importing a bundle twice, or bundles in any order, converges.
 * The caller validates every change against its table schema first.
 */
export function applyRemoteChanges(store: LedgerStore, changes: FieldChange[]): AppliedChange[] {
  const ordered = [...changes].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  return store.transaction(() => {
    const stmts = statements(store.sqlite);
    const recordedAt = store.nowText();
    const results: AppliedChange[] = [];
    for (const change of ordered) {
      const { table, rowId, column, value, hlc } = change;
      requireColumn(table, column);
      if (stmts.known.get(hlc, table, rowId, column)) {
        results.push({ change, outcome: 'duplicate', createdRow: false, conflict: false });
        continue;
      }
      store.clock.observe(hlc);
      const row = currentField(store.sqlite, table, rowId, column);
      const current = stmts.version.get(table, rowId, column)?.hlc ?? null;
      const wins = current === null || hlc > current;
      let conflict = false;
      if (wins) {
        // The local value is overwritten. It was a concurrent edit unless the writer had seen it.
        if (current !== null && change.prevHlc !== current && !sameValue(row?.value, value)) {
          conflict = true;
          const keptUser = change.userName;
          const lostUser = stmts.userOf.get(current, table, rowId, column)?.user_name ?? '';
          stmts.conflict.run(
            store.newId(), table, rowId, column, JSON.stringify(value), hlc,
            JSON.stringify(row?.value ?? null), current, siteOfHlc(current), lostUser, keptUser, recordedAt,
          );
        }
        stmts.setVersion.run(table, rowId, column, hlc);
        setField(store.sqlite, table, rowId, column, value, row !== undefined);
      } else if (!stmts.superseded.get(table, rowId, column, hlc) && !sameValue(row?.value, value)) {
        // The incoming value loses, and no known edit was made with it in view: keep it for review.
        conflict = true;
        const keptUser = stmts.userOf.get(current, table, rowId, column)?.user_name ?? '';
        stmts.conflict.run(
          store.newId(), table, rowId, column, JSON.stringify(row?.value ?? null), current,
          JSON.stringify(value), hlc, siteOfHlc(hlc), change.userName, keptUser, recordedAt,
        );
      }
      stmts.log.run(table, rowId, column, JSON.stringify(value), hlc, change.prevHlc, siteOfHlc(hlc), change.userName, wins ? 1 : 0, recordedAt);
      results.push({ change, outcome: wins ? 'applied' : 'lost', createdRow: row === undefined && wins, conflict });
    }
    store.rememberClock();
    return results;
  });
}
