import type { ReportFigures } from '../../shared/monthly-report';

/**
 * The city's figures are its stations' figures added up, number for number (issue 13: "the city
 * report sums the stations' numbers exactly"). Figures hold only counts and amounts in nested
 * records, so one walk adds them; a key one side lacks (a festival) is taken as zero.
 */
type Numbers = number | { [key: string]: Numbers };

function addInto(target: Record<string, Numbers>, source: Record<string, Numbers>): void {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (typeof value === 'number') target[key] = (typeof current === 'number' ? current : 0) + value;
    else {
      const nested = typeof current === 'object' ? current : {};
      addInto(nested, value);
      target[key] = nested;
    }
  }
}

/** Adds `source` into `target` (both figures of the same month), changing `target`. */
export function addFigures(target: ReportFigures, source: ReportFigures): ReportFigures {
  addInto(target as unknown as Record<string, Numbers>, source as unknown as Record<string, Numbers>);
  return target;
}
