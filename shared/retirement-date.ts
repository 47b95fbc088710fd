/**
 * Statutory retirement under the gradual raise of the retirement age: 全国人民代表大会常务委员会
 * 《关于实施渐进式延迟法定退休年龄的决定》(2024-09-13, in force 2025-01-01) and its 附件
 * 《国务院关于渐进式延迟法定退休年龄的办法》 with 附件1–3 (the month-by-month tables).
 */
import { addMonths, formatIsoDate, parseIsoDate } from './china-date';

/** The original statutory age a person's retirement is raised from; configurable per person. */
export type RetirementBase = 'male60' | 'female55' | 'female50';

/** Staff category as the ledger records it (see DOMAIN.md, People and places). */
export type StaffCategory = '民警' | '辅警' | '职工';

/** An age in whole years and months, e.g. 60 years 1 month. */
export interface RetirementAge {
  years: number;
  months: number;
}

/** When a person reaches the statutory retirement age. */
export interface RetirementResult {
  retirementAge: RetirementAge;
  /** The month the person reaches the retirement age, `YYYY-MM`. */
  retirementMonth: string;
  /** The birthday-day in that month, clamped to the month's last day (born on the 31st → 30th/28th). */
  retirementDate: string;
}

interface BaseRule {
  baseAgeMonths: number;
  /** First birth month (year*12 + month-1) whose retirement is raised. */
  firstRaisedMonth: number;
  /** Months of birth that add one month of retirement age. */
  birthMonthsPerStep: number;
  /** Maximum raise in months. */
  capMonths: number;
}

/**
 * 《国务院关于渐进式延迟法定退休年龄的办法》第二条 and 附件1–3: men from 60 to 63 (附件1) and women
 * cadres from 55 to 58 (附件2), one month per four months of birth; women workers from 50 to 55
 * (附件3), one month per two months of birth.
 */
const RULES: Record<RetirementBase, BaseRule> = {
  male60: { baseAgeMonths: 60 * 12, firstRaisedMonth: 1965 * 12, birthMonthsPerStep: 4, capMonths: 36 },
  female55: { baseAgeMonths: 55 * 12, firstRaisedMonth: 1970 * 12, birthMonthsPerStep: 4, capMonths: 36 },
  female50: { baseAgeMonths: 50 * 12, firstRaisedMonth: 1975 * 12, birthMonthsPerStep: 2, capMonths: 60 },
};

/** Chinese labels for the three bases, for selects and printed reports. */
export const RETIREMENT_BASE_LABELS: Readonly<Record<RetirementBase, string>> = {
  male60: '男职工（原法定退休年龄60周岁）',
  female55: '女干部/女民警（原法定退休年龄55周岁）',
  female50: '女职工（原法定退休年龄50周岁）',
};

/**
 * The raise of the retirement age in months for a birth month, per 附件1–3 of
 * 《国务院关于渐进式延迟法定退休年龄的办法》: nothing before the first raised birth month; then one
 * month for the first step of birth months (e.g. men born 1965-01…1965-04 → +1), one more per
 * further step, never more than the cap (36 months, or 60 for women workers).
 */
function raiseInMonths(rule: BaseRule, birthMonthIndex: number): number {
  const offset = birthMonthIndex - rule.firstRaisedMonth;
  if (offset < 0) return 0;
  return Math.min(rule.capMonths, Math.floor(offset / rule.birthMonthsPerStep) + 1);
}

/**
 * The statutory retirement age and date for a birth date and base, under
 * 《关于实施渐进式延迟法定退休年龄的决定》 (in force 2025-01-01) and the tables of its 附件:
 * - `male60`: born 1965-01 or later, +1 month per 4 months of birth, up to 63 (born 1976-09 on);
 * - `female55` (cadres, 民警): born 1970-01 or later, same pace, up to 58 (born 1981-09 on);
 * - `female50` (workers): born 1975-01 or later, +1 month per 2 months, up to 55 (born 1984-11 on).
 * Those born earlier retire at the base age. The person retires in the month they reach the age;
 * `retirementDate` is the birthday-day of that month (clamped to the month's end). The clerk may
 * still override the date on the person's record (early retirement, special posts).
 *
 * Example: a man born 1965-01-15 retires at 60 years 1 month, on 2025-02-15.
 *
 * @throws RangeError when `birthDate` is not a valid `YYYY-MM-DD` date.
 */
export function computeRetirement(birthDate: string, base: RetirementBase): RetirementResult {
  const parts = parseIsoDate(birthDate);
  if (!parts) throw new RangeError(`出生日期无效：${birthDate}`);
  const rule = RULES[base];
  const ageMonths = rule.baseAgeMonths + raiseInMonths(rule, parts.year * 12 + parts.month - 1);
  const retirementDate = addMonths(formatIsoDate(parts.year, parts.month, parts.day), ageMonths);
  return {
    retirementAge: { years: Math.floor(ageMonths / 12), months: ageMonths % 12 },
    retirementMonth: retirementDate.slice(0, 7),
    retirementDate,
  };
}

/**
 * The default retirement base for a new person: men `male60`; women 民警 `female55` (civil
 * servants retire at the cadre age); women 辅警 and 职工 `female50` (labour-contract workers).
 * This is only a default: the base is stored per person and the clerk can change it, e.g. to
 * `female55` for a woman on a management or technical post (管理岗位、技术岗位).
 */
export function defaultRetirementBase(gender: 'male' | 'female', category: StaffCategory): RetirementBase {
  if (gender === 'male') return 'male60';
  return category === '民警' ? 'female55' : 'female50';
}

/** Formats a retirement age in Chinese: `60周岁1个月`, or `63周岁` when there are no months. */
export function formatRetirementAge(age: RetirementAge): string {
  return age.months === 0 ? `${age.years}周岁` : `${age.years}周岁${age.months}个月`;
}

/**
 * Whether a 退休 dated `date` is early: before the month in which the person reaches the
 * retirement date (the statutory one of 《国务院关于渐进式延迟法定退休年龄的办法》, or the clerk's
 * override). Retirement is handled by the month, so a date earlier in the same month is not early;
 * anything before it is 提前退休 (弹性提前退休 under Art. 2 of the 办法, or on medical grounds), which
 * the clerk must confirm.
 */
export function isEarlyRetirement(date: string, expectedRetirementDate: string): boolean {
  return date < `${expectedRetirementDate.slice(0, 7)}-01`;
}
