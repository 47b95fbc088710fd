import { chinaDateOf } from '../shared/china-date';
import type { EventName } from '../shared/contract/api-contract';
import type { LedgerStore } from '../db/ledger-store';
import type { WriteActor } from '../db/write-path';
import type { JobRunner } from './jobs/job-runner';
import type { PdfRenderer } from './print/pdf-renderer';
import type { CallerIdentity, CallerSession } from './accounts/caller-session';

/** Pushes an event to whoever listens (the Electron window, web mode's event stream, a test). */
export type EventSink = (name: EventName, payload: unknown) => void;

/**
 * What every handler gets injected: the store (with its clock and id generator), the current
 * user, and an event sink. Tests pass a `:memory:` store with a fixed clock.
 */
export interface AppDeps {
  store: LedgerStore;
  user: WriteActor;
  /**
   * Who makes this call, with their role and health permission: set by the handler registry for
   * each call from the caller's session (electron/accounts/call-access.ts). A handler whose result
   * may hold health details leaves them out when `caller.health` is false.
   */
  caller: CallerIdentity;
  /** The caller's session, for the account calls (sign in, lock …); set per call by the registry. */
  session?: CallerSession;
  events: EventSink;
  appVersion: string;
  /** Runs long jobs in a worker thread (the app and web mode); absent: they run on this thread. */
  jobs?: JobRunner;
  /** Inside a job's worker: whether the job with this task id was asked to stop. */
  cancelRequested?: (taskId: string) => boolean;
  /**
   * Called at each progress point of a long job before its cancel check: a pause there (see
   * `NUANJING_JOB_PACE_MS` in electron/jobs/job-worker.ts) slows a job down for a demonstration or a
   * test of its progress bar and cancel button, whatever the speed of the machine.
   */
  pauseAtProgress?: () => void;
  /**
   * Called after a restore replaced the ledger (`store` is already the reopened one): the desktop
   * app relaunches itself, web mode watches the new connection. Absent: nothing more to do.
   */
  onLedgerRestored?: () => void;
  /** Makes PDFs of printable pages: Electron's printToPDF in the app, a headless Chromium for the CLI and web mode; absent: no PDF here. */
  pdf?: PdfRenderer;
}

/** Today's date in China time, from the store's injected wall clock. */
export function todayOf(deps: AppDeps): string {
  return chinaDateOf(deps.store.now());
}

export interface CreateDepsOptions {
  userName?: string;
  events?: EventSink;
  appVersion?: string;
}

/** This build's version, from package.json at build time (kept in one place). */
export const APP_VERSION = '0.1.0';

/** Assembles handler deps around an open store. */
export function createAppDeps(store: LedgerStore, options: CreateDepsOptions = {}): AppDeps {
  const deps: AppDeps = {
    store,
    user: { userName: options.userName ?? '' },
    caller: { name: options.userName ?? '', role: '管理员', health: true, signedIn: false },
    events: options.events ?? (() => undefined),
    appVersion: options.appVersion ?? APP_VERSION,
  };
  // The write path announces each committed transaction; it goes out through whatever sink the
  // deps have now (web mode sets its sink once the server is up).
  store.onDataChanged((change) => deps.events('data.changed', change));
  return deps;
}
