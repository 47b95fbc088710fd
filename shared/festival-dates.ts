import { Lunar, LunarMonth, Solar } from 'lunar-typescript';
import { compareIsoDates, formatIsoDate, isLeapYear, parseIsoDate, type IsoDate } from './china-date';

/**
 * The festivals a station visits its people on, and birthdays, as exact calendar dates
 * (DOMAIN.md "Welfare visits"). Lunar dates come from lunar-typescript, never from a table of our
 * own: 春节 lunar 1/1, 元宵 1/15, 端午 5/5, 中秋 8/15 and 除夕 the last day of lunar month 12 (the
 * 29th in a year whose 12th month is short). Festivals never fall in a leap month: the lunar year's
 * regular month is meant (lunar-typescript numbers a leap month negatively, so `fromYmd(y, m, d)`
 * with a positive month is always the regular one). 清明 is the solar term of that name.
 */

/** The festivals, as the clerk names them (and the CLI prints them). */
export const festivalNames = ['元旦', '中国人民警察节', '除夕', '春节', '元宵', '清明', '五一', '端午', '中秋', '国庆'] as const;
export type FestivalName = (typeof festivalNames)[number];

/** Whether a word names a festival. */
export function isFestivalName(name: string): name is FestivalName {
  return (festivalNames as readonly string[]).includes(name);
}

/** Other names clerks write for a festival, each the festival's own name here. */
const festivalAliases: Record<string, FestivalName> = {
  劳动节: '五一',
  五一劳动节: '五一',
  国际劳动节: '五一',
  警察节: '中国人民警察节',
  人民警察节: '中国人民警察节',
  除夕夜: '除夕',
  大年三十: '除夕',
  元宵节: '元宵',
  端午节: '端午',
  中秋节: '中秋',
  清明节: '清明',
  国庆节: '国庆',
  元旦节: '元旦',
};

/**
 * The festival a clerk's word names — 中秋 or 中秋节, 国庆节, 劳动节, 警察节 (full-width or
 * spaced as typed) — or null for a word that names none.
 */
export function festivalNameOf(text: string): FestivalName | null {
  const word = text.normalize('NFKC').replace(/\s/g, '');
  if (isFestivalName(word)) return word;
  return festivalAliases[word] ?? null;
}

const solarFixed: Partial<Record<FestivalName, [number, number]>> = {
  元旦: [1, 1],
  /** 中国人民警察节: 10 January, since 2021 (国务院批复, 2020-07-21). */
  中国人民警察节: [1, 10],
  五一: [5, 1],
  国庆: [10, 1],
};

const lunarFixed: Partial<Record<FestivalName, [number, number]>> = {
  春节: [1, 1],
  元宵: [1, 15],
  端午: [5, 5],
  中秋: [8, 15],
};

function isoOfSolar(solar: Solar): IsoDate {
  return formatIsoDate(solar.getYear(), solar.getMonth(), solar.getDay());
}

/** The last day of the regular (never the leap) 12th month of a lunar year. */
function lunarNewYearsEve(lunarYear: number): IsoDate {
  const month = LunarMonth.fromYm(lunarYear, 12);
  if (!month) throw new RangeError(`农历 ${lunarYear} 年没有腊月`);
  return isoOfSolar(Lunar.fromYmd(lunarYear, 12, month.getDayCount()).getSolar());
}

/**
 * The festival's date in the Gregorian year `year` (2025-10-06 for 中秋 2025). Every festival falls
 * exactly once in a Gregorian year: 除夕 of a year is the eve of that year's 春节.
 */
export function festivalDate(name: FestivalName, year: number): IsoDate {
  const solar = solarFixed[name];
  if (solar) return formatIsoDate(year, solar[0], solar[1]);
  const lunar = lunarFixed[name];
  if (lunar) return isoOfSolar(Lunar.fromYmd(year, lunar[0], lunar[1]).getSolar());
  if (name === '除夕') return lunarNewYearsEve(year - 1);
  // 清明: the solar term, as lunar-typescript's table of the terms of the year gives it.
  const term = Solar.fromYmd(year, 6, 1).getLunar().getJieQiTable()['清明'];
  return isoOfSolar(term);
}

/** Every festival of a Gregorian year with its date, in date order. */
export function festivalsOfYear(year: number): { name: FestivalName; date: IsoDate }[] {
  return festivalNames.map((name) => ({ name, date: festivalDate(name, year) })).sort((a, b) => compareIsoDates(a.date, b.date));
}

/** A lunar date of birth: month 1–12 (a leap month counts as its regular month) and day 1–30. */
export interface LunarBirthDate {
  month: number;
  day: number;
  /** Born in a leap month (闰月): the birthday is kept in the regular month of that number. */
  leap: boolean;
}

/**
 * Conversions already made: a conversion between the calendars costs lunar-typescript a millisecond
 * or two (it works out the year's solar terms), and 工作台 and the monthly report ask the same ones
 * again at every refresh — a city's thousands of people. Pure results, so they are kept (bounded).
 */
const MAX_REMEMBERED = 50_000;
const lunarOfBirthDate = new Map<IsoDate, LunarBirthDate>();
const solarOfLunarBirthday = new Map<string, IsoDate>();

function remember<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = make();
  if (cache.size >= MAX_REMEMBERED) cache.clear();
  cache.set(key, value);
  return value;
}

/** The lunar date of a Gregorian date of birth (from the ID number). */
export function lunarBirthDateOf(birthDate: IsoDate): LunarBirthDate {
  return remember(lunarOfBirthDate, birthDate, () => {
    const parts = parseIsoDate(birthDate);
    if (!parts) throw new RangeError(`不是有效日期：${birthDate}`);
    const lunar = Solar.fromYmd(parts.year, parts.month, parts.day).getLunar();
    return { month: Math.abs(lunar.getMonth()), day: lunar.getDay(), leap: lunar.getMonth() < 0 };
  });
}

/**
 * The Gregorian date of a lunar birthday in a lunar year: the regular month of that number, and a
 * 30th that the month does not have that year falls back to the 29th (DOMAIN.md).
 */
export function lunarBirthdayInLunarYear(birth: LunarBirthDate, lunarYear: number): IsoDate {
  return remember(solarOfLunarBirthday, `${lunarYear}-${birth.month}-${birth.day}`, () => {
    const month = LunarMonth.fromYm(lunarYear, birth.month);
    if (!month) throw new RangeError(`农历 ${lunarYear} 年没有 ${birth.month} 月`);
    return isoOfSolar(Lunar.fromYmd(lunarYear, birth.month, Math.min(birth.day, month.getDayCount())).getSolar());
  });
}

/** A solar birthday in a year; 29 February falls on the 28th in a common year. */
export function solarBirthdayInYear(birthDate: IsoDate, year: number): IsoDate {
  const parts = parseIsoDate(birthDate);
  if (!parts) throw new RangeError(`不是有效日期：${birthDate}`);
  const day = parts.month === 2 && parts.day === 29 && !isLeapYear(year) ? 28 : parts.day;
  return formatIsoDate(year, parts.month, day);
}

/**
 * The person's birthday in the Gregorian year `year`: the solar date, or for a person who keeps
 * the lunar birthday (生日按农历) the lunar date of birth as it falls in that year: the first such
 * day when a late lunar month gives two; and when, once in a while, the lunar year is so short that
 * the date misses the Gregorian year (冬月十三 in 2025), lunar year `year`'s, early the next January.
 */
export function birthdayInYear(birthDate: IsoDate, lunar: boolean, year: number): IsoDate {
  if (!lunar) return solarBirthdayInYear(birthDate, year);
  const birth = lunarBirthDateOf(birthDate);
  for (const lunarYear of [year - 1, year]) {
    const date = lunarBirthdayInLunarYear(birth, lunarYear);
    if (date.startsWith(`${year}-`)) return date;
  }
  return lunarBirthdayInLunarYear(birth, year);
}

/** The person's next birthday on or after `from` (this year's, or next year's once it has passed). */
export function nextBirthday(birthDate: IsoDate, lunar: boolean, from: IsoDate): IsoDate {
  const year = Number(from.slice(0, 4));
  for (const y of [year, year + 1]) {
    const date = birthdayInYear(birthDate, lunar, y);
    if (compareIsoDates(date, from) >= 0) return date;
  }
  return birthdayInYear(birthDate, lunar, year + 2);
}
