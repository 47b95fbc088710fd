import { filterRoster } from '../../shared/roster-filter';
import type { StaffListItem } from '../../shared/staff-record';
import type { BenchCase } from '../bench-kit';

/** Each timed run filters this many times: one filter of 5,000 people takes about a millisecond. */
const FILTERS_PER_RUN = 50;

/** A Chinese fragment that really occurs: the given name of a person in the middle of the list. */
export function chineseFragmentOf(items: StaffListItem[]): string {
  const named = items.filter((item) => [...item.name].length >= 3);
  const middle = named[Math.floor(named.length / 2)] ?? items[0];
  return [...(middle?.name ?? '张')].slice(1).join('') || '张';
}

/**
 * Case 3 — `filterRoster` (the roster page's and the Excel export's filter) with one search text
 * over every person of the list, all statuses (so the search runs on every item); against a naive
 * `name.includes(q)` loop, which cannot match pinyin at all (the floor of any search).
 */
export function rosterFilterCase(items: StaffListItem[], query: string): BenchCase {
  const matches = filterRoster(items, { statuses: [], search: query }).length;
  const naiveMatches = items.filter((item) => item.name.includes(query)).length;
  return {
    name: `filterRoster '${query}'`,
    baselineLabel: `items.filter(item => item.name.includes(q)) over the same ${items.length} list items`,
    targetRatio: 3,
    repetitions: 9,
    operationsPerRun: FILTERS_PER_RUN,
    notes: [`${items.length} items, ${matches} matches (naive name loop: ${naiveMatches}); ms are per filter, ${FILTERS_PER_RUN} filters per run`],
    async setup() {
      return {
        ours: () => {
          let found = 0;
          for (let i = 0; i < FILTERS_PER_RUN; i += 1) found += filterRoster(items, { statuses: [], search: query }).length;
          return found;
        },
        baseline: () => {
          let found = 0;
          for (let i = 0; i < FILTERS_PER_RUN; i += 1) {
            const out: StaffListItem[] = [];
            for (const item of items) if (item.name.includes(query)) out.push(item);
            found += out.length;
          }
          return found;
        },
      };
    },
  };
}
