import { addDays, addMonths, compareIsoDates } from './china-date';

/**
 * The 补休 ledger (DOMAIN.md "Rotation"): duty on a rest day or a holiday earns days; 轮休/补休
 * uses them, the oldest first; what is left of an earning lapses after a **configurable** number of
 * months. Pure: earnings and uses are given in date order or not.
 */

/** Days of 补休 a duty earns: 4 hours half a day, 8 hours a day (a whole shift), at most one day. */
export function daysEarnedByDuty(hours: number): number {
  if (hours >= 8) return 1;
  if (hours >= 4) return 0.5;
  return 0;
}

/** The last day an earning of `date` can be used, after `months` months. */
export function compensatoryExpiry(date: string, months: number): string {
  return addDays(addMonths(date, months), -1);
}

export interface CompensatoryLedger {
  earned: number;
  used: number;
  expired: number;
  remaining: number;
  nextExpiry: { date: string; days: number } | null;
  /** Uses that found too little: the use's date and the days missing. */
  shortfalls: { date: string; missing: number }[];
}

/**
 * The balance on `asOf`: each use takes from the earnings still valid on its date, the one that
 * lapses first first; earnings past their last day by `asOf` have lapsed.
 */
export function compensatoryLedger(
  earnings: readonly { date: string; days: number }[],
  uses: readonly { date: string; days: number }[],
  months: number,
  asOf: string,
): CompensatoryLedger {
  const lots = earnings
    .map((e) => ({ date: e.date, expires: compensatoryExpiry(e.date, months), left: e.days }))
    .sort((a, b) => compareIsoDates(a.expires, b.expires));
  const shortfalls: CompensatoryLedger['shortfalls'] = [];
  let used = 0;
  for (const use of [...uses].sort((a, b) => compareIsoDates(a.date, b.date))) {
    let need = use.days;
    for (const lot of lots) {
      if (need <= 0) break;
      if (compareIsoDates(lot.date, use.date) > 0 || compareIsoDates(lot.expires, use.date) < 0 || lot.left <= 0) continue;
      const take = Math.min(lot.left, need);
      lot.left -= take;
      need -= take;
    }
    used += use.days - need;
    if (need > 0) shortfalls.push({ date: use.date, missing: need });
  }
  const live = lots.filter((l) => l.left > 0 && compareIsoDates(l.expires, asOf) >= 0);
  const expired = lots.filter((l) => l.left > 0 && compareIsoDates(l.expires, asOf) < 0).reduce((sum, l) => sum + l.left, 0);
  const earned = earnings.reduce((sum, e) => sum + e.days, 0);
  const next = live[0];
  return {
    earned,
    used,
    expired,
    remaining: live.reduce((sum, l) => sum + l.left, 0),
    nextExpiry: next ? { date: next.expires, days: live.filter((l) => l.expires === next.expires).reduce((s, l) => s + l.left, 0) } : null,
    shortfalls,
  };
}
