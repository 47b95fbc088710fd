import packagedDays from 'chinese-days/dist/chinese-days.json';
import type { HolidayCalendar } from '../../shared/holiday-calendar';

/**
 * The official calendars shipped with the app: what the `chinese-days` package holds (every
 * notice of the State Council from 2004 to 2026; `tests/shared/holiday-calendar.test.ts` checks
 * 2025 and 2026 day by day against lunar-typescript's HolidayUtil). A year after the last one is
 * imported by the bureau (calendar-store.ts); a year the bureau imports overrides the shipped one.
 */

interface PackagedDays {
  /** `2026-10-01` → `National Day,国庆节,3`. */
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function buildCalendars(days: PackagedDays): Map<number, HolidayCalendar> {
  const byYear = new Map<number, { holidays: string[]; workdays: string[]; names: Record<string, string> }>();
  const yearEntry = (date: string) => {
    const year = Number(date.slice(0, 4));
    let entry = byYear.get(year);
    if (!entry) byYear.set(year, (entry = { holidays: [], workdays: [], names: {} }));
    return entry;
  };
  for (const [date, description] of Object.entries(days.holidays)) {
    const entry = yearEntry(date);
    entry.holidays.push(date);
    entry.names[date] = description.split(',')[1] ?? '节假日';
  }
  for (const date of Object.keys(days.workdays)) yearEntry(date).workdays.push(date);
  const calendars = new Map<number, HolidayCalendar>();
  for (const [year, entry] of byYear) {
    calendars.set(year, {
      year,
      holidays: entry.holidays.sort(),
      workdays: entry.workdays.sort(),
      notice: `国务院办公厅关于${year}年部分节假日安排的通知`,
      source: '内置',
      names: entry.names,
    });
  }
  return calendars;
}

const builtIn = buildCalendars(packagedDays as PackagedDays);

/** The shipped calendar of a year, or undefined. */
export function builtInCalendar(year: number): HolidayCalendar | undefined {
  return builtIn.get(year);
}

/** The years the app ships a calendar for, ascending. */
export function builtInYears(): number[] {
  return [...builtIn.keys()].sort((a, b) => a - b);
}
