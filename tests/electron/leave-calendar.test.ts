import { HolidayUtil } from 'lunar-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/china-date';
import { countLeaveDays, countWorkdays, datesBetween, dayKindOf, holidayCalendarFileSchema, isWeekend } from '../../shared/holiday-calendar';
import { builtInCalendar } from '../../electron/leave/built-in-calendars';
import { openRosterTestApp, type RosterTestApp } from '../support/roster-client';

/**
 * The official calendar (DOMAIN.md "Counting days"): the shipped 2025 and 2026 calendars against
 * lunar-typescript's HolidayUtil day by day, working-day counts across every holiday and make-up
 * day of both years, a year without a calendar refused, and a 2027 calendar imported by the bureau
 * and then counted.
 */

const lookup = (year: number) => builtInCalendar(year);

/** The holiday blocks of a year (consecutive days off) and its make-up workdays, from the shipped calendar. */
function blocksOf(year: number): string[][] {
  const holidays = [...(builtInCalendar(year)?.holidays ?? [])];
  const blocks: string[][] = [];
  for (const day of holidays) {
    const last = blocks.at(-1);
    if (last && addDays(last.at(-1) as string, 1) === day) last.push(day);
    else blocks.push([day]);
  }
  return blocks;
}

describe('the shipped calendars', () => {
  it.each([2025, 2026])('%i: chinese-days and lunar-typescript agree on every day of the year', (year) => {
    const lunarDays = new Map(HolidayUtil.getHolidays(year).map((h) => [h.getDay(), h.isWork()]));
    for (const date of datesBetween(`${year}-01-01`, `${year}-12-31`)) {
      const lunarWorking = lunarDays.has(date) ? (lunarDays.get(date) as boolean) : !isWeekend(date);
      expect(dayKindOf(date, lookup).working, date).toBe(lunarWorking);
    }
  });

  it('2025 and 2026 hold the 13 statutory days of the 2024 revision, with their make-up days', () => {
    expect(builtInCalendar(2025)?.workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(builtInCalendar(2026)?.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(blocksOf(2025).map((b) => `${b[0]}+${b.length}`)).toEqual(['2025-01-01+1', '2025-01-28+8', '2025-04-04+3', '2025-05-01+5', '2025-05-31+3', '2025-10-01+8']);
    expect(blocksOf(2026).map((b) => `${b[0]}+${b.length}`)).toEqual(['2026-01-01+3', '2026-02-15+9', '2026-04-04+3', '2026-05-01+5', '2026-06-19+3', '2026-09-25+3', '2026-10-01+7']);
  });
});

describe('counting working days', () => {
  it.each([2025, 2026])('%i: a leave across each holiday counts the days around it and none of it', (year) => {
    for (const block of blocksOf(year)) {
      const from = addDays(block[0], -3);
      const to = addDays(block.at(-1) as string, 3);
      const expected = datesBetween(from, to).filter((d) => !block.includes(d) && (builtInCalendar(year)?.workdays.includes(d) || !isWeekend(d))).length;
      const count = countLeaveDays({ fromDate: from, fromHalf: '上午', toDate: to, toHalf: '下午' }, '工作日', lookup);
      expect(count.days, `${from}–${to}`).toBe(expected);
      expect(count.holidays.map((h) => h.date)).toEqual(block.filter((d) => d >= from && d <= to));
    }
  });

  it.each([2025, 2026])('%i: every make-up workday counts, the weekend day beside it does not', (year) => {
    for (const day of builtInCalendar(year)?.workdays ?? []) {
      expect(countWorkdays(day, day, lookup), day).toBe(1);
      const neighbour = isWeekend(addDays(day, 1)) && !builtInCalendar(year)?.workdays.includes(addDays(day, 1)) ? addDays(day, 1) : addDays(day, -1);
      if (isWeekend(neighbour) && !builtInCalendar(year)?.holidays.includes(neighbour)) expect(countWorkdays(neighbour, neighbour, lookup), neighbour).toBe(0);
    }
  });

  it('国庆 2026: 9-28 to 10-09 is 5 working days; from the make-up Sunday 9-20 it is 10; half days count 0.5', () => {
    expect(countWorkdays('2026-09-28', '2026-10-09', lookup)).toBe(5);
    expect(countWorkdays('2026-09-20', '2026-09-30', lookup)).toBe(9 - 2 + 1);
    const half = countLeaveDays({ fromDate: '2026-09-30', fromHalf: '下午', toDate: '2026-10-08', toHalf: '上午' }, '工作日', lookup);
    expect(half.days).toBe(1);
    expect(half.holidays.map((h) => h.name)).toEqual(Array(7).fill('国庆节'));
    expect(countLeaveDays({ fromDate: '2026-09-28', fromHalf: '上午', toDate: '2026-10-09', toHalf: '下午' }, '日历日', lookup).days).toBe(12);
  });

  it('a year without a calendar is refused with its year and how to add it, never counted as plain weekdays', () => {
    expect(() => countWorkdays('2027-01-04', '2027-01-08', lookup)).toThrow(expect.objectContaining({ code: 'CALENDAR_MISSING', message: expect.stringMatching(/缺少 2027 年的节假日安排.*nuanjing calendar import/) }));
    expect(() => countWorkdays('2026-12-28', '2027-01-05', lookup)).toThrow(expect.objectContaining({ code: 'CALENDAR_MISSING' }));
    // Calendar days need no calendar.
    expect(countLeaveDays({ fromDate: '2027-03-01', fromHalf: '上午', toDate: '2027-03-10', toHalf: '下午' }, '日历日', lookup).days).toBe(10);
  });
});

describe('a calendar file', () => {
  it('refuses dates of another year, a day both off and worked, a make-up day on a weekday, bad dates', () => {
    const file = { year: 2027, holidays: ['2027-01-01'], workdays: [], notice: '国务院办公厅关于2027年部分节假日安排的通知' };
    expect(holidayCalendarFileSchema.safeParse(file).success).toBe(true);
    const messages = (v: unknown) => (holidayCalendarFileSchema.safeParse(v).error?.issues ?? []).map((i) => i.message).join('；');
    expect(messages({ ...file, holidays: ['2026-12-31'] })).toContain('2026-12-31 不在 2027 年');
    expect(messages({ ...file, workdays: ['2027-01-01'] })).toContain('同时写在放假和调休上班里');
    expect(messages({ ...file, workdays: ['2027-02-08'] })).toContain('不是周六或周日');
    expect(messages({ ...file, holidays: ['2027-02-30'] })).toContain('「2027-02-30」不是有效日期');
    expect(messages({ ...file, notice: '' })).toContain('请填写通知名称');
  });
});

describe('the bureau imports 2027; its stations count by it', () => {
  let bureau: RosterTestApp;
  let station: RosterTestApp;
  beforeAll(async () => {
    bureau = await openRosterTestApp({ role: 'bureau' });
    station = await openRosterTestApp();
  });
  afterAll(() => {
    bureau.close();
    station.close();
  });

  it('a station may not add a year; the bureau imports one, then counts by it; the shipped years stay listed', async () => {
    const file = {
      year: 2027,
      holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
      workdays: ['2027-02-14', '2027-09-26', '2027-10-09'],
      notice: '国务院办公厅关于2027年部分节假日安排的通知',
    };
    await expect(station.client.call('calendar.save', file)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('市局/县局') });
    await expect(bureau.client.call('leave.workdays', { from: '2027-02-01', to: '2027-02-19' })).rejects.toMatchObject({ code: 'CALENDAR_MISSING' });
    await bureau.client.call('calendar.save', file);
    // 2-01..2-04 (4), 2-14 make-up Sunday, 2-15..2-19 (5).
    expect(await bureau.client.call('leave.workdays', { from: '2027-02-01', to: '2027-02-19' })).toEqual({ from: '2027-02-01', to: '2027-02-19', workdays: 10 });
    const list = await bureau.client.call('calendar.list', {});
    expect(list.map((c) => `${c.year}${c.source}`).slice(0, 3)).toEqual(['2027本单位', '2026内置', '2025内置']);
    // Importing the same year again edits it.
    await bureau.client.call('calendar.save', { ...file, workdays: ['2027-02-14'] });
    expect((await bureau.client.call('calendar.list', {})).filter((c) => c.year === 2027)).toHaveLength(1);
    expect((await bureau.client.call('leave.workdays', { from: '2027-10-09', to: '2027-10-09' })).workdays).toBe(0);
  });
});
