import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedgerStore } from '../../db/ledger-store';
import { writeRecord } from '../../db/write-path';
import { runCli } from '../../electron/cli/run-cli';
import { localStation } from '../../electron/station/local-station';
import { createBureau, exportFor, openStationFile, stationFromSetup } from '../support/sync-sites';
import { tempFolder } from '../support/test-ledger';
import { allLoggedChanges } from '../../db/change-log';

/**
 * Crash safety of an import: a large bundle (20 000 field changes) is imported in a child process,
 * which is killed with SIGKILL — before the import's transaction begins, at random moments inside
 * it, and around its commit. The child runs the real import (`importBundle`, what `nuanjing sync
 * import` calls) and only reports on stdout when the transaction begins, so the kills can be aimed.
 * After every kill the database passes `nuanjing check` and holds all of the bundle or none of it.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const PEOPLE = 2000;
const KILLS = 15;


let folder: ReturnType<typeof tempFolder>;
let template: string;
let bundlePath: string;
let stationSite: string;
let bundleChanges: number;
let childScript: string;

beforeAll(async () => {
  folder = tempFolder('nuanjing-sync-crash-');
  template = join(folder.path, 'bureau-template.sqlite');
  const bureauStore = await openLedgerStore(template);
  const bureau = await createBureau('330100', '杭州市公安局', { store: bureauStore });
  const station = await stationFromSetup(await openStationFile(bureau, '330102-01', '北山派出所'), { code: '330102-01', name: '北山派出所' });
  const stationId = localStation(station.store)!.id;
  station.store.transaction(() => {
    for (let i = 0; i < PEOPLE; i += 1) {
      writeRecord(station.store, station.deps.user, 'staff', `person-${i}`, {
        station_id: stationId,
        category: '辅警',
        name: `测试${i}`,
        id_number: `33010619900101${String(i).padStart(4, '0')}`,
        phone: `139${String(i).padStart(8, '0')}`,
        position: '巡逻',
        notes: '批量导入的测试人员',
        status: '在职',
        party_member: i % 2,
        union_member: 1,
      });
    }
  });
  const bundle = await exportFor(station, bureau);
  bundleChanges = bundle.changes;
  stationSite = station.store.siteId;
  bundlePath = join(folder.path, bundle.fileName);
  writeFileSync(bundlePath, bundle.bytes);
  station.store.close();
  bureauStore.close(); // checkpoints the WAL into the file, so a plain copy is a whole database
  expect(existsSync(`${template}-wal`)).toBe(false);
  childScript = await buildChild();
}, 120_000);

afterAll(() => {
  folder.remove();
  if (childScript) rmSync(childScript, { force: true });
});

interface Outcome {
  killed: boolean;
  code: number | null;
  /** Milliseconds from spawn to the transaction's start (null: never reached). */
  beganAt: number | null;
  /** Milliseconds from spawn to exit. */
  ms: number;
}

/** The child: the real import, reporting "BEGIN" when its (outermost) transaction starts. */
const CHILD = `
const [dbPath, bundlePath] = process.argv.slice(-2);
const { readFileSync } = await import('node:fs');
const { openLedgerStore } = await import(${JSON.stringify(join(ROOT, 'db/ledger-store.ts'))});
const { createAppDeps } = await import(${JSON.stringify(join(ROOT, 'electron/app-deps.ts'))});
const { importBundle } = await import(${JSON.stringify(join(ROOT, 'electron/sync/bundle-import.ts'))});
const store = await openLedgerStore(dbPath);
const transaction = store.transaction;
let began = false;
store.transaction = (fn) => transaction(() => {
  if (!began) { began = true; process.stdout.write('BEGIN\\n'); }
  return fn();
});
// A pause at each progress point inside the transaction (as NUANJING_JOB_PACE_MS does for a job):
// the import has become fast, and the kills aimed inside it must land there on a busy machine too.
const pause = new Int32Array(new SharedArrayBuffer(4));
const progress = () => { Atomics.wait(pause, 0, 0, 40); };
importBundle(createAppDeps(store, { userName: '市局' }), readFileSync(bundlePath), { fileName: 'big.njb', dryRun: false, progress });
store.close();
`;

/**
 * The child compiled once, as the app's own code is for the packaged app (esbuild, packages left to
 * Node), so each of the 17 children starts in plain Node instead of compiling TypeScript first. It
 * lives under the project (git-ignored test-output/) so Node finds the packages it imports.
 */
async function buildChild(): Promise<string> {
  const dir = join(ROOT, 'test-output');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `sync-crash-child-${process.pid}.mjs`);
  await build({ stdin: { contents: CHILD, resolveDir: ROOT, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'error' });
  return outfile;
}

/**
 * Imports the bundle into a fresh copy of the bureau in a child process and kills it: `killAt` says
 * when — milliseconds after spawn, or after the transaction began — or never (null).
 */
function importInChild(dbPath: string, killAt: { afterBegin: boolean; ms: number } | null): Promise<Outcome> {
  copyFileSync(template, dbPath);
  const started = Date.now();
  return new Promise((resolveOutcome, reject) => {
    const child = spawn(process.execPath, [childScript, dbPath, bundlePath], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let killed = false;
    let beganAt: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    const arm = (ms: number) => {
      timer = setTimeout(() => {
        killed = child.kill('SIGKILL');
      }, ms);
    };
    if (killAt && !killAt.afterBegin) arm(killAt.ms);
    child.stdout.on('data', (chunk: Buffer) => {
      if (beganAt === null && chunk.toString().includes('BEGIN')) {
        beganAt = Date.now() - started;
        if (killAt?.afterBegin) arm(killAt.ms);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolveOutcome({ killed, code, beganAt, ms: Date.now() - started });
    });
  });
}

/** What the database holds of the bundle after the child ended. */
async function inspect(dbPath: string): Promise<{ changes: number; staff: number; imports: number; registered: boolean; checkOk: boolean }> {
  const out: string[] = [];
  const checkCode = await runCli(['check', '--db', dbPath, '--json'], { stdout: (t) => out.push(t), stderr: () => undefined });
  const store = await openLedgerStore(dbPath);
  try {
    const count = (sql: string, ...params: string[]) => (store.sqlite.prepare(sql).get(...params) as { n: number }).n;
    return {
      changes: allLoggedChanges(store).filter((c) => c.siteId === stationSite).length,
      staff: count('SELECT count(*) AS n FROM staff'),
      imports: count("SELECT count(*) AS n FROM sync_history WHERE direction = 'import'"),
      registered: count('SELECT count(*) AS n FROM sync_peer WHERE site_id = ?', stationSite) === 1,
      checkOk: checkCode === 0 && JSON.parse(out.join('')).ok === true,
    };
  } finally {
    store.close();
  }
}

describe('crash safety of an import (SIGKILL of the importing process)', () => {
  it(`holds all of a ${PEOPLE * 10}-change bundle or none of it after ${KILLS} kills before, inside and at the end of the import's transaction`, async () => {
    // The real command line imports the whole file: what "all" looks like.
    const cliPath = join(folder.path, 'cli.sqlite');
    copyFileSync(template, cliPath);
    const cliOut: string[] = [];
    expect(await runCli(['sync', 'import', '--db', cliPath, bundlePath], { stdout: (t) => cliOut.push(t), stderr: (t) => cliOut.push(t) })).toBe(0);
    const all = await inspect(cliPath);
    expect(all).toEqual({ changes: bundleChanges, staff: PEOPLE, imports: 1, registered: true, checkOk: true });
    const none = { changes: 0, staff: 0, imports: 0, registered: false, checkOk: true };

    // An unkilled child: how long until the transaction begins, and how long it lasts.
    const full = await importInChild(join(folder.path, 'full.sqlite'), null);
    expect(full.code).toBe(0);
    expect(await inspect(join(folder.path, 'full.sqlite'))).toEqual(all);
    const begin = full.beganAt as number;
    const inside = full.ms - begin;

    const plan: { afterBegin: boolean; ms: number }[] = [
      // Before the transaction: start-up, reading, decrypting and checking every change.
      ...[0.3, 0.6, 0.9].map((f) => ({ afterBegin: false, ms: Math.round(begin * f) })),
      // Inside it, at random moments.
      ...Array.from({ length: KILLS - 5 }, () => ({ afterBegin: true, ms: Math.round(Math.random() * inside * 0.8) })),
      // Around the commit.
      ...[0.95, 1.05].map((f) => ({ afterBegin: true, ms: Math.round(inside * f) })),
    ];
    const outcomes: string[] = [];
    for (const [i, killAt] of plan.entries()) {
      const dbPath = join(folder.path, `kill-${i}.sqlite`);
      const outcome = await importInChild(dbPath, killAt);
      const held = await inspect(dbPath);
      const label = `${killAt.afterBegin ? 'BEGIN+' : ''}${killAt.ms}ms`;
      expect([none, all], `kill ${i} at ${label} (killed: ${outcome.killed}, exit ${outcome.code})`).toContainEqual(held);
      outcomes.push(`${label}:${outcome.killed ? 'killed' : 'finished'}${outcome.beganAt === null ? '' : '-in-tx'}:${held.changes === 0 ? 'none' : 'all'}`);
    }
    console.info(`transaction begins ${begin} ms after spawn and lasts ${inside} ms; ${outcomes.join(' ')}`);
    expect(outcomes.filter((o) => o.includes(':killed')).length).toBeGreaterThanOrEqual(10);
    expect(outcomes.filter((o) => o.includes(':killed-in-tx:none')).length).toBeGreaterThanOrEqual(5);
  }, 600_000);
});
