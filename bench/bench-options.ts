import { parseArgs } from 'node:util';

/**
 * What the benchmark runs: the station benchmark at `staff` people (`--staff N` or env
 * `BENCH_STAFF`, default 5,000), or with `--city` the bureau of `stations` stations × `people`
 * people each (default 60 × 80; `--stations 5 --people 20` for a quick run).
 */
export interface BenchOptions {
  staff: number;
  city: boolean;
  stations: number;
  people: number;
}

export const DEFAULT_BENCH_STAFF = 5000;
export const DEFAULT_CITY_STATIONS = 60;
export const DEFAULT_CITY_PEOPLE = 80;
const MAX_BENCH_STAFF = 50_000;
const MAX_CITY_STATIONS = 99;
const MAX_CITY_PEOPLE = 5000;

function integerIn(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`${name} should be an integer from ${min} to ${max}, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

/** Reads the options from the command line and the environment; exits with usage on a bad value. */
export function readBenchOptions(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const usage = [
    `usage: npm run bench [-- --staff N]   (or BENCH_STAFF=N; default ${DEFAULT_BENCH_STAFF}, at most ${MAX_BENCH_STAFF})`,
    `       npm run bench -- --city [--stations S] [--people P]   (default ${DEFAULT_CITY_STATIONS} stations × ${DEFAULT_CITY_PEOPLE} people)`,
  ].join('\n');
  let values: { staff?: string; city?: boolean; stations?: string; people?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { staff: { type: 'string' }, city: { type: 'boolean' }, stations: { type: 'string' }, people: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (!values.city && (values.stations !== undefined || values.people !== undefined)) {
    console.error(`--stations and --people go with --city\n${usage}`);
    process.exit(2);
  }
  return {
    staff: integerIn(values.staff ?? env.BENCH_STAFF, '--staff / BENCH_STAFF', DEFAULT_BENCH_STAFF, 10, MAX_BENCH_STAFF),
    city: values.city === true,
    stations: integerIn(values.stations, '--stations', DEFAULT_CITY_STATIONS, 1, MAX_CITY_STATIONS),
    people: integerIn(values.people, '--people', DEFAULT_CITY_PEOPLE, 1, MAX_CITY_PEOPLE),
  };
}
