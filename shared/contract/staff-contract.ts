import { z } from 'zod';
import { defineMethod } from './define-method';
import { taskArgs } from './task-contract';
import {
  familyInputSchema,
  honourInputSchema,
  rosterFilterSchema,
  staffInputSchema,
  statusChangeInputSchema,
  type ChangeHistoryEntry,
  type FileDownload,
  type FamilyMemberItem,
  type HonourItem,
  type RosterImportSummary,
  type StaffDetail,
  type StaffListItem,
} from '../staff-record';

const byId = z.object({ id: z.string().min(1) });
const spreadsheet = z.object({
  ...taskArgs,
  fileName: z.string().max(255).optional(),
  bytesBase64: z.string().min(1, '请选择要导入的 Excel 文件').max(60 * 1024 * 1024, 'Excel 文件过大（超过 45 MB），请拆分后导入'),
});

/** The roster's calls (人员档案). */
export const staffContract = {
  'staff.list': defineMethod<StaffListItem[]>()('人员名单（含已退休、调出等，由页面筛选）', z.object({})),
  'staff.get': defineMethod<StaffDetail>()('一个人的档案：基本信息、状态变更、家属、表彰', byId),
  'staff.save': defineMethod<StaffListItem>()('新增或修改人员', staffInputSchema),
  'staff.changeStatus': defineMethod<StaffListItem>()('变更人员状态（退休、调出、离职等），保留历史', statusChangeInputSchema),
  'staff.delete': defineMethod<{ deleted: boolean }>()('删除误录的人员（连同家属、表彰）', byId),
  'staff.history': defineMethod<ChangeHistoryEntry[]>()('一个人的变更记录（谁在何时把哪项从什么改成什么）', byId),
  'family.save': defineMethod<FamilyMemberItem>()('新增或修改家属', familyInputSchema),
  'family.delete': defineMethod<{ deleted: boolean }>()('删除家属', byId),
  'honour.save': defineMethod<HonourItem>()('新增或修改表彰', honourInputSchema),
  'honour.delete': defineMethod<{ deleted: boolean }>()('删除表彰', byId),
  'roster.template': defineMethod<FileDownload>()('下载人员导入模板（.xlsx）', z.object({})),
  'roster.importPreview': defineMethod<RosterImportSummary>()('预览 Excel 导入：将新增、更新、拒绝哪些行（不写入）', spreadsheet),
  'roster.importCommit': defineMethod<RosterImportSummary>()('确认导入 Excel 人员名单', spreadsheet),
  'roster.export': defineMethod<FileDownload>()('按当前筛选导出人员名单（.xlsx，含出生日期、性别、年龄、工龄、预计退休日期）', z.object({ filter: rosterFilterSchema.optional() })),
};
