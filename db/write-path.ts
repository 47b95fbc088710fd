import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../shared/contract/api-error';
import { chinaDateTimeOf } from '../shared/china-date';
import { parseHlc, siteOfHlc } from '../shared/hybrid-logical-clock';
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
  /**
   * On a change re-dated by its site's clock repair: the timestamp of the change it replaces (same
   * site, later date). The replaced change is voided wherever it is, or arrives already voided.
   */
  replaces?: string | null;
}

/**
 * What happened to one incoming change: `held` when its timestamp is further ahead of this PC's
 * clock than the tolerance (not applied, not logged, the clock not moved — the import lists it).
 */
export type ApplyOutcome = 'applied' | 'lost' | 'duplicate' | 'held';

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
  log: BetterSqlite3.Statement<[string, string, string, string, string, string | null, string, string, number, string, number, string | null]>;
  logged: BetterSqlite3.Statement<[string, string, string, string], { seq: number; voided: number }>;
  voidLogged: BetterSqlite3.Statement<[number]>;
  bestLive: BetterSqlite3.Statement<[string, string, string], { hlc: string; value: string }>;
  dropVersion: BetterSqlite3.Statement<[string, string, string]>;
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
        'INSERT INTO change_log (tbl, row_id, col, value, hlc, prev_hlc, site_id, user_name, applied, recorded_at, voided, replaces) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      logged: sqlite.prepare('SELECT seq, voided FROM change_log WHERE hlc = ? AND tbl = ? AND row_id = ? AND col = ?'),
      voidLogged: sqlite.prepare('UPDATE change_log SET voided = 1 WHERE seq = ?'),
      bestLive: sqlite.prepare('SELECT hlc, value FROM change_log WHERE tbl = ? AND row_id = ? AND col = ? AND voided = 0 ORDER BY hlc DESC LIMIT 1'),
      dropVersion: sqlite.prepare('DELETE FROM field_version WHERE tbl = ? AND row_id = ? AND col = ?'),
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
  requireSpec(table);
  return store.transaction(() => {
    const stmts = statements(store.sqlite);
    const row = currentRow(store.sqlite, table, rowId);
    const changed = Object.entries(values).filter(
      (entry): entry is [string, FieldValue] => entry[1] !== undefined && (!row || row[entry[0]] !== entry[1]),
    );
    if (changed.length === 0) return [];
    const behind = clockBehindLedger(store);
    if (behind) throw behind;
    const hlc = store.clock.next();
    const recordedAt = store.nowText();
    for (const [column, value] of changed) {
      requireColumn(table, column);
      const prev = stmts.version.get(table, rowId, column)?.hlc ?? null;
      stmts.log.run(table, rowId, column, JSON.stringify(value), hlc, prev, store.siteId, actor.userName, 1, recordedAt, 0, null);
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
 * Voids the change `hlc` of one field (its site re-dated it): kept in the log, but never the
 * field's winner again — the field falls back to its best live change. A change not seen yet is
 * logged as voided already, so that when it arrives it is a duplicate and changes nothing.
 */
function voidChange(store: LedgerStore, stmts: Statements, change: FieldChange, replaced: string, recordedAt: string): void {
  const { table, rowId, column } = change;
  const logged = stmts.logged.get(replaced, table, rowId, column);
  if (!logged) {
    stmts.log.run(table, rowId, column, JSON.stringify(change.value), replaced, null, siteOfHlc(replaced), change.userName, 0, recordedAt, 1, null);
    return;
  }
  if (logged.voided) return;
  stmts.voidLogged.run(logged.seq);
  if (stmts.version.get(table, rowId, column)?.hlc !== replaced) return;
  const best = stmts.bestLive.get(table, rowId, column);
  if (!best) {
    stmts.dropVersion.run(table, rowId, column);
    return;
  }
  stmts.setVersion.run(table, rowId, column, best.hlc);
  const exists = currentField(store.sqlite, table, rowId, column) !== undefined;
  setField(store.sqlite, table, rowId, column, JSON.parse(best.value) as FieldValue, exists);
}

/**
 * Applies changes from another site, in one transaction, through the same log and field versions
 * as local edits. Changes are applied in timestamp order; a change already in the log is a
 * duplicate and changes nothing, so importing a bundle twice, or bundles in any order, converges.
 * A change stamped further ahead of this PC's clock than the tolerance is `held`: not applied, not
 * logged, and the clock does not move (so one PC's wrong date never drags this site's clock into
 * its future). A re-dated change (`replaces`) voids the change it replaces first.
 * The caller validates every change against its table schema, and its authority, first.
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
      if (!store.clock.observeRemote(hlc)) {
        results.push({ change, outcome: 'held', createdRow: false, conflict: false });
        continue;
      }
      if (change.replaces) voidChange(store, stmts, change, change.replaces, recordedAt);
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
      stmts.log.run(table, rowId, column, JSON.stringify(value), hlc, change.prevHlc, siteOfHlc(hlc), change.userName, wins ? 1 : 0, recordedAt, 0, change.replaces ?? null);
      results.push({ change, outcome: wins ? 'applied' : 'lost', createdRow: row === undefined && wins, conflict });
    }
    store.rememberClock();
    return results;
  });
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
    const stmts = statements(store.sqlite);
    const future = store.sqlite
      .prepare('SELECT seq, tbl, row_id, col, value, hlc FROM change_log WHERE site_id = ? AND voided = 0 AND hlc > ? ORDER BY hlc, seq')
      .all(store.siteId, after) as { seq: number; tbl: string; row_id: string; col: string; value: string; hlc: string }[];
    for (const change of future) stmts.voidLogged.run(change.seq);
    const newestLive = (store.sqlite.prepare('SELECT max(hlc) AS hlc FROM change_log WHERE voided = 0 AND hlc <= ?').get(after) as { hlc: string | null }).hlc;
    store.clock.resetTo(newestLive);

    const voided = new Set(future.map((c) => c.hlc));
    const fieldKey = (c: { tbl: string; row_id: string; col: string }) => `${c.tbl}\u0000${c.row_id}\u0000${c.col}`;
    const winnerVoided = new Map<string, boolean>();
    const lastHlc = new Map<string, string>();
    for (const change of future) {
      const key = fieldKey(change);
      if (winnerVoided.has(key)) continue;
      const winner = stmts.version.get(change.tbl, change.row_id, change.col)?.hlc;
      winnerVoided.set(key, winner !== undefined && voided.has(winner));
      const before = stmts.bestLive.get(change.tbl, change.row_id, change.col)?.hlc;
      if (before) lastHlc.set(key, before);
    }
    const recordedAt = store.nowText();
    let original = '';
    let redated = '';
    for (const change of future) {
      if (change.hlc !== original) {
        original = change.hlc;
        redated = store.clock.next();
      }
      const key = fieldKey(change);
      const wins = winnerVoided.get(key) === true;
      stmts.log.run(change.tbl, change.row_id, change.col, change.value, redated, lastHlc.get(key) ?? null, store.siteId, actor.userName, wins ? 1 : 0, recordedAt, 0, change.hlc);
      lastHlc.set(key, redated);
      if (wins) stmts.setVersion.run(change.tbl, change.row_id, change.col, redated);
    }
    store.rememberClock();
    return { redated: future.length, tables: [...new Set(future.map((c) => c.tbl))] };
  });
}
