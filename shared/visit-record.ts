import { z } from 'zod';
import { festivalNameOf, type FestivalName } from './festival-dates';
import { optionalDate, requiredDate, type StaffCategoryName } from './staff-record';

/**
 * Welfare visits (慰问, DOMAIN.md "Welfare visits") as the clerk records them: who was visited (the
 * staff member, or a family member through them), the kind, the money and goods, the funding, the
 * event the visit answers, the receipt. Schemas here drive the forms, the handlers, the batch of a
 * festival and the Excel import alike. Money is integer fen.
 */

/** The kinds of visit ("七个慰问" and more). A festival visit names its festival in its event. */
export const visitKinds = [
  '节日慰问',
  '生日慰问',
  '住院慰问',
  '因公负伤慰问',
  '结婚慰问',
  '生育慰问',
  '退休慰问',
  '直系亲属去世慰问',
  '因公牺牲或病故慰问',
  '困难帮扶',
  '夏日送清凉',
  '金秋助学',
  '职工互助保障',
  '英烈家属慰问',
] as const;
export type VisitKind = (typeof visitKinds)[number];

/** 经费来源. */
export const fundingSources = ['工会经费', '行政经费'] as const;
export type FundingSource = (typeof fundingSources)[number];

/**
 * The event a visit answers, as stored (`welfare_visit.event`) and as the Excel column 对应事件
 * writes it: `2026中秋` (a festival of a year), `2026生日` (a birthday of a year), `住院:<id>` (a
 * hospitalisation of the health records), or the clerk's own words (a death, a wedding …).
 */
export type VisitEvent = string;

/** The event of a festival of a year: 2026中秋. */
export function festivalEvent(name: FestivalName, year: number): VisitEvent {
  return `${year}${name}`;
}

/** The event of a birthday of a year: 2026生日. */
export function birthdayEvent(year: number): VisitEvent {
  return `${year}生日`;
}

/** The event of a hospitalisation (a `medical_event` of the health records). */
export function hospitalEvent(medicalEventId: string): VisitEvent {
  return `住院:${medicalEventId}`;
}

/** The kinds of `medical_event` a visit answers: a stay in hospital, an injury on duty. */
export const visitedStayKinds = ['住院', '因公负伤'] as const;
export type VisitedStayKind = (typeof visitedStayKinds)[number];

/** The visit that answers each kind of stay. */
export const visitKindOfStay: Record<VisitedStayKind, VisitKind> = { 住院: '住院慰问', 因公负伤: '因公负伤慰问' };

/** How long after the discharge a visit still answers the stay (and the 工作台 still reminds of it). */
export const visitDaysAfterDischarge = 30;

/**
 * A hospitalisation event as the clerk reads and types it — in the lists, on the 签领表 and in the
 * sheet's 对应事件 — by its kind and first day: 住院 2026-11-20, 因公负伤 2026-03-02. Never the hospital:
 * a receipt sheet goes round for signatures, and a hospital can tell an illness.
 */
export function hospitalEventLabel(kind: string, startDate: string): string {
  return `${kind === '因公负伤' ? '因公负伤' : '住院'} ${startDate}`;
}

/** The kind and date text of a typed hospitalisation event (住院 2026-11-20, 因公负伤：2026年3月2日), or null. */
export function parseHospitalEventLabel(text: string | null | undefined): { kind: VisitedStayKind; dateText: string } | null {
  const match = text ? /^(住院|因公负伤)\s*[:：]?\s*(\S*)/.exec(text.normalize('NFKC').trim()) : null;
  return match && !text!.startsWith('住院:') ? { kind: match[1] as VisitedStayKind, dateText: match[2] } : null;
}

/**
 * The festival and year of a festival event (2026中秋), or null. Also as a clerk types it in the
 * sheet's 对应事件 (2026年中秋节, 2026 国庆节): {@link festivalEvent} of the result is the stored form.
 */
export function festivalOfEvent(event: string | null | undefined): { name: FestivalName; year: number } | null {
  const match = event ? /^\s*(\d{4})\s*年?(.+)$/.exec(event.normalize('NFKC')) : null;
  const name = match ? festivalNameOf(match[2]) : null;
  return match && name ? { name, year: Number(match[1]) } : null;
}

/** The year of a birthday event (2026生日), or null. */
export function birthdayYearOfEvent(event: string | null | undefined): number | null {
  const match = event ? /^(\d{4})生日$/.exec(event) : null;
  return match ? Number(match[1]) : null;
}

/** The most a single visit may carry, in fen (¥1,000,000): anything more is a typing mistake. */
const MAX_FEN = 100_000_000;

const fen = (label: string) =>
  z
    .number({ message: `${label}应为金额` })
    .int(`${label}以分计，应为整数`)
    .min(0, `${label}不能为负`)
    .max(MAX_FEN, `${label}过大（超过100万元），请核对`);

const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}不超过${max}个字`).optional().nullable();

/** What a visit is, whoever records it (form, batch, Excel). */
const visitFields = {
  kind: z.enum(visitKinds, { message: `请选择慰问类型：${visitKinds.join('、')}` }),
  date: requiredDate('慰问日期'),
  /** The family member visited through the staff member; absent when the staff member was. */
  familyMemberId: z.string().optional().nullable(),
  visitors: optionalText(60, '慰问人'),
  cashFen: fen('慰问金额').optional().nullable(),
  goods: optionalText(100, '慰问物品'),
  goodsValueFen: fen('物品价值').optional().nullable(),
  funding: z.enum(fundingSources, { message: '请选择经费来源：工会经费或行政经费' }),
  event: z.string().trim().max(80, '对应事件不超过80个字').optional().nullable(),
  /** The date of the event (a festival's, the admission …): the standard in force on it applies. Default: the visit's date. */
  eventDate: optionalDate('事件日期'),
  receiptSigned: z.boolean().optional(),
  note: optionalText(200, '备注'),
  /**
   * The clerk's reason for going ahead despite a warning (a cap, a second visit for the same event,
   * the budget): required to save when there is one, and kept with the visit.
   */
  confirmReason: optionalText(200, '确认说明'),
};

export const visitInputSchema = z.object({ id: z.string().optional(), staffId: z.string().min(1, '请选择慰问对象'), ...visitFields });
export type VisitInput = z.input<typeof visitInputSchema>;
export type ParsedVisitInput = z.output<typeof visitInputSchema>;

/**
 * The same visit for many people in one step (the festival coverage's 全选 → 登记): the standard is
 * applied and the budget checked once for the batch.
 */
export const visitBatchInputSchema = z.object({
  staffIds: z.array(z.string().min(1)).min(1, '请至少选择一人').max(2000, '一次最多登记2000人'),
  ...visitFields,
});
export type VisitBatchInput = z.input<typeof visitBatchInputSchema>;

/** A version of the standard of a kind (市局制定，下发各所), in force from its date. */
export const visitStandardInputSchema = z.object({
  id: z.string().optional(),
  kind: z.enum(visitKinds, { message: '请选择慰问类型' }),
  effectiveFrom: requiredDate('执行日期'),
  eventCapFen: fen('每次标准').optional().nullable(),
  yearlyCapFen: fen('每人每年限额').optional().nullable(),
  timesPerYear: z.number({ message: '每年次数应为整数' }).int('每年次数应为整数').min(1, '每年次数至少1次').max(50, '每年次数不超过50').optional().nullable(),
  inKindOnly: z.boolean().optional(),
  funding: z.enum(fundingSources, { message: '请选择经费来源：工会经费或行政经费' }),
  note: optionalText(200, '依据或说明'),
});
export type VisitStandardInput = z.input<typeof visitStandardInputSchema>;

/** The budget of a year and funding source. */
export const visitBudgetInputSchema = z.object({
  year: z.number({ message: '请填写年度' }).int().min(2000, '年度应为 2000–2100').max(2100, '年度应为 2000–2100'),
  funding: z.enum(fundingSources, { message: '请选择经费来源：工会经费或行政经费' }),
  amountFen: fen('预算金额'),
  note: optionalText(200, '备注'),
});
export type VisitBudgetInput = z.input<typeof visitBudgetInputSchema>;

/** The visits list's filters (each optional). */
export const visitFilterSchema = z.object({
  kind: z.enum(visitKinds).optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  month: z.number().int().min(1).max(12).optional(),
  funding: z.enum(fundingSources).optional(),
  staffId: z.string().optional(),
  event: z.string().optional(),
});
export type VisitFilter = z.input<typeof visitFilterSchema>;

/** A standard as it applies: a stored version, or the built-in default (`id` null). */
export interface VisitStandard {
  id: string | null;
  kind: VisitKind;
  effectiveFrom: string;
  eventCapFen: number | null;
  yearlyCapFen: number | null;
  timesPerYear: number | null;
  inKindOnly: boolean;
  funding: FundingSource;
  note: string | null;
  /** 内置 (DOMAIN.md's defaults), 上级下发 (the bureau's), 本单位 (a bureau's own). */
  source: '内置' | '上级下发' | '本单位';
}

/** One visit as lists, the drawer and the receipt show it. */
export interface VisitItem {
  id: string;
  staffId: string;
  staffName: string;
  idNumber: string;
  category: StaffCategoryName;
  familyMemberId: string | null;
  /** 配偶 王芳 when a family member was visited; null for the staff member. */
  recipient: string | null;
  kind: VisitKind;
  date: string;
  visitors: string | null;
  cashFen: number;
  goods: string | null;
  goodsValueFen: number;
  funding: FundingSource;
  event: string | null;
  /** The event as the clerk reads it: 2026中秋, 2026生日, 住院 2026-11-20 (never the hospital). */
  eventLabel: string | null;
  eventDate: string | null;
  receiptSigned: boolean;
  confirmReason: string | null;
  batchId: string | null;
  note: string | null;
}

/** A warning the clerk may go past with a reason (a cap, a duplicate, the budget, times per year). */
export interface VisitWarning {
  code: 'EVENT_CAP' | 'YEARLY_CAP' | 'TIMES_PER_YEAR' | 'DUPLICATE_EVENT' | 'OVER_BUDGET';
  message: string;
}

/** The visits list with its totals by kind. */
export interface VisitList {
  items: VisitItem[];
  totals: { kind: VisitKind; count: number; cashFen: number; goodsValueFen: number }[];
  total: { count: number; cashFen: number; goodsValueFen: number };
}

/** A year's budget of one funding source: spent and remaining, the month and the year to date. */
export interface VisitBudgetLine {
  year: number;
  funding: FundingSource;
  /** Null when no budget is set for it. */
  amountFen: number | null;
  note: string | null;
  spentYearFen: number;
  /** The month of `asOf` (this month for the current year, December for a past one). */
  spentMonthFen: number;
  month: number;
  remainingFen: number | null;
}

/** The festival coverage (不遗漏一人): every active staff member visited or not. */
export interface FestivalCoverage {
  festival: FestivalName;
  year: number;
  date: string;
  event: string;
  active: number;
  visited: { staffId: string; name: string; category: StaffCategoryName; visitId: string }[];
  missing: { staffId: string; name: string; category: StaffCategoryName; idNumber: string }[];
}

/** What a batch recorded. */
export interface VisitBatchResult {
  batchId: string;
  created: number;
  /** People of the selection who already had a visit for the event (left out unless confirmed). */
  skipped: { staffId: string; name: string; reason: string }[];
  warnings: VisitWarning[];
}

/** One reminder of 工作台: what is coming, for whom, and the visit to record for it. */
export interface Reminder {
  /** 生日, 节日, 住院, 退休, 结婚, 生育, 中考, 高考, 金秋助学, 节日覆盖 … */
  kind: string;
  date: string;
  /** The person (or the festival, for a festival reminder). */
  name: string;
  /** The person's ID number; '' for a festival. */
  idNumber: string;
  reason: string;
  staffId: string | null;
  /** The visit one click records (prefilled form), when the reminder asks for one. */
  visit?: { kind: VisitKind; event: string | null; eventDate: string | null; familyMemberId?: string | null };
  /** For a festival coverage reminder: the festival and year (opens the coverage view). */
  festival?: { name: FestivalName; year: number; missing: number };
}

/** A document ready to print: one HTML page with its @page CSS (the same for preview, print and PDF). */
export interface PrintableDocument {
  title: string;
  html: string;
  /** A file name for the PDF (签领表-2026中秋.pdf). */
  fileName: string;
}

/** The result of the visits' Excel import (also the CLI's `--json`). */
export interface VisitImportSummary {
  created: number;
  updated: number;
  warnings: { row: number; message: string }[];
  errors: { row: number; message: string }[];
  committed: boolean;
}
