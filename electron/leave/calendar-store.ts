import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import type { CalendarLookup, HolidayCalendar, HolidayCalendarFile } from '../../shared/holiday-calendar';
import type { LedgerStore } from '../../db/ledger-store';
import { tombstoneRecord, writeRecord, type WriteActor } from '../../db/write-path';
import { requireLocalStation } from '../station/local-station';
import { ancestorsOf, stationNodes } from '../sync/station-tree';
import { builtInCalendar, builtInYears } from './built-in-calendars';

/**
 * The official calendars this installation counts leave by (DOMAIN.md "Counting days"): a year the
 * unit itself (a bureau) or a bureau above it published, else the one the app ships. A bureau
 * imports a new year when the State Council publishes it; its stations receive it in its bundles.
 */

interface CalendarRow {
  id: string;
  station_id: string | null;
  year: number | null;
  holidays: string | null;
  workdays: string | null;
  notice: string | null;
}

const splitDates = (text: string | null) => (text ? text.split(',').filter(Boolean).sort() : []);

/** The id of a unit's calendar of a year: importing the year again edits the same row. */
export function calendarRowId(stationId: string, year: number): string {
  return `calendar:${stationId}:${year}`;
}

/** The calendars published at or above this unit, nearest first per year. */
function publishedCalendars(store: LedgerStore): Map<number, HolidayCalendar> {
  const own = requireLocalStation(store);
  const above = ancestorsOf(stationNodes(store), own.id);
  const rank = (stationId: string | null) => (stationId === own.id ? 0 : stationId ? above.indexOf(stationId) + 1 || -1 : -1);
  const rows = (store.sqlite.prepare('SELECT * FROM holiday_calendar WHERE deleted_at IS NULL').all() as CalendarRow[])
    .filter((r) => rank(r.station_id) >= 0 && r.year !== null)
    .sort((a, b) => rank(b.station_id) - rank(a.station_id));
  const calendars = new Map<number, HolidayCalendar>();
  // Farthest first, so the nearest unit's calendar of a year is the one kept.
  for (const row of rows) {
    calendars.set(row.year as number, {
      year: row.year as number,
      holidays: splitDates(row.holidays),
      workdays: splitDates(row.workdays),
      notice: row.notice ?? '',
      source: row.station_id === own.id ? '本单位' : '上级下发',
    });
  }
  return calendars;
}

/** Finds each year's calendar: published here or above, else shipped. Read once per call of a handler. */
export function calendarLookupOf(store: LedgerStore): CalendarLookup {
  const published = publishedCalendars(store);
  return (year) => published.get(year) ?? builtInCalendar(year);
}

/** Every year this installation has a calendar for, with where it is from. */
export function calendarList(store: LedgerStore): HolidayCalendar[] {
  const lookup = calendarLookupOf(store);
  const years = new Set([...builtInYears(), ...publishedCalendars(store).keys()]);
  return [...years].sort((a, b) => b - a).map((year) => lookup(year) as HolidayCalendar);
}

function requireBureau(store: LedgerStore): string {
  const own = requireLocalStation(store);
  if (own.role !== 'bureau') {
    throw new AppError(commonErrorCodes.forbidden, '节假日安排由市局/县局按国务院办公厅的通知录入，随同步文件下发到各所；派出所只能查看。如缺少某一年，请联系市局导入。');
  }
  return own.id;
}

/** A bureau imports or edits a year's calendar (`FORBIDDEN` at a station). */
export function saveCalendar(store: LedgerStore, actor: WriteActor, file: HolidayCalendarFile): HolidayCalendar {
  const ownId = requireBureau(store);
  writeRecord(store, actor, 'holiday_calendar', calendarRowId(ownId, file.year), {
    station_id: ownId,
    year: file.year,
    holidays: file.holidays.join(','),
    workdays: file.workdays.join(','),
    notice: file.notice,
  });
  return calendarLookupOf(store)(file.year) as HolidayCalendar;
}

/** A bureau deletes its calendar of a year (the shipped one, if any, applies again). */
export function deleteCalendar(store: LedgerStore, actor: WriteActor, year: number): boolean {
  const ownId = requireBureau(store);
  const id = calendarRowId(ownId, year);
  const row = store.sqlite.prepare('SELECT id FROM holiday_calendar WHERE id = ? AND deleted_at IS NULL').get(id);
  if (!row) throw new AppError(commonErrorCodes.notFound, `本单位没有录入过 ${year} 年的节假日安排（内置的年份不能删除）。`);
  return tombstoneRecord(store, actor, 'holiday_calendar', id);
}
