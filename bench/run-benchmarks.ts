import { performance } from 'node:perf_hooks';
import type { StaffListItem } from '../shared/staff-record';
import { printBenchResults, runBenchCases, type BenchCase, type BenchResult } from './bench-kit';
import { createBenchFolder, createSeededSites, dispatchOrThrow } from './bench-ledgers';
import { readBenchOptions } from './bench-options';
import { bundleExportCase } from './cases/bundle-export-case';
import { bundleImportCase } from './cases/bundle-import-case';
import { chineseFragmentOf, rosterFilterCase } from './cases/roster-filter-case';
import { staffListCase } from './cases/staff-list-case';
import { writePathCase } from './cases/write-path-case';

/**
 * `npm run bench [-- --staff N]`: the app's hot paths against plain baselines in the same run, on
 * real SQLite files in a temporary folder. Prints a table of ours / baseline ratios; asserts nothing.
 */

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const progress = (message: string) => process.stderr.write(`[bench ${elapsed()}] ${message}\n`);
const reportCase = (r: BenchResult) => progress(`${r.name}: ours ${r.oursMs.toFixed(2)} ms, baseline ${r.baselineMs.toFixed(2)} ms, ${r.ratio.toFixed(2)}×`);

async function main(): Promise<void> {
  const { staff } = readBenchOptions();
  const folder = createBenchFolder();
  const removeFolder = () => folder.remove();
  process.once('exit', removeFolder);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removeFolder();
      process.exit(130);
    });
  }
  progress(`${staff} people, files in ${folder.path}${globalThis.gc ? '' : ' (no --expose-gc)'}`);

  const results: BenchResult[] = [];
  const run = async (cases: BenchCase[]) => results.push(...(await runBenchCases(cases, reportCase)));

  await run([await writePathCase(folder, staff)]);

  progress(`seeding a paired station with ${staff} people (families, honours, status history) through the write path…`);
  const sites = await createSeededSites(folder, staff);
  progress(
    `seeded in ${(sites.seedMs / 1000).toFixed(1)} s: ${sites.seed.staff} people, ${sites.seed.familyMembers} family members, ${sites.seed.honours} honours, ${sites.seed.statusChanges} status changes`,
  );

  await run([staffListCase(sites.station)]);
  const items = (await dispatchOrThrow(sites.station, 'staff.list', {})) as StaffListItem[];
  await run(['zs', 'zhangsan', chineseFragmentOf(items)].map((query) => rosterFilterCase(items, query)));
  await run([bundleExportCase(sites.station), bundleImportCase(folder, sites.station, sites.bureauTemplatePath)]);
  sites.station.close();

  printBenchResults(results);
  console.log(`\n${staff} people; seeding took ${(sites.seedMs / 1000).toFixed(1)} s (not in the table); whole run ${elapsed()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
