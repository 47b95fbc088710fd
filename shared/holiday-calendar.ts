import { z } from 'zod';
import { addDays, compareIsoDates, isValidIsoDate, parseIsoDate } from './china-date';
import { AppError } from './contract/api-error';
import type { DayCounting, HalfDay, LeaveDayCount } from './leave-record';

/**
 * The official calendar of a year (国务院办公厅关于部分节假日安排的通知) and the counting of leave
 * days from it (DOMAIN.md "Counting days"): statutory holidays and weekends do not count, make-up
 * workdays (调休上班日) do. The calendar is data — shipped for the years a well-kept package knows,
 * imported by the bureau for a new year — and **a year without one is refused, never counted as
 * plain weekdays** (`CALENDAR_MISSING`).
 */

/** A year's calendar: the days off (statutory and bridged) and the weekend days worked. */
export interface HolidayCalendar {
  year: number;
  /** Days off, sorted, with the holiday's name where it is known (元旦, 春节 …). */
  holidays: readonly string[];
  /** Weekend days worked (调休上班), sorted. */
  workdays: readonly string[];
  /** The notice the dates come from. */
  notice: string;
  /** Where this installation has it from. */
  source: '内置' | '本单位' | '上级下发';
  /** The holiday's name of a day off, where known. */
  names?: Readonly<Record<string, string>>;
}

/** Finds the calendar of a year, or undefined when this installation has none. */
export type CalendarLookup = (year: number) => HolidayCalendar | undefined;

/** The code of a count refused for a year without a calendar. */
export const CALENDAR_MISSING = 'CALENDAR_MISSING';

/** The refusal of a year without a calendar: which year, and how to add it. */
export function calendarMissingError(year: number): AppError {
  return new AppError(
    CALENDAR_MISSING,
    `缺少 ${year} 年的节假日安排，无法按工作日计算天数（不能按普通周末推算）。` +
      `请市局/县局在国务院办公厅公布${year}年部分节假日安排后，在「休假轮休 → 节假日安排」中导入或录入（也可用命令 nuanjing calendar import），派出所导入市局的同步文件后即可计算。`,
    { year },
  );
}

/** The calendar of a year, or `CALENDAR_MISSING`. */
export function requireCalendar(lookup: CalendarLookup, year: number): HolidayCalendar {
  const calendar = lookup(year);
  if (!calendar) throw calendarMissingError(year);
  return calendar;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const parts = parseIsoDate(date);
  if (!parts) throw new RangeError(`不是有效日期：${date}`);
  const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** What a day is by the calendar. */
export interface DayKind {
  /** Whether one works that day (counts as a working day of leave). */
  working: boolean;
  /** 工作日, 休息日, 调休上班, or the holiday's name (节假日 when the calendar gives none). */
  label: string;
  holiday: boolean;
  makeUp: boolean;
}

/** What a day is by its year's calendar (`CALENDAR_MISSING` when the year has none). */
export function dayKindOf(date: string, lookup: CalendarLookup): DayKind {
  const calendar = requireCalendar(lookup, yearOf(date));
  if (calendar.holidays.includes(date)) return { working: false, label: calendar.names?.[date] ?? '节假日', holiday: true, makeUp: false };
  if (calendar.workdays.includes(date)) return { working: true, label: '调休上班', holiday: false, makeUp: true };
  return isWeekend(date) ? { working: false, label: '休息日', holiday: false, makeUp: false } : { working: true, label: '工作日', holiday: false, makeUp: false };
}

/** The days from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; compareIsoDates(d, to) <= 0; d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** The part of a day a leave takes: a half at its first day from 下午, at its last to 上午. */
function shareOfDay(date: string, span: { fromDate: string; fromHalf: HalfDay; toDate: string; toHalf: HalfDay }): number {
  let share = 1;
  if (date === span.fromDate && span.fromHalf === '下午') share -= 0.5;
  if (date === span.toDate && span.toHalf === '上午') share -= 0.5;
  return share;
}

/**
 * The days a leave takes. Working-day kinds (年休假 …: 职工带薪年休假条例 第三条, 国家法定休假日、
 * 休息日不计入年休假的假期) count the days one works by the calendar — make-up workdays included,
 * holidays and weekends not — and need the calendar of every year they touch; calendar-day kinds
 * (病假, 产假, 探亲假 …) count every day. A half day at either end counts 0.5.
 *
 * @throws AppError `CALENDAR_MISSING` for a working-day count touching a year without a calendar.
 */
export function countLeaveDays(
  span: { fromDate: string; fromHalf: HalfDay; toDate: string; toHalf: HalfDay },
  counting: DayCounting,
  lookup: CalendarLookup,
): LeaveDayCount {
  const dates = datesBetween(span.fromDate, span.toDate);
  const result: LeaveDayCount = { days: 0, counting, holidays: [], makeUpWorkdays: [], weekendDays: 0 };
  if (counting === '日历日') {
    result.days = dates.reduce((sum, date) => sum + shareOfDay(date, span), 0);
    return result;
  }
  for (const year of new Set(dates.map(yearOf))) requireCalendar(lookup, year);
  for (const date of dates) {
    const kind = dayKindOf(date, lookup);
    if (kind.holiday) result.holidays.push({ date, name: kind.label });
    else if (kind.makeUp) result.makeUpWorkdays.push(date);
    else if (!kind.working) result.weekendDays += 1;
    if (kind.working) result.days += shareOfDay(date, span);
  }
  return result;
}

/** Working days from `from` to `to`, both included (`CALENDAR_MISSING` for a year without a calendar). */
export function countWorkdays(from: string, to: string, lookup: CalendarLookup): number {
  return countLeaveDays({ fromDate: from, fromHalf: '上午', toDate: to, toHalf: '下午' }, '工作日', lookup).days;
}

const dateList = (label: string) =>
  z.array(
    z
      .string({ message: `${label}应为日期文字，如 "2027-01-01"` })
      .trim()
      .superRefine((v, ctx) => {
        if (!isValidIsoDate(v)) ctx.addIssue({ code: 'custom', message: `${label}中的「${v}」不是有效日期，格式如 2027-01-01` });
      }),
    {
    message: `${label}应为日期列表，如 ["2027-01-01", "2027-01-02"]`,
  });

/**
 * A year's calendar as the bureau imports it (DOMAIN.md: `{ "year": 2027, "holidays": [...],
 * "workdays": [...], "notice": "国务院办公厅关于2027年部分节假日安排的通知" }`): every date in the
 * year, no day both off and worked, the worked days weekend days (调休上班 moves a weekend day), at
 * least one holiday. Duplicates are dropped and the lists sorted.
 */
export const holidayCalendarFileSchema = z
  .object({
    year: z.number({ message: '请填写年份（year），如 2027' }).int('年份应为整数').min(2000, '年份应为 2000–2100').max(2100, '年份应为 2000–2100'),
    holidays: dateList('放假日期（holidays）').min(1, '放假日期（holidays）至少要有一天'),
    workdays: dateList('调休上班日期（workdays）').default([]),
    notice: z.string({ message: '请填写通知名称（notice），如 国务院办公厅关于2027年部分节假日安排的通知' }).trim().min(1, '请填写通知名称（notice）').max(100, '通知名称不超过100个字'),
  })
  .transform((v) => ({ ...v, holidays: [...new Set(v.holidays)].sort(), workdays: [...new Set(v.workdays)].sort() }))
  .superRefine((v, ctx) => {
    for (const date of [...v.holidays, ...v.workdays]) {
      if (yearOf(date) !== v.year) ctx.addIssue({ code: 'custom', message: `${date} 不在 ${v.year} 年：一份安排只写一年的日期（跨年的元旦假期写在各自的年份里）`, path: ['holidays'] });
    }
    for (const date of v.workdays) {
      if (v.holidays.includes(date)) ctx.addIssue({ code: 'custom', message: `${date} 同时写在放假和调休上班里，请核对通知`, path: ['workdays'] });
      else if (!isWeekend(date)) ctx.addIssue({ code: 'custom', message: `调休上班日 ${date} 不是周六或周日：调休上班日是要上班的周末，请核对通知`, path: ['workdays'] });
    }
  });
export type HolidayCalendarFile = z.output<typeof holidayCalendarFileSchema>;
