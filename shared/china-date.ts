/**
 * Calendar dates as the clerk means them: `YYYY-MM-DD` strings in China time (Asia/Shanghai),
 * whatever the PC's own time zone. China has kept UTC+8 without daylight saving since 1991, so a
 * fixed offset is exact for every date this ledger records. No JavaScript `Date` at local midnight.
 */

/** A calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date in China at the instant `epochMs`. */
export function chinaDateOf(epochMs: number): IsoDate {
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The date and time in China at `epochMs`, as `YYYY-MM-DD HH:mm:ss` for display and audit. */
export function chinaDateTimeOf(epochMs: number): string {
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** Whether the year is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Splits a valid date into numbers; returns null for anything that is not a real calendar date. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1800 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Whether the string is a real calendar date `YYYY-MM-DD`. */
export function isValidIsoDate(value: string): boolean {
  return parseIsoDate(value) !== null;
}

/** Formats year, month, day as `YYYY-MM-DD`. */
export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Adds whole months, clamping the day to the target month's length (01-31 + 1 month = 02-28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const parts = parseIsoDate(date);
  if (!parts) throw new RangeError(`不是有效日期：${date}`);
  const index = parts.year * 12 + (parts.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatIsoDate(year, month, Math.min(parts.day, daysInMonth(year, month)));
}

/** Adds whole days (negative to go back). Works in UTC, where a day is always 24 hours. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const parts = parseIsoDate(date);
  if (!parts) throw new RangeError(`不是有效日期：${date}`);
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day + days)).toISOString().slice(0, 10);
}

/** Negative, zero or positive as `a` is before, equal to or after `b` (ISO strings sort as dates). */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) throw new RangeError(`不是有效日期：${a ? to : from}`);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}
