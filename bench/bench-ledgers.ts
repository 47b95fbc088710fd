import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ApiClient } from '../shared/contract/api-contract';
import { openLedgerStore, type LedgerStore } from '../db/ledger-store';
import { createAppDeps, todayOf, type AppDeps } from '../electron/app-deps';
import { createHandlerRegistry } from '../electron/handlers/all-handlers';
import type { HandlerRegistry } from '../electron/handlers/handler-registry';
import { requireLocalStation } from '../electron/station/local-station';
import { seedDemoRoster, type DemoSeedSummary } from '../electron/staff/demo-roster-seed';
import { DemoRandom } from '../electron/staff/demo-random';
import { seedDemoLeave } from '../electron/leave/demo-leave';
import { seedDemoVisits } from '../electron/visits/demo-visits';
import { createInProcessClient } from '../electron/transports/in-process-client';

/**
 * The ledgers the benchmarks run on: real SQLite files in a temporary folder, opened the way the
 * app opens them (WAL, migrations, the real wall clock), with the real handler registry.
 */

/** A temporary folder for the benchmark's files, removed by `remove()`. */
export interface BenchFolder {
  path: string;
  file(name: string): string;
  remove(): void;
}

/** Creates a temporary folder for one benchmark run's files. */
export function createBenchFolder(): BenchFolder {
  const path = mkdtempSync(join(tmpdir(), 'nuanjing-bench-'));
  return { path, file: (name) => join(path, name), remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** An open ledger file with its handler deps, the registry (timed calls) and a client (set-up calls). */
export interface BenchLedger {
  path: string;
  store: LedgerStore;
  deps: AppDeps;
  registry: HandlerRegistry;
  client: ApiClient;
  close(): void;
}

/** Opens (creating when missing) a ledger file. */
export async function openBenchLedger(path: string, userName = '基准测试'): Promise<BenchLedger> {
  const store = await openLedgerStore(path);
  const deps = createAppDeps(store, { userName });
  const registry = createHandlerRegistry();
  return { path, store, deps, registry, client: createInProcessClient(registry, deps), close: () => store.close() };
}

/** Opens a fresh copy of a closed ledger file (closing checkpoints the WAL, so the file is whole). */
export async function openLedgerCopy(templatePath: string, copyPath: string): Promise<BenchLedger> {
  copyFileSync(templatePath, copyPath);
  return openBenchLedger(copyPath);
}

/** Calls a handler through the registry (validation and envelope, no transport) and unwraps the envelope. */
export async function dispatchOrThrow(ledger: BenchLedger, method: string, args: unknown): Promise<unknown> {
  const response = await ledger.registry.dispatch(ledger.deps, method, args);
  if (!response.ok) throw new Error(`${method} failed: ${response.error.code} ${response.error.message}`);
  return response.data;
}

export const BENCH_BUREAU = { code: '330100', name: '杭州市公安局' } as const;
export const BENCH_STATION = { code: '330102-01', name: '北山派出所' } as const;

/** An empty station ledger (set up, no people), closed: the template the write-path case copies. */
export async function createEmptyStationFile(path: string): Promise<void> {
  const ledger = await openBenchLedger(path);
  await ledger.client.call('station.setup', { ...BENCH_STATION, role: 'station', operatorName: '基准测试' });
  ledger.close();
}

/** A bureau and its station, paired through the real setup file and first bundle, the station seeded. */
export interface SeededSites {
  /** The station, open, with `staff` people (families, honours, status history) seeded. */
  station: BenchLedger;
  /** The bureau as it was right after pairing (it knows the station, none of its people), closed. */
  bureauTemplatePath: string;
  seed: DemoSeedSummary;
  seedMs: number;
}

/** A set-up bureau ledger (not yet knowing any station), open. */
export async function createBenchBureau(path: string): Promise<BenchLedger> {
  const bureau = await openBenchLedger(path, '市局基准');
  await bureau.client.call('station.setup', { ...BENCH_BUREAU, role: 'bureau', operatorName: '市局基准' });
  return bureau;
}

/**
 * Pairs a new station with the bureau the way clerks do: the bureau opens it (开通文件), the station
 * is set up from that file, and its first bundle registers it at the bureau. Returns the station, open.
 */
export async function pairBenchStation(bureau: BenchLedger, path: string, unit: { code: string; name: string }): Promise<BenchLedger> {
  const setup = await bureau.client.call('sync.openStation', { ...unit, role: 'station' });
  const station = await openBenchLedger(path, '派出所基准');
  await station.client.call('sync.setupFromFile', { fileName: `${unit.code}.njsetup`, bytesBase64: setup.bytesBase64, operatorName: '派出所基准' });
  const first = await station.client.call('sync.exportBundle', { peerCode: BENCH_BUREAU.code });
  await bureau.client.call('sync.importBundle', { fileName: first.fileName, bytesBase64: first.bytesBase64, dryRun: false });
  return station;
}

/**
 * Seeds a station with the demo roster (families, honours, status history, health) through the one
 * write path; with `visits`, a year of welfare visits and the year's budget too, and a year of leave,
 * duty and 补休 (the city's monthly report).
 */
export function seedBenchStation(station: BenchLedger, staff: number, seed: number, options: { visits?: boolean } = {}): { seed: DemoSeedSummary; seedMs: number } {
  const own = requireLocalStation(station.store);
  const start = performance.now();
  const summary = seedDemoRoster(station.store, station.deps.user, {
    staff,
    years: 3,
    seed,
    today: todayOf(station.deps),
    stationId: own.id,
    stationName: own.name,
  });
  if (options.visits) {
    station.store.transaction(() => seedDemoVisits(station.store, station.deps.user, new DemoRandom(seed + 20_000), todayOf(station.deps)));
    station.store.transaction(() => seedDemoLeave(station.store, station.deps.user, new DemoRandom(seed + 30_000), todayOf(station.deps)));
  }
  return { seed: summary, seedMs: performance.now() - start };
}

/**
 * Sets up a bureau and a station the way clerks do (开通文件, first bundle), then seeds the station
 * with the demo roster through the one write path. Seeding 5,000 people takes a while: done once.
 */
export async function createSeededSites(folder: BenchFolder, staff: number): Promise<SeededSites> {
  const bureau = await createBenchBureau(folder.file('bureau-template.sqlite'));
  const station = await pairBenchStation(bureau, folder.file('station.sqlite'), BENCH_STATION);
  bureau.close();
  const { seed, seedMs } = seedBenchStation(station, staff, 1);
  return { station, bureauTemplatePath: bureau.path, seed, seedMs };
}
