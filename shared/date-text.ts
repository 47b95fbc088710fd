import { formatIsoDate, isValidIsoDate, type IsoDate } from './china-date';

/**
 * A date as clerks write it, read the one way every path reads it (the Excel import's date cells
 * and the date fields of the forms): `2020-07-01`, `2020/7/1`, `2020.7.1`, `20200701`, `2020年7月1日`
 * (a time after it is ignored), full-width digits too; a month alone (`2020.07`, `2020.7`,
 * `2020-7`, `2020年7月`, `202007`), as personnel files record 参加工作时间, is the 1st of that month.
 */
const DATE_PATTERNS: ReadonlyArray<RegExp> = [
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
  /^(\d{4})[-/.年](\d{1,2})月?()$/,
  /^(\d{4})(\d{2})()$/,
];

/** The `YYYY-MM-DD` date of a text (see above), or null when it is none (a bare year, 2020-13-01 …). */
export function parseDateText(raw: string): IsoDate | null {
  const text = raw.normalize('NFKC').trim();
  for (const pattern of DATE_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const iso = formatIsoDate(Number(match[1]), Number(match[2]), match[3] ? Number(match[3]) : 1);
    return isValidIsoDate(iso) ? iso : null;
  }
  return null;
}
