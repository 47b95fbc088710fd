import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allLoggedChanges } from '../../db/change-log';
import { openLedgerStore, type LedgerStore } from '../../db/ledger-store';
import type { FieldChange } from '../../db/write-path';
import type { FieldValue } from '../../db/synced-tables';

/** A wall clock a test moves by hand (epoch milliseconds). */
export interface ManualClock {
  now: number;
  read: () => number;
  advance(ms: number): void;
}

/** 2026-11-23 10:00 China time, the default instant of the tests. */
export const TEST_EPOCH = Date.parse('2026-11-23T10:00:00+08:00');

export function manualClock(start = TEST_EPOCH): ManualClock {
  const clock: ManualClock = {
    now: start,
    read: () => clock.now,
    advance(ms) {
      clock.now += ms;
    },
  };
  return clock;
}

/** A real SQLite ledger in memory (migrated like a file on disk) driven by a manual clock. */
export async function openMemoryLedger(clock: ManualClock = manualClock()): Promise<LedgerStore> {
  return openLedgerStore(':memory:', { wallClock: clock.read });
}

/** A temporary folder, removed by the returned function. */
export function tempFolder(prefix = 'nuanjing-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

interface ChangeLogRow {
  seq: number;
  tbl: string;
  row_id: string;
  col: string;
  value: string;
  hlc: string;
  prev_hlc: string | null;
  site_id: string;
  user_name: string;
  applied: number;
  voided: number;
  replaces: string | null;
  recorded_at: string;
}

/** Every field change of a store's change log, one row per field, in timestamp order. */
export function changeLogOf(store: LedgerStore): ChangeLogRow[] {
  return allLoggedChanges(store).map((change, seq) => ({
    seq,
    tbl: change.table,
    row_id: change.rowId,
    col: change.column,
    value: JSON.stringify(change.value),
    hlc: change.hlc,
    prev_hlc: change.prevHlc,
    site_id: change.siteId,
    user_name: change.userName,
    applied: change.applied ? 1 : 0,
    voided: change.voided ? 1 : 0,
    replaces: change.replaces,
    recorded_at: change.recordedAt,
  }));
}

/**
 * What a sync bundle from this store would carry: every change it knows (its own and the ones it
 * relayed), as field changes another store can apply.
 */
export function changesOf(store: LedgerStore): FieldChange[] {
  return changeLogOf(store).map((row) => ({
    table: row.tbl,
    rowId: row.row_id,
    column: row.col,
    value: JSON.parse(row.value) as FieldValue,
    hlc: row.hlc,
    prevHlc: row.prev_hlc,
    userName: row.user_name,
  }));
}

/** One row of a synced table as SQLite holds it, or undefined. */
export function rowOf(store: LedgerStore, table: string, id: string): Record<string, FieldValue> | undefined {
  return store.sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, FieldValue> | undefined;
}

export interface ConflictRow {
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
}

/** The conflicts a store keeps for review. */
export function conflictsOf(store: LedgerStore): ConflictRow[] {
  return store.sqlite.prepare('SELECT * FROM sync_conflict ORDER BY lost_hlc').all() as ConflictRow[];
}

/** Count of rows in any table. */
export function countRows(store: LedgerStore, table: string): number {
  return (store.sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}
