// Bundles the Electron shell with esbuild:
//   electron/main.ts    → dist/electron/main.cjs     (Node; `electron` and `better-sqlite3` stay external)
//   electron/preload.ts → dist/electron/preload.cjs  (sandboxed preload: may require only `electron`)
// and fails if a bundle would need a module the packaged app does not ship.
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'electron');
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** Externals each bundle may keep: the packaged app ships `better-sqlite3` (native) and nothing else from node_modules. */
const bundles = [
  {
    entry: 'electron/main.ts',
    outfile: 'main.cjs',
    external: ['electron', 'better-sqlite3'],
    mayRequire: (path) => path === 'electron' || path === 'better-sqlite3' || nodeBuiltins.has(path),
  },
  {
    entry: 'electron/jobs/job-worker.ts',
    outfile: 'job-worker.cjs',
    external: ['better-sqlite3'],
    mayRequire: (path) => path === 'better-sqlite3' || nodeBuiltins.has(path),
  },
  {
    entry: 'electron/preload.ts',
    outfile: 'preload.cjs',
    external: ['electron'],
    mayRequire: (path) => path === 'electron',
  },
];

let failed = false;
for (const bundle of bundles) {
  const outfile = join(outdir, bundle.outfile);
  const result = await build({
    absWorkingDir: root,
    entryPoints: [bundle.entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: bundle.external,
    // `import.meta` does not exist in CommonJS; code the shell reaches must not use it (see below).
    logOverride: { 'empty-import-meta': 'error' },
    legalComments: 'none',
    sourcemap: false,
    metafile: true,
    logLevel: 'warning',
  });
  const output = Object.values(result.metafile.outputs)[0];
  const forbidden = output.imports.filter((entry) => entry.external && !bundle.mayRequire(entry.path)).map((entry) => entry.path);
  if (forbidden.length > 0) {
    console.error(`✗ ${bundle.entry}: the bundle would require ${[...new Set(forbidden)].join(', ')}, which the packaged app does not ship`);
    failed = true;
  } else {
    console.log(`✓ ${bundle.entry} → dist/electron/${bundle.outfile} (${Math.round(output.bytes / 1024)} KB)`);
  }
}
if (failed) process.exit(1);
