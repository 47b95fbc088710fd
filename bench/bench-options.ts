import { parseArgs } from 'node:util';

/** How big the benchmark's station is: `--staff N` or env `BENCH_STAFF` (default 5,000 people). */
export interface BenchOptions {
  staff: number;
}

export const DEFAULT_BENCH_STAFF = 5000;
const MAX_BENCH_STAFF = 50_000;

/** Reads the options from the command line and the environment; exits with usage on a bad value. */
export function readBenchOptions(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const usage = `usage: npm run bench [-- --staff N]   (or BENCH_STAFF=N; default ${DEFAULT_BENCH_STAFF}, at most ${MAX_BENCH_STAFF})`;
  let values: { staff?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { staff: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const raw = values.staff ?? env.BENCH_STAFF;
  if (raw === undefined || raw === '') return { staff: DEFAULT_BENCH_STAFF };
  const staff = Number(raw);
  if (!Number.isInteger(staff) || staff < 10 || staff > MAX_BENCH_STAFF) {
    console.error(`--staff / BENCH_STAFF should be an integer from 10 to ${MAX_BENCH_STAFF}, got "${raw}"`);
    process.exit(2);
  }
  return { staff };
}
