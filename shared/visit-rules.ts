import { compareIsoDates } from './china-date';
import type { FamilyRelation, StaffStatus } from './staff-record';
import { formatFen } from './synced-table-definition';
import type { FundingSource, VisitKind, VisitStandard, VisitWarning } from './visit-record';
import { describeStandard } from './visit-standards';

/**
 * The rules of a welfare visit (DOMAIN.md "Welfare visits"), one place for every path — the form,
 * a festival batch, the Excel import. Two outcomes:
 * - **refusals**, never saved: cash for a kind the standard pays in kind only, a relative who is
 *   not the staff member's, a kind that does not fit a person who has retired, left or died;
 * - **warnings**, saved only when the clerk confirms with a reason (kept with the visit): over the
 *   per-event or per-person-per-year cap (naming the cap and the amount over), more times a year
 *   than allowed, a second visit for the same event, over the budget (with the amount).
 */

/** A visit as the rules see it. */
export interface VisitFacts {
  kind: VisitKind;
  date: string;
  /** The event's date (the standard in force on it applies); the visit's date when absent. */
  eventDate: string | null;
  event: string | null;
  cashFen: number;
  goodsValueFen: number;
  hasGoods: boolean;
  funding: FundingSource;
}

/** The person's other visits (this one excluded), as far as the rules need them. */
export type OtherVisit = Pick<VisitFacts, 'kind' | 'date' | 'eventDate' | 'event' | 'cashFen' | 'goodsValueFen'>;

export interface VisitRuleContext {
  standard: VisitStandard;
  personName: string;
  status: StaffStatus;
  /** The date of the person's status (their retirement, transfer, death …); null for 在职. */
  statusDate: string | null;
  /** The family member visited: found among the person's own (with their relation), or not. */
  relative: { relation: FamilyRelation; name: string } | 'not-theirs' | null;
  otherVisits: readonly OtherVisit[];
  /** The budget of the visit's year and funding, and what other visits have spent of it; absent: none set. */
  budget?: { year: number; amountFen: number; spentFen: number };
}

export interface RuleProblem {
  field: string;
  message: string;
}

export interface VisitVerdict {
  refusals: RuleProblem[];
  warnings: VisitWarning[];
}

/**
 * The kinds that still fit a person who has left active service, from the day of their status:
 * retiree care (节日、生日、住院 …) for 退休; bereavement and care of the family for 因公牺牲 and
 * 病故; nothing for 调出 or 离职 (their new unit visits them). Before that day the person was in
 * service and every kind fits.
 */
const kindsAfterLeaving: Record<Exclude<StaffStatus, '在职'>, readonly VisitKind[]> = {
  退休: ['节日慰问', '生日慰问', '住院慰问', '退休慰问', '直系亲属去世慰问', '困难帮扶', '夏日送清凉', '金秋助学', '职工互助保障'],
  因公牺牲: ['因公牺牲或病故慰问', '英烈家属慰问', '节日慰问', '困难帮扶', '金秋助学'],
  病故: ['因公牺牲或病故慰问', '节日慰问', '困难帮扶', '金秋助学'],
  调出: [],
  离职: [],
};

/** Kinds that answer a death: for someone who has died (on duty, or of illness), and no one else. */
const kindsForTheDeceased: readonly VisitKind[] = ['因公牺牲或病故慰问'];

/** The total a visit is worth: cash and the value of the goods. */
export function visitAmountFen(visit: Pick<VisitFacts, 'cashFen' | 'goodsValueFen'>): number {
  return visit.cashFen + visit.goodsValueFen;
}

const yearOf = (visit: Pick<VisitFacts, 'date' | 'eventDate'>) => (visit.eventDate ?? visit.date).slice(0, 4);

function statusRefusal(visit: VisitFacts, context: VisitRuleContext): RuleProblem | null {
  const { status, statusDate, personName } = context;
  const left = status !== '在职' && (statusDate === null || compareIsoDates(visit.date, statusDate) >= 0);
  if (kindsForTheDeceased.includes(visit.kind) && status !== '因公牺牲' && status !== '病故') {
    return { field: 'kind', message: `「${visit.kind}」是对因公牺牲或病故人员家属的慰问，${personName}的状态为「${status}」，不能登记。如此人已去世，请先在人员档案中变更状态。` };
  }
  if (!left) return null;
  const fits = kindsAfterLeaving[status];
  if (fits.includes(visit.kind)) return null;
  const since = statusDate ? `自 ${statusDate} 起` : '';
  if (fits.length === 0) {
    return { field: 'kind', message: `${personName}${since}已${status}，不再由本单位慰问（${visit.date} 的「${visit.kind}」不能登记）。如是${status}前的慰问，请把慰问日期改为当时的日期。` };
  }
  return { field: 'kind', message: `${personName}${since}已${status}，「${visit.kind}」不适用于${status}人员；可登记的慰问类型：${fits.join('、')}。` };
}

/**
 * Judges one visit. The standard is the one in force on the event's date (the caller picks it with
 * `standardInForce`); caps and times count the person's visits of the same kind in the same year.
 */
export function judgeVisit(visit: VisitFacts, context: VisitRuleContext): VisitVerdict {
  const refusals: RuleProblem[] = [];
  const warnings: VisitWarning[] = [];
  const { standard } = context;
  const amount = visitAmountFen(visit);
  const rule = describeStandard(standard, formatFen);

  if (visit.cashFen === 0 && !visit.hasGoods && visit.goodsValueFen === 0) {
    refusals.push({ field: 'cashFen', message: '请填写慰问金额，或慰问物品及其价值' });
  }
  if (standard.inKindOnly && visit.cashFen > 0) {
    refusals.push({
      field: 'cashFen',
      message: `「${visit.kind}」按标准只发实物，不能发放现金（${formatFen(visit.cashFen)}）：请改填慰问物品及其价值。标准：${rule}`,
    });
  }
  if (context.relative === 'not-theirs') {
    refusals.push({ field: 'familyMemberId', message: `所选家属不是${context.personName}的家属，请在此人的家属中选择（或先在「家属」中添加）。` });
  }
  const status = statusRefusal(visit, context);
  if (status) refusals.push(status);

  if (standard.eventCapFen !== null && amount > standard.eventCapFen) {
    warnings.push({
      code: 'EVENT_CAP',
      message: `超过「${visit.kind}」每次标准 ${formatFen(standard.eventCapFen)}：本次 ${formatFen(amount)}，超出 ${formatFen(amount - standard.eventCapFen)}。标准：${rule}`,
    });
  }
  const sameKindThisYear = context.otherVisits.filter((v) => v.kind === visit.kind && yearOf(v) === yearOf(visit));
  if (standard.yearlyCapFen !== null) {
    const total = sameKindThisYear.reduce((sum, v) => sum + visitAmountFen(v), 0) + amount;
    if (total > standard.yearlyCapFen) {
      warnings.push({
        code: 'YEARLY_CAP',
        message: `超过「${visit.kind}」每人每年限额 ${formatFen(standard.yearlyCapFen)}：${context.personName} ${yearOf(visit)} 年合计 ${formatFen(total)}，超出 ${formatFen(total - standard.yearlyCapFen)}。`,
      });
    }
  }
  if (standard.timesPerYear !== null && sameKindThisYear.length + 1 > standard.timesPerYear) {
    warnings.push({
      code: 'TIMES_PER_YEAR',
      message: `「${visit.kind}」每人每年${standard.timesPerYear}次，这是${context.personName} ${yearOf(visit)} 年的第${sameKindThisYear.length + 1}次。`,
    });
  }
  if (visit.event) {
    const same = context.otherVisits.find((v) => v.event === visit.event);
    if (same) {
      warnings.push({
        code: 'DUPLICATE_EVENT',
        message: `${context.personName}已于 ${same.date} 因同一事件（${visit.event.startsWith('住院:') ? '同一次住院' : visit.event}）受过「${same.kind}」：同一事件只慰问一次，确需再次慰问请说明理由。`,
      });
    }
  }
  if (context.budget) {
    const over = context.budget.spentFen + amount - context.budget.amountFen;
    if (over > 0) {
      warnings.push({
        code: 'OVER_BUDGET',
        message: `超出 ${context.budget.year} 年${visit.funding}慰问预算 ${formatFen(over)}（预算 ${formatFen(context.budget.amountFen)}，已用 ${formatFen(context.budget.spentFen)}，本次 ${formatFen(amount)}）。`,
      });
    }
  }
  return { refusals, warnings };
}

/** The budget warning of a batch, checked once for all its visits together. */
export function batchBudgetWarning(funding: FundingSource, year: number, budget: { amountFen: number; spentFen: number } | undefined, batchFen: number, people: number): VisitWarning | null {
  if (!budget) return null;
  const over = budget.spentFen + batchFen - budget.amountFen;
  if (over <= 0) return null;
  return {
    code: 'OVER_BUDGET',
    message: `这批 ${people} 人共 ${formatFen(batchFen)}，超出 ${year} 年${funding}慰问预算 ${formatFen(over)}（预算 ${formatFen(budget.amountFen)}，已用 ${formatFen(budget.spentFen)}）。`,
  };
}
