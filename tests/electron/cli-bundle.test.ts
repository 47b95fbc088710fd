import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliBundlePaths, isCliBundleCurrent, writeCliInputs, type CliBundlePaths } from '../../scripts/cli-bundle.mjs';
import { tempFolder } from '../support/test-ledger';

const paths = cliBundlePaths();

function node(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, args, { cwd: paths.root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const USAGE_HEAD = '暖警台账命令行（nuanjing）';

let folder: ReturnType<typeof tempFolder> | undefined;
afterEach(() => folder?.remove());

describe('the built CLI', () => {
  it('the bin answers --help with the Chinese usage (exit 0) from a bundle built from the current sources', () => {
    const result = node(['bin/nuanjing.mjs', '--help']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(USAGE_HEAD);
    expect(result.stdout).toContain('nuanjing info --db FILE');
    // The bin rebuilt the bundle first if any source had changed: it is current now.
    expect(isCliBundleCurrent(paths)).toBe(true);
    const manifest = JSON.parse(readFileSync(paths.manifest, 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(manifest.files)).toEqual(expect.arrayContaining(['electron/cli/run-cli.ts', 'db/ledger-store.ts', 'package-lock.json']));
  });

  it('the bundle itself is plain CommonJS that runs without tsx', () => {
    node(['bin/nuanjing.mjs', '--help']); // makes sure the bundle is current
    const script = `require(${JSON.stringify(paths.bundle)}).runCli(['--help'], { stdout: (t) => process.stdout.write(t + '\\n'), stderr: (t) => process.stderr.write(t + '\\n') }).then((code) => { process.exitCode = code; });`;
    const result = node(['-e', script]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(USAGE_HEAD);
  });

  it('builds web mode\'s long-job worker beside it, plain CommonJS that loads without tsx', () => {
    node(['bin/nuanjing.mjs', '--help']);
    // Loaded outside a worker thread it finds no job to run: it only has to load.
    const result = node(['-e', `require('node:module').prototype.require = new Proxy(require('node:module').prototype.require, { apply(target, self, args) { if (String(args[0]).startsWith('tsx')) throw new Error('tsx required'); return Reflect.apply(target, self, args); } }); require(${JSON.stringify(paths.jobWorker)});`]);
    expect(result.stderr).not.toContain('tsx required');
    expect(existsSync(paths.jobWorker)).toBe(true);
  });
});

describe('whether a bundle is current', () => {
  /** A fake project in a temporary folder: one source, a bundle and its manifest. */
  function fakeProject(): { fake: CliBundlePaths; source: string } {
    folder = tempFolder('nuanjing-cli-bundle-');
    const root = folder.path;
    const outdir = join(root, 'dist', 'cli');
    const fake: CliBundlePaths = { ...paths, root, outdir, bundle: join(outdir, 'nuanjing.cjs'), manifest: join(outdir, 'inputs.json'), lazyFile: (name) => join(outdir, 'lazy', name) };
    mkdirSync(join(root, 'electron'), { recursive: true });
    mkdirSync(outdir, { recursive: true });
    const source = join(root, 'electron', 'source.ts');
    writeFileSync(source, 'export const a = 1;\n');
    writeFileSync(fake.tempOf(fake.bundle), 'exports.runCli = async () => 0;\n');
    writeCliInputs(fake, ['electron/source.ts', 'node_modules/zod/index.js'], [fake.bundle]);
    return { fake, source };
  }

  it('is current right after a build, and stale once a source it was built from changes', () => {
    const { fake, source } = fakeProject();
    expect(isCliBundleCurrent(fake)).toBe(true);
    writeFileSync(source, 'export const a = 2;\n');
    expect(isCliBundleCurrent(fake)).toBe(false);
  });

  it('is stale when a source is touched to another time with the same size', () => {
    const { fake, source } = fakeProject();
    utimesSync(source, new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(isCliBundleCurrent(fake)).toBe(false);
  });

  it('is stale when a source is deleted, the bundle is missing or the manifest is unreadable', () => {
    const deleted = fakeProject();
    rmSync(deleted.source);
    expect(isCliBundleCurrent(deleted.fake)).toBe(false);
    folder?.remove();

    const noBundle = fakeProject();
    rmSync(noBundle.fake.bundle);
    expect(isCliBundleCurrent(noBundle.fake)).toBe(false);
    folder?.remove();

    const badManifest = fakeProject();
    writeFileSync(badManifest.fake.manifest, 'not json');
    expect(isCliBundleCurrent(badManifest.fake)).toBe(false);
  });
});
