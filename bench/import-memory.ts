import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import type { ImportChildReport } from './import-child';

const projectRoot = join(import.meta.dirname, '..');
/** Inside the project, so the bundle's `require('better-sqlite3')` finds node_modules. */
const childBundlePath = join(projectRoot, 'dist', 'bench', 'import-child.cjs');

/** Bundles bench/import-child.ts like the Electron main (CommonJS, better-sqlite3 external). */
async function buildImportChild(): Promise<string> {
  mkdirSync(dirname(childBundlePath), { recursive: true });
  await build({
    absWorkingDir: projectRoot,
    entryPoints: ['bench/import-child.ts'],
    outfile: childBundlePath,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    define: { 'import.meta.dirname': '__dirname' },
    logLevel: 'warning',
  });
  return childBundlePath;
}

/**
 * Imports bundle files into a ledger file in a fresh child process and returns its report, peak RSS
 * included. A sampler in this process cannot see a peak: the import is synchronous work, so no timer
 * fires during it; the kernel's peak (VmHWM) of a process doing only the import can.
 */
export async function importInChildProcess(ledgerPath: string, bundlePaths: string[]): Promise<ImportChildReport> {
  return runImportChild([ledgerPath, ...bundlePaths]);
}

/**
 * The plain baseline of {@link importInChildProcess}, in a fresh child process too: each gzipped
 * JSON of rows inserted into a new plain file whose tables take their columns from `samplePath`.
 */
export async function plainImportInChildProcess(plainPath: string, samplePath: string, gzPaths: string[]): Promise<ImportChildReport> {
  return runImportChild(['--plain', plainPath, samplePath, ...gzPaths]);
}

async function runImportChild(args: string[]): Promise<ImportChildReport> {
  const script = await buildImportChild();
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`the import child failed (exit ${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as ImportChildReport;
}
