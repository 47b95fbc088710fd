import { copyFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { StaffListItem } from '../shared/staff-record';
import { printBenchFigures, printBenchResults, runBenchCases, type BenchCase, type BenchFigure, type BenchResult } from './bench-kit';
import { createBenchFolder, createSeededSites, dispatchOrThrow, type BenchFolder } from './bench-ledgers';
import { DEFAULT_CITY_PEOPLE, DEFAULT_CITY_STATIONS, readBenchOptions } from './bench-options';
import { ISSUE_8_TARGETS } from './bench-targets';
import { exportStationBundle, bundleExportCase } from './cases/bundle-export-case';
import { bundleImportCase } from './cases/bundle-import-case';
import { cliStartupCase, createCliDemoLedger } from './cases/cli-startup-case';
import { chineseFragmentOf, rosterFilterCase } from './cases/roster-filter-case';
import { staffListCase } from './cases/staff-list-case';
import { writePathCase } from './cases/write-path-case';
import { durabilityCase } from './cases/durability-case';
import { runCityBench, runCityReportBench } from './city-bench';
import { importInChildProcess } from './import-memory';
import { ledgerSpaceFigures } from './ledger-space';
import { KEY_PASSPHRASE_ENV } from '../electron/keys/key-wrapper';

/**
 * `npm run bench [-- --staff N]`: the app's hot paths against plain baselines in the same run, on
 * real SQLite files in a temporary folder, the sizes and memory of issue 8, and the city monthly report
 * of issue 13 (60 stations × 80 people); `-- --city` for the rest of the bureau's figures at 60 × 80
 * (or `--stations`/`--people`). Prints ratios and figures beside their targets; asserts nothing.
 */

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const progress = (message: string) => process.stderr.write(`[bench ${elapsed()}] ${message}\n`);
const reportCase = (r: BenchResult) => progress(`${r.name}: ours ${r.oursMs.toFixed(2)} ms, baseline ${r.baselineMs.toFixed(2)} ms, ${r.ratio.toFixed(2)}×`);

/** The station benchmark: timed cases, then the space and memory figures of the same ledgers. */
async function runStationBench(folder: BenchFolder, staff: number): Promise<void> {
  const results: BenchResult[] = [];
  const figures: BenchFigure[] = [];
  const run = async (cases: BenchCase[]) => {
    const batch = await runBenchCases(cases, reportCase);
    results.push(...batch);
    figures.push(...batch.flatMap((r) => r.figures));
  };

  progress('CLI start-up: a 120-person demo ledger made with the CLI (rebuilding its bundle if a source changed)…');
  const cliLedger = createCliDemoLedger(folder);
  await run([cliStartupCase('--help', ['--help']), cliStartupCase('info (120-person ledger)', ['info', '--db', cliLedger])]);

  await run([await writePathCase(folder, staff)]);
  await run([await durabilityCase(folder, 200)]);

  progress(`seeding a paired station with ${staff} people (families, honours, status history) through the write path…`);
  const sites = await createSeededSites(folder, staff);
  progress(
    `seeded in ${(sites.seedMs / 1000).toFixed(1)} s: ${sites.seed.staff} people, ${sites.seed.familyMembers} family members, ${sites.seed.honours} honours, ${sites.seed.statusChanges} status changes`,
  );

  await run([staffListCase(sites.station)]);
  const items = (await dispatchOrThrow(sites.station, 'staff.list', {})) as StaffListItem[];
  await run(['zs', 'zhangsan', chineseFragmentOf(items)].map((query) => rosterFilterCase(items, query)));

  progress('space of the seeded station ledger (dbstat, VACUUM, plain copy)…');
  const bundle = await exportStationBundle(sites.station);
  figures.push(...ledgerSpaceFigures(`station (${staff} people)`, sites.station.path, bundle.changes, folder.file));

  await run([bundleExportCase(sites.station), bundleImportCase(folder, sites.station, sites.bureauTemplatePath)]);

  progress('peak RSS of the bundle import, in a child process…');
  const bundlePath = folder.file('station-bundle.njsync');
  writeFileSync(bundlePath, Buffer.from(bundle.bytesBase64, 'base64'));
  const bureauPath = folder.file('bureau-rss.sqlite');
  copyFileSync(sites.bureauTemplatePath, bureauPath);
  const child = await importInChildProcess(bureauPath, [bundlePath]);
  figures.push({
    name: `main-process RSS peak during the ${staff}-person import`,
    value: child.peakRssMb,
    unit: 'MB',
    target: ISSUE_8_TARGETS.importPeakRssMb,
    detail: `peak RSS (VmHWM) of a child process that opens the bureau ledger like the main process (store, deps, handler registry) and runs sync.importBundle of the station's full bundle (${child.changes} changes, ${(child.importMs / 1000).toFixed(1)} s): ${child.rssBeforeMb.toFixed(0)} MB before the import`,
  });
  sites.station.close();

  progress(`city monthly report: ${DEFAULT_CITY_STATIONS} stations × ${DEFAULT_CITY_PEOPLE} people paired with a bureau and seeded with a year of records…`);
  figures.push(await runCityReportBench(folder, DEFAULT_CITY_STATIONS, DEFAULT_CITY_PEOPLE, progress));

  printBenchResults(results);
  printBenchFigures(figures);
  console.log(`\n${staff} people; seeding took ${(sites.seedMs / 1000).toFixed(1)} s (not in the tables); whole run ${elapsed()}`);
}

async function main(): Promise<void> {
  // The bench's ledgers seal their sync keys like any file ledger; this passphrase (bench only)
  // unlocks them here and in the child processes, which inherit it.
  process.env[KEY_PASSPHRASE_ENV] ??= 'bench-only-passphrase';
  const options = readBenchOptions();
  const folder = createBenchFolder();
  const removeFolder = () => folder.remove();
  process.once('exit', removeFolder);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removeFolder();
      process.exit(130);
    });
  }
  if (options.city) {
    progress(`city: ${options.stations} stations × ${options.people} people, files in ${folder.path}`);
    const city = await runCityBench(folder, options.stations, options.people, progress);
    printBenchFigures(city.figures, `暖警台账 city benchmark — ${options.stations} stations × ${options.people} people, each figure with its own unit and target`);
    console.log(`\n${city.summary}; whole run ${elapsed()}`);
    return;
  }
  progress(`${options.staff} people, files in ${folder.path}${globalThis.gc ? '' : ' (no --expose-gc)'}`);
  await runStationBench(folder, options.staff);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
