import { AppError } from '../../shared/contract/api-error';
import type { FamilyRelation, StaffStatus } from '../../shared/staff-record';
import type { ParsedVisitInput, VisitWarning } from '../../shared/visit-record';
import { judgeVisit, type VisitFacts, type VisitRuleContext, type VisitVerdict } from '../../shared/visit-rules';
import type { LedgerStore } from '../../db/ledger-store';
import type { FieldValue } from '../../db/synced-tables';
import type { PersonRecordContext, PersonRecordKind } from '../staff/person-records';
import type { StaffRow } from '../staff/staff-rows';
import { budgetCheckOf } from './visit-budgets';
import { otherVisitOf, type VisitRow } from './visit-rows';
import { standardForVisit, standardVersions } from './visit-standards-store';

/**
 * A welfare visit as a kind of person record (慰问): saved and deleted like 家属 and 表彰 — only for
 * a person this installation may change, through the one write path — after the rules of
 * `shared/visit-rules.ts`. A refusal is `INVALID_ARGUMENT` with per-field messages; warnings
 * without the clerk's reason are `VISIT_NEEDS_CONFIRMATION` (details: the warnings), and the
 * reason given is kept with the visit.
 */

/** The code of a save that needs the clerk's confirmation (details: `{ warnings }`). */
export const VISIT_NEEDS_CONFIRMATION = 'VISIT_NEEDS_CONFIRMATION';

/** The facts of an input, as the rules read them. */
export function visitFactsOf(input: ParsedVisitInput): VisitFacts {
  return {
    kind: input.kind,
    date: input.date,
    eventDate: input.eventDate ?? null,
    event: input.event || null,
    cashFen: input.cashFen ?? 0,
    goodsValueFen: input.goodsValueFen ?? 0,
    hasGoods: Boolean(input.goods),
    funding: input.funding,
  };
}

/** The relative visited, judged against the person's own family. */
function relativeOf(store: LedgerStore, staffId: string, familyMemberId: string | null | undefined): VisitRuleContext['relative'] {
  if (!familyMemberId) return null;
  const row = store.sqlite.prepare('SELECT staff_id, relation, name FROM family_member WHERE id = ? AND deleted_at IS NULL').get(familyMemberId) as
    | { staff_id: string | null; relation: string | null; name: string | null }
    | undefined;
  if (!row || row.staff_id !== staffId) return 'not-theirs';
  return { relation: (row.relation ?? '配偶') as FamilyRelation, name: row.name ?? '' };
}

/**
 * Everything the rules need about a visit of a person: the standard in force on the event's date,
 * the person's status, the relative, their other visits, and the budget of the visit's year (spent
 * by other visits than `exceptIds`).
 */
export function visitRuleContext(
  store: LedgerStore,
  person: Pick<StaffRow, 'id' | 'name' | 'status' | 'status_date'>,
  input: ParsedVisitInput,
  others: readonly Pick<VisitRow, 'kind' | 'date' | 'event_date' | 'event' | 'cash_fen' | 'goods_value_fen'>[],
  options: { versions?: ReturnType<typeof standardVersions>; budget?: VisitRuleContext['budget'] | null; exceptIds?: readonly string[] } = {},
): VisitRuleContext {
  const year = Number(input.date.slice(0, 4));
  return {
    standard: standardForVisit(store, input, options.versions),
    personName: person.name ?? '此人',
    status: (person.status ?? '在职') as StaffStatus,
    statusDate: person.status_date,
    relative: relativeOf(store, person.id, input.familyMemberId),
    otherVisits: others.map(otherVisitOf),
    budget: options.budget === null ? undefined : (options.budget ?? budgetCheckOf(store, year, input.funding, options.exceptIds ?? (input.id ? [input.id] : []))),
  };
}

/** Throws the confirmation request when there are warnings the clerk has not answered with a reason. */
export function requireConfirmation(warnings: readonly VisitWarning[], reason: string | null | undefined): void {
  if (warnings.length === 0 || (reason ?? '').trim() !== '') return;
  throw new AppError(VISIT_NEEDS_CONFIRMATION, `${warnings.map((w) => w.message).join('\n')}\n如确需登记，请填写确认说明（将与记录一并保存）。`, { warnings });
}

function judge(input: ParsedVisitInput, context: PersonRecordContext<'welfare_visit'>): VisitVerdict {
  const store = context.store as LedgerStore;
  return judgeVisit(visitFactsOf(input), visitRuleContext(store, context.person as StaffRow, input, context.others as unknown as VisitRow[]));
}

/** The columns of a visit as stored. */
export function visitValues(input: ParsedVisitInput, extra: { batchId?: string | null } = {}): Record<string, FieldValue> {
  return {
    kind: input.kind,
    date: input.date,
    family_member_id: input.familyMemberId || null,
    visitors: input.visitors || null,
    cash_fen: input.cashFen ?? 0,
    goods: input.goods || null,
    goods_value_fen: input.goodsValueFen ?? 0,
    funding: input.funding,
    event: input.event || null,
    event_date: input.eventDate ?? null,
    receipt_signed: input.receiptSigned ? 1 : 0,
    confirm_reason: input.confirmReason || null,
    note: input.note || null,
    ...(extra.batchId !== undefined ? { batch_id: extra.batchId } : {}),
  };
}

export const visitRecords: PersonRecordKind<'welfare_visit', ParsedVisitInput, { id: string }> = {
  table: 'welfare_visit',
  notFoundMessage: '找不到这条慰问记录（可能已被删除），请刷新后重试。',
  check: (input, context) => {
    const verdict = judge(input, context);
    if (verdict.refusals.length > 0) return verdict.refusals;
    // An edit that keeps the visit's event was judged (and, if need be, confirmed) when it was saved.
    const keptEvent = context.existing !== undefined && (context.existing.event ?? null) === (input.event || null);
    requireConfirmation(keptEvent ? verdict.warnings.filter((w) => w.code !== 'DUPLICATE_EVENT') : verdict.warnings, input.confirmReason);
    return [];
  },
  values: (input) => visitValues(input),
  toItem: (row) => ({ id: row.id }),
};
