import { addDays, compareIsoDates, daysBetween, formatIsoDate } from './china-date';
import type {
  AbnormalItemCount,
  CheckupConclusion,
  CoverageCount,
  FollowUpDue,
  HealthCoverage,
  HealthPersonRef,
  HealthRuleSettings,
  OverdueCheckup,
  PsychLevel,
  WatchEntry,
} from './health-record';
import { staffCategories, type StaffCategoryName } from './staff-record';

/**
 * The health rules of DOMAIN.md "Health", pure: every path (the page, the CLI, the monthly report,
 * the hospital-sheet import) computes overdue checkups and follow-ups, the watch list and coverage
 * here, from plain rows.
 */

/** A person as the rules see them: who, which category, whether in service, when first employed. */
export interface HealthPerson extends HealthPersonRef {
  status: string;
  workStartDate: string | null;
}

/** A stored checkup as the rules see it. */
export interface CheckupFact {
  id: string;
  staffId: string;
  date: string;
  conclusion: CheckupConclusion;
  abnormalItems: string[];
  followUpDue: string | null;
  followUpDoneDate: string | null;
}

export interface ScreeningFact {
  id: string;
  staffId: string;
  date: string;
  level: PsychLevel;
}

export interface InterventionFact {
  staffId: string;
  date: string;
  nextDate: string | null;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/**
 * The first day a person without a checkup this year counts as overdue: the 1st of the overdue
 * month (设置「体检逾期提醒起始月份」, default October, DOMAIN.md "Health"). A checkup is due
 * within its calendar year; on 1 January a new year begins and last year's misses are no longer
 * listed here (they show in last year's coverage).
 */
export function checkupOverdueFrom(year: number, overdueFromMonth: number): string {
  return formatIsoDate(year, overdueFromMonth, 1);
}

/**
 * 体检逾期: active staff with no checkup dated in `today`'s year, once the overdue month has come;
 * `daysOverdue` counts the overdue month's 1st as day 1. Most overdue first, then by name.
 */
export function overdueCheckups(people: HealthPerson[], checkups: CheckupFact[], today: string, overdueFromMonth: number): OverdueCheckup[] {
  const year = yearOf(today);
  const from = checkupOverdueFrom(year, overdueFromMonth);
  if (compareIsoDates(today, from) < 0) return [];
  const latest = new Map<string, string>();
  for (const c of checkups) if (compareIsoDates(c.date, latest.get(c.staffId) ?? '') > 0) latest.set(c.staffId, c.date);
  const daysOverdue = daysBetween(from, today) + 1;
  return people
    .filter((p) => p.status === '在职')
    .filter((p) => yearOf(latest.get(p.staffId) ?? '0000') !== year)
    .map((p) => ({ ...personRef(p), daysOverdue, lastCheckupDate: latest.get(p.staffId) ?? null }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.name.localeCompare(b.name, 'zh-CN'));
}

/**
 * 复查: every checkup of active staff with a follow-up due date and no follow-up done — overdue the
 * day after its due date; and a person's latest checkup whose conclusion calls for one (异常需复查,
 * 异常需就医) but has no due date yet, listed without one (never overdue) so it is not forgotten.
 * Most overdue first.
 */
export function followUpsDue(people: HealthPerson[], checkups: CheckupFact[], today: string): FollowUpDue[] {
  const byId = activeById(people);
  const latest = new Map<string, CheckupFact>();
  for (const c of checkups) if (compareIsoDates(c.date, latest.get(c.staffId)?.date ?? '') > 0) latest.set(c.staffId, c);
  const due: FollowUpDue[] = [];
  for (const c of checkups) {
    const person = byId.get(c.staffId);
    if (!person || c.followUpDoneDate) continue;
    const undated = !c.followUpDue && latest.get(c.staffId) === c && (c.conclusion === '异常需复查' || c.conclusion === '异常需就医');
    if (!c.followUpDue && !undated) continue;
    const daysOverdue = c.followUpDue ? daysBetween(c.followUpDue, today) : 0;
    due.push({
      ...personRef(person),
      checkupId: c.id,
      checkupDate: c.date,
      conclusion: c.conclusion,
      abnormalItems: c.abnormalItems,
      followUpDue: c.followUpDue,
      daysOverdue,
      overdue: daysOverdue > 0,
    });
  }
  return due.sort((a, b) => b.daysOverdue - a.daysOverdue || a.name.localeCompare(b.name, 'zh-CN'));
}

/** How many days after a screening of this level an intervention session is due (null: none needed). */
export function interventionDueDays(level: PsychLevel, rules: Pick<HealthRuleSettings, 'crisisInterventionDays' | 'warningInterventionDays'>): number | null {
  if (level === '危机') return rules.crisisInterventionDays;
  if (level === '预警') return rules.warningInterventionDays;
  return null;
}

/**
 * 重点关注名单: active staff whose latest screening is 预警 or 危机 (DOMAIN.md: they require
 * one-to-one intervention). Each is `overdue` when no session was recorded within the due days of
 * the screening (default 7 for 危机, 14 for 预警) and those days have passed. 危机 first, then
 * overdue, then the oldest screening.
 */
export function watchList(
  people: HealthPerson[],
  screenings: ScreeningFact[],
  interventions: InterventionFact[],
  today: string,
  rules: Pick<HealthRuleSettings, 'crisisInterventionDays' | 'warningInterventionDays'>,
): WatchEntry[] {
  const byId = activeById(people);
  const latest = latestScreenings(screenings);
  const entries: WatchEntry[] = [];
  for (const s of latest.values()) {
    const person = byId.get(s.staffId);
    const days = interventionDueDays(s.level, rules);
    if (!person || days === null) continue;
    const due = addDays(s.date, days);
    const sessions = interventions.filter((i) => i.staffId === s.staffId && compareIsoDates(i.date, s.date) >= 0).sort((a, b) => compareIsoDates(a.date, b.date));
    const inTime = sessions.some((i) => compareIsoDates(i.date, due) <= 0);
    const daysOverdue = inTime ? 0 : Math.max(0, daysBetween(due, today));
    const last = sessions.at(-1);
    entries.push({
      ...personRef(person),
      level: s.level as '预警' | '危机',
      screeningId: s.id,
      screeningDate: s.date,
      interventionDue: due,
      sessions: sessions.length,
      firstSessionDate: sessions[0]?.date ?? null,
      lastSessionDate: last?.date ?? null,
      nextSessionDate: last?.nextDate ?? null,
      overdue: daysOverdue > 0,
      daysOverdue,
    });
  }
  return entries.sort(
    (a, b) => Number(b.level === '危机') - Number(a.level === '危机') || Number(b.overdue) - Number(a.overdue) || compareIsoDates(a.screeningDate, b.screeningDate),
  );
}

/** Each person's latest screening (the later id breaks a tie of dates). */
export function latestScreenings<S extends ScreeningFact>(screenings: S[]): Map<string, S> {
  const latest = new Map<string, S>();
  for (const s of screenings) {
    const seen = latest.get(s.staffId);
    if (!seen || compareIsoDates(s.date, seen.date) > 0 || (s.date === seen.date && s.id > seen.id)) latest.set(s.staffId, s);
  }
  return latest;
}

function percentOf(checked: number, active: number): number {
  return active === 0 ? 0 : Math.floor((checked * 100) / active);
}

/**
 * 体检覆盖率: of the staff in service (在职) now, how many had a checkup dated in `year`, by category
 * (民警/辅警/职工) and in total. `categories` limits the rows (and the total) to some of them.
 */
export function checkupCoverage(people: HealthPerson[], checkups: CheckupFact[], year: number, categories: readonly StaffCategoryName[] = staffCategories): HealthCoverage {
  const checkedIds = new Set(checkups.filter((c) => yearOf(c.date) === year).map((c) => c.staffId));
  const active = people.filter((p) => p.status === '在职' && categories.includes(p.category));
  const rows = categories.map((category) => {
    const inCategory = active.filter((p) => p.category === category);
    const checked = inCategory.filter((p) => checkedIds.has(p.staffId)).length;
    return { category, active: inCategory.length, checked, percent: percentOf(checked, inCategory.length) };
  });
  const total: CoverageCount = { active: active.length, checked: rows.reduce((n, r) => n + r.checked, 0), percent: 0 };
  total.percent = percentOf(total.checked, total.active);
  return { year, categories: rows, total };
}

/** The year's abnormal items by how many checkups name them, most first. */
export function abnormalItemRanking(checkups: CheckupFact[], year: number): AbnormalItemCount[] {
  const counts = new Map<string, number>();
  for (const c of checkups) if (yearOf(c.date) === year) for (const item of new Set(c.abnormalItems)) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([item, count]) => ({ item, count })).sort((a, b) => b.count - a.count || a.item.localeCompare(b.item, 'zh-CN'));
}

/** Splits an abnormal-items cell: 、 ， , ; ； and new lines separate items; blanks and repeats dropped. */
export function splitAbnormalItems(text: string): string[] {
  const items = text
    .split(/[、，,;；\n\r]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '' && !/^(无|未见异常|—|-)$/.test(item));
  return [...new Set(items)];
}

/** Stored form of abnormal items (joined by 、) and back. */
export const joinAbnormalItems = (items: readonly string[]): string | null => (items.length > 0 ? items.join('、') : null);
export const abnormalItemsOf = (stored: string | null): string[] => (stored ? stored.split('、').filter((item) => item !== '') : []);

/** One reason a health record is refused, tied to its form field. */
export interface HealthProblem {
  field: string;
  message: string;
}

/** What the date rules look at besides the record. */
export interface HealthDateContext {
  today: string;
  personName: string;
  /** 参加工作时间: no health record before the person was employed. */
  workStartDate: string | null;
}

/** A date that must not be after today (a checkup, a screening, a session already happened). */
export function notInFuture(field: string, label: string, date: string, today: string): HealthProblem[] {
  return compareIsoDates(date, today) > 0 ? [{ field, message: `${label} ${date} 晚于今天（${today}），还没有发生的${label.replace(/日期$/, '')}不能登记，请核对日期` }] : [];
}

/** A record dated before the person was employed (参加工作时间) is refused. */
export function notBeforeEmployment(field: string, label: string, date: string, context: HealthDateContext): HealthProblem[] {
  if (!context.workStartDate || compareIsoDates(date, context.workStartDate) >= 0) return [];
  return [{ field, message: `${label} ${date} 早于${context.personName}的参加工作时间（${context.workStartDate}），那时还未参加工作，请核对日期或参加工作时间` }];
}

/**
 * A checkup's dates: not in the future, not before employment, the follow-up due and done dates
 * not before the checkup; a second checkup of the person on the same date only when confirmed.
 */
export function checkupProblems(
  input: { date: string; followUpDue: string | null; followUpDoneDate: string | null; confirmDuplicate?: boolean },
  context: HealthDateContext & { sameDateExists: boolean },
): HealthProblem[] {
  const problems = [...notInFuture('date', '体检日期', input.date, context.today), ...notBeforeEmployment('date', '体检日期', input.date, context)];
  if (input.followUpDue && compareIsoDates(input.followUpDue, input.date) < 0) {
    problems.push({ field: 'followUpDue', message: `复查截止日期 ${input.followUpDue} 早于体检日期 ${input.date}，请核对` });
  }
  if (input.followUpDoneDate) {
    if (compareIsoDates(input.followUpDoneDate, input.date) < 0) problems.push({ field: 'followUpDoneDate', message: `复查日期 ${input.followUpDoneDate} 早于体检日期 ${input.date}，请核对` });
    problems.push(...notInFuture('followUpDoneDate', '复查日期', input.followUpDoneDate, context.today));
  }
  if (context.sameDateExists && !input.confirmDuplicate) {
    problems.push({
      field: 'confirmDuplicate',
      message: `${context.personName}已有一条 ${input.date} 的体检记录。如果确是同一天的另一次体检，请勾选「确认同日另一次体检」后再保存；否则请编辑原记录`,
    });
  }
  return problems;
}

/** A medical event's dates: started by today, not before employment, discharge not before admission. */
export function medicalEventProblems(input: { kind: string; startDate: string; endDate: string | null }, context: HealthDateContext): HealthProblem[] {
  const problems = [...notInFuture('startDate', '开始日期', input.startDate, context.today), ...notBeforeEmployment('startDate', '开始日期', input.startDate, context)];
  if (input.endDate && compareIsoDates(input.endDate, input.startDate) < 0) {
    const what = input.kind === '住院' ? '出院日期' : '结束日期';
    const from = input.kind === '住院' ? '入院日期' : '开始日期';
    problems.push({ field: 'endDate', message: `${what} ${input.endDate} 早于${from} ${input.startDate}，请核对` });
  }
  return problems;
}

/** Days of a medical event, the first day counting: up to today while it is open. */
export function eventDays(startDate: string, endDate: string | null, today: string): number {
  return Math.max(1, daysBetween(startDate, endDate ?? today) + 1);
}

function personRef(p: HealthPersonRef): HealthPersonRef {
  return { staffId: p.staffId, name: p.name, idNumber: p.idNumber, category: p.category, stationName: p.stationName };
}

function activeById(people: HealthPerson[]): Map<string, HealthPerson> {
  return new Map(people.filter((p) => p.status === '在职').map((p) => [p.staffId, p]));
}
