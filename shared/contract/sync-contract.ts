import { z } from 'zod';
import { defineMethod } from './define-method';
import { stationCodeSchema, stationNameSchema, stationRoleSchema, type StationInfo } from './app-contract';
import { MAX_BUNDLE_BASE64_LENGTH, MAX_BUNDLE_FILE_BYTES, megabytesText } from '../sync-limits';
import { requiredDate, type FileDownload, type StaffListItem } from '../staff-record';
import type { BundleExport, BundleImportSummary, SetupFilePreview, SyncConflictItem, SyncHistoryEntry, SyncStatus } from '../sync-record';
import { taskArgs } from './task-contract';

/** Longest file name an upload may carry. */
export const MAX_UPLOAD_FILE_NAME_LENGTH = 255;

/**
 * An uploaded sync bundle or setup file. Its base64 text may be as long as that of a bundle at the
 * file limit (shared/sync-limits.ts) and no longer; the import then checks the exact byte count.
 */
export const fileUploadSchema = z.object({
  fileName: z.string().max(MAX_UPLOAD_FILE_NAME_LENGTH).default(''),
  /** May be empty: an empty file is the handler's to refuse with its own code (BUNDLE_EMPTY). */
  bytesBase64: z
    .string()
    .max(MAX_BUNDLE_BASE64_LENGTH, `文件超过 ${megabytesText(MAX_BUNDLE_FILE_BYTES)}，不是暖警台账的同步文件或开通文件。请核对所选文件。`),
});

/**
 * 调动: a bureau moves a person to another station under it (`sync.transferStaff`); the transfer
 * dialog validates its fields with the same schema as the handler.
 */
export const staffTransferInputSchema = z.object({
  staffId: z.string().min(1),
  toStationCode: stationCodeSchema,
  date: requiredDate('调动日期'),
  reason: z.string().trim().max(200, '原因不超过200个字').optional(),
});
export type StaffTransferInput = z.input<typeof staffTransferInputSchema>;

/** The sync calls (数据同步). */
export const syncContract = {
  'sync.status': defineMethod<SyncStatus>()('同步状态：上级、所属单位、待发送变更、未处理冲突', z.object({})),
  'sync.openStation': defineMethod<FileDownload>()(
    '市局开通派出所：生成一次性的开通文件。已开通的单位代码会被拒绝（STATION_ALREADY_OPEN），除非 reissue 为 true：重新生成会作废旧文件，用于派出所电脑损坏后恢复；已登记的单位在新文件设置的电脑第一次报送前仍可用原电脑报送。不填类型时，重新生成保留原类型，新开通的为派出所',
    z.object({ code: stationCodeSchema, name: stationNameSchema, role: stationRoleSchema.optional(), reissue: z.boolean().default(false) }),
  ),
  'sync.previewSetupFile': defineMethod<SetupFilePreview>()('读取开通文件（不写入）', fileUploadSchema),
  'sync.setupFromFile': defineMethod<StationInfo>()('用市局发放的开通文件完成本机首次设置', fileUploadSchema.extend({ operatorName: z.string().trim().max(20).optional() })),
  'sync.joinParent': defineMethod<SyncStatus>()('已在使用的本机（如县局）登记上级单位的开通文件', fileUploadSchema),
  'sync.exportBundle': defineMethod<BundleExport>()('为一个对方单位生成同步文件', z.object({ peerCode: stationCodeSchema, ...taskArgs })),
  'sync.exportAll': defineMethod<BundleExport[]>()('市局：为所有已登记的派出所各生成一个同步文件', z.object({})),
  'sync.importBundle': defineMethod<BundleImportSummary>()(
    '导入同步文件；dryRun 只预览将发生的变化，不写入',
    fileUploadSchema.extend({ dryRun: z.boolean().default(false), ...taskArgs }),
  ),
  'sync.history': defineMethod<SyncHistoryEntry[]>()('同步记录（导出与导入）', z.object({ limit: z.number().int().min(1).max(1000).default(200) })),
  'sync.conflicts': defineMethod<SyncConflictItem[]>()('需要核对的冲突', z.object({ includeResolved: z.boolean().default(false) })),
  'sync.resolveConflict': defineMethod<SyncConflictItem>()(
    '处理冲突：保留当前值，或改用另一方的值（这是一次普通修改，会同步给对方）',
    z.object({ id: z.string().min(1), keep: z.enum(['current', 'other']) }),
  ),
  'sync.transferStaff': defineMethod<StaffListItem>()(
    '市局：把一名人员调动到另一个派出所，其档案随人走',
    staffTransferInputSchema,
  ),
};
