import { parentPort, workerData } from 'node:worker_threads';
import { openLedgerStore } from '../../db/ledger-store';
import { createAppDeps } from '../app-deps';
import { createHandlerRegistry } from '../handlers/all-handlers';
import type { JobWorkerData, JobWorkerMessage } from './job-runner';

/**
 * The worker of a long job (see job-runner.ts): opens the ledger file, dispatches the one call it
 * was given through the handler registry — its deps have no job runner, so the handler runs here —
 * and posts the events and the envelope back.
 */
async function runJob(data: JobWorkerData): Promise<void> {
  const post = (message: JobWorkerMessage) => parentPort?.postMessage(message);
  const store = await openLedgerStore(data.dbPath);
  try {
    const deps = createAppDeps(store, {
      userName: data.userName,
      appVersion: data.appVersion,
      events: (name, payload) => post({ type: 'event', name, payload }),
    });
    deps.cancelRequested = () => Atomics.load(data.cancelFlag, 0) === 1;
    const response = await createHandlerRegistry().dispatch(deps, data.method, data.args);
    post({ type: 'done', response });
  } finally {
    store.close();
  }
}

void runJob(workerData as JobWorkerData);
