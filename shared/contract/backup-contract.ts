import { z } from 'zod';
import { defineMethod } from './define-method';
import type { BackupListEntry, BackupListing, RestoreOutcome, RestorePreviewInfo } from '../backup-record';
import type { FileDownload } from '../staff-record';
import { fileUploadSchema } from './sync-contract';

/** A password for an encrypted backup: the clerk's own, at least 8 characters. */
export const backupPasswordSchema = z
  .string({ message: '请填写备份密码' })
  .min(8, '备份密码至少8个字符（U盘离开派出所，密码要足够长）')
  .max(200, '备份密码不超过200个字符');

/**
 * Which backup to preview or restore: one of the list (by its file name in the folder beside the
 * ledger) or a file the clerk picked (a stick), uploaded; the password of an encrypted one.
 */
const restoreSourceSchema = z
  .object({
    fileName: z.string().trim().max(255).optional(),
    upload: fileUploadSchema.optional(),
    password: z.string().max(200).optional(),
  })
  .refine((value) => (value.fileName ? 1 : 0) + (value.upload ? 1 : 0) === 1, { message: '请选择一个备份：列表中的一项，或U盘上的备份文件' });

/**
 * Calls of the 备份 page. All but `backup.list` are 管理员 only (shared/contract/method-access.ts): a
 * backup holds every person's file, health details included; a restore replaces the whole ledger.
 */
export const backupContract = {
  'backup.list': defineMethod<BackupListing>()('备份列表：台账旁备份文件夹中的备份（日期、大小、原因、是否校验通过）', z.object({})),
  'backup.create': defineMethod<BackupListEntry>()(
    '立即备份（管理员）：到台账旁的备份文件夹，或 toFolder 指定的文件夹（U盘）；给了 password 则加密',
    z.object({ toFolder: z.string().trim().min(1).max(1000).optional(), password: backupPasswordSchema.optional() }),
  ),
  'backup.download': defineMethod<FileDownload>()(
    '备份到U盘（管理员）：生成一个备份文件交给页面保存；给了 password 则加密',
    z.object({ password: backupPasswordSchema.optional() }),
  ),
  'backup.preview': defineMethod<RestorePreviewInfo>()('恢复预览（管理员）：校验备份文件，列出备份日期和各类记录数与现在的对比，不写入', restoreSourceSchema),
  'backup.restore': defineMethod<RestoreOutcome>()(
    '从备份恢复（管理员）：先备份现在的台账，再整体换成备份中的台账，然后重新打开',
    restoreSourceSchema,
  ),
};
