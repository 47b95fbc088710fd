import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AppError } from '../../shared/contract/api-error';
import type { ParsedArgsOf } from '../../shared/contract/api-contract';
import type { BackupListEntry, RestoreOutcome } from '../../shared/backup-record';
import { chinaDateOf } from '../../shared/china-date';
import type { LedgerStore } from '../../db/ledger-store';
import type { AppDeps } from '../app-deps';
import type { HandlerTable } from '../handlers/handler-registry';
import { attachedKeyWrapper, keyProtectionLabels } from '../keys/ledger-keys';
import { openAppLedger, retentionOf } from './app-ledger';
import { BACKUP_FILE_EXTENSION } from './backup-file';
import { backupFolderOf, listBackups, type BackupEntry } from './backup-folder';
import { backupLedger } from './ledger-backup';
import { previewRestore, restoreLedger } from './ledger-restore';

function listEntryOf(entry: BackupEntry): BackupListEntry {
  const { path: _path, ...rest } = entry;
  return rest;
}

function requireFileLedger(store: LedgerStore): void {
  if (store.path === ':memory:') throw new AppError('BACKUP_MEMORY_LEDGER', '这是临时的内存台账（没有数据文件），不能备份或恢复。');
}

/** A backup file to read: one of the list (by name, inside the folder) or an upload in a temp folder. */
async function sourceOf(store: LedgerStore, args: ParsedArgsOf<'backup.preview'>): Promise<{ path: string; cleanup(): void }> {
  if (args.fileName) {
    const name = basename(args.fileName);
    if (name !== args.fileName || !name.endsWith(BACKUP_FILE_EXTENSION)) throw new AppError('BACKUP_NOT_FOUND', `备份列表中没有「${args.fileName}」。请刷新列表后重新选择。`);
    return { path: join(backupFolderOf(store.path), name), cleanup: () => undefined };
  }
  const upload = args.upload!;
  const folder = mkdtempSync(join(tmpdir(), 'nuanjing-restore-'));
  const path = join(folder, basename(upload.fileName || `backup${BACKUP_FILE_EXTENSION}`));
  await fs.writeFile(path, Buffer.from(upload.bytesBase64, 'base64'));
  return { path, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * Restores a backup over the open ledger and reopens it in place (`deps.store` becomes the restored
 * ledger, with the same key wrapper); a refusal after the old connection was closed reopens the old
 * file, so the app keeps working on it.
 */
async function restoreInPlace(deps: AppDeps, backupPath: string, password: string | undefined): Promise<RestoreOutcome> {
  const old = deps.store;
  const keyWrapper = attachedKeyWrapper(old);
  const reopen = async () => {
    const store = await openAppLedger(old.path, { appVersion: deps.appVersion, keyWrapper, wallClock: old.now, protectClearKeys: keyWrapper !== undefined });
    store.clockToleranceMs = old.clockToleranceMs;
    store.onDataChanged((change) => deps.events('data.changed', change));
    deps.store = store;
  };
  let result;
  try {
    result = await restoreLedger({ ledgerPath: old.path, backupPath, password, now: old.now(), appVersion: deps.appVersion, live: { sqlite: old.sqlite, close: () => old.close() } });
  } catch (error) {
    if (!old.sqlite.open) await reopen();
    throw error;
  }
  await reopen();
  deps.onLedgerRestored?.();
  return { preview: result.preview, safetyBackup: result.safetyBackup?.fileName ?? null, corruptCopy: result.corruptCopy };
}

/** The 备份 page's calls. Every one but `backup.list` is a 管理员 action (shared/contract/method-access.ts). */
export const backupHandlers: HandlerTable = {
  'backup.list': async (deps) => {
    const { store } = deps;
    requireFileLedger(store);
    const folder = backupFolderOf(store.path);
    const entries = await listBackups(folder);
    const today = chinaDateOf(store.now());
    return {
      folder,
      ledgerPath: store.path,
      entries: entries.map(listEntryOf),
      retention: retentionOf(store),
      backedUpToday: entries.some((entry) => entry.verified && chinaDateOf(entry.createdAtMs) === today),
      keyProtection: keyProtectionLabels(store),
    };
  },

  // 管理员
  'backup.create': async (deps, args) => {
    requireFileLedger(deps.store);
    const entry = await backupLedger(deps.store, { reason: 'manual', folder: args.toFolder, password: args.password, now: deps.store.now(), appVersion: deps.appVersion });
    return listEntryOf(entry);
  },

  // 管理员
  'backup.download': async (deps, args) => {
    requireFileLedger(deps.store);
    const folder = mkdtempSync(join(tmpdir(), 'nuanjing-backup-'));
    try {
      const entry = await backupLedger(deps.store, { reason: 'manual', folder, password: args.password, now: deps.store.now(), appVersion: deps.appVersion });
      return { fileName: entry.fileName, bytesBase64: (await fs.readFile(entry.path)).toString('base64') };
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },

  // 管理员
  'backup.preview': async (deps, args) => {
    requireFileLedger(deps.store);
    const source = await sourceOf(deps.store, args);
    try {
      return await previewRestore(source.path, deps.store.path, { password: args.password, live: deps.store.sqlite });
    } finally {
      source.cleanup();
    }
  },

  // 管理员
  'backup.restore': async (deps, args) => {
    requireFileLedger(deps.store);
    const source = await sourceOf(deps.store, args);
    try {
      return await restoreInPlace(deps, source.path, args.password);
    } finally {
      source.cleanup();
    }
  },
};
