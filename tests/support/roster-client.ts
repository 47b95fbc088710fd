import type { ApiClient } from '../../shared/contract/api-contract';
import type { StaffInput } from '../../shared/staff-record';
import { makeValidIdNumber } from '../../shared/id-number';
import { loggedFieldCount } from '../../db/change-log';
import { openLedgerStore, type LedgerStore } from '../../db/ledger-store';
import { createAppDeps, type AppDeps } from '../../electron/app-deps';
import { createHandlerRegistry } from '../../electron/handlers/all-handlers';
import { createInProcessClient } from '../../electron/transports/in-process-client';

/** 2026-11-23 10:00 China time: the fixed "now" of the roster tests. */
export const ROSTER_TEST_NOW = Date.parse('2026-11-23T02:00:00Z');

/** A set-up station on a real `:memory:` ledger, called through the in-process transport. */
export interface RosterTestApp {
  store: LedgerStore;
  deps: AppDeps;
  client: ApiClient;
  close(): void;
}

/**
 * Opens an in-memory ledger with a fixed clock, sets up a station (北山派出所, or a bureau) and
 * returns a client that goes through the same validation and error envelope as IPC and HTTP.
 */
export async function openRosterTestApp(options: { userName?: string; role?: 'station' | 'bureau' } = {}): Promise<RosterTestApp> {
  const store = await openLedgerStore(':memory:', { wallClock: () => ROSTER_TEST_NOW });
  const deps = createAppDeps(store, { userName: options.userName ?? '王丽' });
  const client = createInProcessClient(createHandlerRegistry(), deps);
  const role = options.role ?? 'station';
  await client.call('station.setup', { code: role === 'bureau' ? '330106' : '330106-01', name: role === 'bureau' ? '西湖分局' : '北山派出所', role });
  return { store, deps, client, close: () => store.close() };
}

/** A valid staff form: a male 民警 born 1985-07-04 unless overridden. */
export function staffForm(overrides: Partial<StaffInput> = {}): StaffInput {
  return {
    category: '民警',
    name: '张三',
    idNumber: makeValidIdNumber('330106', '1985-07-04', 13),
    phone: '13812345678',
    badgeNo: '023401',
    position: '社区民警',
    workStartDate: '2007-07-01',
    joinedStationDate: '2015-03-01',
    partyMember: true,
    unionMember: true,
    ...overrides,
  };
}

/** Rows of the change log (the audit trail and what sync bundles carry). */
export function changeLogCount(store: LedgerStore): number {
  return loggedFieldCount(store);
}
