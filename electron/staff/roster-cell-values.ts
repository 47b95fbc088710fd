import type { CellValue } from 'exceljs';
import { formatIsoDate } from '../../shared/china-date';
import { parseDateText } from '../../shared/date-text';
import { normalisePersonName } from '../../shared/person-name';
import { degreeOf, degrees, educationLevelOf, educationLevels, ethnicGroupOf } from '../../shared/personnel-vocabulary';
import { familyRelations, staffCategories, type FamilyRelation, type StaffCategoryName } from '../../shared/staff-record';
import type { RosterCellKind } from './roster-columns';

/**
 * Reading one cell of a clerk's roster sheet, tolerantly: dates as Excel dates or as text in the
 * usual Chinese ways, 是/否/√/1 for yes-no, Chinese numerals for levels, and the ID number as
 * text — refusing one that Excel has already turned into a rounded number.
 */

/** A cell's value: `undefined` when the cell is blank (the stored value is kept). */
export type CellReading = { ok: true; value: string | number | boolean | null | undefined } | { ok: false; message: string };

type Primitive = string | number | boolean | Date | null;

/** The plain value behind rich text, hyperlinks and formulas; errors (#N/A) read as blank. */
export function cellPrimitive(value: CellValue): Primitive {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellPrimitive(value.text as CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellPrimitive((value as { result?: CellValue }).result ?? null);
  return null;
}

/** Text of a cell as written (trimmed); integers without a decimal point; blank → ''. */
export function cellText(value: CellValue): string {
  const plain = cellPrimitive(value);
  if (plain === null) return '';
  if (plain instanceof Date) return dateOfExcelDate(plain);
  if (typeof plain === 'number') return Number.isInteger(plain) ? plain.toFixed(0) : String(plain);
  return String(plain).trim();
}

/**
 * Text of a coded cell (dates, yes/no, numbers, ID and phone numbers) made half-width (NFKC), so
 * full-width digits and letters typed with a Chinese input method read the same. Free text (names,
 * notes) keeps its Chinese punctuation: it is read with {@link cellText}.
 */
function codedText(value: CellValue): string {
  return cellText(value).normalize('NFKC').trim();
}

function dateOfExcelDate(date: Date): string {
  // exceljs reads an Excel date as UTC midnight; round to the nearest minute against float noise.
  const rounded = new Date(Math.round(date.getTime() / 60_000) * 60_000);
  return formatIsoDate(rounded.getUTCFullYear(), rounded.getUTCMonth() + 1, rounded.getUTCDate());
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function dateOfSerial(serial: number): string {
  return dateOfExcelDate(new Date(EXCEL_EPOCH_MS + Math.round(serial) * 86_400_000));
}

function dateHint(label: string, text: string): string {
  return `${label}「${text}」不是有效日期，请写成 2020-07-01、2020/7/1、2020.7.1、20200701 或 2020年7月1日`;
}

/**
 * A year and month typed as `2012.7` or `2012.07`, which Excel keeps as the number 2012.7: the 1st
 * of that month. `2012.1` is refused: Excel stores 2012.10 (October) as 2012.1 too.
 */
function yearDotMonth(value: number, label: string): CellReading {
  const [year, fraction] = String(value).split('.');
  if (fraction === '1') {
    return { ok: false, message: `${label}「${value}」可能是 ${year} 年 1 月，也可能是 10 月（Excel 把 ${year}.10 存成了 ${year}.1）。请写成 ${year}-01 或 ${year}-10，或把这一列设为「文本」格式后重填` };
  }
  const month = Number(fraction);
  if (fraction.length > 2 || month < 1 || month > 12) return { ok: false, message: dateHint(label, String(value)) };
  return { ok: true, value: formatIsoDate(Number(year), month, 1) };
}

/**
 * A date cell: an Excel date; an Excel serial number; text `2020-07-01`, `2020/7/1`, `2020.7.1`,
 * `20200701` or `2020年7月1日`; a month only (`2020.07`, `2020年7月`, as personnel files often
 * record 参加工作时间, also the number 2020.7 Excel makes of it) reads as the 1st of that month.
 * A bare year is refused.
 */
export function readDateCell(value: CellValue, label: string): CellReading {
  const plain = cellPrimitive(value);
  if (plain === null || plain === '') return { ok: true, value: undefined };
  if (plain instanceof Date) return { ok: true, value: dateOfExcelDate(plain) };
  if (typeof plain === 'number' && plain >= 1900 && plain < 2101 && !Number.isInteger(plain)) return yearDotMonth(plain, label);
  if (typeof plain === 'number' && !(plain >= 190001 && plain <= 21001231)) {
    if (Number.isInteger(plain) && plain >= 1900 && plain <= 2100) {
      return { ok: false, message: `${label}「${plain}」只有年份，请写完整日期，如 ${plain}-07-01` };
    }
    if (plain > 0 && plain < 80_000) return { ok: true, value: dateOfSerial(plain) };
    return { ok: false, message: dateHint(label, String(plain)) };
  }
  const text = codedText(value);
  if (text === '') return { ok: true, value: undefined };
  if (/^\d{4}$/.test(text)) return { ok: false, message: `${label}「${text}」只有年份，请写完整日期，如 ${text}-07-01` };
  const iso = parseDateText(text);
  return iso ? { ok: true, value: iso } : { ok: false, message: dateHint(label, text) };
}

const YES = new Set(['是', '√', '✓', '✔', '1', '有', 'y', 'yes', 'true', '对']);
const NO = new Set(['否', '×', '✗', '✘', 'x', '0', '无', '没有', 'n', 'no', 'false', '不是']);

/** A yes/no cell: 是/否, √/×, 1/0, 有/无, Y/N; blank keeps the stored value. */
export function readFlagCell(value: CellValue, label: string): CellReading {
  const plain = cellPrimitive(value);
  if (typeof plain === 'boolean') return { ok: true, value: plain };
  const text = codedText(value).toLowerCase();
  if (text === '') return { ok: true, value: undefined };
  if (YES.has(text)) return { ok: true, value: true };
  if (NO.has(text)) return { ok: true, value: false };
  return { ok: false, message: `${label}应填「是」或「否」，当前为「${text}」` };
}

const CPC_MEMBER = new Set(['中共党员', '中共预备党员', '中国共产党党员', '中国共产党预备党员', '共产党员', '党员', '预备党员']);
const NOT_CPC = /^(群众|共青团员|团员|中国共产主义青年团团员|无党派|无党派人士|无党派民主人士|民革|民盟|民建|民进|农工|致公|九三|台盟|非党员|无)/;

/**
 * 政治面貌: 中共党员 and 中共预备党员 count as party members; 共青团员, 群众, 民主党派 members and
 * 无党派人士 do not (民革党员 is not a member of the 中共). 是/否 is accepted too.
 */
export function readPartyCell(value: CellValue, label: string): CellReading {
  const text = codedText(value);
  if (text === '') return { ok: true, value: undefined };
  if (CPC_MEMBER.has(text)) return { ok: true, value: true };
  if (NOT_CPC.test(text)) return { ok: true, value: false };
  const flag = readFlagCell(value, label);
  if (flag.ok) return flag;
  return { ok: false, message: `${label}「${text}」无法识别，请填写 中共党员、中共预备党员、共青团员、群众 等，或 是/否` };
}

const CATEGORY_ALIASES: Record<string, StaffCategoryName> = {
  警察: '民警', 公安民警: '民警', 人民警察: '民警',
  协警: '辅警', 警务辅助人员: '辅警', 辅助警察: '辅警', 辅警人员: '辅警',
  工勤: '职工', 工勤人员: '职工', 工人: '职工', 其他职工: '职工',
};

/** 人员类别: 民警/辅警/职工, also 协警 and 警务辅助人员 (→ 辅警), 工勤人员 (→ 职工). */
export function readCategoryCell(value: CellValue, label: string): CellReading {
  const text = codedText(value).replace(/\s/g, '');
  if (text === '') return { ok: true, value: undefined };
  if ((staffCategories as readonly string[]).includes(text)) return { ok: true, value: text };
  if (CATEGORY_ALIASES[text]) return { ok: true, value: CATEGORY_ALIASES[text] };
  return { ok: false, message: `${label}「${text}」无法识别，请填写 民警、辅警 或 职工` };
}

const NUMERALS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 1–99 from Arabic or Chinese numerals (三, 十, 十二, 二十): null when not a number. */
function smallNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const match = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!match || text === '') return null;
  if (!match[2]) return match[3] ? null : NUMERALS[match[1]];
  return (match[1] ? NUMERALS[match[1]] : 1) * 10 + (match[3] ? NUMERALS[match[3]] : 0);
}

/**
 * A whole number: digits, or Chinese numerals with a unit (三级, 第二档, 四星, 24个月); ★★★ counts
 * stars. `无` or `-` clears the value; blank keeps it.
 */
export function readCountCell(value: CellValue, label: string, kind: 'count' | 'level' | 'stars'): CellReading {
  const plain = cellPrimitive(value);
  if (typeof plain === 'number') {
    return Number.isInteger(plain) ? { ok: true, value: plain } : { ok: false, message: `${label}应为整数，当前为 ${plain}` };
  }
  const text = codedText(value).replace(/\s/g, '');
  if (text === '') return { ok: true, value: undefined };
  if (['无', '-', '—', '/', '没有'].includes(text)) return { ok: true, value: null };
  if (kind === 'stars' && /^[★☆]+$/.test(text)) return { ok: true, value: [...text].filter((c) => c === '★').length };
  const core = text.replace(/^第/, '').replace(/(星级|星|级|档|层|个月|月)$/, '');
  const n = smallNumber(core);
  if (n === null) return { ok: false, message: `${label}「${text}」不是数字，请填写整数${kind === 'count' ? '' : '（如 3 或“三级”）'}` };
  return { ok: true, value: n };
}

/** A phone number: digits kept as text (Excel may store a mobile number as a number), +86 and spaces dropped. */
export function readPhoneCell(value: CellValue): CellReading {
  const text = codedText(value).replace(/[\s()（）]/g, '');
  if (text === '') return { ok: true, value: undefined };
  const mobile = /^(?:\+?86-?)?(1\d{10})$/.exec(text);
  return { ok: true, value: mobile ? mobile[1] : text };
}

/**
 * The ID number cell, as text. A number cell is refused when it has 16 or more digits, and so does
 * text like `1.10105E+17`: Excel keeps only 15 significant digits, so such a number has already
 * lost its last digits and cannot be recovered.
 */
export function readIdNumberCell(value: CellValue, label: string): CellReading {
  const plain = cellPrimitive(value);
  const mangled = `${label}被 Excel 当成了数字（显示为科学计数法如 1.10105E+17，或末几位变成了0），号码已不完整。请把「${label}」这一列的单元格格式设置为「文本」，重新填写或粘贴正确的号码后再导入`;
  if (typeof plain === 'number' && (!Number.isSafeInteger(plain) || plain >= 1e15)) return { ok: false, message: mangled };
  const text = codedText(value).replace(/\s/g, '');
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(text)) return { ok: false, message: mangled };
  return { ok: true, value: text === '' ? undefined : text };
}

const GENDER: Record<string, '男' | '女'> = { 男: '男', 男性: '男', m: '男', male: '男', 女: '女', 女性: '女', f: '女', female: '女' };

/** 性别: 男/女 (男性, M …); only compared with what the ID number says. */
export function readGenderCell(value: CellValue, label: string): CellReading {
  const text = codedText(value).replace(/\s/g, '').toLowerCase();
  if (text === '') return { ok: true, value: undefined };
  const gender = GENDER[text];
  return gender ? { ok: true, value: gender } : { ok: false, message: `${label}「${text}」无法识别，请填写 男 或 女` };
}

/** A word of a list (民族, 学历, 学位) read through its variants; the message lists what is accepted. */
function readListCell(value: CellValue, label: string, read: (text: string) => string | null, accepted: string): CellReading {
  const text = codedText(value).replace(/\s/g, '');
  if (text === '') return { ok: true, value: undefined };
  const word = read(text);
  return word ? { ok: true, value: word } : { ok: false, message: `${label}「${text}」无法识别，请填写 ${accepted}` };
}

const RELATION_ALIASES: Record<string, FamilyRelation | '配偶父母'> = {
  妻子: '配偶', 妻: '配偶', 丈夫: '配偶', 夫: '配偶', 爱人: '配偶', 老婆: '配偶', 老公: '配偶', 夫妻: '配偶',
  父: '父亲', 爸爸: '父亲', 母: '母亲', 妈妈: '母亲',
  岳父: '配偶父亲', 公公: '配偶父亲', 配偶之父: '配偶父亲', 岳母: '配偶母亲', 婆婆: '配偶母亲', 配偶之母: '配偶母亲',
  儿子: '子女', 女儿: '子女', 子: '子女', 女: '子女', 长子: '子女', 次子: '子女', 长女: '子女', 次女: '子女', 儿女: '子女',
  配偶父母: '配偶父母', 岳父母: '配偶父母', 公婆: '配偶父母',
};

/**
 * 关系 of a family member: 配偶, 父亲, 母亲, 配偶父亲, 配偶母亲, 子女, also as clerks write them (妻子,
 * 爱人, 岳父, 婆婆, 儿子 …). 配偶父母 names two people: the clerk is asked to say which.
 */
export function readRelationCell(value: CellValue, label: string): CellReading {
  const text = codedText(value).replace(/\s/g, '');
  if (text === '') return { ok: true, value: undefined };
  if ((familyRelations as readonly string[]).includes(text)) return { ok: true, value: text };
  const relation = RELATION_ALIASES[text];
  if (relation === '配偶父母') return { ok: false, message: `${label}「${text}」是两个人：每人一行，分别写「配偶父亲」或「配偶母亲」` };
  if (relation) return { ok: true, value: relation };
  return { ok: false, message: `${label}「${text}」无法识别，请填写 ${familyRelations.join('、')}（也认 妻子、丈夫、爱人、岳父、岳母、儿子、女儿 等）` };
}

/** Reads a cell of a roster column of the given kind. */
export function readRosterCell(value: CellValue, kind: RosterCellKind, label: string): CellReading {
  switch (kind) {
    case 'idNumber':
      return readIdNumberCell(value, label);
    case 'phone':
      return readPhoneCell(value);
    case 'category':
      return readCategoryCell(value, label);
    case 'date':
      return readDateCell(value, label);
    case 'flag':
      return readFlagCell(value, label);
    case 'party':
      return readPartyCell(value, label);
    case 'count':
    case 'level':
    case 'stars':
      return readCountCell(value, label, kind);
    case 'gender':
      return readGenderCell(value, label);
    case 'ethnicity':
      return readListCell(value, label, ethnicGroupOf, '汉族、回族、满族 等56个民族之一');
    case 'education':
      return readListCell(value, label, educationLevelOf, educationLevels.join('、'));
    case 'degree':
      return readListCell(value, label, degreeOf, degrees.join('、'));
    case 'relation':
      return readRelationCell(value, label);
    case 'name': {
      const text = normalisePersonName(cellText(value));
      return { ok: true, value: text === '' ? undefined : text };
    }
    default: {
      const text = cellText(value);
      return { ok: true, value: text === '' ? undefined : text };
    }
  }
}
