import { Worker } from 'node:worker_threads';
import { AppError, commonErrorCodes, type ApiResponse } from '../../shared/contract/api-error';
import type { MethodName } from '../../shared/contract/api-contract';
import type { AppDeps } from '../app-deps';
import type { CallerIdentity } from '../accounts/caller-session';
import { unlockedDataKeyOrNull } from '../keys/ledger-keys';

/**
 * Long jobs in a worker thread with its own connection to the ledger file, so the window (its IPC,
 * web mode's HTTP) stays responsive while a 5,000-person bundle imports. The worker dispatches the
 * same call through the same handler registry (db/ledger-store opens the same file; SQLite's WAL
 * lets the main connection keep reading, and the job's one transaction is all or nothing); its
 * events — `task.progress`, `data.changed` — are forwarded to the main process's sink. A cancel
 * sets a flag in shared memory that the job reads at each progress point.
 */
export interface JobRunner {
  /** Runs a call in a worker for the caller whose access the main process checked; resolves with its envelope. */
  run(method: MethodName, args: unknown, caller: CallerIdentity): Promise<ApiResponse<unknown>>;
  /** Asks the job with this task id to stop; false when none runs. */
  cancel(taskId: string): boolean;
}

/** What the worker gets (see job-worker.ts). */
export interface JobWorkerData {
  dbPath: string;
  method: MethodName;
  args: unknown;
  /** Who started the job (the change log's user, and their role and health permission). */
  caller: CallerIdentity;
  appVersion: string;
  /** Int32Array over a SharedArrayBuffer: [0] becomes 1 when the job is to stop. */
  cancelFlag: Int32Array;
  /** The ledger's unlocked data key (the main process holds the passphrase or the keystore), or null. */
  dataKey: Uint8Array | null;
}

/** A message from the worker. */
export type JobWorkerMessage = { type: 'event'; name: Parameters<AppDeps['events']>[0]; payload: unknown } | { type: 'done'; response: ApiResponse<unknown> };

/**
 * A runner for a store opened from a file. `workerEntry` is the worker's script: the bundled
 * `job-worker.cjs` of a built app, or `job-worker-entry.mjs` (which loads the TypeScript sources)
 * when running from sources.
 */
export function createWorkerJobRunner(deps: AppDeps, workerEntry: string): JobRunner {
  const running = new Map<string, Int32Array>();
  return {
    run(method, args, caller) {
      const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
      const taskId = typeof (args as { taskId?: unknown })?.taskId === 'string' ? (args as { taskId: string }).taskId : undefined;
      if (taskId) running.set(taskId, cancelFlag);
      const workerData: JobWorkerData = { dbPath: deps.store.path, method, args, caller, appVersion: deps.appVersion, cancelFlag, dataKey: unlockedDataKeyOrNull(deps.store) };
      return new Promise<ApiResponse<unknown>>((resolve) => {
        const worker = new Worker(workerEntry, { workerData });
        let settled = false;
        const finish = (response: ApiResponse<unknown>) => {
          if (settled) return;
          settled = true;
          if (taskId) running.delete(taskId);
          resolve(response);
        };
        worker.on('message', (message: JobWorkerMessage) => {
          if (message.type === 'event') deps.events(message.name, message.payload);
          else finish(message.response);
        });
        worker.on('error', (error) => {
          console.error(`[nuanjing] job ${method} failed in its worker:`, error);
          finish({ ok: false, error: { code: commonErrorCodes.internal, message: '后台任务意外中止，数据没有改动。请重试；如果再次出现，请联系技术支持。' } });
        });
        worker.on('exit', (code) => {
          if (!settled) finish({ ok: false, error: { code: commonErrorCodes.internal, message: `后台任务意外退出（代码 ${code}），数据没有改动。请重试。` } });
        });
      });
    },
    cancel(taskId) {
      const flag = running.get(taskId);
      if (!flag) return false;
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      return true;
    },
  };
}

/**
 * Runs a long job: in the worker when the deps have a runner (the app, web mode), else here (a
 * `:memory:` ledger in tests, or inside the worker itself). Either way the result or AppError is
 * the same.
 */
export async function runLongJob<T>(deps: AppDeps, method: MethodName, args: unknown, here: () => T | Promise<T>): Promise<T> {
  if (!deps.jobs) return here();
  const response = await deps.jobs.run(method, args, deps.caller);
  if (!response.ok) throw new AppError(response.error.code, response.error.message, response.error.details);
  return response.data as T;
}
