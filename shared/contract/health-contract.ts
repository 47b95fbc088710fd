import { z } from 'zod';
import { defineMethod } from './define-method';
import { taskArgs } from './task-contract';
import {
  abnormalItemNameSchema,
  checkupInputSchema,
  healthExportLists,
  healthFilterSchema,
  interventionInputSchema,
  medicalEventInputSchema,
  screeningInputSchema,
  type AbnormalItemEntry,
  type CheckupItem,
  type HealthCoverage,
  type HealthImportSummary,
  type HealthOverdueReport,
  type HealthOverview,
  type HealthSummary,
  type InterventionItem,
  type MedicalEventItem,
  type PersonHealth,
  type ScreeningItem,
} from '../health-record';
import type { FileDownload } from '../staff-record';

const byId = z.object({ id: z.string().min(1) });
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD，如 2026-11-23');
const hospitalSheet = z.object({
  ...taskArgs,
  fileName: z.string().max(255).optional(),
  bytesBase64: z.string().min(1, '请选择医院的体检结果表（Excel）').max(60 * 1024 * 1024, 'Excel 文件过大（超过 45 MB），请拆分后导入'),
  /** On commit: the unknown abnormal items the clerk chose to add to the vocabulary. */
  addItems: z.array(abnormalItemNameSchema).max(200).optional(),
});

/**
 * The health calls (健康管理), grouped for the accounts issue to restrict by role. Health details
 * are sensitive personal information (个人信息保护法 Art. 28): every read goes through these calls.
 *
 * - **Counts only** (no names, no diagnoses — for 工作台, the monthly report, the bureau's
 *   coverage): `health.summary`, `health.coverage`.
 * - **Details** (names with levels, abnormal items, diagnoses — the health clerk's): every other
 *   read (`health.overview`, `health.person`, `health.overdue`, `health.export`), and every write.
 */
export const healthContract = {
  'health.summary': defineMethod<HealthSummary>()('健康情况统计（只含人数和等级，不含姓名和诊断）', healthFilterSchema.pick({ year: true })),
  'health.coverage': defineMethod<HealthCoverage>()('某年体检覆盖率（按民警、辅警、职工，只含人数）', z.object({ year: z.number().int().min(2000).max(2100) })),
  'health.overview': defineMethod<HealthOverview>()('健康管理页面：体检、心理、就医各名单（含姓名和诊断，敏感）', healthFilterSchema),
  'health.overdue': defineMethod<HealthOverdueReport>()('体检逾期、复查逾期、心理干预逾期名单', z.object({ on: isoDay.optional() })),
  'health.person': defineMethod<PersonHealth>()('一个人的健康档案：体检、心理普测、干预、就医', z.object({ staffId: z.string().min(1) })),
  'health.vocabulary': defineMethod<AbnormalItemEntry[]>()('体检异常项目词表（内置、本单位、上级下发）', z.object({})),
  'health.addItems': defineMethod<AbnormalItemEntry[]>()('向体检异常项目词表添加项目（市局添加的下发到各派出所）', z.object({ names: z.array(abnormalItemNameSchema).min(1, '请填写要添加的异常项目').max(200) })),
  'health.checkup.save': defineMethod<CheckupItem>()('新增或修改体检记录', checkupInputSchema),
  'health.checkup.delete': defineMethod<{ deleted: boolean }>()('删除体检记录', byId),
  'health.screening.save': defineMethod<ScreeningItem>()('新增或修改心理健康普测记录', screeningInputSchema),
  'health.screening.delete': defineMethod<{ deleted: boolean }>()('删除心理健康普测记录', byId),
  'health.intervention.save': defineMethod<InterventionItem>()('新增或修改一对一心理干预记录', interventionInputSchema),
  'health.intervention.delete': defineMethod<{ deleted: boolean }>()('删除一对一心理干预记录', byId),
  'health.event.save': defineMethod<MedicalEventItem>()('新增或修改就医记录（住院、因公负伤、重大疾病、门诊）', medicalEventInputSchema),
  'health.event.delete': defineMethod<{ deleted: boolean }>()('删除就医记录', byId),
  'health.importTemplate': defineMethod<FileDownload>()('下载体检结果导入模板（.xlsx）', z.object({})),
  'health.importPreview': defineMethod<HealthImportSummary>()('预览导入医院的体检结果表：将新增、更新、拒绝哪些行（不写入）', hospitalSheet),
  'health.importCommit': defineMethod<HealthImportSummary>()('确认导入医院的体检结果表', hospitalSheet),
  'health.export': defineMethod<FileDownload>()('把健康管理的一个名单导出为 Excel', healthFilterSchema.extend({ list: z.enum(healthExportLists, { message: '没有这个名单' }) })),
};
