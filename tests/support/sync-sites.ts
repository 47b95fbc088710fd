import type { ApiClient, ArgsOf } from '../../shared/contract/api-contract';
import { makeValidIdNumber } from '../../shared/id-number';
import type { BundleExport, BundleImportSummary } from '../../shared/sync-record';
import type { LedgerStore } from '../../db/ledger-store';
import { createAppDeps, type AppDeps } from '../../electron/app-deps';
import { createHandlerRegistry } from '../../electron/handlers/all-handlers';
import { localStation } from '../../electron/station/local-station';
import { createInProcessClient } from '../../electron/transports/in-process-client';
import { manualClock, openMemoryLedger, type ManualClock } from './test-ledger';

/**
 * Installations for sync tests: a bureau and stations, each a real in-memory ledger with real keys,
 * driven through the real handlers (the in-process transport), exchanging real sealed bundles.
 */
export interface Site {
  code: string;
  name: string;
  store: LedgerStore;
  deps: AppDeps;
  client: ApiClient;
}

/** Wraps an open store as a site (operator name goes into the change log). */
export function siteOf(store: LedgerStore, code: string, name: string, userName: string): Site {
  const deps = createAppDeps(store, { userName });
  return { code, name, store, deps, client: createInProcessClient(createHandlerRegistry(), deps) };
}

export interface SiteOptions {
  clock?: ManualClock;
  userName?: string;
  /** A store opened by the caller (e.g. a file); default a new in-memory ledger. */
  store?: LedgerStore;
}

/** A bureau (市局/县局) set up by the wizard's call. */
export async function createBureau(code = '330100', name = '杭州市公安局', options: SiteOptions = {}): Promise<Site> {
  const store = options.store ?? (await openMemoryLedger(options.clock ?? manualClock()));
  const site = siteOf(store, code, name, options.userName ?? '市局李强');
  await site.client.call('station.setup', { code, name, role: 'bureau', operatorName: options.userName ?? '市局李强' });
  return site;
}

/** The bureau opens a station and returns the setup file's bytes. */
export async function openStationFile(bureau: Site, code: string, name: string, role: 'station' | 'bureau' = 'station'): Promise<Buffer> {
  const file = await bureau.client.call('sync.openStation', { code, name, role });
  return Buffer.from(file.bytesBase64, 'base64');
}

/** A station's installation set up from its setup file (not yet registered at the bureau). */
export async function stationFromSetup(setup: Buffer, options: SiteOptions & { code: string; name: string }): Promise<Site> {
  const store = options.store ?? (await openMemoryLedger(options.clock ?? manualClock()));
  const userName = options.userName ?? `${options.name}干事`;
  const site = siteOf(store, options.code, options.name, userName);
  await site.client.call('sync.setupFromFile', { fileName: `${options.code}-开通文件.njsetup`, bytesBase64: setup.toString('base64'), operatorName: userName });
  return site;
}

/** A bundle as the clerk carries it. */
export interface CarriedBundle {
  fileName: string;
  bytes: Buffer;
  from: string;
  to: string;
  changes: number;
}

/** `from` exports a bundle for `to`. */
export async function exportFor(from: Site, to: Site): Promise<CarriedBundle> {
  const bundle: BundleExport = await from.client.call('sync.exportBundle', { peerCode: to.code });
  return { fileName: bundle.fileName, bytes: Buffer.from(bundle.bytesBase64, 'base64'), from: from.code, to: to.code, changes: bundle.changes };
}

/** `site` imports a bundle. */
export async function importInto(site: Site, bundle: { fileName: string; bytes: Buffer }, dryRun = false): Promise<BundleImportSummary> {
  return site.client.call('sync.importBundle', { fileName: bundle.fileName, bytesBase64: bundle.bytes.toString('base64'), dryRun });
}

/** One bundle from `from` to `to`, carried and imported. */
export async function carry(from: Site, to: Site): Promise<BundleImportSummary> {
  return importInto(to, await exportFor(from, to));
}

/** Opens a station at the bureau, sets it up from the file and registers it with a first bundle. */
export async function pairStation(bureau: Site, code: string, name: string, options: SiteOptions = {}): Promise<Site> {
  const setup = await openStationFile(bureau, code, name);
  const station = await stationFromSetup(setup, { ...options, code, name });
  await carry(station, bureau);
  return station;
}

/** A bureau and `count` registered stations, sharing one manual clock. */
export async function createSites(count: number, clock: ManualClock = manualClock()): Promise<{ bureau: Site; stations: Site[]; clock: ManualClock }> {
  const bureau = await createBureau('330100', '杭州市公安局', { clock });
  const stations: Site[] = [];
  for (let i = 1; i <= count; i += 1) {
    stations.push(await pairStation(bureau, `330102-0${i}`, `第${'一二三四五六七八九'[i - 1]}派出所`, { clock }));
  }
  return { bureau, stations, clock };
}

/** A bureau and two registered stations, each with one person the bureau knows and the station has heard back about. */
export async function bureauWithTwoStations(northPersonFields: Partial<ArgsOf<'staff.save'>> = {}) {
  const { bureau, stations, clock } = await createSites(2);
  const [north, south] = stations;
  const northPerson = await north.client.call('staff.save', personInput(1, northPersonFields));
  const southPerson = await south.client.call('staff.save', personInput(2));
  await carry(north, bureau);
  await carry(south, bureau);
  await carry(bureau, north);
  await carry(bureau, south);
  clock.advance(60_000);
  return { bureau, north, south, clock, northPerson, southPerson };
}

/** The id of a site's own unit (its `station` row). */
export function stationIdOf(site: Site): string {
  return localStation(site.store)!.id;
}

/** One row of a table as SQLite holds it, or undefined. */
export function rowIn(site: Site, table: string, id: string): Record<string, unknown> | undefined {
  return site.store.sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
}

/** Every row of every table of a store (synced and local, meta included), for "nothing changed" checks. */
export function dumpStore(store: LedgerStore): Record<string, unknown[]> {
  const tables = (store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
  const dump: Record<string, unknown[]> = {};
  for (const table of tables) {
    const withoutRowid = /without\s+rowid/i.test(
      (store.sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string }).sql,
    );
    dump[table] = store.sqlite.prepare(`SELECT * FROM "${table}" ORDER BY ${withoutRowid ? '1, 2, 3' : 'rowid'}`).all();
  }
  return dump;
}

/** Live and deleted rows of one synced table, by id, as SQLite holds them. */
export function tableRows(store: LedgerStore, table: string): Record<string, unknown>[] {
  return store.sqlite.prepare(`SELECT * FROM "${table}" ORDER BY id`).all() as Record<string, unknown>[];
}

/** Rows of one synced table owned by the given stations. */
export function rowsOwnedBy(store: LedgerStore, table: string, stationIds: string[]): Record<string, unknown>[] {
  if (stationIds.length === 0) return [];
  return store.sqlite
    .prepare(`SELECT * FROM "${table}" WHERE station_id IN (${stationIds.map(() => '?').join(', ')}) ORDER BY id`)
    .all(...stationIds) as Record<string, unknown>[];
}

/** A valid person for `staff.save`; `n` makes the ID number (and name) distinct. */
export function personInput(n: number, overrides: Partial<ArgsOf<'staff.save'>> = {}): ArgsOf<'staff.save'> {
  const given = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰'];
  return {
    category: '民警',
    name: `张${given[n % 10]}${n >= 10 ? given[Math.floor(n / 10) % 10] : ''}`,
    idNumber: makeValidIdNumber('330106', `198${n % 10}-0${1 + (n % 9)}-1${n % 10}`, 100 + n),
    phone: `1380000${String(n).padStart(4, '0')}`,
    ...overrides,
  };
}
