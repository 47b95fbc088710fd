import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../shared/contract/api-contract';
import { loggedFieldCount } from '../../db/change-log';
import { openLedgerStore } from '../../db/ledger-store';
import { todayOf } from '../../electron/app-deps';
import { createWorkerJobRunner } from '../../electron/jobs/job-runner';
import { requireLocalStation } from '../../electron/station/local-station';
import { seedDemoRoster } from '../../electron/staff/demo-roster-seed';
import { createBureau, dumpStore, exportFor, pairStation, type CarriedBundle, type Site } from '../support/sync-sites';
import { tempFolder } from '../support/test-ledger';

/**
 * Long jobs in a worker thread: a bureau whose ledger is a file imports a station's first bundle
 * through the worker (its own connection), reporting `task.progress`; the main connection stays
 * free meanwhile; a cancel leaves the bureau's file exactly as it was.
 */
const WORKER_ENTRY = resolve(import.meta.dirname, '../../electron/jobs/job-worker-entry.mjs');

const folder = tempFolder('nuanjing-jobs-');
let bureau: Site;
let bundle: CarriedBundle;
const progress: TaskProgress[] = [];

beforeAll(async () => {
  bureau = await createBureau('330100', '杭州市公安局', { store: await openLedgerStore(join(folder.path, 'bureau.sqlite')) });
  const station = await pairStation(bureau, '330102-01', '北山派出所');
  seedDemoRoster(station.store, station.deps.user, { staff: 120, years: 2, seed: 3, today: todayOf(station.deps), stationId: requireLocalStation(station.store).id, stationName: '北山派出所' });
  bundle = await exportFor(station, bureau);
  station.store.close();
  bureau.deps.jobs = createWorkerJobRunner(bureau.deps, WORKER_ENTRY);
  const sink = bureau.deps.events;
  bureau.deps.events = (name, payload) => {
    if (name === 'task.progress') progress.push(payload as TaskProgress);
    sink(name, payload);
  };
}, 120_000);

afterAll(() => {
  bureau.store.close();
  folder.remove();
});

describe('a bundle import as a long job', () => {
  it('is cancelled at its first progress report and leaves the ledger exactly as it was', async () => {
    const before = dumpStore(bureau.store);
    progress.length = 0;
    const stop = bureau.client.on?.('task.progress', (payload) => {
      if ((payload as TaskProgress).taskId === 'cancel-me') void bureau.client.call('task.cancel', { taskId: 'cancel-me' });
    });
    const outcome = await bureau.client
      .call('sync.importBundle', { fileName: bundle.fileName, bytesBase64: bundle.bytes.toString('base64'), dryRun: false, taskId: 'cancel-me' })
      .then(
        () => 'imported',
        (error: { code: string; message: string }) => error,
      );
    stop?.();
    expect(outcome).toMatchObject({ code: 'TASK_CANCELLED', message: expect.stringContaining('没有写入任何数据') });
    expect(progress.length).toBeGreaterThan(0);
    expect(dumpStore(bureau.store)).toEqual(before);
  });

  it('runs in the worker with progress up to the count of changes, while the main connection answers', async () => {
    progress.length = 0;
    let finished = false;
    const importing = bureau.client
      .call('sync.importBundle', { fileName: bundle.fileName, bytesBase64: bundle.bytes.toString('base64'), dryRun: false, taskId: 'import-1' })
      .finally(() => {
        finished = true;
      });
    // The window's own calls are not queued behind the import.
    const info = await bureau.client.call('app.info', {});
    expect(info.station?.code).toBe('330100');
    expect(finished).toBe(false);
    const summary = await importing;
    expect(summary.totals.inserted).toBeGreaterThan(120);
    const mine = progress.filter((p) => p.taskId === 'import-1');
    expect(mine.at(-1)).toEqual({ taskId: 'import-1', label: '导入同步文件', done: summary.changes, total: summary.changes });
    expect(mine.map((p) => p.done)).toEqual([...mine.map((p) => p.done)].sort((a, b) => a - b));
    // The main connection sees what the worker committed.
    expect(loggedFieldCount(bureau.store)).toBeGreaterThanOrEqual(summary.changes);
    expect((bureau.store.sqlite.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n).toBe(120);
  });
});
