import { makeValidIdNumber } from '../../shared/id-number';
import type { StaffField } from './staff-input-check';

/**
 * The columns of the roster sheet (人员名单 .xlsx), shared by the import template, the import and
 * the export, so a template filled in, or an export edited, comes back in unchanged.
 */

/** How a cell of a column is read. */
export type RosterCellKind =
  | 'text'
  | 'name'
  | 'idNumber'
  | 'phone'
  | 'category'
  | 'date'
  | 'flag'
  | 'party'
  | 'count'
  | 'level'
  | 'stars'
  | 'gender'
  | 'ethnicity'
  | 'education'
  | 'degree'
  | 'relation';

/** Columns a sheet may have that the ID number already gives: read only to flag a contradiction. */
export type RosterCheckField = 'gender' | 'birthDate';

export interface RosterColumn extends SheetColumn {
  field: StaffField | RosterCheckField;
  /** The template's header. */
  header: string;
  /** Other headers clerks' own sheets use for the same column (matched tolerantly). */
  aliases: readonly string[];
  kind: RosterCellKind;
  required: boolean;
  /** Column width in characters. */
  width: number;
  /** What the template's example row shows. */
  example: string;
  /** The 填写说明 sheet's explanation. */
  help: string;
}

/** The example row's ID number: a valid number (GB 11643) the import recognises and skips. */
export const TEMPLATE_EXAMPLE_ID_NUMBER = makeValidIdNumber('330106', '1990-03-15', 131);

export const rosterColumns: readonly RosterColumn[] = [
  { field: 'name', header: '姓名', aliases: ['名字', '人员姓名', '民警姓名'], kind: 'name', required: true, width: 10, example: '张三', help: '必填，2–20个字。' },
  {
    field: 'category', header: '人员类别', aliases: ['类别', '身份', '人员身份', '人员类型', '类型'], kind: 'category', required: true, width: 10, example: '民警',
    help: '必填：民警、辅警或职工（填“协警”“警务辅助人员”按辅警导入）。已登记的人员可不填，保持原类别。',
  },
  {
    field: 'idNumber', header: '身份证号', aliases: ['身份证号码', '公民身份号码', '身份证', '证件号码', '身份证件号码', '居民身份证号码'], kind: 'idNumber', required: true, width: 22,
    example: TEMPLATE_EXAMPLE_ID_NUMBER,
    help: '必填，18位，末位可以是X。出生日期和性别由身份证号自动得出，不用另填。本列必须是「文本」格式：否则 Excel 会把号码显示成 1.10105E+17 并丢掉末几位，导入时会被拒绝。按身份证号匹配已登记的人员：已有的更新，没有的新增。',
  },
  {
    field: 'ethnicity', header: '民族', aliases: [], kind: 'ethnicity', required: false, width: 8, example: '汉族',
    help: '如 汉族、回族（写“汉”“回”也可以）。无法识别的民族不导入这一项，其余照常导入。',
  },
  { field: 'phone', header: '手机号码', aliases: ['手机', '手机号', '联系电话', '电话', '电话号码', '联系方式'], kind: 'phone', required: false, width: 14, example: '13812345678', help: '11位手机号，或带区号的固定电话（如 0571-87654321）。' },
  { field: 'badgeNo', header: '警号/辅警编号', aliases: ['警号', '辅警编号', '编号', '工号', '警号或辅警编号'], kind: 'text', required: false, width: 14, example: '012345', help: '民警填警号，辅警填辅警编号。以0开头的编号请把本列设为「文本」格式。' },
  { field: 'position', header: '岗位', aliases: ['工作岗位', '岗位名称', '职务'], kind: 'text', required: false, width: 12, example: '社区民警', help: '如 社区民警、治安民警、案件办理、巡逻防控、内勤、所领导、辅警-巡逻、辅警-窗口。' },
  { field: 'rank', header: '职级', aliases: ['职级/警衔', '警衔', '职级警衔'], kind: 'text', required: false, width: 12, example: '一级警长', help: '民警的职级或警衔，如 一级警长、二级警员。' },
  { field: 'auxLevel', header: '辅警层级', aliases: ['层级', '辅警等级'], kind: 'level', required: false, width: 9, example: '', help: '辅警的层级，填数字 1、2、3…（也可写“三级”）。' },
  { field: 'starRating', header: '星级', aliases: ['辅警星级', '星级辅警', '星级评定'], kind: 'stars', required: false, width: 8, example: '', help: '星级辅警：1–5（也可写“三星”或★★★）；没有评星的留空。' },
  { field: 'workStartDate', header: '参加工作时间', aliases: ['参加工作日期', '工作时间', '参工时间', '参加工作年月'], kind: 'date', required: false, width: 13, example: '2012-07-01', help: '日期，如 2012-07-01、2012/7/1、2012.7.1、20120701 或 2012年7月1日；只写到月（2012.07）按当月1日。工龄和年休假按它计算。' },
  { field: 'priorServiceMonths', header: '认定工龄（月）', aliases: ['认定工龄', '视同工龄（月）', '视同工龄', '军龄（月）', '军龄'], kind: 'count', required: false, width: 12, example: '0', help: '参加工作前经认定、计入工龄的月数（如服兵役），整数。' },
  { field: 'hireDate', header: '入职时间', aliases: ['聘用时间', '入职日期', '录用时间', '聘用日期'], kind: 'date', required: false, width: 13, example: '2018-03-01', help: '现单位录用的日期（辅警为与公安局签订劳动合同的日期，在本局各所之间调动不变）。辅警新入职当年的年休假按它折算。' },
  { field: 'joinedStationDate', header: '调入本所时间', aliases: ['调入时间', '入所时间', '到所时间', '调入日期', '来所时间'], kind: 'date', required: false, width: 13, example: '2018-03-01', help: '日期，写法同参加工作时间。' },
  {
    field: 'education', header: '学历', aliases: ['最高学历', '文化程度', '全日制学历'], kind: 'education', required: false, width: 10, example: '大学本科',
    help: `研究生、大学本科、大学专科、中等专科、高中、初中及以下（写“本科”“大专”“中专”也可以）。`,
  },
  { field: 'degree', header: '学位', aliases: ['最高学位'], kind: 'degree', required: false, width: 8, example: '学士', help: '博士、硕士、学士或无。' },
  {
    field: 'partyMember', header: '政治面貌', aliases: ['中共党员', '党员', '是否党员', '是否中共党员'], kind: 'party', required: false, width: 12, example: '中共党员',
    help: '中共党员、中共预备党员、共青团员、群众、民主党派或无党派人士；也可在“中共党员”列填 是/否。',
  },
  {
    field: 'partyJoinDate', header: '入党时间', aliases: ['入党日期', '入党年月', '加入党组织时间'], kind: 'date', required: false, width: 12, example: '2010-07-01',
    help: '中共党员的入党时间，写法同参加工作时间。填了入党时间而没有政治面貌列的，按中共党员导入。',
  },
  { field: 'unionMember', header: '工会会员', aliases: ['是否工会会员'], kind: 'flag', required: false, width: 9, example: '是', help: '是 或 否（也认 √、1、0）。' },
  { field: 'hardship', header: '困难职工', aliases: ['是否困难职工'], kind: 'flag', required: false, width: 9, example: '否', help: '是 或 否。' },
  { field: 'heroModel', header: '英模', aliases: ['是否英模', '英模人物'], kind: 'flag', required: false, width: 7, example: '否', help: '是 或 否。' },
  {
    field: 'lunarBirthday', header: '生日按农历', aliases: ['农历生日', '过农历生日', '是否农历生日'], kind: 'flag', required: false, width: 10, example: '否',
    help: '是：生日按身份证号出生日期对应的农历日期（每年换算成公历）提醒和慰问；否或不填：按公历。',
  },
  { field: 'disabilityLevel', header: '伤残等级', aliases: ['因公伤残等级', '伤残', '因公伤残'], kind: 'level', required: false, width: 9, example: '', help: '因公伤残等级：1–10（一级最重），也可写“七级”；没有的留空。' },
  { field: 'notes', header: '备注', aliases: ['说明'], kind: 'text', required: false, width: 24, example: '示例行：导入时自动跳过，可删除', help: '不超过500字。' },
];

/**
 * Columns a clerk's sheet (or an edited export) often has that the ID number already gives: read
 * only to flag a 性别 or 出生日期 that contradicts it. Not in the template.
 */
export const rosterCheckColumns: readonly RosterColumn[] = [
  { field: 'gender', header: '性别', aliases: [], kind: 'gender', required: false, width: 6, example: '', help: '' },
  { field: 'birthDate', header: '出生日期', aliases: ['出生年月', '出生年月日'], kind: 'date', required: false, width: 12, example: '', help: '' },
];

/**
 * Headers of columns that hold nothing to import and are passed over without a warning: the row
 * number 序号, and what the export derives (年龄, 工龄, 预计退休日期).
 */
export const passedOverHeaders: readonly string[] = ['序号', '序', '年龄', '工龄', '预计退休日期', '预计退休'];

/** Normalises a header for matching: half-width (NFKC), no spaces, no required-mark `*`, no colon. */
export function normaliseHeader(text: string): string {
  return text.normalize('NFKC').replace(/[\s*：:]/g, '').toLowerCase();
}

function withoutBrackets(text: string): string {
  return text.replace(/\([^)]*\)/g, '');
}

/** A column of an import sheet: its header, the other headers clerks use for it, how a cell reads. */
export interface SheetColumn {
  field: string;
  header: string;
  aliases: readonly string[];
  kind: RosterCellKind;
}

/**
 * Matches a sheet's headers to columns tolerantly: spaces (也 全角空格), full-width letters and
 * brackets, a `*` marking a required column, and a bracketed remark (身份证号（18位）) are ignored.
 */
export function headerMatcher<C extends SheetColumn>(columns: readonly C[]): (header: string) => C | undefined {
  const byHeader = new Map<string, C>();
  for (const column of columns) {
    for (const name of [column.header, ...column.aliases]) byHeader.set(normaliseHeader(name), column);
  }
  const byBareHeader = new Map<string, C>();
  for (const [name, column] of byHeader) {
    const bare = withoutBrackets(name);
    if (!byBareHeader.has(bare)) byBareHeader.set(bare, column);
  }
  return (header) => {
    const normal = normaliseHeader(header);
    if (normal === '') return undefined;
    return byHeader.get(normal) ?? byBareHeader.get(withoutBrackets(normal));
  };
}

const rosterMatcher = headerMatcher([...rosterColumns, ...rosterCheckColumns]);

/** The roster column a sheet's header names (see `headerMatcher`). */
export function rosterColumnOfHeader(header: string): RosterColumn | undefined {
  return rosterMatcher(header);
}

/** The Chinese header of a form field (for the import's per-row reasons). */
export function headerOfField(field: string): string {
  return [...rosterColumns, ...rosterCheckColumns].find((c) => c.field === field)?.header ?? field;
}
