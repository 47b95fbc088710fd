import { copyFileSync, writeFileSync } from 'node:fs';
import type { BenchFigure } from './bench-kit';
import { BENCH_BUREAU, createBenchBureau, dispatchOrThrow, openBenchLedger, pairBenchStation, seedBenchStation, type BenchFolder } from './bench-ledgers';
import { monthlyReportFigure } from './cases/monthly-report-case';
import { ISSUE_8_TARGETS } from './bench-targets';
import { exportStationBundle, gzipStationRows, readStationRows, type StationRows } from './cases/bundle-export-case';
import type { ImportChildReport } from './import-child';
import { importInChildProcess, plainImportInChildProcess } from './import-memory';
import { ledgerSpaceFigures } from './ledger-space';

/** One station's bundle for the bureau, on disk, and its rows the plain way. */
interface StationBundle {
  path: string;
  bytes: number;
  changes: number;
  rows: StationRows;
  plainGzipped: Buffer;
}

/** What the city run prints besides its figures. */
export interface CityBenchReport {
  figures: BenchFigure[];
  summary: string;
}

const MB = 1024 * 1024;

/** Station `i` of the city: 330102-01 … 330102-60. */
function cityStation(i: number): { code: string; name: string } {
  return { code: `330102-${String(i).padStart(2, '0')}`, name: `第${i}派出所` };
}

/**
 * The default `npm run bench`'s city figure: the monthly report of the whole city (issue 13) without
 * the rest of `--city`. The bureau is built the same way — `stations` stations paired through the
 * handlers and seeded with `people` people and a year of records, one full bundle each — but each
 * bundle is imported in this process, once, as it is made (no child processes, no plain baselines).
 */
export async function runCityReportBench(folder: BenchFolder, stations: number, people: number, progress: (message: string) => void): Promise<BenchFigure> {
  const bureau = await createBenchBureau(folder.file('city-report-bureau.sqlite'));
  let peopleSeeded = 0;
  for (let i = 1; i <= stations; i += 1) {
    const unit = cityStation(i);
    const station = await pairBenchStation(bureau, folder.file(`city-report-station-${unit.code}.sqlite`), unit);
    peopleSeeded += seedBenchStation(station, people, i, { visits: true }).seed.staff;
    const bundle = await exportStationBundle(station);
    station.close();
    await dispatchOrThrow(bureau, 'sync.importBundle', { fileName: bundle.fileName, bytesBase64: bundle.bytesBase64, dryRun: false });
    if (i === 1 || i % 10 === 0 || i === stations) progress(`city report: ${i}/${stations} stations paired, seeded and imported at the bureau (${peopleSeeded} people)`);
  }
  progress('city report: the monthly report of last month at the bureau, against one scan of its tables…');
  const figure = monthlyReportFigure(bureau, stations, people);
  bureau.close();
  return figure;
}

/**
 * `npm run bench -- --city`: a bureau and `stations` real station ledgers, each paired through the
 * handlers (开通文件, first bundle) and seeded with `people` demo people (families, honours, status
 * history); one full bundle per station, all imported at the bureau in a child process (time and
 * peak RSS). Prints import time ÷ a plain import of the same rows, bundle bytes ÷ the stations' plain
 * rows gzipped, the bureau's ledger ÷ its plain rows, sync metadata per field change and peak RSS.
 */
export async function runCityBench(folder: BenchFolder, stations: number, people: number, progress: (message: string) => void): Promise<CityBenchReport> {
  const bureau = await createBenchBureau(folder.file('city-bureau-template.sqlite'));
  const bundles: StationBundle[] = [];
  let seedMs = 0;
  let peopleSeeded = 0;
  for (let i = 1; i <= stations; i += 1) {
    const unit = cityStation(i);
    const station = await pairBenchStation(bureau, folder.file(`city-station-${unit.code}.sqlite`), unit);
    const seeded = seedBenchStation(station, people, i, { visits: true });
    seedMs += seeded.seedMs;
    peopleSeeded += seeded.seed.staff;
    const bundle = await exportStationBundle(station);
    const bytes = Buffer.from(bundle.bytesBase64, 'base64');
    const path = folder.file(`city-bundle-${unit.code}.njsync`);
    writeFileSync(path, bytes);
    const rows = readStationRows(station.store);
    bundles.push({ path, bytes: bytes.length, changes: bundle.changes, rows, plainGzipped: gzipStationRows(rows) });
    station.close();
    if (i === 1 || i % 5 === 0 || i === stations) {
      progress(`city: ${i}/${stations} stations paired and seeded (${peopleSeeded} people, ${seeded.seed.familyMembers} family members and ${seeded.seed.honours} honours at ${unit.code})`);
    }
  }
  bureau.close();

  // One sample row per table (from whichever station has one) gives each plain table its columns.
  const sampleRows: StationRows = {};
  for (const bundle of bundles) for (const [table, list] of Object.entries(bundle.rows)) if (!sampleRows[table]?.length && list.length > 0) sampleRows[table] = list.slice(0, 1);
  const samplePath = folder.file('city-plain-sample.json');
  writeFileSync(samplePath, JSON.stringify(sampleRows));
  const gzPaths = bundles.map((bundle, i) => {
    const path = folder.file(`city-plain-${i + 1}.json.gz`);
    writeFileSync(path, bundle.plainGzipped);
    return path;
  });

  // Both sides the same way, three times in turn: a fresh child process that imports the 60 files
  // one after the other (cold, as a bureau's first import of the day), the median of each.
  progress(`city: importing ${stations} bundles at the bureau, and the same rows the plain way, each in a fresh child process, 3 times…`);
  const bureauPath = folder.file('city-bureau.sqlite');
  const oursRuns: ImportChildReport[] = [];
  const plainTimes: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const path = run === 0 ? bureauPath : folder.file(`city-bureau-${run}.sqlite`);
    copyFileSync(bureau.path, path);
    oursRuns.push(await importInChildProcess(path, bundles.map((b) => b.path)));
    plainTimes.push((await plainImportInChildProcess(folder.file(`city-plain-${run}.sqlite`), samplePath, gzPaths)).importMs);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1];
  const child = { ...oursRuns[0], importMs: median(oursRuns.map((r) => r.importMs)), peakRssMb: Math.max(...oursRuns.map((r) => r.peakRssMb)) };
  const plainMs = median(plainTimes);

  const bundleBytes = bundles.reduce((sum, b) => sum + b.bytes, 0);
  const plainGzippedBytes = bundles.reduce((sum, b) => sum + b.plainGzipped.length, 0);
  const rows = bundles.reduce((sum, b) => sum + Object.values(b.rows).reduce((n, list) => n + list.length, 0), 0);
  const changes = bundles.reduce((sum, b) => sum + b.changes, 0);
  progress('city: the monthly report of last month at the bureau, against one scan of its tables…');
  const reportLedger = await openBenchLedger(bureauPath, '市局基准');
  const reportFigure = monthlyReportFigure(reportLedger, stations, people);
  reportLedger.close();
  progress('city: measuring the bureau ledger…');
  const [metadata, ledger] = ledgerSpaceFigures('city bureau', bureauPath, child.changes, folder.file);

  const figures: BenchFigure[] = [
    {
      name: `city: import ${stations} bundles ÷ plain import`,
      value: child.importMs / plainMs,
      unit: '×',
      target: ISSUE_8_TARGETS.bundleImportRatio,
      detail: `sync.importBundle of each station's bundle at ${BENCH_BUREAU.name}: ${(child.importMs / 1000).toFixed(1)} s for ${child.changes} changes; the same ${rows} rows by gunzip + JSON.parse + one prepared INSERT per row into plain tables: ${plainMs.toFixed(0)} ms (each the median of 3 fresh child processes)`,
    },
    {
      name: 'city: bundle bytes ÷ plain rows gzipped',
      value: bundleBytes / plainGzippedBytes,
      unit: '×',
      detail: `${stations} bundles ${(bundleBytes / MB).toFixed(2)} MB (${changes} field changes) ÷ each station's rows as JSON gzipped (level 9) ${(plainGzippedBytes / MB).toFixed(2)} MB; no target in issue 8`,
    },
    reportFigure,
    { ...ledger, name: 'city: bureau ledger ÷ plain rows' },
    { ...metadata, name: 'city: bureau sync metadata per field change' },
    {
      name: 'city: peak RSS of the bureau import',
      value: child.peakRssMb,
      unit: 'MB',
      target: ISSUE_8_TARGETS.importPeakRssMb,
      detail: `peak RSS (VmHWM) of a child process that opens the bureau ledger like the main process and imports the ${stations} bundles one after the other (${child.rssBeforeMb.toFixed(0)} MB once the ledger is open, before the first import)`,
    },
  ];
  const summary = `city: ${stations} stations × ${people} people (${peopleSeeded} people; seeding ${(seedMs / 1000).toFixed(1)} s through the write path, not in the figures)`;
  return { figures, summary };
}
