// Bundles the `nuanjing` command with esbuild, like the Electron main (scripts/build-electron.mjs):
//   electron/cli/run-cli.ts → dist/cli/nuanjing.cjs           (Node; `better-sqlite3` and `playwright-core` external)
//   electron/jobs/job-worker.ts → dist/cli/job-worker.cjs  (web mode's long jobs, the same way)
//   exceljs, @faker-js/faker, pinyin-pro → dist/cli/lazy/*.cjs (each its own bundle, loaded on first use)
// and writes dist/cli/inputs.json: every source file that went in, with its size and time, so
// bin/nuanjing.mjs can tell a stale bundle from a current one at start-up (see cli-bundle.mjs).
//
// Why the lazy bundles: start-up time is mostly V8 compiling the bundle, about 25 ms per MB here.
// The three packages are 3.5 of the 5 MB and only `seed`, `roster …` and `staff.list` use them, so
// the main bundle gets a stand-in for each: a Proxy that `require`s the package's own bundle the
// first time one of its exports is read. The sources keep their ordinary static imports.
import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { pathToFileURL } from 'node:url';
import { cliBundlePaths, writeCliInputs } from './cli-bundle.mjs';
import { build } from 'esbuild';

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** Packages the CLI loads only when a command uses them (each must be imported by name, or by default if CommonJS). */
export const LAZY_PACKAGES = ['exceljs', '@faker-js/faker', 'pinyin-pro', 'echarts'];

/** The file name of a lazy package's bundle in dist/cli/lazy/. */
function lazyFileName(name) {
  return `${name.replace(/^@/, '').replace(/\//g, '-')}.cjs`;
}

/**
 * esbuild plugin: `import … from '<lazy package>'` resolves to a stand-in module whose exports load
 * the package's bundle on first access. The stand-in has no own properties: esbuild's interop
 * (`__toESM`) copies own properties and keeps the prototype, so every export is looked up on the
 * prototype, a Proxy that loads the package then. `__esModule` is answered without loading.
 */
const lazyPackagesPlugin = {
  name: 'lazy-packages',
  setup(pluginBuild) {
    const filter = new RegExp(`^(${LAZY_PACKAGES.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    pluginBuild.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lazy-package' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
      loader: 'js',
      contents: `
let loaded;
const load = () => (loaded ??= require(require('node:path').join(__dirname, 'lazy', ${JSON.stringify(lazyFileName(args.path))})));
module.exports = Object.create(new Proxy({}, { get: (_, key) => (key === '__esModule' ? undefined : load()[key]) }));`,
    }));
  },
};

/** Builds the CLI bundles; returns the main bundle's size in bytes. Throws when a bundle needs a module outside the allowed externals. */
export async function buildCli({ quiet = false } = {}) {
  const paths = cliBundlePaths();
  const common = {
    absWorkingDir: paths.root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    legalComments: 'none',
    sourcemap: false,
    metafile: true,
    logLevel: 'warning',
    // Only whitespace and syntax: identifiers stay readable in the stack trace of an internal error.
    minifyWhitespace: true,
    minifySyntax: true,
  };
  const problems = [];
  const outputs = [paths.bundle];
  const inputs = new Set();
  const check = (label, result, mayRequire) => {
    for (const input of Object.keys(result.metafile.inputs)) inputs.add(input);
    const output = Object.values(result.metafile.outputs)[0];
    const forbidden = output.imports.filter((entry) => entry.external && !mayRequire(entry.path)).map((entry) => entry.path);
    if (forbidden.length > 0) problems.push(`✗ ${label}: the bundle would require ${[...new Set(forbidden)].join(', ')}`);
    return output.bytes;
  };

  const main = await build({
    ...common,
    entryPoints: [paths.entry],
    outfile: paths.tempOf(paths.bundle),
    // playwright-core drives a Chromium for PDFs (签领表): loaded from node_modules only when one is made.
    external: ['better-sqlite3', 'playwright-core'],
    plugins: [lazyPackagesPlugin],
    // The sources are ES modules; in the CommonJS bundle the folder of the module is __dirname.
    define: { 'import.meta.dirname': '__dirname' },
    logOverride: { 'empty-import-meta': 'error' },
  });
  const mainBytes = check(paths.entry, main, (path) => path === 'better-sqlite3' || path === 'playwright-core' || nodeBuiltins.has(path));

  // The long-job worker of web mode (`serve`), bundled the same way: a job then starts in plain Node
  // instead of compiling the TypeScript sources through tsx first (about a second per job).
  outputs.push(paths.jobWorker);
  const worker = await build({
    ...common,
    entryPoints: [paths.jobWorkerEntry],
    outfile: paths.tempOf(paths.jobWorker),
    external: ['better-sqlite3'],
    plugins: [lazyPackagesPlugin],
    define: { 'import.meta.dirname': '__dirname' },
    logOverride: { 'empty-import-meta': 'error' },
  });
  check(paths.jobWorkerEntry, worker, (path) => path === 'better-sqlite3' || nodeBuiltins.has(path));

  for (const name of LAZY_PACKAGES) {
    outputs.push(paths.lazyFile(lazyFileName(name)));
    const result = await build({
      ...common,
      stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: paths.root, loader: 'js' },
      outfile: paths.tempOf(paths.lazyFile(lazyFileName(name))),
    });
    check(name, result, (path) => nodeBuiltins.has(path));
  }
  if (problems.length > 0) {
    for (const output of outputs) rmSync(paths.tempOf(output), { force: true });
    throw new Error(`${problems.join('\n')}\nThe CLI bundles may require only better-sqlite3 (and the main bundle playwright-core) and Node's built-in modules.`);
  }

  writeCliInputs(paths, [...inputs], outputs);
  if (!quiet) console.log(`✓ ${paths.entry} → dist/cli/nuanjing.cjs (${Math.round(mainBytes / 1024)} KB), lazy: ${LAZY_PACKAGES.join(', ')}`);
  return mainBytes;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await buildCli();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
