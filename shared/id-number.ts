/**
 * The 18-character citizen identity number (公民身份号码) of GB 11643-1999: a 6-digit region code,
 * an 8-digit birth date, a 3-digit sequence (odd for men, even for women) and a check character
 * computed with ISO 7064:1983 MOD 11-2. Birth date and gender are derived from it, never typed twice.
 */
import { compareIsoDates, formatIsoDate, isValidIsoDate, parseIsoDate } from './china-date';

/** Why an identity number was refused; stable English codes (the message is for the clerk). */
export type IdNumberErrorCode =
  | 'ID_EMPTY'
  | 'ID_LENGTH'
  | 'ID_CHARACTERS'
  | 'ID_PROVINCE'
  | 'ID_DATE_INVALID'
  | 'ID_DATE_FUTURE'
  | 'ID_CHECK_DIGIT';

/** What a valid identity number tells us. */
export interface IdNumberInfo {
  /** The normalised number: 18 characters, ASCII digits, a final upper-case `X` if any. */
  idNumber: string;
  /** Birth date `YYYY-MM-DD` (positions 7–14). */
  birthDate: string;
  /** From the sequence code (position 17): odd = male, even = female. */
  gender: 'male' | 'female';
  /** The first two digits, e.g. `11` for 北京. */
  provinceCode: string;
  /** The 15-digit number of the 1984 format the clerk gave, when it was upgraded to `idNumber`. */
  upgradedFrom?: string;
}

/** The result of {@link parseIdNumber}. */
export type ParseIdNumberResult =
  | { ok: true; value: IdNumberInfo }
  | { ok: false; code: IdNumberErrorCode; message: string };

/** GB 11643-1999 §8.2: weight Wi = 2^(18-i) mod 11 for positions 1–17. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character for (Σ ai·Wi) mod 11 = 0, 1, …, 10. */
const CHECK_CHARACTERS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/**
 * Province-level codes of GB/T 2260 in use as the first two digits: 11–15, 21–23, 31–37, 41–46,
 * 50–54, 61–65, 71 (台湾), 81 (香港), 82 (澳门), and 83 (residence permits for 台湾 residents).
 */
const PROVINCE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [11, 15], [21, 23], [31, 37], [41, 46], [50, 54], [61, 65], [71, 71], [81, 83],
];

const EARLIEST_BIRTH_YEAR = 1900;

function isKnownProvince(code: string): boolean {
  const n = Number(code);
  return PROVINCE_RANGES.some(([from, to]) => n >= from && n <= to);
}

/**
 * What the clerk typed, cleaned up before the checks: full-width digits and Ｘ/ｘ (typed with a
 * Chinese input method) become ASCII (NFKC), every space (also inside, as in `330102 1980…` copied
 * from a form, and the full-width one) is removed, and x becomes X.
 */
export function normaliseIdNumberInput(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').replace(/x/g, 'X');
}

/**
 * Upgrades a 15-digit identity number of the first generation (issued until 1999: 6-digit region
 * code, 6-digit birth date YYMMDD of a 19xx year, 3-digit sequence) to the 18 characters of
 * GB 11643-1999 (its Annex on the conversion of 15-digit numbers): the year gets its century `19`
 * and the check character is computed (ISO 7064 MOD 11-2). The result is then checked like any
 * 18-character number.
 *
 * @throws RangeError when `id15` is not 15 ASCII digits.
 */
export function upgradeFifteenDigitIdNumber(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new RangeError(`15位身份证号应为15位数字，收到「${id15}」`);
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + computeIdCheckCharacter(first17);
}

function refuse(code: IdNumberErrorCode, message: string): ParseIdNumberResult {
  return { ok: false, code, message };
}

/**
 * The check character (position 18) for the first 17 digits, by ISO 7064 MOD 11-2 as specified in
 * GB 11643-1999 §8.2: the sum of each digit times its weight, mod 11, indexes `1 0 X 9 8 7 6 5 4 3 2`.
 *
 * @throws RangeError when `first17` is not exactly 17 ASCII digits.
 */
export function computeIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`计算校验位需要17位数字，收到「${first17}」`);
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/**
 * Checks an 18-character identity number (GB 11643-1999) and derives birth date, gender and province.
 *
 * Spaces anywhere are removed, full-width digits accepted and a lowercase `x` normalised to `X`
 * ({@link normaliseIdNumberInput}).
 * Checks, in order: not empty; only digits and `X`; 18 characters (a 15-digit number of the
 * first generation is upgraded to 18 first, {@link upgradeFifteenDigitIdNumber}, and reported in
 * `upgradedFrom`); `X` only in the last place;
 * a known province code; a real birth date (year 1900 or later) no later than `today`; the check
 * character.
 *
 * @param raw what the clerk typed or pasted.
 * @param today today's date in China, `YYYY-MM-DD` (from the injected clock, never `new Date()`).
 * @throws RangeError when `today` is not a valid date (a programming error, not the clerk's).
 */
export function parseIdNumber(raw: string, today: string): ParseIdNumberResult {
  if (!isValidIsoDate(today)) throw new RangeError(`today 不是有效日期：${today}`);
  const id = normaliseIdNumberInput(raw);
  if (id === '') return refuse('ID_EMPTY', '请填写身份证号');

  const badIndex = [...id].findIndex((c) => !/[0-9X]/.test(c));
  if (badIndex >= 0) {
    const bad = [...id][badIndex];
    return refuse('ID_CHARACTERS', `身份证号只能由数字和末位的X组成，第${badIndex + 1}位是「${bad}」，请核对`);
  }
  if (id.length === 15 && /^\d{15}$/.test(id)) {
    const upgraded = parseIdNumber(upgradeFifteenDigitIdNumber(id), today);
    if (!upgraded.ok) return { ...upgraded, message: `15位旧身份证号 ${id}：${upgraded.message}` };
    return { ok: true, value: { ...upgraded.value, upgradedFrom: id } };
  }
  if (id.length !== 18) {
    return refuse('ID_LENGTH', `身份证号应为18位（或15位旧号码），当前为${id.length}位，请核对是否多输或漏输`);
  }
  const xIndex = id.indexOf('X');
  if (xIndex >= 0 && xIndex < 17) {
    return refuse('ID_CHARACTERS', `身份证号只有最后一位可以是X，第${xIndex + 1}位是X，请核对`);
  }

  const provinceCode = id.slice(0, 2);
  if (!isKnownProvince(provinceCode)) {
    return refuse('ID_PROVINCE', `身份证号前两位 ${provinceCode} 不是有效的省份代码，请核对`);
  }

  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const parts = parseIsoDate(birthDate);
  if (!parts) return refuse('ID_DATE_INVALID', `身份证号中的出生日期 ${birthDate} 不存在，请核对第7–14位`);
  if (parts.year < EARLIEST_BIRTH_YEAR) {
    return refuse('ID_DATE_INVALID', `身份证号中的出生日期 ${birthDate} 早于${EARLIEST_BIRTH_YEAR}年，请核对第7–14位`);
  }
  if (compareIsoDates(birthDate, today) > 0) {
    return refuse('ID_DATE_FUTURE', `身份证号中的出生日期 ${birthDate} 晚于今天（${today}），请核对第7–14位`);
  }

  const expected = computeIdCheckCharacter(id.slice(0, 17));
  if (id[17] !== expected) {
    return refuse('ID_CHECK_DIGIT', `身份证号校验位不正确：按前17位算出的校验位应为${expected}，请核对原件`);
  }

  const gender = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { idNumber: id, birthDate, gender, provinceCode } };
}

/**
 * Builds a valid identity number (GB 11643-1999) for demo data and tests: region code, birth date,
 * sequence code (odd = male, even = female) and the computed check character.
 *
 * @param regionCode6 six digits, e.g. `110105`.
 * @param birthDate `YYYY-MM-DD`.
 * @param sequence3 0–999.
 * @throws RangeError on malformed arguments.
 */
export function makeValidIdNumber(regionCode6: string, birthDate: string, sequence3: number): string {
  if (!/^\d{6}$/.test(regionCode6)) throw new RangeError(`地区码应为6位数字：${regionCode6}`);
  const parts = parseIsoDate(birthDate);
  if (!parts) throw new RangeError(`不是有效日期：${birthDate}`);
  if (!Number.isInteger(sequence3) || sequence3 < 0 || sequence3 > 999) {
    throw new RangeError(`顺序码应为0–999的整数：${sequence3}`);
  }
  const first17 =
    regionCode6 + formatIsoDate(parts.year, parts.month, parts.day).replace(/-/g, '') + String(sequence3).padStart(3, '0');
  return first17 + computeIdCheckCharacter(first17);
}
