import { z } from 'zod';
import type { StaffCategoryName } from './staff-record';
import { optionalDate, requiredDate, staffCategories } from './staff-record';

/**
 * Health records as the clerk edits them (健康档案, DOMAIN.md "Health"): annual checkups with their
 * follow-up, psychological screenings and one-to-one interventions, medical events. Schemas here
 * drive the forms, the handlers and the hospital-sheet import alike.
 *
 * Sensitive personal information (个人信息保护法 Art. 28: 医疗健康信息): the detailed shapes below
 * (diagnoses, abnormal items, scores) are returned only by the detail calls of `health.*`; the
 * counts-only shapes (`HealthSummary`, `HealthCoverage`) are what reports and the bureau's
 * coverage use.
 */

export const checkupConclusions = ['正常', '异常需复查', '异常需就医', '重大疾病'] as const;
export type CheckupConclusion = (typeof checkupConclusions)[number];

/** The abnormal items every ledger knows; a station or its bureau adds more (`health_abnormal_item`). */
export const defaultAbnormalItems = ['高血压', '高血糖', '高血脂', '高尿酸', '脂肪肝', '甲状腺结节', '肺结节', '乳腺结节', '肝囊肿', '肾结石', '颈椎病', '腰椎间盘突出', '心电图异常', '幽门螺杆菌阳性', '视力下降', '超重/肥胖'] as const;

export const psychInstruments = ['SCL-90', 'PHQ-9', 'GAD-7', '其他'] as const;
export const psychLevels = ['正常', '关注', '预警', '危机'] as const;
export type PsychLevel = (typeof psychLevels)[number];
export const interventionForms = ['面谈', '电话', '转介'] as const;

export const medicalEventKinds = ['住院', '因公负伤', '重大疾病', '门诊'] as const;
export type MedicalEventKind = (typeof medicalEventKinds)[number];
export const reimbursementStates = ['未报销', '已提交', '已报销'] as const;

const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}不超过${max}个字`).optional().nullable();

/** One abnormal item as a clerk names it: 1–20 characters, no separator inside. */
export const abnormalItemNameSchema = z
  .string()
  .trim()
  .min(1, '异常项目不能为空')
  .max(20, '异常项目名称不超过20个字')
  .refine((v) => !/[、，,;；\n\r]/.test(v), '一个异常项目里不能有顿号、逗号或分号：请分开填写');

export const checkupInputSchema = z.object({
  id: z.string().optional(),
  staffId: z.string(),
  date: requiredDate('体检日期'),
  institution: optionalText(60, '体检机构'),
  conclusion: z.enum(checkupConclusions, { message: '请选择体检结论：正常、异常需复查、异常需就医或重大疾病' }),
  abnormalItems: z.array(abnormalItemNameSchema).max(30, '异常项目最多30项').optional().default([]),
  followUpDue: optionalDate('复查截止日期'),
  followUpDoneDate: optionalDate('复查日期'),
  followUpResult: optionalText(200, '复查结果'),
  note: optionalText(200, '备注'),
  /** The clerk confirmed a second checkup of the person on the same date. */
  confirmDuplicate: z.boolean().optional(),
});
export type CheckupInput = z.input<typeof checkupInputSchema>;

export const screeningInputSchema = z.object({
  id: z.string().optional(),
  staffId: z.string(),
  date: requiredDate('普测日期'),
  instrument: z.enum(psychInstruments, { message: '请选择量表：SCL-90、PHQ-9、GAD-7 或其他' }),
  score: z.number({ message: '得分应为整数' }).int('得分应为整数').min(0, '得分不能为负').max(1000, '得分不超过1000').optional().nullable(),
  level: z.enum(psychLevels, { message: '请选择结果等级：正常、关注、预警或危机' }),
  note: optionalText(200, '备注'),
});
export type ScreeningInput = z.input<typeof screeningInputSchema>;

export const interventionInputSchema = z.object({
  id: z.string().optional(),
  staffId: z.string(),
  date: requiredDate('干预日期'),
  counsellor: optionalText(20, '干预人'),
  form: z.enum(interventionForms, { message: '请选择干预方式：面谈、电话或转介' }),
  summary: optionalText(500, '干预情况'),
  nextDate: optionalDate('下次干预日期'),
});
export type InterventionInput = z.input<typeof interventionInputSchema>;

export const medicalEventInputSchema = z.object({
  id: z.string().optional(),
  staffId: z.string(),
  kind: z.enum(medicalEventKinds, { message: '请选择类别：住院、因公负伤、重大疾病或门诊' }),
  hospital: optionalText(60, '医院'),
  greenChannel: z.boolean().optional(),
  startDate: requiredDate('开始日期'),
  endDate: optionalDate('结束日期'),
  diagnosis: optionalText(200, '诊断'),
  reimbursement: z.enum(reimbursementStates, { message: '请选择报销状态' }).optional().default('未报销'),
  reimbursedFen: z.number().int('金额以分计，应为整数').min(0, '金额不能为负').max(100_000_000_00, '金额过大，请核对').optional().nullable(),
  forcedRest: z.boolean().optional(),
  note: optionalText(200, '备注'),
});
export type MedicalEventInput = z.input<typeof medicalEventInputSchema>;

export interface CheckupItem {
  id: string;
  staffId: string;
  date: string;
  institution: string | null;
  conclusion: CheckupConclusion;
  abnormalItems: string[];
  followUpDue: string | null;
  followUpDoneDate: string | null;
  followUpResult: string | null;
  note: string | null;
}

export interface ScreeningItem {
  id: string;
  staffId: string;
  date: string;
  instrument: (typeof psychInstruments)[number];
  score: number | null;
  level: PsychLevel;
  note: string | null;
}

export interface InterventionItem {
  id: string;
  staffId: string;
  date: string;
  counsellor: string | null;
  form: (typeof interventionForms)[number];
  summary: string | null;
  nextDate: string | null;
}

export interface MedicalEventItem {
  id: string;
  staffId: string;
  kind: MedicalEventKind;
  hospital: string | null;
  greenChannel: boolean;
  startDate: string;
  /** Null while in hospital. */
  endDate: string | null;
  diagnosis: string | null;
  reimbursement: (typeof reimbursementStates)[number];
  reimbursedFen: number | null;
  forcedRest: boolean;
  note: string | null;
}

/** One person's health file (the drawer's 健康 tab): every record, each list newest first. */
export interface PersonHealth {
  staffId: string;
  checkups: CheckupItem[];
  screenings: ScreeningItem[];
  interventions: InterventionItem[];
  events: MedicalEventItem[];
}

/** Who a health list names: enough to find the person, nothing of their health. */
export interface HealthPersonRef {
  staffId: string;
  name: string;
  idNumber: string;
  category: StaffCategoryName;
  stationName: string | null;
}

/** Coverage of one category (or the total): checked this year ÷ active staff. */
export interface CoverageCount {
  active: number;
  checked: number;
  /** Whole per cent, rounded down (99.6 % is not yet 100 %); 0 when nobody is active. */
  percent: number;
}

/** 体检覆盖率 of a year: counts only (the monthly report, the bureau). */
export interface HealthCoverage {
  year: number;
  categories: (CoverageCount & { category: StaffCategoryName })[];
  total: CoverageCount;
}

/** An active person with no checkup this year, past the overdue month. */
export interface OverdueCheckup extends HealthPersonRef {
  daysOverdue: number;
  /** Their latest checkup of an earlier year, if any. */
  lastCheckupDate: string | null;
}

/** A checkup whose follow-up is not done yet. */
export interface FollowUpDue extends HealthPersonRef {
  checkupId: string;
  checkupDate: string;
  conclusion: CheckupConclusion;
  abnormalItems: string[];
  /** Null: the conclusion calls for a follow-up but no date was set (never overdue). */
  followUpDue: string | null;
  /** Days past the due date; 0 or less while it is not yet due. */
  daysOverdue: number;
  overdue: boolean;
}

/** A person whose latest screening is 预警 or 危机. */
export interface WatchEntry extends HealthPersonRef {
  level: '预警' | '危机';
  screeningId: string;
  screeningDate: string;
  /** The last day an intervention session is due (7 days after a 危机 screening, 14 after a 预警 one, by default). */
  interventionDue: string;
  /** Sessions recorded on or after the screening date. */
  sessions: number;
  firstSessionDate: string | null;
  lastSessionDate: string | null;
  nextSessionDate: string | null;
  /** No session within the due days, and they have passed. */
  overdue: boolean;
  daysOverdue: number;
}

/** A ranked abnormal item of the year's checkups (counts only). */
export interface AbnormalItemCount {
  item: string;
  count: number;
}

export interface InterventionRow extends InterventionItem, HealthPersonRef {}

export interface MedicalEventRow extends MedicalEventItem, HealthPersonRef {
  /** Days in hospital so far (or in all, once discharged), the first day counting. */
  days: number;
}

/** The 健康管理 page: every list of a year, with names and details (sensitive). */
export interface HealthOverview {
  year: number;
  today: string;
  /** The settings the lists were computed with. */
  rules: HealthRuleSettings;
  coverage: HealthCoverage;
  overdueCheckups: OverdueCheckup[];
  followUps: FollowUpDue[];
  abnormalRanking: AbnormalItemCount[];
  watch: WatchEntry[];
  interventions: InterventionRow[];
  inHospital: MedicalEventRow[];
  injuries: MedicalEventRow[];
  reimbursementsPending: MedicalEventRow[];
}

/** Counts and levels only, no names or diagnoses: 工作台, the monthly report, the bureau. */
export interface HealthSummary {
  year: number;
  coverage: HealthCoverage;
  overdueCheckups: number;
  overdueFollowUps: number;
  followUpsOpen: number;
  /** Latest screening level of active staff: 正常 / 关注 / 预警 / 危机 → people. */
  levels: Record<PsychLevel, number>;
  crisis: number;
  watchOverdue: number;
  inHospital: number;
  injuriesThisYear: number;
  reimbursementsPending: number;
}

/** The configurable rules (设置): DOMAIN.md "Health", defaults October, 7 and 14 days. */
export interface HealthRuleSettings {
  overdueFromMonth: number;
  crisisInterventionDays: number;
  warningInterventionDays: number;
}

/** `nuanjing health overdue --json`. */
export interface HealthOverdueReport {
  on: string;
  checkups: { name: string; idNumber: string; category: StaffCategoryName; daysOverdue: number }[];
  followUps: { name: string; idNumber: string; checkupDate: string; followUpDue: string; daysOverdue: number }[];
  watch: { name: string; idNumber: string; level: '预警' | '危机'; screeningDate: string; interventionDue: string; daysOverdue: number }[];
}

/** The page's filters (and the export's). */
export const healthFilterSchema = z.object({
  year: z.number().int().min(2000, '年份应在2000年之后').max(2100, '年份应在2100年之前').optional(),
  categories: z.array(z.enum(staffCategories)).optional(),
});
export type HealthFilter = z.input<typeof healthFilterSchema>;

/** The lists the 健康管理 page exports to Excel. */
export const healthExportLists = ['coverage', 'overdueCheckups', 'followUps', 'abnormalRanking', 'watch', 'interventions', 'inHospital', 'injuries', 'reimbursementsPending'] as const;
export type HealthExportList = (typeof healthExportLists)[number];

/** One row of the hospital-sheet import's preview. */
export interface HealthImportRow {
  row: number;
  action: 'create' | 'update' | 'unchanged' | 'refused';
  name: string;
  idNumber: string;
  date: string;
  changedFields: string[];
  /** Why the row was refused (every reason, joined). */
  message: string | null;
}

/** The hospital sheet's import preview or result. */
export interface HealthImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  errors: { row: number; message: string }[];
  rows: HealthImportRow[];
  /** Abnormal items the vocabulary does not know, with the rows naming them (offered to be added). */
  unknownItems: { name: string; rows: number[] }[];
  /** Items added to the vocabulary by this commit. */
  addedItems: string[];
  ignoredHeaders: string[];
  committed: boolean;
}

/** Items of the abnormal-item vocabulary, with where each comes from. */
export interface AbnormalItemEntry {
  name: string;
  source: '内置' | '本单位' | '上级下发';
}
