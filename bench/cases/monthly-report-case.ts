import { performance } from 'node:perf_hooks';
import { addMonths } from '../../shared/china-date';
import { monthlyReport } from '../../electron/reports/monthly-report';
import { todayOf } from '../../electron/app-deps';
import type { BenchFigure } from '../bench-kit';
import type { BenchLedger } from '../bench-ledgers';

/**
 * The city monthly report (issue 13): the bureau's report of last month over every station —
 * `monthlyReport` as the handler computes it, model only (no HTML, no PDF) — against one plain scan
 * of the tables it reads (`SELECT *` of each, every row fetched). Target: ≤ 3×. Each side is timed
 * 5 times in turn, the median kept; the first report (cold: the lunar birthdays not yet converted,
 * the code not yet optimised) is printed too.
 */

/** The tables the report reads. */
const REPORT_TABLES = ['staff', 'staff_status_change', 'family_member', 'honour', 'health_checkup', 'psych_screening', 'psych_intervention', 'medical_event', 'welfare_visit', 'visit_budget', 'leave_record', 'duty_record', 'holiday_calendar', 'station', 'setting', 'sync_peer'];

const TARGET_RATIO = 3;

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** Times the city report against the plain scan on an open bureau ledger. */
export function monthlyReportFigure(bureau: BenchLedger, stations: number, people: number): BenchFigure {
  const month = addMonths(todayOf(bureau.deps), -1).slice(0, 7);
  const rows = REPORT_TABLES.reduce((n, table) => n + (bureau.store.sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n, 0);
  const scan = () => {
    let fetched = 0;
    for (const table of REPORT_TABLES) for (const row of bureau.store.sqlite.prepare(`SELECT * FROM "${table}"`).iterate()) if (row) fetched += 1;
    return fetched;
  };
  const time = (fn: () => unknown) => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  const cold = time(() => monthlyReport(bureau.deps, { month }));
  const ours: number[] = [];
  const plain: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    ours.push(time(() => monthlyReport(bureau.deps, { month })));
    plain.push(time(scan));
  }
  const oursMs = median(ours);
  const plainMs = median(plain);
  return {
    name: `city: monthly report (${stations} stations) ÷ one scan of its tables`,
    value: oursMs / plainMs,
    unit: '×',
    target: TARGET_RATIO,
    detail: `report.monthly of ${month} for the whole city (${stations} × ${people} people, a year of visits, leave and health records): ${oursMs.toFixed(0)} ms (first, cold: ${cold.toFixed(0)} ms); SELECT * of its ${REPORT_TABLES.length} tables, ${rows} rows: ${plainMs.toFixed(0)} ms (medians of 5)`,
  };
}
