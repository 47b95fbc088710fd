import { rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import type { BundleImportSummary } from '../../shared/sync-record';
import type { BenchCase, BenchFigure } from '../bench-kit';
import { dispatchOrThrow, openLedgerCopy, type BenchFolder, type BenchLedger } from '../bench-ledgers';
import { ISSUE_8_TARGETS } from '../bench-targets';
import { ledgerSpaceFigures } from '../ledger-space';
import { exportStationBundle, gzipStationRows, readStationRows, type StationRows } from './bundle-export-case';

/** A plain SQLite file with one plain table per synced table (the rows' columns, no log, no indexes). */
export function openPlainFile(path: string, rows: StationRows): BetterSqlite3.Database {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  for (const [table, list] of Object.entries(rows)) {
    if (list.length === 0) continue;
    const columns = Object.keys(list[0]).filter((c) => c !== 'id');
    db.exec(`CREATE TABLE "${table}" (id TEXT PRIMARY KEY, ${columns.map((c) => `"${c}"`).join(', ')})`);
  }
  return db;
}

/** The plain import: gunzip, JSON.parse, one prepared INSERT per row, one transaction. */
export function plainImport(db: BetterSqlite3.Database, gzipped: Buffer): number {
  const rows = JSON.parse(gunzipSync(gzipped).toString('utf8')) as StationRows;
  let inserted = 0;
  db.transaction(() => {
    for (const [table, list] of Object.entries(rows)) {
      if (list.length === 0) continue;
      const columns = Object.keys(list[0]);
      const insert = db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of list) {
        insert.run(...columns.map((c) => row[c] as string | number | null));
        inserted += 1;
      }
    }
  })();
  return inserted;
}

/**
 * Case 4b — `sync.importBundle` of the station's full bundle into a fresh copy of the bureau as it
 * was right after pairing (verify, decrypt, check every change, apply through the one write path,
 * authority check, summary); against gunzip + JSON.parse + a raw INSERT of the same rows.
 */
export function bundleImportCase(folder: BenchFolder, station: BenchLedger, bureauTemplatePath: string): BenchCase {
  const notes: string[] = [];
  const figures: BenchFigure[] = [];
  let importedChanges = 0;
  let prepared: { fileName: string; bytesBase64: string; gzipped: Buffer; rows: StationRows } | undefined;
  let repetition = 0;
  return {
    name: 'sync.importBundle (full)',
    baselineLabel: 'gunzip + JSON.parse + one prepared INSERT per row into plain tables, one transaction',
    targetRatio: ISSUE_8_TARGETS.bundleImportRatio,
    repetitions: 3,
    notes,
    figures,
    async setup() {
      if (!prepared) {
        const bundle = await exportStationBundle(station);
        const rows = readStationRows(station.store);
        prepared = { fileName: bundle.fileName, bytesBase64: bundle.bytesBase64, rows, gzipped: gzipStationRows(rows) };
      }
      const { fileName, bytesBase64, gzipped, rows } = prepared;
      repetition += 1;
      const bureau = await openLedgerCopy(bureauTemplatePath, folder.file(`bureau-import-${repetition}.sqlite`));
      const plainPath = folder.file(`import-plain-${repetition}.sqlite`);
      const plain = openPlainFile(plainPath, rows);
      return {
        ours: async () => {
          const summary = (await dispatchOrThrow(bureau, 'sync.importBundle', { fileName, bytesBase64, dryRun: false })) as BundleImportSummary;
          if (repetition === 1) {
            importedChanges = summary.changes;
            const t = summary.totals;
            notes.push(`${summary.changes} changes imported: ${t.inserted} rows inserted, ${t.updated} updated, ${t.unchanged} unchanged, ${t.conflicts} conflicts`);
          }
        },
        baseline: () => plainImport(plain, gzipped),
        teardown: () => {
          bureau.close();
          plain.close();
          if (repetition === 1) figures.push(...ledgerSpaceFigures('bureau after the import', bureau.path, importedChanges, folder.file));
          for (const path of [bureau.path, plainPath]) rmSync(path, { force: true });
        },
      };
    },
  };
}
