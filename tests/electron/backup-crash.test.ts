import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMeta, openLedgerStore } from '../../db/ledger-store';
import { checkStore } from '../../db/store-health';
import { writeRecord } from '../../db/write-path';
import { backupLedger } from '../../electron/backup/ledger-backup';
import { restoreLedger } from '../../electron/backup/ledger-restore';
import type { BackupEntry } from '../../electron/backup/backup-folder';
import { tempFolder } from '../support/test-ledger';

/**
 * Backups and restores against other processes: a backup taken while another process keeps writing
 * restores to a consistent state; and child processes that back up and restore in a loop are killed
 * with SIGKILL at random moments — after every kill the ledger opens, passes its integrity check and
 * is exactly the old one or the new one, never a mix.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const KILLS = 20;
const LANES = 4;
const BATCH = 5;

/** The child: `write DB` keeps committing batches of people; `cycle DB A B` restores A, B, A … for ever. */
const CHILD = `
const [mode, dbPath, first, second] = process.argv.slice(2);
const { openLedgerStore, writeMeta, getMeta } = await import(${JSON.stringify(join(ROOT, 'db/ledger-store.ts'))});
const { writeRecord } = await import(${JSON.stringify(join(ROOT, 'db/write-path.ts'))});
const { restoreLedger } = await import(${JSON.stringify(join(ROOT, 'electron/backup/ledger-restore.ts'))});
if (mode === 'write') {
  const store = await openLedgerStore(dbPath);
  const stationId = getMeta(store, 'test_station');
  for (let batch = 1; ; batch += 1) {
    store.transaction(() => {
      for (let i = 0; i < ${BATCH}; i += 1) {
        writeRecord(store, { userName: '负载' }, 'staff', 'load-' + batch + '-' + i, { station_id: stationId, name: '负载' + batch + '-' + i, category: '辅警', status: '在职' });
      }
      writeMeta(store, 'load_batches', String(batch));
    });
    if (batch === 1) process.stdout.write('WRITING\\n');
    await new Promise((done) => setImmediate(done));
  }
} else {
  process.stdout.write('READY\\n');
  for (let n = 0; ; n += 1) {
    await restoreLedger({ ledgerPath: dbPath, backupPath: n % 2 === 0 ? first : second, now: Date.now(), appVersion: '0.1.0' });
  }
}
`;

let folder: ReturnType<typeof tempFolder>;
let childScript: string;

async function buildChild(): Promise<string> {
  const dir = join(ROOT, 'test-output');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `backup-crash-child-${process.pid}.mjs`);
  await build({ stdin: { contents: CHILD, resolveDir: ROOT, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'error' });
  return outfile;
}

/** Starts a child and resolves once it printed `signal` (it started its loop). */
function startChild(args: string[], signal: string): Promise<ChildProcess> {
  return new Promise((resolveStarted, reject) => {
    const child = spawn(process.execPath, [childScript, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(signal)) resolveStarted(child);
    });
    child.on('error', reject);
    child.on('exit', (code, killedBy) => {
      if (killedBy !== 'SIGKILL') reject(new Error(`child ended (${code}) before it was killed:\n${errors}`));
    });
  });
}

function killAndWait(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

/** A small station ledger with `people` people, closed (its WAL folded in). */
async function ledgerWith(path: string, people: number, prefix: string): Promise<void> {
  const store = await openLedgerStore(path);
  store.transaction(() => {
    writeRecord(store, { userName: '' }, 'station', 'st-1', { code: '330102-01', name: '北山派出所', role: 'station' });
    store.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('test_station', 'st-1')").run();
    for (let i = 0; i < people; i += 1) writeRecord(store, { userName: '' }, 'staff', `${prefix}-${i}`, { station_id: 'st-1', name: `${prefix}${i}`, category: '民警', status: '在职' });
  });
  store.close();
}

beforeAll(async () => {
  folder = tempFolder('nuanjing-backup-crash-');
  childScript = await buildChild();
}, 60_000);

afterAll(() => {
  folder.remove();
  if (childScript) rmSync(childScript, { force: true });
});

describe('backups against other processes', () => {
  it('a backup taken while another process keeps writing restores to a consistent state', async () => {
    const path = join(folder.path, 'load.sqlite');
    await ledgerWith(path, 20, 'base');
    const writer = await startChild(['write', path], 'WRITING');
    const store = await openLedgerStore(path);
    const backups: BackupEntry[] = [];
    try {
      for (let i = 0; i < 3; i += 1) backups.push(await backupLedger(store, { reason: 'manual', now: Date.now() + i * 1000, appVersion: '0.1.0' }));
    } finally {
      await killAndWait(writer);
      store.close();
    }
    const seen = new Set<number>();
    for (const [i, backup] of backups.entries()) {
      const target = join(folder.path, `restored-${i}.sqlite`);
      await restoreLedger({ ledgerPath: target, backupPath: backup.path, now: Date.now(), appVersion: '0.1.0' });
      const restored = await openLedgerStore(target);
      try {
        expect(checkStore(restored).ok).toBe(true);
        const batches = Number(getMeta(restored, 'load_batches') ?? 0);
        const staff = (restored.sqlite.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n;
        // Each batch is one transaction: its people and its counter are in the copy together, or not at all.
        expect(staff).toBe(20 + BATCH * batches);
        seen.add(batches);
      } finally {
        restored.close();
      }
    }
    // The writer was busy while the backups ran: they caught it at different moments.
    expect(Math.max(...seen)).toBeGreaterThan(0);
  });

  it(`leaves the ledger whole, old or new, after ${KILLS} SIGKILLs of processes backing it up and restoring over it`, async () => {
    const pathA = join(folder.path, 'a.sqlite');
    const pathB = join(folder.path, 'b.sqlite');
    await ledgerWith(pathA, 30, 'a');
    await ledgerWith(pathB, 45, 'b');
    const sourceA = await openLedgerStore(pathA);
    const backupA = await backupLedger(sourceA, { reason: 'manual', now: Date.now(), appVersion: '0.1.0' });
    sourceA.close();
    const sourceB = await openLedgerStore(pathB);
    const backupB = await backupLedger(sourceB, { reason: 'manual', now: Date.now(), appVersion: '0.1.0' });
    sourceB.close();

    // Four ledgers side by side, each killed in turn: the machine's cores start the next child
    // while another one restores.
    const lane = async (n: number): Promise<string[]> => {
      const ledger = join(folder.path, `ledger-${n}.sqlite`);
      await ledgerWith(ledger, 30, 'a');
      const states: string[] = [];
      for (let kill = 0; kill < KILLS / LANES; kill += 1) {
        const child = await startChild(['cycle', ledger, backupA.path, backupB.path], 'READY');
        // Somewhere in a restore: extracting, backing up today's file, handing the file over, renaming.
        await new Promise((done) => setTimeout(done, 10 + Math.random() * 250));
        await killAndWait(child);
        const store = await openLedgerStore(ledger);
        try {
          expect(checkStore(store).ok).toBe(true);
          const ids = (store.sqlite.prepare('SELECT id FROM staff ORDER BY id').pluck().all() as string[]).map((id) => id.split('-')[0]);
          const kind = new Set(ids);
          expect(kind.size).toBe(1);
          expect(ids.length).toBe(kind.has('a') ? 30 : 45);
          states.push([...kind][0]);
        } finally {
          store.close();
        }
      }
      return states;
    };
    const states = (await Promise.all(Array.from({ length: LANES }, (_, n) => lane(n)))).flat();
    expect(states).toHaveLength(KILLS);
    // The kills caught the ledger both before and after a swap.
    expect(new Set(states).size).toBe(2);
  });
});
