/**
 * Facts derived from a person's dates: age, cumulative years of work, and a child's exam years.
 * Anniversaries follow 《民法典》第二百零一条: a period counted in years or months ends on the
 * corresponding day of the final month, or on that month's last day when it has no such day (so a
 * person born on 29 February has their birthday on 28 February in a common year).
 */
import { addMonths, compareIsoDates, parseIsoDate } from './china-date';

/** The years a child sits 中考 (end of grade 9) and 高考 (end of grade 12), both in June. */
export interface ChildExamYears {
  zhongkao: number;
  gaokao: number;
}

function requireDate(value: string, what: string): { year: number; month: number; day: number } {
  const parts = parseIsoDate(value);
  if (!parts) throw new RangeError(`${what}无效：${value}`);
  return parts;
}

/** Whole months from `from` to `to` (0 if `to` is earlier), month-end clamped per 民法典 第201条. */
function wholeMonthsBetween(from: string, to: string): number {
  const a = requireDate(from, '开始日期');
  const b = requireDate(to, '日期');
  if (compareIsoDates(to, from) < 0) return 0;
  const months = (b.year - a.year) * 12 + (b.month - a.month);
  return compareIsoDates(addMonths(from, months), to) > 0 ? months - 1 : months;
}

/**
 * Age in whole years (周岁) on `today`: one year older on each birthday. A date before the birth
 * gives 0.
 *
 * @throws RangeError when either date is invalid.
 */
export function ageOn(birthDate: string, today: string): number {
  return Math.floor(wholeMonthsBetween(birthDate, today) / 12);
}

/**
 * Cumulative whole years of work on `today`, as annual leave counts them (《职工带薪年休假条例》
 * 第三条: 累计工作, not years at this station): whole months since 参加工作时间 plus the recognised
 * prior service months (e.g. military service), in whole years.
 *
 * @param workStartDate 参加工作时间; `null` when not recorded yet, which gives 0 — the clerk must
 *   record the date before the entitlement means anything.
 * @param priorServiceMonths recognised earlier service, a whole number of months ≥ 0.
 * @throws RangeError on an invalid date or a negative or fractional month count.
 */
export function workYearsOn(workStartDate: string | null, priorServiceMonths: number, today: string): number {
  if (!Number.isInteger(priorServiceMonths) || priorServiceMonths < 0) {
    throw new RangeError(`认定的工龄月数应为非负整数：${priorServiceMonths}`);
  }
  requireDate(today, '日期');
  if (workStartDate === null) return 0;
  return Math.floor((wholeMonthsBetween(workStartDate, today) + priorServiceMonths) / 12);
}

/**
 * A child's default 中考 and 高考 years from the birth date. Primary school admits children who are
 * six by 31 August (《义务教育法》第十一条 and the usual local cut-off), so a child born between
 * 1 September of year Y-1 and 31 August of year Y starts school in September of Y+6, sits 中考 in June
 * of Y+15 and 高考 in June of Y+18. An estimate: a known grade ({@link examYearsFromGrade}) is better.
 *
 * @throws RangeError when `birthDate` is invalid.
 */
export function childExamYears(birthDate: string): ChildExamYears {
  const { year, month } = requireDate(birthDate, '出生日期');
  const cohortYear = month >= 9 ? year + 1 : year;
  return { zhongkao: cohortYear + 15, gaokao: cohortYear + 18 };
}

const CHINESE_NUMERALS: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8, '9': 9,
};

/** Grade names, each with what its numeral adds to make grade 1–12 (初一 = grade 7, 高一 = 10). */
const GRADE_PATTERNS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:小学)?([一二三四五六1-6])年级$/, 0],
  [/^([七八九7-9])年级$/, 0],
  [/^初中?([一二三1-3])(?:年级)?$/, 6],
  [/^高中?([一二三1-3])(?:年级)?$/, 9],
];

/** Grade 1–12 from a grade name, or null. */
function gradeNumber(grade: string): number | null {
  const text = grade.replace(/\s/g, '');
  for (const [pattern, offset] of GRADE_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return CHINESE_NUMERALS[match[1]] + offset;
  }
  return null;
}

/**
 * 中考 and 高考 years from the grade a child is in during the school year that starts in September of
 * `schoolYearStartYear`. Understands 一年级…六年级 (also 小学一年级), 七年级/八年级/九年级, 初一/初二/初三
 * (also 初中一年级), 高一/高二/高三 (also 高中一年级), with Chinese or Arabic numerals. For a child
 * already in 高中 the 中考 year returned is the one already sat. Unknown text gives null.
 *
 * Example: 初三 in the school year 2025–2026 → 中考 2026, 高考 2029.
 */
export function examYearsFromGrade(grade: string, schoolYearStartYear: number): ChildExamYears | null {
  if (!Number.isInteger(schoolYearStartYear)) return null;
  const n = gradeNumber(grade);
  if (n === null) return null;
  return { zhongkao: schoolYearStartYear + 10 - n, gaokao: schoolYearStartYear + 13 - n };
}

/**
 * The year the school year containing `today` started: September onwards belongs to this year's
 * school year, January–August to last year's.
 *
 * @throws RangeError when `today` is invalid.
 */
export function schoolYearStartYearOn(today: string): number {
  const { year, month } = requireDate(today, '日期');
  return month >= 9 ? year : year - 1;
}

/** A child's exam years as the ledger derives them, and from what. */
export interface DerivedExamYears extends ChildExamYears {
  from: '年级' | '出生日期';
}

/**
 * The 中考/高考 years of a child when the clerk entered none: from the grade in the school year of
 * `today` (better, it follows 留级 and 跳级) when the grade is one `examYearsFromGrade` knows, else
 * from the birth date (`childExamYears`); null when neither gives them. The form's hint and the
 * stored record (family handlers) use this one rule.
 */
export function derivedChildExamYears(grade: string | null | undefined, birthDate: string | null | undefined, today: string): DerivedExamYears | null {
  if (grade && today) {
    const fromGrade = examYearsFromGrade(grade, schoolYearStartYearOn(today));
    if (fromGrade) return { ...fromGrade, from: '年级' };
  }
  if (birthDate) return { ...childExamYears(birthDate), from: '出生日期' };
  return null;
}

/** A child's 中考 and 高考 years as the ledger reads them, and whether they were recorded. */
export interface ChildExamYearsOf {
  zhongkao: number | null;
  gaokao: number | null;
  /** 登记: both years as recorded; 年级 or 出生日期: at least one derived from it. */
  from: '登记' | DerivedExamYears['from'];
}

/**
 * The exam years of a child record: each year as recorded, else derived (`derivedChildExamYears`:
 * the grade in the school year of `today`, else the birth date). The drawer, the reminders, the
 * monthly report and the station lists all read a child's years through this one rule.
 */
export function childExamYearsOf(child: { zhongkaoYear: number | null; gaokaoYear: number | null; grade: string | null; birthDate: string | null }, today: string): ChildExamYearsOf {
  if (child.zhongkaoYear !== null && child.gaokaoYear !== null) return { zhongkao: child.zhongkaoYear, gaokao: child.gaokaoYear, from: '登记' };
  const derived = derivedChildExamYears(child.grade, child.birthDate && parseIsoDate(child.birthDate) ? child.birthDate : null, today);
  return { zhongkao: child.zhongkaoYear ?? derived?.zhongkao ?? null, gaokao: child.gaokaoYear ?? derived?.gaokao ?? null, from: derived?.from ?? '登记' };
}

/** Whether a grade is filled in but not one the exam years can be worked out from (幼儿园大班, 大一 …). */
export function isUnrecognisedGrade(grade: string | null | undefined, today: string): boolean {
  if (!grade || grade.trim() === '' || !today) return false;
  return examYearsFromGrade(grade.trim(), schoolYearStartYearOn(today)) === null;
}

/** The retirement tag the person's record shows, if any. */
export type RetirementTag = '已到退休年龄' | '一年内退休';

/**
 * The retirement tag of a person still 在职 on `today`: 已到退休年龄 when the expected retirement
 * date has come (the clerk should record the 退休, or check the date), 一年内退休 when it comes
 * within twelve months; null otherwise, for other statuses, or when the date is unknown.
 */
export function retirementTagOn(status: string, expectedRetirementDate: string, today: string): RetirementTag | null {
  if (status !== '在职' || !parseIsoDate(expectedRetirementDate) || !parseIsoDate(today)) return null;
  if (compareIsoDates(expectedRetirementDate, today) <= 0) return '已到退休年龄';
  return compareIsoDates(expectedRetirementDate, addMonths(today, 12)) <= 0 ? '一年内退休' : null;
}

/** The last day of 高考 (7–9 June nationwide; DOMAIN.md, 陪考轮休), as `MM-DD`. */
export const GAOKAO_LAST_DAY = '06-09';

/** The default last day of 中考 (set by each city, mostly mid to late June; configurable), as `MM-DD`. */
export const DEFAULT_ZHONGKAO_LAST_DAY = '06-30';

/**
 * The exams a child still has ahead this year: 中考 or 高考 in the year of `today`, up to and including
 * its last day (高考 ends 9 June; 中考 on the day the bureau set, `zhongkaoLastDay` as `MM-DD`). After
 * that the exam is over and 「今年中考」 no longer applies.
 */
export function examsAheadThisYear(
  member: { zhongkaoYear: number | null; gaokaoYear: number | null },
  today: string,
  zhongkaoLastDay: string = DEFAULT_ZHONGKAO_LAST_DAY,
): ('中考' | '高考')[] {
  const parts = parseIsoDate(today);
  if (!parts) return [];
  const monthDay = today.slice(5);
  const exams: ('中考' | '高考')[] = [];
  if (member.zhongkaoYear === parts.year && monthDay <= zhongkaoLastDay) exams.push('中考');
  if (member.gaokaoYear === parts.year && monthDay <= GAOKAO_LAST_DAY) exams.push('高考');
  return exams;
}
