import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { BundleImportSummary } from '../shared/sync-record';
import { openLedgerStore } from '../db/ledger-store';
import { createAppDeps } from '../electron/app-deps';
import { createHandlerRegistry } from '../electron/handlers/all-handlers';
import { openPlainFile, plainImport } from './cases/bundle-import-case';
import type { StationRows } from './cases/bundle-export-case';
import { peakRssMb } from './peak-rss';

/**
 * The child process of the memory measurement (see import-memory.ts): opens a ledger the way the
 * app's main process does (the store, the deps, the full handler registry and nothing else), imports
 * bundle files through `sync.importBundle` one after the other, and prints one JSON line: the import
 * time and the process's peak RSS before and after. Run as a bundle with plain Node, not tsx, so
 * no compiler sits in the process it measures.
 */

/** What the child prints. */
export interface ImportChildReport {
  importMs: number;
  /** Changes imported (rows, for the plain import). */
  changes: number;
  /** Peak RSS once the ledger is open, before the first import (the process's floor), MB. */
  rssBeforeMb: number;
  /** Peak RSS of the whole process, the imports included, MB. */
  peakRssMb: number;
}


/**
 * `--plain PLAIN_FILE SAMPLE_ROWS.json GZ…`: the baseline the same way — a fresh process, a plain
 * SQLite file with one plain table per synced table, each station's rows gunzipped, parsed and
 * inserted one after the other — so both sides of the city's ratio start cold.
 */
function plainMain(plainPath: string, samplePath: string, gzPaths: string[]): void {
  const plain = openPlainFile(plainPath, JSON.parse(readFileSync(samplePath, 'utf8')) as StationRows);
  const report: ImportChildReport = { importMs: 0, changes: 0, rssBeforeMb: peakRssMb(), peakRssMb: 0 };
  for (const gzPath of gzPaths) {
    const gzipped = readFileSync(gzPath);
    const start = performance.now();
    report.changes += plainImport(plain, gzipped);
    report.importMs += performance.now() - start;
  }
  plain.close();
  report.peakRssMb = peakRssMb();
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function main(): Promise<void> {
  if (process.argv[2] === '--plain') {
    const [plainPath, samplePath, ...gzPaths] = process.argv.slice(3);
    plainMain(plainPath, samplePath, gzPaths);
    return;
  }
  const [ledgerPath, ...bundlePaths] = process.argv.slice(2);
  const store = await openLedgerStore(ledgerPath);
  const deps = createAppDeps(store, { userName: '市局基准' });
  const registry = createHandlerRegistry();
  const report: ImportChildReport = { importMs: 0, changes: 0, rssBeforeMb: peakRssMb(), peakRssMb: 0 };
  for (const bundlePath of bundlePaths) {
    // The bytes arrive as the renderer sends them: base64 in the call's arguments.
    const bytesBase64 = readFileSync(bundlePath).toString('base64');
    const start = performance.now();
    const response = await registry.dispatch(deps, 'sync.importBundle', { fileName: bundlePath.split('/').pop(), bytesBase64, dryRun: false });
    report.importMs += performance.now() - start;
    if (!response.ok) throw new Error(`sync.importBundle failed: ${response.error.code} ${response.error.message}`);
    report.changes += (response.data as BundleImportSummary).changes;
  }
  store.close();
  report.peakRssMb = peakRssMb();
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
