// Where the CLI bundle lives and whether it is current. Used by bin/nuanjing.mjs at every start
// (so it must stay cheap: no esbuild, no TypeScript, a few hundred stat calls) and by
// scripts/build-cli.mjs after a build.
//
// A bundle is current when dist/cli/inputs.json lists every file that went into it with the same
// size and modification time as now. Any edit, checkout, deletion or `npm install` (package-lock.json
// is listed too) makes it stale, and the bin rebuilds before running: nobody runs an old bundle after
// editing a source, whether they call the bin, `npm run web` or a test that spawns it.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root and the files of the CLI bundle. */
export function cliBundlePaths() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const outdir = join(root, 'dist', 'cli');
  return {
    root,
    outdir,
    /** The entry of the bundle: exports `runCli`. */
    entry: 'electron/cli/run-cli.ts',
    bundle: join(outdir, 'nuanjing.cjs'),
    /** The long-job worker of web mode, and its entry. */
    jobWorker: join(outdir, 'job-worker.cjs'),
    jobWorkerEntry: 'electron/jobs/job-worker.ts',
    manifest: join(outdir, 'inputs.json'),
    lazyFile: (name) => join(outdir, 'lazy', name),
    /** A temporary name beside `path`: a build writes there and renames, so a reader never sees half a file. */
    tempOf: (path) => `${path}.${process.pid}.tmp`,
  };
}

/** Files besides the bundle's own inputs whose change means a rebuild: the build itself and the dependencies. */
const EXTRA_INPUTS = ['scripts/build-cli.mjs', 'scripts/cli-bundle.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.base.json'];

function fingerprint(path) {
  const stat = statSync(path);
  return [stat.size, stat.mtimeMs];
}

/**
 * Moves the freshly built `outputs` (written to their temporary names) into place, then records
 * the inputs: project files only (dependencies are covered by package-lock.json).
 */
export function writeCliInputs(paths, inputs, outputs) {
  const own = inputs.filter((input) => !input.includes('node_modules/') && !input.includes(':') && existsSync(join(paths.root, input)));
  const files = {};
  for (const input of [...new Set([...own, ...EXTRA_INPUTS])].sort()) {
    const absolute = join(paths.root, input);
    if (existsSync(absolute)) files[relative(paths.root, absolute)] = fingerprint(absolute);
  }
  mkdirSync(paths.outdir, { recursive: true });
  for (const output of outputs) renameSync(paths.tempOf(output), output);
  const tempManifest = paths.tempOf(paths.manifest);
  writeFileSync(tempManifest, JSON.stringify({ files }, null, 0));
  renameSync(tempManifest, paths.manifest);
}

/** True when the bundle exists and every recorded input is unchanged. */
export function isCliBundleCurrent(paths = cliBundlePaths()) {
  if (!existsSync(paths.bundle)) return false;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(paths.manifest, 'utf8'));
  } catch {
    return false;
  }
  for (const [file, [size, mtimeMs]] of Object.entries(manifest.files ?? {})) {
    let now;
    try {
      now = fingerprint(join(paths.root, file));
    } catch {
      return false;
    }
    if (now[0] !== size || now[1] !== mtimeMs) return false;
  }
  return true;
}
