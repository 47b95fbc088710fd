import { addDays, compareIsoDates, daysBetween, daysInMonth, formatIsoDate } from './china-date';
import type { LeaveStatus, LeaveType } from './leave-record';
import { leaveTypeRules } from './leave-record';
import { workYearsOn } from './person-derivations';
import type { StaffCategoryName } from './staff-record';

/**
 * Annual leave entitlement (年休假, DOMAIN.md "Annual leave entitlement"): the tier by cumulative
 * years of work, the month a new tier applies from, the pro-rating of a newcomer's first year, the
 * exclusions of 条例 第四条 (including next year's loss), and the carry-over of at most one year.
 * Pure: the days of each leave are given (counted from the calendar when it was saved).
 */

/**
 * How a tier crossed in the middle of a year counts that year (**configurable**, shown on 年休假):
 * - 按月折算: each month at the tier that applies in it, ÷ 12, fractions dropped (the default);
 * - 全年按新档: the tier reached during the year counts for the whole year;
 * - 次年起按新档: the year keeps the tier it started with; the new one counts from next year.
 */
export const tierChangeRules = ['按月折算', '全年按新档', '次年起按新档'] as const;
export type TierChangeRule = (typeof tierChangeRules)[number];

/** The person as the entitlement reads them. */
export interface EntitledPerson {
  category: StaffCategoryName;
  /** 参加工作时间. */
  workStartDate: string | null;
  /** 认定工龄 (recognised prior service, e.g. military), months. */
  priorServiceMonths: number;
  /** 入职时间: when the current employer hired the person (辅警: the contract with the bureau). */
  hireDate: string | null;
}

/** A leave as the entitlement counts it (cancelled leave is never given). */
export interface CountedLeave {
  type: LeaveType;
  fromDate: string;
  toDate: string;
  days: number;
  status: Exclude<LeaveStatus, '取消'>;
}

/**
 * The tier of 职工带薪年休假条例 第三条 by cumulative years of work: ≥ 1 and < 10 years → 5 days,
 * ≥ 10 and < 20 → 10, ≥ 20 → 15; less than a year → none.
 */
export function annualLeaveTier(workYears: number): 0 | 5 | 10 | 15 {
  if (workYears >= 20) return 15;
  if (workYears >= 10) return 10;
  if (workYears >= 1) return 5;
  return 0;
}

const lastDayOfMonthBefore = (year: number, month: number) => (month === 1 ? `${year - 1}-12-31` : formatIsoDate(year, month - 1, daysInMonth(year, month - 1)));

/**
 * The tier that applies in each month of a year (index 0 = January). A new tier applies from the
 * month after the 1st/10th/20th anniversary of work (机关事业单位工作人员带薪年休假实施办法 第三条:
 * 满1年、满10年、满20年后，从下月起享受相应的年休假天数) — applied to everyone, as the unit's one rule.
 */
export function monthlyTiers(person: Pick<EntitledPerson, 'workStartDate' | 'priorServiceMonths'>, year: number): number[] {
  return Array.from({ length: 12 }, (_, i) => annualLeaveTier(workYearsOn(person.workStartDate, person.priorServiceMonths, lastDayOfMonthBefore(year, i + 1))));
}

/** The entitlement of a year before 条例 第四条, with how it was reached. */
export interface BaseEntitlement {
  days: number;
  /** In words: 累计工作12年，每年10天；按月折算 …; or why it is 0. */
  reason: string;
}

/**
 * The year's entitlement by tier, the mid-year rule and a newcomer's pro-rating. A 辅警 or 职工
 * hired by the current employer during the year (企业职工带薪年休假实施办法 第五条) gets the
 * remaining calendar days of the year from the hire date ÷ 365 × the year's days, fractions
 * dropped (not rounded); a 民警 keeps the civil-service rule.
 */
export function baseEntitlement(person: EntitledPerson, year: number, rule: TierChangeRule): BaseEntitlement {
  if (!person.workStartDate) return { days: 0, reason: '未登记参加工作时间，无法确定年休假天数：请在人员档案中填写参加工作时间' };
  const tiers = monthlyTiers(person, year);
  const first = tiers[0];
  const last = tiers[11];
  const yearsAtEnd = workYearsOn(person.workStartDate, person.priorServiceMonths, `${year}-12-31`);
  if (last === 0) return { days: 0, reason: `累计工作不满1年（至${year}年底工龄${yearsAtEnd}年），当年不享受年休假（职工带薪年休假条例第三条）` };
  let whole: number;
  let how: string;
  if (first === last) {
    whole = last;
    how = `累计工作${yearsAtEnd}年，全年${last}天`;
  } else {
    const changeMonth = tiers.findIndex((t) => t !== first) + 1;
    if (rule === '全年按新档') {
      whole = last;
      how = `${year}年${changeMonth}月起由${first}天档升为${last}天档，按设置全年按新档计${last}天`;
    } else if (rule === '次年起按新档') {
      whole = first;
      how = `${year}年${changeMonth}月起由${first}天档升为${last}天档，按设置当年按原档计${first}天，次年起按新档`;
    } else {
      whole = tiers.reduce((sum, t) => sum + t, 0) / 12;
      how = `${year}年${changeMonth}月起由${first}天档升为${last}天档，按月折算 ${tiers.reduce((sum, t) => sum + t, 0)}÷12`;
    }
  }
  const hiredThisYear = person.category !== '民警' && person.hireDate !== null && person.hireDate.startsWith(`${year}-`);
  if (hiredThisYear) {
    const remaining = Math.min(365, daysBetween(person.hireDate as string, `${year}-12-31`) + 1);
    const days = Math.floor((remaining / 365) * whole);
    return {
      days,
      reason: `${person.hireDate} 入职，当年剩余${remaining}个日历日，${remaining}÷365×${Number(whole.toFixed(2))}天，不足1天的部分不计，为${days}天（企业职工带薪年休假实施办法第五条）${days === 0 ? '，当年不享受年休假' : ''}`,
    };
  }
  const days = Math.floor(whole);
  return { days, reason: days !== whole ? `${how}，不足1天的部分不计，为${days}天` : how };
}

/** The months of sick leave that take away the year's leave, by years of work (条例 第四条 三至五项). */
export function sickLeaveMonthsLimit(workYears: number): 2 | 3 | 4 {
  if (workYears >= 20) return 4;
  if (workYears >= 10) return 3;
  return 2;
}

/** A month of sick leave, in calendar days, for the thresholds of 条例 第四条 (病假 is counted in calendar days). */
export const DAYS_PER_SICK_MONTH = 30;

/** 事假 累计20天以上 (以上 includes 20: 民法典 第一千二百五十九条) takes away the year's leave (条例 第四条 第二项). */
export const PERSONAL_LEAVE_LIMIT_DAYS = 20;

/** A case of 条例 第四条 in a year: what it is, the day it arose, and whether annual leave was taken before it. */
export interface ArticleFourCase {
  kind: '事假' | '病假';
  /** The day the accumulated days reached the threshold. */
  arose: string;
  days: number;
  /** In words, for the reason. */
  description: string;
  /** The year's annual leave had been taken (批准 or 已休, begun) before the case arose. */
  annualTakenBefore: boolean;
}

/**
 * The first case of 条例 第四条 (二)–(五) in a year's leave: 事假 累计20天以上; 病假 累计2个月以上
 * (1–10 years of work), 3 months (10–20), 4 months (≥ 20), a month being 30 calendar days. Leave is
 * attributed to the year it starts in; planned leave counts (a plan that would cross the threshold
 * shows its effect before it is taken).
 */
export function articleFourCase(person: Pick<EntitledPerson, 'workStartDate' | 'priorServiceMonths'>, year: number, leaves: readonly CountedLeave[]): ArticleFourCase | null {
  const ofYear = leaves.filter((l) => l.fromDate.startsWith(`${year}-`)).sort((a, b) => compareIsoDates(a.fromDate, b.fromDate));
  const annual = ofYear.filter((l) => l.type === '年休假' && l.status !== '计划');
  const cases: ArticleFourCase[] = [];
  for (const kind of ['事假', '病假'] as const) {
    let total = 0;
    for (const leave of ofYear.filter((l) => leaveTypeRules[l.type].articleFour === kind)) {
      const before = total;
      total += leave.days;
      const years = workYearsOn(person.workStartDate, person.priorServiceMonths, leave.toDate);
      const limit = kind === '事假' ? PERSONAL_LEAVE_LIMIT_DAYS : sickLeaveMonthsLimit(years) * DAYS_PER_SICK_MONTH;
      if (total < limit) continue;
      // 病假 is counted in calendar days: the day the limit is reached; 事假 in working days: its leave's last day.
      const arose = kind === '病假' ? addDays(leave.fromDate, Math.ceil(limit - before) - 1) : leave.toDate;
      const description =
        kind === '事假'
          ? `${year}年事假累计${total}天（20天以上，条例第四条第二项）`
          : `${year}年病假累计${total}天（累计工作${years}年，满${limit / DAYS_PER_SICK_MONTH}个月，条例第四条第${{ 2: '三', 3: '四', 4: '五' }[limit / DAYS_PER_SICK_MONTH as 2 | 3 | 4]}项）`;
      cases.push({ kind, arose, days: total, description, annualTakenBefore: annual.some((a) => compareIsoDates(a.fromDate, arose) < 0) });
      break;
    }
  }
  return cases.sort((a, b) => compareIsoDates(a.arose, b.arose))[0] ?? null;
}

/** A year's entitlement after 条例 第四条. */
export interface YearEntitlement {
  entitled: number;
  reason: string;
  /** The case of the year (whether or not it took this year's leave). */
  articleFour: ArticleFourCase | null;
}

/**
 * The entitlement of a year: the base, then 条例 第四条 — a case of the year takes the year's leave,
 * unless the year's annual leave had been taken when it arose: then the next year's is lost instead
 * (企业职工带薪年休假实施办法 第八条; 机关事业单位工作人员带薪年休假实施办法 第八条).
 */
export function yearEntitlement(person: EntitledPerson, year: number, leaves: readonly CountedLeave[], rule: TierChangeRule): YearEntitlement {
  const base = baseEntitlement(person, year, rule);
  const previous = articleFourCase(person, year - 1, leaves);
  if (previous?.annualTakenBefore && baseEntitlement(person, year - 1, rule).days > 0) {
    return {
      entitled: 0,
      reason: `${previous.description}，发生时${year - 1}年年休假已休，${year}年不享受年休假（企业职工带薪年休假实施办法第八条）`,
      articleFour: articleFourCase(person, year, leaves),
    };
  }
  const current = articleFourCase(person, year, leaves);
  if (current && !current.annualTakenBefore && base.days > 0) {
    return { entitled: 0, reason: `${current.description}，当年不享受年休假`, articleFour: current };
  }
  if (current?.annualTakenBefore && base.days > 0) {
    return { entitled: base.days, reason: `${base.reason}；${current.description}，发生前已休年休假，${year + 1}年不再享受年休假`, articleFour: current };
  }
  return { entitled: base.days, reason: base.reason, articleFour: current };
}

/** The balance of a year (年休假余额). */
export interface AnnualBalance {
  entitled: number;
  carried: number;
  taken: number;
  planned: number;
  remaining: number;
  reason: string;
}

const annualDays = (leaves: readonly CountedLeave[], year: number, statuses: readonly string[]) =>
  leaves.filter((l) => l.type === '年休假' && l.fromDate.startsWith(`${year}-`) && statuses.includes(l.status)).reduce((sum, l) => sum + l.days, 0);

/**
 * The balance of a year: entitled, carried over, taken (已休), planned (计划 and 批准) and remaining.
 * Untaken leave is carried over into the next year only (DOMAIN.md: at most one year; 条例 第五条
 * 可以跨1个年度安排) — the days carried are used first, and what is left of them lapses at the end
 * of that year. Carry-over is counted from `trackedFrom` (the first year the ledger holds leave
 * for): before it the ledger does not know what was taken.
 */
export function annualBalance(person: EntitledPerson, year: number, leaves: readonly CountedLeave[], rule: TierChangeRule, trackedFrom: number): AnnualBalance {
  let carried = 0;
  for (let y = Math.max(trackedFrom, year - 10); y < year; y += 1) {
    const entitled = yearEntitlement(person, y, leaves, rule).entitled;
    const used = annualDays(leaves, y, ['计划', '批准', '已休']);
    carried = Math.max(0, entitled - Math.max(0, used - carried));
  }
  const { entitled, reason } = yearEntitlement(person, year, leaves, rule);
  const taken = annualDays(leaves, year, ['已休']);
  const planned = annualDays(leaves, year, ['计划', '批准']);
  return { entitled, carried, taken, planned, remaining: entitled + carried - taken - planned, reason: carried > 0 ? `${reason}；上年未休${carried}天结转` : reason };
}

/**
 * 应休尽休: by the check date of the year (**configurable**, `MM-DD`), whether a person who has
 * leave to take has taken none or less than half of it.
 */
export function isUnderused(balance: Pick<AnnualBalance, 'entitled' | 'carried' | 'taken'>, year: number, today: string, checkDay: string): boolean {
  const due = `${year}-${checkDay}`;
  if (compareIsoDates(today, due) < 0) return false;
  const total = balance.entitled + balance.carried;
  return total > 0 && balance.taken < total / 2;
}
