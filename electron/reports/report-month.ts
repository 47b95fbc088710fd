import { addMonths, daysInMonth, formatIsoDate } from '../../shared/china-date';
import { AppError } from '../../shared/contract/api-error';

/** Code of the refusal of a report for a month that has not begun. */
export const MONTH_IN_FUTURE = 'MONTH_IN_FUTURE';

/** The days a report looks at: its month, the year to its end, and the month after it (下月提醒). */
export interface ReportPeriod {
  /** `YYYY-MM`. */
  month: string;
  year: number;
  /** The month's first and last day. */
  from: string;
  to: string;
  /** 1 January of the month's year. */
  yearFrom: string;
  /** The next month's first and last day. */
  nextFrom: string;
  nextTo: string;
  /** The day twelve months after the month's end (retirements coming up). */
  twelveMonthsAfter: string;
}

/**
 * The period of a report month; refuses a month that has not begun yet (`MONTH_IN_FUTURE`): the
 * current month may be reported (its numbers so far), a future one has none.
 */
export function reportPeriodOf(month: string, today: string): ReportPeriod {
  const year = Number(month.slice(0, 4));
  const monthNumber = Number(month.slice(5, 7));
  const from = formatIsoDate(year, monthNumber, 1);
  if (from > today) {
    throw new AppError(MONTH_IN_FUTURE, `${year}年${monthNumber}月还没有到（今天是 ${today}）：月报只能生成本月及以前的月份。`);
  }
  const to = formatIsoDate(year, monthNumber, daysInMonth(year, monthNumber));
  const nextFrom = addMonths(from, 1);
  const nextYear = Number(nextFrom.slice(0, 4));
  const nextMonth = Number(nextFrom.slice(5, 7));
  return {
    month,
    year,
    from,
    to,
    yearFrom: formatIsoDate(year, 1, 1),
    nextFrom,
    nextTo: formatIsoDate(nextYear, nextMonth, daysInMonth(nextYear, nextMonth)),
    twelveMonthsAfter: addMonths(to, 12),
  };
}

/** Whether a date falls within `from`–`to` (both included). */
export function isWithin(date: string | null | undefined, from: string, to: string): date is string {
  return typeof date === 'string' && date >= from && date <= to;
}
