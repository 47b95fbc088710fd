import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { AppError } from '../../shared/contract/api-error';
import { BACKUP_FILE_EXTENSION, backupReasonLabels, readBackupFileInfo, type BackupHeader } from './backup-file';
import type { BackupListEntry } from '../../shared/backup-record';

/** The ledger's name without its extension (`nuanjing-ledger.sqlite` → `nuanjing-ledger`). */
export function ledgerStemOf(ledgerPath: string): string {
  const name = basename(ledgerPath);
  return name.slice(0, name.length - extname(name).length) || name;
}

/**
 * The folder of automatic backups: beside the ledger, named after it (`nuanjing-ledger-备份`), so
 * two ledgers in one folder keep theirs apart and a copy of the ledger's folder carries them.
 */
export function backupFolderOf(ledgerPath: string): string {
  return join(dirname(ledgerPath), `${ledgerStemOf(ledgerPath)}-备份`);
}

/** `20261123-100000` of an instant, in China time (file names sort by it). */
export function fileStampOf(epochMs: number): string {
  const china = new Date(epochMs + 8 * 3_600_000).toISOString();
  return `${china.slice(0, 10).replaceAll('-', '')}-${china.slice(11, 19).replaceAll(':', '')}`;
}

/** A file name in `folder` not taken yet: `base.njbak`, else `base-2.njbak` … */
export async function freeBackupPath(folder: string, base: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const candidate = join(folder, `${base}${n === 1 ? '' : `-${n}`}${BACKUP_FILE_EXTENSION}`);
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
}

/** One backup file as the 备份 page lists it, with where it is. */
export interface BackupEntry extends BackupListEntry {
  path: string;
}

function entryOf(path: string, header: BackupHeader, bytes: number): BackupEntry {
  return {
    fileName: basename(path),
    path,
    createdAt: header.createdAt,
    createdAtMs: header.createdAtMs,
    reason: header.reason,
    reasonLabel: backupReasonLabels[header.reason],
    bytes,
    verified: true,
    encrypted: header.encryption !== null,
    schemaVersion: header.schemaVersion,
    problem: null,
  };
}

/** The header of one backup file as a list entry (throws the file's refusal). */
export async function backupEntryOf(path: string): Promise<BackupEntry> {
  const info = await readBackupFileInfo(path);
  return entryOf(path, info.header, info.bytes);
}

/**
 * Every backup in a folder, newest first: each file's header and size are checked (a file cut short
 * or altered is listed with its problem, not verified). Hidden temp files are left out.
 */
export async function listBackups(folder: string): Promise<BackupEntry[]> {
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new AppError('BACKUP_FOLDER_UNREADABLE', `无法读取备份文件夹 ${folder}：${(error as Error).message}`);
  }
  const entries: BackupEntry[] = [];
  for (const name of names) {
    if (!name.endsWith(BACKUP_FILE_EXTENSION) || name.startsWith('.')) continue;
    const path = join(folder, name);
    try {
      entries.push(await backupEntryOf(path));
    } catch (error) {
      const stat = await fs.stat(path).catch(() => null);
      const mtime = stat?.mtimeMs ?? 0;
      entries.push({
        fileName: name,
        path,
        createdAt: '',
        createdAtMs: mtime,
        reason: 'manual',
        reasonLabel: '—',
        bytes: stat?.size ?? 0,
        verified: false,
        encrypted: false,
        schemaVersion: '',
        problem: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return entries.sort((a, b) => b.createdAtMs - a.createdAtMs || b.fileName.localeCompare(a.fileName));
}

/** The newest backup in the folder that can be restored (verified), or null. */
export async function latestGoodBackup(folder: string): Promise<BackupEntry | null> {
  return (await listBackups(folder)).find((entry) => entry.verified) ?? null;
}
