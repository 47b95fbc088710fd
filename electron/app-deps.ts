import { chinaDateOf } from '../shared/china-date';
import type { EventName } from '../shared/contract/api-contract';
import type { LedgerStore } from '../db/ledger-store';
import type { WriteActor } from '../db/write-path';

/** Pushes an event to whoever listens (the Electron window, web mode's event stream, a test). */
export type EventSink = (name: EventName, payload: unknown) => void;

/**
 * What every handler gets injected: the store (with its clock and id generator), the current
 * user, and an event sink. Tests pass a `:memory:` store with a fixed clock.
 */
export interface AppDeps {
  store: LedgerStore;
  user: WriteActor;
  events: EventSink;
  appVersion: string;
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
  return {
    store,
    user: { userName: options.userName ?? '' },
    events: options.events ?? (() => undefined),
    appVersion: options.appVersion ?? APP_VERSION,
  };
}
