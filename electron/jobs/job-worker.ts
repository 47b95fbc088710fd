import { parentPort, workerData } from 'node:worker_threads';
import { openLedgerStore } from '../../db/ledger-store';
import { createAppDeps } from '../app-deps';
import { lockedWrapper } from '../keys/key-wrapper';
import { useKeyWrapper, useUnlockedKey } from '../keys/ledger-keys';
import { createHandlerRegistry } from '../handlers/all-handlers';
import type { JobWorkerData, JobWorkerMessage } from './job-runner';
import { CallerSession } from '../accounts/caller-session';

/**
 * The worker of a long job (see job-runner.ts): opens the ledger file, dispatches the one call it
 * was given through the handler registry — its deps have no job runner, so the handler runs here —
 * and posts the events and the envelope back.
 */
/**
 * `NUANJING_JOB_PACE_MS`: a pause at each progress point of a long job, in milliseconds (none when
 * unset). The jobs are fast on a developer's PC; to show — or test — the progress bar and 取消 on a
 * station-sized file, web mode can be started with it (the worker inherits the environment).
 */
function jobPaceMs(): number {
  const value = Number(process.env.NUANJING_JOB_PACE_MS ?? 0);
  return Number.isFinite(value) && value > 0 ? Math.min(value, 10_000) : 0;
}

async function runJob(data: JobWorkerData): Promise<void> {
  const post = (message: JobWorkerMessage) => parentPort?.postMessage(message);
  const store = await openLedgerStore(data.dbPath);
  // The keys unlock as in the main process, without asking again (safeStorage lives only there).
  if (data.dataKey) useUnlockedKey(store, data.dataKey);
  else useKeyWrapper(store, lockedWrapper());
  try {
    const deps = createAppDeps(store, {
      userName: data.caller.name,
      appVersion: data.appVersion,
      events: (name, payload) => post({ type: 'event', name, payload }),
    });
    deps.cancelRequested = () => Atomics.load(data.cancelFlag, 0) === 1;
    const paceMs = jobPaceMs();
    // Waits on the cancel flag itself: a cancel ends the pause at once.
    if (paceMs > 0) deps.pauseAtProgress = () => void Atomics.wait(data.cancelFlag, 0, 0, paceMs);
    const response = await createHandlerRegistry().dispatch(deps, data.method, data.args, CallerSession.actingFor(data.caller));
    post({ type: 'done', response });
  } finally {
    store.close();
  }
}

void runJob(workerData as JobWorkerData);
