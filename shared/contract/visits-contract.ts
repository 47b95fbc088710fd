import { z } from 'zod';
import { defineMethod } from './define-method';
import { taskArgs } from './task-contract';
import { festivalNames, type FestivalName } from '../festival-dates';
import type { FileDownload } from '../staff-record';
import {
  visitBatchInputSchema,
  visitBudgetInputSchema,
  visitFilterSchema,
  visitInputSchema,
  visitKinds,
  visitStandardInputSchema,
  type FestivalCoverage,
  type PrintableDocument,
  type Reminder,
  type VisitBatchResult,
  type VisitBudgetLine,
  type VisitImportSummary,
  type VisitItem,
  type VisitList,
  type VisitStandard,
} from '../visit-record';

const byId = z.object({ id: z.string().min(1) });
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD，如 2026-11-23');
const year = z.number({ message: '请填写年份' }).int().min(2000, '年份应为 2000–2100').max(2100, '年份应为 2000–2100');
const festival = z.enum(festivalNames, { message: `节日应为：${festivalNames.join('、')}` });
const visitSheet = z.object({
  ...taskArgs,
  fileName: z.string().max(255).optional(),
  bytesBase64: z.string().min(1, '请选择要导入的慰问记录表（Excel）').max(60 * 1024 * 1024, 'Excel 文件过大（超过 45 MB），请拆分后导入'),
});

/**
 * Which visits a receipt sheet (签领表) lists: those answering an event (a festival batch:
 * 2026中秋), a batch recorded together, or any selection by id.
 */
export const receiptSelectionSchema = z
  .object({
    event: z.string().min(1).max(80).optional(),
    batchId: z.string().min(1).optional(),
    ids: z.array(z.string().min(1)).min(1).max(2000).optional(),
  })
  .refine((s) => Boolean(s.event) || Boolean(s.batchId) || Boolean(s.ids), '请选择要打印签领表的慰问：一个节日、一批登记或若干条记录');

/** The welfare visits' calls (慰问), and the reminders of 工作台. */
export const visitsContract = {
  'visits.list': defineMethod<VisitList>()('慰问记录（按类型、年、月、经费来源、人员筛选），含按类型合计', visitFilterSchema),
  'visits.person': defineMethod<VisitItem[]>()('一个人（及其家属）受过的慰问', z.object({ staffId: z.string().min(1) })),
  'visits.save': defineMethod<VisitItem>()('登记或修改一次慰问（超标准、重复、超预算须填写确认说明）', visitInputSchema),
  'visits.delete': defineMethod<{ deleted: boolean }>()('删除一条慰问记录', byId),
  'visits.batch': defineMethod<VisitBatchResult>()('同一慰问一次登记多人（如节日慰问全员），标准和预算按整批核对', visitBatchInputSchema),
  'visits.coverage': defineMethod<FestivalCoverage>()('某年某节日的慰问覆盖：在职人员中已慰问、未慰问的名单（不遗漏一人）', z.object({ festival, year })),
  'visits.festivals': defineMethod<{ name: FestivalName; date: string }[]>()('某年各节日的日期（农历节日按农历换算）', z.object({ year })),
  'visits.standards': defineMethod<VisitStandard[]>()('慰问标准：各类型的默认标准和市局下发的各版本', z.object({})),
  'visits.standardOn': defineMethod<VisitStandard>()('某类型在某日执行的慰问标准', z.object({ kind: z.enum(visitKinds, { message: '请选择慰问类型' }), date: isoDay })),
  'visits.saveStandard': defineMethod<VisitStandard>()('市局/县局：新增或修改一版慰问标准（随同步文件下发）', visitStandardInputSchema),
  'visits.deleteStandard': defineMethod<{ deleted: boolean }>()('市局/县局：删除一版慰问标准', byId),
  'visits.budget': defineMethod<VisitBudgetLine[]>()('某年慰问预算：各经费来源的预算、本月和全年已用、剩余', z.object({ year })),
  'visits.setBudget': defineMethod<VisitBudgetLine[]>()('设置某年某经费来源的慰问预算', visitBudgetInputSchema),
  'visits.receipt': defineMethod<PrintableDocument>()('签领表（A4，可预览、打印）', receiptSelectionSchema),
  'visits.receiptPdf': defineMethod<FileDownload>()('签领表的 PDF 文件', receiptSelectionSchema),
  'visits.importPreview': defineMethod<VisitImportSummary>()('预览导入 Excel 慰问记录（不写入）', visitSheet),
  'visits.importCommit': defineMethod<VisitImportSummary>()('导入 Excel 慰问记录', visitSheet),
  'visits.export': defineMethod<FileDownload>()('按当前筛选导出慰问记录（.xlsx，可修改后导回）', visitFilterSchema),
  'reminders.list': defineMethod<Reminder[]>()('工作台提醒：今后若干天的生日、节日、住院、退休、婚育、中考高考与节日慰问覆盖', z.object({ from: isoDay.optional(), days: z.number().int().min(1).max(366).optional() })),
};
