import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { BundleImportSummary } from '../shared/sync-record';
import { openLedgerStore } from '../db/ledger-store';
import { createAppDeps } from '../electron/app-deps';
import { createHandlerRegistry } from '../electron/handlers/all-handlers';
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
  changes: number;
  /** Peak RSS once the ledger is open, before the first import (the process's floor), MB. */
  rssBeforeMb: number;
  /** Peak RSS of the whole process, the imports included, MB. */
  peakRssMb: number;
}


async function main(): Promise<void> {
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
