import { makeValidIdNumber } from '../../shared/id-number';
import type { ArgsOf } from '../../shared/contract/api-contract';
import { rosterSheetBytes, type RosterSheetCell } from './roster-sheet';

/**
 * A realistic hospital sheet of checkup results (体检结果表) for a station, as the hospital sends it:
 * a title row, its own headers (序号, 受检人, 身份证号码, 检查日期, 体检医院, 总检结论, 主要异常, 建议复查日期),
 * its own words for the conclusion (未见异常, 建议复查 …), abnormal items separated every way — and
 * broken rows of every kind, each listed with the reason the import must give.
 */

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '军', '杰', '涛', '明', '超', '平', '刚', '辉', '鹏', '华', '飞', '强'];

/** The n-th person of a sample station: a valid ID number, a two- or three-character name. */
export function samplePerson(n: number, overrides: Partial<ArgsOf<'staff.save'>> = {}): ArgsOf<'staff.save'> {
  const year = 1970 + (n % 30);
  const month = String(1 + (n % 12)).padStart(2, '0');
  const day = String(1 + (n % 27)).padStart(2, '0');
  return {
    category: n % 5 === 0 ? '职工' : n % 2 === 0 ? '辅警' : '民警',
    name: `${SURNAMES[n % 20]}${GIVEN[Math.floor(n / 20) % 20]}${n >= 400 ? '' : GIVEN[(n * 7) % 20]}`,
    idNumber: makeValidIdNumber('330106', `${year}-${month}-${day}`, 100 + n),
    workStartDate: `${Math.max(year + 20, 1995)}-07-01`,
    ...overrides,
  };
}

/** What kind of broken row, and what the refusal must say. */
export interface BrokenRow {
  row: number;
  kind: string;
  message: RegExp;
}

export interface HospitalSample {
  bytes: Buffer;
  /** Rows the import must accept (each a new checkup on a first import). */
  goodRows: number;
  broken: BrokenRow[];
  /** Staff numbers (samplePerson n) with a checkup in the sheet. */
  checkedPeople: Set<number>;
  /** Abnormal items the built-in vocabulary does not know. */
  unknownItems: string[];
}

const CONCLUSIONS = ['未见异常', '正常', '建议复查', '异常需复查', '建议专科就诊', '异常需就医'];
const ITEMS = ['高血压', '脂肪肝', '高血脂', '甲状腺结节', '肺结节', '高尿酸', '颈椎病'];
const SEPARATORS = ['、', '，', ';', '；', '\n'];

/**
 * 200 data rows for people 0…HOSPITAL_SAMPLE_PEOPLE - 1 (who must be on the roster: `samplePerson(n)`), `broken.length` of them broken.
 * Dates are in 2026 before 2026-11-23 (the tests' today). Rows start at Excel row 3 (a title row, then the headers).
 */
export async function hospitalSampleSheet(): Promise<HospitalSample> {
  const rows: Record<string, RosterSheetCell>[] = [];
  const broken: BrokenRow[] = [];
  const checkedPeople = new Set<number>();
  const excelRow = () => rows.length + 3;
  const person = (n: number) => samplePerson(n);
  const good = (n: number, overrides: Record<string, RosterSheetCell> = {}) => {
    const p = person(n);
    const conclusion = CONCLUSIONS[n % CONCLUSIONS.length];
    const abnormal = conclusion === '未见异常' || conclusion === '正常';
    const items = abnormal ? '' : [ITEMS[n % ITEMS.length], ITEMS[(n + 3) % ITEMS.length]].join(SEPARATORS[n % SEPARATORS.length]);
    rows.push({
      序号: rows.length + 1,
      受检人: p.name,
      身份证号码: p.idNumber,
      检查日期: `2026-${String(3 + (n % 8)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
      体检医院: n % 3 === 0 ? '市第一人民医院' : '市公安医院',
      总检结论: conclusion,
      主要异常: items,
      建议复查日期: conclusion.includes('复查') ? '2026-12-31' : '',
      ...overrides,
    });
  };
  const bad = (kind: string, message: RegExp, row: Record<string, RosterSheetCell>) => {
    broken.push({ row: excelRow(), kind, message });
    rows.push({ 序号: rows.length + 1, ...row });
  };
  const base = (n: number) => ({ 受检人: person(n).name, 身份证号码: person(n).idNumber, 检查日期: '2026-06-01', 体检医院: '市公安医院', 总检结论: '正常' });

  let n = 0;
  const nextGood = (overrides: Record<string, RosterSheetCell> = {}) => {
    checkedPeople.add(n);
    good(n, overrides);
    n += 1;
  };
  for (let i = 0; i < 60; i += 1) nextGood();
  // Unknown items (not in the built-in vocabulary), and a cell with every separator.
  nextGood({ 总检结论: '建议复查', 主要异常: '窦性心动过缓、胆囊息肉', 建议复查日期: '2026-12-31' });
  nextGood({ 总检结论: '异常需复查', 主要异常: '高血压，脂肪肝;甲状腺结节\n胆囊息肉', 建议复查日期: '2026-12-31' });
  const reserved = n; // people left without a checkup for the broken rows that name them
  n += 12;

  bad('身份证号未填', /身份证号未填/, { 受检人: person(reserved).name, 检查日期: '2026-06-01', 总检结论: '正常' });
  bad('身份证号校验码错', /校验/, { ...base(reserved), 身份证号码: `${person(reserved).idNumber.slice(0, 17)}${person(reserved).idNumber.endsWith('0') ? '1' : '0'}` });
  bad('不在册', /不是本所在册人员/, { ...base(reserved), 受检人: '陌生人', 身份证号码: makeValidIdNumber('330106', '1988-08-08', 999) });
  bad('姓名与身份证号不符', /姓名「欧阳错名」与身份证号对应的在册人员「.+」不符/, { ...base(reserved + 1), 受检人: '欧阳错名' });
  bad('体检日期未填', /体检日期未填/, { ...base(reserved + 2), 检查日期: '' });
  bad('体检日期无效', /不是有效日期/, { ...base(reserved + 3), 检查日期: '2026-13-01' });
  bad('体检日期只有年份', /只有年份/, { ...base(reserved + 3), 检查日期: '2026' });
  bad('体检日期在将来', /晚于今天/, { ...base(reserved + 4), 检查日期: '2026-12-15' });
  bad('参加工作前', /还未参加工作/, { ...base(reserved + 5), 检查日期: '1990-05-01' });
  bad('结论未填', /结论未填/, { ...base(reserved + 6), 总检结论: '' });
  bad('结论无法识别', /结论「良好」无法识别/, { ...base(reserved + 7), 总检结论: '良好' });
  bad('复查早于体检', /复查截止日期 2026-05-01 早于体检日期 2026-06-01/, { ...base(reserved + 8), 建议复查日期: '2026-05-01' });
  bad('身份证号被 Excel 变成数字', /身份证号/, { ...base(reserved + 9), 身份证号码: Number(person(reserved + 9).idNumber.slice(0, 17)) });
  bad('机构名称过长', /体检机构不超过60个字/, { ...base(reserved + 10), 体检医院: '很长的医院名称'.repeat(10) });

  while (rows.length < 199) nextGood();
  // The same person and day as the first good row: refused as a repeat.
  const first = rows[0];
  bad('同一人同一天重复', /与第3行是同一人同一天的体检/, { 受检人: first.受检人, 身份证号码: first.身份证号码, 检查日期: first.检查日期, 总检结论: '正常' });

  const bytes = await rosterSheetBytes(rows, { sheetName: '2026年度体检汇总', titleRow: '市公安医院 2026年度 北山派出所 健康体检结果汇总表' });
  return { bytes, goodRows: rows.length - broken.length, broken, checkedPeople, unknownItems: ['窦性心动过缓', '胆囊息肉'] };
}

/** The number of people a sample sheet names (the roster must hold them all). */
export const HOSPITAL_SAMPLE_PEOPLE = 200;
