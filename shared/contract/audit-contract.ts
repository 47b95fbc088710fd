import { z } from 'zod';
import { defineMethod } from './define-method';
import { auditFilterSchema, type AuditPage } from '../audit-record';
import type { FileDownload } from '../staff-record';

/** 操作记录: the change log as an audit trail, its Excel export and the undo of a deletion. */
export const auditContract = {
  'audit.changes': defineMethod<AuditPage>()('操作记录：谁在何时把哪条记录的哪一项从什么改成什么（可按用户、数据表、日期、人员筛选）', auditFilterSchema),
  'audit.export': defineMethod<FileDownload>()('把操作记录（按当前筛选）导出为 Excel', auditFilterSchema.omit({ before: true, limit: true })),
  'audit.restore': defineMethod<{ restored: number; record: string }>()(
    '恢复一条被删除的记录（删除人员时一并删除的家属、表彰等也一起恢复）',
    z.object({ table: z.string().min(1).max(40), rowId: z.string().min(1).max(80) }),
  ),
};
