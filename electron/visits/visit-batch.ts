import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import type { ParsedVisitInput, VisitBatchResult, VisitWarning, visitBatchInputSchema } from '../../shared/visit-record';
import { batchBudgetWarning, judgeVisit, visitAmountFen } from '../../shared/visit-rules';
import type { z } from 'zod';
import type { LedgerStore } from '../../db/ledger-store';
import { writeRecord, type WriteActor } from '../../db/write-path';
import { requireOwnStaffRow } from '../staff/staff-rows';
import { budgetCheckOf } from './visit-budgets';
import { requireConfirmation, visitFactsOf, visitRuleContext, visitValues } from './visit-records';
import { personVisitRows } from './visit-rows';
import { standardVersions } from './visit-standards-store';

/**
 * The same visit for many people in one step (节日覆盖 → 全选 → 登记): each person's visit is judged
 * by the same rules as a single one, with the standard in force on the event's date applied to all;
 * the budget is checked once, for the batch's total. A person already visited for the event is left
 * out (listed in `skipped`), so selecting everyone twice never visits anyone twice. Nothing is
 * written when one person's visit is refused, or when there are warnings and no reason.
 */
export function recordVisitBatch(store: LedgerStore, actor: WriteActor, input: z.output<typeof visitBatchInputSchema>): VisitBatchResult {
  return store.transaction(() => {
    const versions = standardVersions(store);
    const { staffIds, ...visit } = input;
    const skipped: VisitBatchResult['skipped'] = [];
    const refusals: string[] = [];
    const warnings = new Map<string, VisitWarning>();
    const planned: ParsedVisitInput[] = [];
    for (const staffId of [...new Set(staffIds)]) {
      const person = requireOwnStaffRow(store, staffId);
      const one: ParsedVisitInput = { ...visit, staffId, familyMemberId: null };
      const others = personVisitRows(store, staffId);
      if (one.event && others.some((v) => v.event === one.event)) {
        skipped.push({ staffId, name: person.name ?? '', reason: `已登记过「${one.event}」的慰问` });
        continue;
      }
      const verdict = judgeVisit(visitFactsOf(one), visitRuleContext(store, person, one, others, { versions, budget: null }));
      refusals.push(...verdict.refusals.map((r) => `${person.name}：${r.message}`));
      // The same cap warns for everyone alike: once, not once a person.
      for (const warning of verdict.warnings) if (!warnings.has(warning.code)) warnings.set(warning.code, warning);
      planned.push(one);
    }
    if (refusals.length > 0) throw new AppError(commonErrorCodes.invalidArgument, `这批慰问不能登记：${refusals.slice(0, 5).join('；')}${refusals.length > 5 ? ` 等 ${refusals.length} 项` : ''}`);
    const year = Number(visit.date.slice(0, 4));
    const batchFen = planned.reduce((sum, v) => sum + visitAmountFen(visitFactsOf(v)), 0);
    const budget = batchBudgetWarning(visit.funding, year, budgetCheckOf(store, year, visit.funding), batchFen, planned.length);
    const all = [...warnings.values(), ...(budget ? [budget] : [])];
    requireConfirmation(all, visit.confirmReason);
    const batchId = store.newId();
    for (const one of planned) {
      const person = requireOwnStaffRow(store, one.staffId);
      writeRecord(store, actor, 'welfare_visit', store.newId(), { station_id: person.station_id, staff_id: one.staffId, ...visitValues(one, { batchId }) });
    }
    return { batchId, created: planned.length, skipped, warnings: all };
  });
}
