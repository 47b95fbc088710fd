import { z } from 'zod';
import { isValidIsoDate } from './china-date';
import { normalisePersonName } from './person-name';
import { degrees, educationLevels, ethnicGroups } from './personnel-vocabulary';
import { halfWidthNoSpaces } from './zod-chinese';

/**
 * The roster's records as the clerk edits them (人员档案): staff, their status history, family
 * members and honours. Schemas here drive both the forms (as the clerk types) and the handlers.
 * See DOMAIN.md "People and places".
 */

export const staffCategories = ['民警', '辅警', '职工'] as const;
export type StaffCategoryName = (typeof staffCategories)[number];

/** 在职 active, 调出 transferred out, 退休 retired, 离职 left, 因公牺牲 died on duty, 病故 died of illness. */
export const staffStatuses = ['在职', '调出', '退休', '离职', '因公牺牲', '病故'] as const;
export type StaffStatus = (typeof staffStatuses)[number];

export const familyRelations = ['配偶', '父亲', '母亲', '配偶父亲', '配偶母亲', '子女'] as const;
export type FamilyRelation = (typeof familyRelations)[number];

export const retirementBases = ['male60', 'female55', 'female50'] as const;

/** 因公伤残 disability levels 一级 (most severe) to 十级. */
export const disabilityLevels = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label}不超过${max}个字`).optional().nullable();

/** An optional `YYYY-MM-DD` date; the message names the field. */
export const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || isValidIsoDate(v), `${label}应为有效日期，格式如 2020-07-01`)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

/** A required `YYYY-MM-DD` date. */
export const requiredDate = (label: string) =>
  z.string({ message: `请填写${label}` }).trim().refine(isValidIsoDate, `${label}应为有效日期，格式如 2020-07-01`);

/**
 * Chinese mobile (11 digits starting 1) or landline with area code; empty allowed. Full-width
 * digits and spaces (`138 1234 5678`) are cleaned up first, whether typed, pasted or imported.
 */
export const phoneSchema = z
  .string()
  .overwrite(halfWidthNoSpaces)
  .refine((v) => v === '' || /^1\d{10}$/.test(v) || /^0\d{2,3}-?\d{7,8}$/.test(v), '电话应为11位手机号，或带区号的固定电话（如 0571-87654321）')
  .optional()
  .nullable();

/** A name, stored without the padding spaces of a roster (「王\u3000五」 → 王五, see `person-name.ts`). */
export const personNameSchema = z
  .string({ message: '请填写姓名' })
  .overwrite(normalisePersonName)
  .min(2, '姓名至少2个字')
  .max(20, '姓名不超过20个字');

/** The staff form. Birth date and gender are never typed: they come from the ID number. */
export const staffInputSchema = z.object({
  /** Absent to create a new person. */
  id: z.string().optional(),
  category: z.enum(staffCategories, { message: '请选择人员类别：民警、辅警或职工' }),
  name: personNameSchema,
  idNumber: z.string({ message: '请填写身份证号' }).trim().min(1, '请填写身份证号'),
  phone: phoneSchema,
  /** 警号 (民警) or 辅警编号. */
  /** 警号/辅警编号, cleaned like the phone (full-width digits, spaces). */
  badgeNo: z.string().overwrite(halfWidthNoSpaces).max(20, '警号/编号不超过20个字').optional().nullable(),
  position: optionalText(30, '岗位'),
  /** 职级/警衔 for 民警. */
  rank: optionalText(30, '职级'),
  /** 辅警层级 1–n. */
  auxLevel: z.number().int().min(1, '辅警层级从1开始').max(20, '辅警层级不超过20').optional().nullable(),
  /** 星级辅警 1–5 stars, null for none. */
  starRating: z.number().int().min(1, '星级为一星到五星').max(5, '星级为一星到五星').optional().nullable(),
  workStartDate: optionalDate('参加工作时间'),
  priorServiceMonths: z.number().int().min(0, '认定工龄月数不能为负').max(600, '认定工龄月数不超过600').optional().nullable(),
  joinedStationDate: optionalDate('调入本所时间'),
  /** 入职时间: when the current employer hired the person (辅警: the labour contract with the bureau). */
  hireDate: optionalDate('入职时间'),
  /** 民族 (GB/T 3304 name, 汉族 …). */
  ethnicity: z.enum(ethnicGroups, { message: '民族请从列表中选择，如 汉族、回族' }).optional().nullable(),
  /** 最高学历. */
  education: z.enum(educationLevels, { message: `学历请选择 ${educationLevels.join('、')} 之一` }).optional().nullable(),
  /** 最高学位 (无 for none). */
  degree: z.enum(degrees, { message: `学位请选择 ${degrees.join('、')} 之一` }).optional().nullable(),
  /** 入党时间: a 中共党员's date of joining the party. */
  partyJoinDate: optionalDate('入党时间'),
  partyMember: z.boolean().optional(),
  unionMember: z.boolean().optional(),
  hardship: z.boolean().optional(),
  heroModel: z.boolean().optional(),
  /** 生日按农历: the birthday is kept on the lunar date of birth (慰问 reminders, 生日慰问). */
  lunarBirthday: z.boolean().optional(),
  disabilityLevel: z.number().int().min(1, '伤残等级为一级到十级').max(10, '伤残等级为一级到十级').optional().nullable(),
  retirementBase: z.enum(retirementBases).optional().nullable(),
  retirementDateOverride: optionalDate('退休日期'),
  notes: optionalText(500, '备注'),
});
export type StaffInput = z.input<typeof staffInputSchema>;

export const statusChangeInputSchema = z.object({
  staffId: z.string(),
  status: z.enum(staffStatuses, { message: '请选择状态' }),
  date: requiredDate('变更日期'),
  reason: optionalText(200, '原因'),
  /** The clerk confirmed a 退休 before the statutory retirement date (提前退休); kept with the entry. */
  confirmEarlyRetirement: z.boolean().optional(),
});
export type StatusChangeInput = z.input<typeof statusChangeInputSchema>;

export const familyInputSchema = z.object({
  id: z.string().optional(),
  staffId: z.string(),
  relation: z.enum(familyRelations, { message: '请选择与本人关系' }),
  name: personNameSchema,
  birthDate: optionalDate('出生日期'),
  phone: phoneSchema,
  workOrSchool: optionalText(60, '工作单位或学校'),
  /** For children: the grade (初二, 高三 …), from which exam years are derived when not entered. */
  grade: optionalText(10, '年级'),
  zhongkaoYear: z.number().int().min(1990).max(2100).optional().nullable(),
  gaokaoYear: z.number().int().min(1990).max(2100).optional().nullable(),
  notes: optionalText(200, '备注'),
});
export type FamilyInput = z.input<typeof familyInputSchema>;

export const honourInputSchema = z.object({
  id: z.string().optional(),
  staffId: z.string(),
  title: z.string({ message: '请填写表彰名称' }).trim().min(2, '请填写表彰名称').max(40, '表彰名称不超过40个字'),
  /** 级别: 部级 / 省级 / 市级 / 县级 / 所级 … */
  level: optionalText(20, '级别'),
  date: requiredDate('表彰日期'),
  issuer: optionalText(40, '颁发单位'),
  /** 文号: the number of the document that conferred the honour (杭公政〔2025〕12号). */
  documentNo: optionalText(40, '文号'),
  note: optionalText(200, '备注'),
});
export type HonourInput = z.input<typeof honourInputSchema>;

/** The roster's flags (标记) and how the filter, the table's tags and the printed 花名册 name them. */
export const rosterFlagLabels = {
  partyMember: '党员',
  unionMember: '工会会员',
  hardship: '困难职工',
  heroModel: '英模',
  disabled: '因公伤残',
} as const;

/** Filters of the roster page and the export (the export uses the page's current filter). */
export const rosterFilterSchema = z.object({
  search: z.string().trim().max(40).optional(),
  categories: z.array(z.enum(staffCategories)).optional(),
  /** Default: only 在职. */
  statuses: z.array(z.enum(staffStatuses)).optional(),
  positions: z.array(z.string()).optional(),
  flags: z.array(z.enum(Object.keys(rosterFlagLabels) as [keyof typeof rosterFlagLabels, ...(keyof typeof rosterFlagLabels)[]])).optional(),
  /** Owning stations by code (a bureau's roster spans many); empty or absent means any. */
  stationCodes: z.array(z.string()).optional(),
});
export type RosterFilter = z.input<typeof rosterFilterSchema>;

/** One person as the roster table shows it, derived fields included. */
export interface StaffListItem {
  id: string;
  stationId: string | null;
  /** The owning station's code and name (a bureau's roster spans many stations). */
  stationCode: string | null;
  stationName: string | null;
  category: StaffCategoryName;
  name: string;
  /** Full pinyin without tones and spaces (zhangsan) and initials (zs), for the search box. */
  namePinyin: string;
  nameInitials: string;
  idNumber: string;
  birthDate: string;
  gender: '男' | '女';
  /** 周岁 today; for a person who has left (not 在职), the age on the day they left. */
  age: number;
  phone: string | null;
  badgeNo: string | null;
  position: string | null;
  rank: string | null;
  auxLevel: number | null;
  starRating: number | null;
  workStartDate: string | null;
  priorServiceMonths: number;
  /** Cumulative years of work (工龄) incl. recognised prior service; to the day they left for a person who has. */
  workYears: number;
  joinedStationDate: string | null;
  /** 入职时间: the current employer's hiring (辅警 annual leave pro-rating counts from it). */
  hireDate: string | null;
  ethnicity: string | null;
  education: string | null;
  degree: string | null;
  partyJoinDate: string | null;
  partyMember: boolean;
  unionMember: boolean;
  hardship: boolean;
  heroModel: boolean;
  /** 生日按农历. */
  lunarBirthday: boolean;
  disabilityLevel: number | null;
  retirementBase: (typeof retirementBases)[number];
  retirementDateOverride: string | null;
  /**
   * The override when set, else computed by the 2025 gradual-retirement rules; '' for a person
   * who has left (退休, 调出, 病故 …): nothing is expected of them any more.
   */
  expectedRetirementDate: string;
  /** 在职 etc.; a person transferred to another station by the bureau shows 调出 here. */
  status: StaffStatus;
  /** The date of `status`; for a person transferred away, the transfer date. */
  statusDate: string | null;
  notes: string | null;
  /**
   * Set at a station when another station keeps this person now (moved there by the bureau's
   * 调动): the note the drawer shows, and the reason every change is refused here. Absent or null
   * where the person may be changed.
   */
  readOnlyNote?: string | null;
}

export interface StatusChangeItem {
  id: string;
  staffId: string;
  status: StaffStatus;
  date: string;
  reason: string | null;
  /** A 退休 before the statutory date that the clerk confirmed (提前退休). */
  earlyRetirement: boolean;
}

export interface FamilyMemberItem {
  id: string;
  staffId: string;
  relation: FamilyRelation;
  name: string;
  birthDate: string | null;
  age: number | null;
  phone: string | null;
  workOrSchool: string | null;
  grade: string | null;
  /** Entered, or derived from the grade / birth date; null when unknown or not a child. */
  zhongkaoYear: number | null;
  gaokaoYear: number | null;
  notes: string | null;
}

export interface HonourItem {
  id: string;
  staffId: string;
  title: string;
  level: string | null;
  date: string;
  issuer: string | null;
  documentNo: string | null;
  note: string | null;
}

/** One entry of 变更记录: who changed which field of this person's records from what to what. */
export interface ChangeHistoryEntry {
  at: string;
  userName: string;
  /** 人员 / 家属：张小明 / 表彰：三等功 … */
  record: string;
  field: string;
  from: string;
  to: string;
  /** True when the change came from another site through a sync bundle. */
  remote: boolean;
  /**
   * For a change from another site: the unit whose PC made it, by this installation's records
   * (its peer, or a PC a lower bureau vouched for). `userName` is then that unit's word.
   */
  origin: string | null;
}

export interface StaffDetail {
  staff: StaffListItem;
  statusHistory: StatusChangeItem[];
  family: FamilyMemberItem[];
  honours: HonourItem[];
}

/** A file produced for the clerk to save (Excel template, export, bundle). */
export interface FileDownload {
  fileName: string;
  bytesBase64: string;
  /** For an export: how many people (or records) the file holds. */
  rowCount?: number;
}

/** One row of an import preview. */
export interface ImportRowResult {
  /** The sheet's row number as Excel shows it. */
  row: number;
  action: 'create' | 'update' | 'unchanged' | 'refused';
  name: string;
  idNumber: string;
  /** For updates: the fields that would change. */
  changedFields: string[];
  /** For updates: each changed field with its value before and after, as the clerk reads them. */
  changes?: { field: string; from: string; to: string }[];
  errors: { field: string; message: string }[];
  /**
   * What the clerk should know about a row that is imported all the same: a 15-digit ID number
   * upgraded, a 性别 that contradicts the ID number, a phone number left out.
   */
  warnings?: { field: string; message: string }[];
}

/**
 * The records of one person-record sheet of the workbook (家属, 表彰): one row a record, the person
 * named by their 身份证号; a record matching one the person has is updated, never doubled.
 */
export interface RecordSheetImportSummary {
  /** The table the records go to (family_member, honour). */
  table: string;
  /** 家属, 表彰 … */
  label: string;
  sheetName: string;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  /** Per row: `name` is the person and the record (张三 · 配偶 王芳), `idNumber` the person's. */
  rows: ImportRowResult[];
  ignoredHeaders: string[];
}

/** The result of an import preview or commit (same shape as the CLI's `--json`). */
export interface RosterImportSummary {
  /** The worksheet the people were read from; null when the workbook has only record sheets. */
  sheet: string | null;
  /** The workbook's other worksheets, not read (a second sheet of retired staff, 说明 …). */
  otherSheets: string[];
  /** Each sheet read (人员, 家属, 表彰) with its counts, in the order they are applied. */
  sheets: { sheet: string; label: string; created: number; updated: number; unchanged: number; refused: number }[];
  /** Rows below the header that are not people and were passed over (表尾 制表人/审核人 …). */
  skippedRows: { row: number; reason: string }[];
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  errors: { row: number; field: string; message: string }[];
  rows: ImportRowResult[];
  /** The sheet's headers that were not recognised and were ignored. */
  ignoredHeaders: string[];
  /** The workbook's person-record sheets (家属, 表彰), each with its own counts; empty when it has none. */
  records: RecordSheetImportSummary[];
  committed: boolean;
}
