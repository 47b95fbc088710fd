import { rmSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { syncedTableNames } from '../db/synced-tables';
import type { BenchFigure } from './bench-kit';
import { ISSUE_8_TARGETS } from './bench-targets';
import { writePlainRowsFile } from './plain-rows-file';

/**
 * Where a ledger file's bytes go, read from SQLite's `dbstat` virtual table (better-sqlite3 is built
 * with SQLITE_ENABLE_DBSTAT_VTAB) on a VACUUMed copy, by B-tree. No table is named here but the
 * synced ones, so the split holds whatever the storage's own tables are called:
 * - synced data: the synced tables (syncedTableNames()) and their indexes — the rows themselves;
 * - SQLite and migration internals: sqlite_schema, sqlite_sequence, kysely_migration* (fixed, tiny);
 * - sync metadata: everything else — the change log, field versions, sites, peers, history and all
 *   their indexes (the few local one-page tables such as meta or sync_peer included).
 */
export interface LedgerSpace {
  /** The ledger file after `PRAGMA wal_checkpoint(TRUNCATE)`, as it lies on disk. */
  fileBytes: number;
  /** The same file VACUUMed (VACUUM INTO a copy): free pages dropped. */
  vacuumedBytes: number;
  syncedDataBytes: number;
  syncMetadataBytes: number;
  internalBytes: number;
  /** Every B-tree of the sync metadata with its bytes, largest first. */
  metadataObjects: { name: string; bytes: number }[];
}

/** Measures a ledger file (it may be open elsewhere; its WAL is checkpointed first). */
export function measureLedgerSpace(ledgerPath: string, scratchPath: string): LedgerSpace {
  const ledger = new BetterSqlite3(ledgerPath);
  let fileBytes: number;
  try {
    ledger.pragma('wal_checkpoint(TRUNCATE)');
    fileBytes = statSync(ledgerPath).size;
    rmSync(scratchPath, { force: true });
    ledger.prepare('VACUUM INTO ?').run(scratchPath);
  } finally {
    ledger.close();
  }
  const copy = new BetterSqlite3(scratchPath, { readonly: true });
  try {
    const owners = new Map((copy.prepare(`SELECT name, tbl_name AS tableName FROM sqlite_master WHERE type IN ('table', 'index')`).all() as { name: string; tableName: string }[]).map((r) => [r.name, r.tableName]));
    const synced = new Set(syncedTableNames());
    const space: LedgerSpace = { fileBytes, vacuumedBytes: statSync(scratchPath).size, syncedDataBytes: 0, syncMetadataBytes: 0, internalBytes: 0, metadataObjects: [] };
    for (const { name, bytes } of copy.prepare('SELECT name, pgsize AS bytes FROM dbstat WHERE aggregate = TRUE').all() as { name: string; bytes: number }[]) {
      const table = owners.get(name) ?? name;
      if (synced.has(table)) space.syncedDataBytes += bytes;
      else if (table.startsWith('sqlite_') || table.startsWith('kysely_')) space.internalBytes += bytes;
      else {
        space.syncMetadataBytes += bytes;
        space.metadataObjects.push({ name, bytes });
      }
    }
    space.metadataObjects.sort((a, b) => b.bytes - a.bytes);
    return space;
  } finally {
    copy.close();
    rmSync(scratchPath, { force: true });
  }
}

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(2)} MB`;
}

/**
 * The two space figures of issue 8 for one ledger: sync metadata bytes per field change, and the
 * VACUUMed ledger ÷ a VACUUMed plain file of the same current rows. `fieldChanges` is the number of
 * field changes the ledger holds (a full bundle's `changes`, or the field values written).
 */
export function ledgerSpaceFigures(label: string, ledgerPath: string, fieldChanges: number, scratch: (name: string) => string): BenchFigure[] {
  const space = measureLedgerSpace(ledgerPath, scratch('space-vacuumed.sqlite'));
  const plain = writePlainRowsFile(ledgerPath, scratch('space-plain.sqlite'));
  rmSync(plain.path, { force: true });
  const largest = space.metadataObjects
    .slice(0, 4)
    .map((o) => `${o.name} ${megabytes(o.bytes)}`)
    .join(', ');
  return [
    {
      name: `${label}: sync metadata per field change`,
      value: space.syncMetadataBytes / Math.max(1, fieldChanges),
      unit: 'B',
      target: ISSUE_8_TARGETS.syncMetadataBytesPerFieldChange,
      detail: `dbstat of the VACUUMed file: sync metadata ${megabytes(space.syncMetadataBytes)} (largest: ${largest}) ÷ ${fieldChanges} field changes; synced data tables and their indexes ${megabytes(space.syncedDataBytes)}; SQLite/migration internals ${megabytes(space.internalBytes)}`,
    },
    {
      name: `${label}: ledger file ÷ plain rows`,
      value: space.vacuumedBytes / plain.bytes,
      unit: '×',
      target: ISSUE_8_TARGETS.ledgerFileRatio,
      detail: `ledger ${megabytes(space.vacuumedBytes)} VACUUMed (${megabytes(space.fileBytes)} on disk after a WAL checkpoint) ÷ ${plain.rows} rows in one plain table per synced table (id key only), VACUUMed: ${megabytes(plain.bytes)}`,
    },
  ];
}
