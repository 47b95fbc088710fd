import { performance } from 'node:perf_hooks';
import type { BenchCase } from '../bench-kit';
import { dispatchOrThrow, type BenchLedger } from '../bench-ledgers';

function camelCase(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * Case 2 — `staff.list` through the handler registry (argument validation, the handler, the
 * envelope; no transport) on the seeded station; against a raw `SELECT * FROM staff` (the
 * current-values table) with each row mapped to a camelCase object.
 */
export function staffListCase(station: BenchLedger): BenchCase {
  const notes: string[] = [];
  let first = true;
  const select = station.store.sqlite.prepare('SELECT * FROM staff');
  return {
    name: 'staff.list handler',
    baselineLabel: 'raw SELECT * FROM staff, each row mapped to a camelCase object',
    targetRatio: 5,
    repetitions: 7,
    notes,
    async setup() {
      if (first) {
        // The very first call converts every name to pinyin (later calls hit the cache): timed once here.
        first = false;
        const start = performance.now();
        const items = (await dispatchOrThrow(station, 'staff.list', {})) as unknown[];
        notes.push(`first call after start (pinyin cache cold): ${(performance.now() - start).toFixed(1)} ms for ${items.length} people; the table shows warm calls`);
      }
      return {
        ours: () => dispatchOrThrow(station, 'staff.list', {}),
        baseline: () => {
          const rows = select.all() as Record<string, unknown>[];
          const keys = rows.length > 0 ? Object.keys(rows[0]).map((column) => [column, camelCase(column)] as const) : [];
          return rows.map((row) => {
            const item: Record<string, unknown> = {};
            for (const [column, key] of keys) item[key] = row[column];
            return item;
          });
        },
      };
    },
  };
}
