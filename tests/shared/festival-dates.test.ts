import fc from 'fast-check';
import { Lunar, LunarMonth, Solar } from 'lunar-typescript';
import { describe, expect, it } from 'vitest';
import { addDays, formatIsoDate } from '../../shared/china-date';
import { birthdayInYear, festivalDate, festivalNameOf, festivalNames, festivalsOfYear, lunarBirthDateOf, nextBirthday, solarBirthdayInYear } from '../../shared/festival-dates';

/**
 * Festival and birthday dates must be exact (issue 11): every festival 2025–2030 against a table
 * checked by hand (published calendars) and against lunar-typescript read the other way round.
 */

/** 除夕, 春节, 元宵, 清明, 端午, 中秋 of 2025–2030, checked by hand against the published calendars. */
const HAND_CHECKED: Record<number, [string, string, string, string, string, string]> = {
  2025: ['2025-01-28', '2025-01-29', '2025-02-12', '2025-04-04', '2025-05-31', '2025-10-06'],
  2026: ['2026-02-16', '2026-02-17', '2026-03-03', '2026-04-05', '2026-06-19', '2026-09-25'],
  2027: ['2027-02-05', '2027-02-06', '2027-02-20', '2027-04-05', '2027-06-09', '2027-09-15'],
  2028: ['2028-01-25', '2028-01-26', '2028-02-09', '2028-04-04', '2028-05-28', '2028-10-03'],
  2029: ['2029-02-12', '2029-02-13', '2029-02-27', '2029-04-04', '2029-06-16', '2029-09-22'],
  2030: ['2030-02-02', '2030-02-03', '2030-02-17', '2030-04-05', '2030-06-05', '2030-09-12'],
};

const lunarOf = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return Solar.fromYmd(y, m, d).getLunar();
};

describe('festival dates 2025–2030', () => {
  for (const [year, [chuxi, chunjie, yuanxiao, qingming, duanwu, zhongqiu]] of Object.entries(HAND_CHECKED).map(([y, v]) => [Number(y), v] as const)) {
    it(`${year}: the table checked by hand, and the solar festivals`, () => {
      expect(Object.fromEntries(festivalsOfYear(year).map((f) => [f.name, f.date]))).toEqual({
        元旦: `${year}-01-01`,
        中国人民警察节: `${year}-01-10`,
        除夕: chuxi,
        春节: chunjie,
        元宵: yuanxiao,
        清明: qingming,
        五一: `${year}-05-01`,
        端午: duanwu,
        中秋: zhongqiu,
        国庆: `${year}-10-01`,
      });
    });

    it(`${year}: each lunar festival read back by lunar-typescript is its lunar date, never in a leap month`, () => {
      for (const [name, month, day] of [['春节', 1, 1], ['元宵', 1, 15], ['端午', 5, 5], ['中秋', 8, 15]] as const) {
        const lunar = lunarOf(festivalDate(name, year));
        expect([lunar.getMonth(), lunar.getDay()], name).toEqual([month, day]);
      }
      // 除夕: the last day of the (regular) 12th month — the eve of 春节, the 29th or the 30th.
      const eve = lunarOf(festivalDate('除夕', year));
      expect(eve.getMonth()).toBe(12);
      expect(eve.getDay()).toBe(LunarMonth.fromYm(eve.getYear(), 12)?.getDayCount());
      expect(addDays(festivalDate('除夕', year), 1)).toBe(festivalDate('春节', year));
      expect(lunarOf(festivalDate('清明', year)).getJieQi()).toBe('清明');
    });
  }

  it('除夕 falls on the 29th in 2025–2029, when the 12th month is short, and on the 30th in 2030', () => {
    expect([2025, 2026, 2027, 2028, 2029, 2030].map((y) => lunarOf(festivalDate('除夕', y)).getDay())).toEqual([29, 29, 29, 29, 29, 30]);
  });

  it('lists every festival once, in date order', () => {
    const festivals = festivalsOfYear(2025);
    expect(new Set(festivals.map((f) => f.name))).toEqual(new Set(festivalNames));
    expect(festivals.map((f) => f.date)).toEqual([...festivals.map((f) => f.date)].sort());
    // 2025: 中秋 (10-06) after 国庆.
    expect(festivals.slice(-2).map((f) => f.name)).toEqual(['国庆', '中秋']);
  });
});

describe('birthdays', () => {
  it('a lunar birthday on the 30th falls on the 29th in a year whose month has 29 days', () => {
    // Born 2000-02-04: lunar 1999-12-29? find the date by lunar-typescript: lunar 1998 腊月三十.
    const born = Lunar.fromYmd(1998, 12, 30).getSolar().toYmd();
    expect(lunarBirthDateOf(born)).toEqual({ month: 12, day: 30, leap: false });
    // Lunar 2024's 12th month has 29 days: the birthday is 腊月廿九, 2025-01-28 (除夕 2025).
    expect(LunarMonth.fromYm(2024, 12)?.getDayCount()).toBe(29);
    expect(birthdayInYear(born, true, 2025)).toBe('2025-01-28');
    // Lunar 2029's has 30: 2030-02-02.
    expect(birthdayInYear(born, true, 2030)).toBe('2030-02-02');
  });

  it('a lunar date a Gregorian year misses (冬月十三 in 2025) is lunar 2025’s, on 2026-01-01', () => {
    expect(birthdayInYear('1988-12-21', true, 2025)).toBe('2026-01-01');
    expect(nextBirthday('1988-12-21', true, '2025-12-01')).toBe('2026-01-01');
  });

  it('a birthday in a leap month is kept in the regular month of that number', () => {
    // 2023 had a leap 2nd month: born on its 10th (2023-03-31).
    const born = Lunar.fromYmd(2023, -2, 10).getSolar().toYmd();
    expect(born).toBe('2023-03-31');
    expect(lunarBirthDateOf(born)).toEqual({ month: 2, day: 10, leap: true });
    const next = lunarOf(birthdayInYear(born, true, 2026));
    expect([next.getMonth(), next.getDay()]).toEqual([2, 10]);
  });

  it('a solar birthday on 29 February is the 28th in a common year; the next birthday after it has passed is next year’s', () => {
    expect(solarBirthdayInYear('1988-02-29', 2026)).toBe('2026-02-28');
    expect(solarBirthdayInYear('1988-02-29', 2028)).toBe('2028-02-29');
    expect(nextBirthday('1985-07-04', false, '2026-07-05')).toBe('2027-07-04');
    expect(nextBirthday('1985-07-04', false, '2026-07-04')).toBe('2026-07-04');
  });

  it('any lunar birthday of any year is that lunar month and day (the 29th when the 30th is missing), in that Gregorian year, never in a leap month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 60 }), fc.integer({ min: 2025, max: 2040 }), (offset, year) => {
        const born = addDays('1960-01-01', offset);
        const birth = lunarBirthDateOf(born);
        const date = birthdayInYear(born, true, year);
        const lunar = lunarOf(date);
        // In that year — or, when a short lunar year misses it, lunar year `year`'s, early the next January.
        expect(date.startsWith(`${year}-`) || (date.startsWith(`${year + 1}-01-`) && lunar.getYear() === year)).toBe(true);
        expect(lunar.getMonth()).toBe(birth.month);
        const days = LunarMonth.fromYm(lunar.getYear(), birth.month)?.getDayCount() ?? 0;
        expect(lunar.getDay()).toBe(Math.min(birth.day, days));
      }),
      { numRuns: 150 },
    );
  });

  it('the solar birthday of every day of a year is that day (Feb 29 aside)', () => {
    for (let offset = 0; offset < 365; offset += 1) {
      const born = addDays('1990-01-01', offset);
      expect(solarBirthdayInYear(born, 2027)).toBe(formatIsoDate(2027, Number(born.slice(5, 7)), Number(born.slice(8, 10))));
    }
  });
});

describe('festival names as clerks write them', () => {
  it('takes 中秋节, 国庆节, 劳动节, 警察节 and full-width or spaced forms; refuses other words', () => {
    for (const name of festivalNames) expect(festivalNameOf(name)).toBe(name);
    expect(festivalNameOf('中秋节')).toBe('中秋');
    expect(festivalNameOf(' 国庆节 ')).toBe('国庆');
    expect(festivalNameOf('劳动节')).toBe('五一');
    expect(festivalNameOf('警察节')).toBe('中国人民警察节');
    expect(festivalNameOf('元宵节')).toBe('元宵');
    expect(festivalNameOf('新年')).toBeNull();
    expect(festivalNameOf('生日')).toBeNull();
  });
});
