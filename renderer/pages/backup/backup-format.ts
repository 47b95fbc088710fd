import type { FileFilter } from '../../api/file-transfer';

/** The save/open dialogs' filter for backup files. */
export const backupFileFilters: FileFilter[] = [{ name: '暖警台账备份', extensions: ['njbak'] }];

/** A file size as a clerk reads it: 396 KB, 12.4 MB. */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
