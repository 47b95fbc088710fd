import type { z } from 'zod';
import { fundingSources, type FundingSource, type VisitBudgetLine, type visitBudgetInputSchema } from '../../shared/visit-record';
import type { LedgerStore } from '../../db/ledger-store';
import { writeRecord, type WriteActor } from '../../db/write-path';
import { requireLocalStation } from '../station/local-station';

/**
 * The budget of welfare visits (慰问预算): one amount per year and funding source of this unit, and
 * what its visits spent of it (cash and the value of goods, by the visit's date), the month and the
 * year to date.
 */

/** The row id of a unit's budget of a year and source: deterministic, so every site edits one row. */
export function budgetRowId(stationId: string, year: number, funding: FundingSource): string {
  return `visit-budget:${stationId}:${year}:${funding}`;
}

/** The budget set for a year and source at this unit, or undefined. */
export function budgetOf(store: LedgerStore, year: number, funding: FundingSource): { amountFen: number; note: string | null } | undefined {
  const own = requireLocalStation(store);
  const row = store.sqlite.prepare('SELECT amount_fen, note FROM visit_budget WHERE id = ? AND deleted_at IS NULL').get(budgetRowId(own.id, year, funding)) as
    | { amount_fen: number | null; note: string | null }
    | undefined;
  return row && row.amount_fen !== null ? { amountFen: row.amount_fen, note: row.note } : undefined;
}

/**
 * What this unit's visits spent from a source in a year (and, given a month, in that month),
 * leaving out the visits `exceptIds` (the one being edited).
 */
export function spentFen(store: LedgerStore, year: number, funding: FundingSource, options: { month?: number; exceptIds?: readonly string[] } = {}): number {
  const own = requireLocalStation(store);
  const prefix = options.month ? `${year}-${String(options.month).padStart(2, '0')}-` : `${year}-`;
  const except = options.exceptIds ?? [];
  const row = store.sqlite
    .prepare(
      `SELECT COALESCE(SUM(COALESCE(cash_fen, 0) + COALESCE(goods_value_fen, 0)), 0) AS fen FROM welfare_visit
       WHERE deleted_at IS NULL AND station_id = ? AND funding = ? AND date LIKE ? ${except.length > 0 ? `AND id NOT IN (${except.map(() => '?').join(', ')})` : ''}`,
    )
    .get(own.id, funding, `${prefix}%`, ...except) as { fen: number };
  return row.fen;
}

/** The budget check of a visit or a batch: the budget and what other visits spent; undefined without a budget. */
export function budgetCheckOf(store: LedgerStore, year: number, funding: FundingSource, exceptIds: readonly string[] = []): { year: number; amountFen: number; spentFen: number } | undefined {
  const budget = budgetOf(store, year, funding);
  return budget ? { year, amountFen: budget.amountFen, spentFen: spentFen(store, year, funding, { exceptIds }) } : undefined;
}

/** Each source's line of a year: budget, spent in the month of `today` (or December of a past year) and the year to date. */
export function budgetLines(store: LedgerStore, year: number, today: string): VisitBudgetLine[] {
  const thisYear = Number(today.slice(0, 4));
  const month = year < thisYear ? 12 : year > thisYear ? 1 : Number(today.slice(5, 7));
  return fundingSources.map((funding) => {
    const budget = budgetOf(store, year, funding);
    const spentYearFen = spentFen(store, year, funding);
    return {
      year,
      funding,
      amountFen: budget?.amountFen ?? null,
      note: budget?.note ?? null,
      spentYearFen,
      spentMonthFen: spentFen(store, year, funding, { month }),
      month,
      remainingFen: budget ? budget.amountFen - spentYearFen : null,
    };
  });
}

/** Sets this unit's budget of a year and source. */
export function saveBudget(store: LedgerStore, actor: WriteActor, input: z.output<typeof visitBudgetInputSchema>): void {
  const own = requireLocalStation(store);
  writeRecord(store, actor, 'visit_budget', budgetRowId(own.id, input.year, input.funding), {
    station_id: own.id,
    year: input.year,
    funding: input.funding,
    amount_fen: input.amountFen,
    note: input.note || null,
  });
}
