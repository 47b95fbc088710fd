import { dirname } from 'node:path';
import { AppError } from '../../shared/contract/api-error';
import { chinaDateOf } from '../../shared/china-date';
import { openLedgerStore, type LedgerStore, type OpenStoreOptions } from '../../db/ledger-store';
import { readSettings } from '../handlers/app-handlers';
import { protectClearSecrets } from '../keys/clear-secrets';
import type { KeyWrapper } from '../keys/key-wrapper';
import { useKeyWrapper } from '../keys/ledger-keys';
import { backupFolderOf, latestGoodBackup, listBackups, type BackupEntry } from './backup-folder';
import { pruneBackups, type RetentionPolicy } from './backup-retention';
import { backupLedger, removeStaleTempFiles } from './ledger-backup';

/** How the app, web mode and the CLI open a ledger file. */
export interface AppLedgerOptions extends Pick<OpenStoreOptions, 'wallClock' | 'newId'> {
  appVersion: string;
  /** How the sync keys are unlocked (safeStorage, a passphrase); absent: see `useKeyWrapper`. */
  keyWrapper?: KeyWrapper;
  /** Seal keys still kept in clear now (needs the wrapper able to unlock: a passphrase was given). */
  protectClearKeys?: boolean;
}

/** Details of a `DB_CORRUPT` refusal: the backup the app offers instead. */
export interface CorruptLedgerDetails {
  latestBackup: BackupEntry | null;
}

/**
 * Opens a ledger for the app: leftovers of a killed backup or restore removed; a backup of the file
 * before any migration (reason 「升级数据结构前」); a file that fails `quick_check` refused with the
 * latest good backup named (never opened for writing); the key wrapper attached and, when asked,
 * the keys still in clear sealed.
 * @throws AppError `DB_CORRUPT` with {@link CorruptLedgerDetails}, `DB_NEWER_SCHEMA` with the version to install.
 */
export async function openAppLedger(path: string, options: AppLedgerOptions): Promise<LedgerStore> {
  const now = (options.wallClock ?? Date.now)();
  if (path !== ':memory:') {
    await removeStaleTempFiles(dirname(path), now);
    await removeStaleTempFiles(backupFolderOf(path), now);
  }
  let store: LedgerStore;
  try {
    store = await openLedgerStore(path, {
      wallClock: options.wallClock,
      newId: options.newId,
      appVersion: options.appVersion,
      beforeMigration: async (sqlite) => {
        await backupLedger({ sqlite, path }, { reason: 'migration', now, appVersion: options.appVersion });
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'DB_CORRUPT' && path !== ':memory:') throw await corruptRefusal(path, error);
    throw error;
  }
  if (options.keyWrapper) useKeyWrapper(store, options.keyWrapper);
  if (options.protectClearKeys) {
    try {
      protectClearSecrets(store);
    } catch (error) {
      store.close();
      throw error;
    }
  }
  return store;
}

async function corruptRefusal(path: string, error: AppError): Promise<AppError> {
  const latestBackup = await latestGoodBackup(backupFolderOf(path)).catch(() => null);
  const offer = latestBackup
    ? `最近一次完好的备份是 ${latestBackup.createdAt}（${latestBackup.reasonLabel}）：${latestBackup.path}。可以用它恢复（命令行：nuanjing restore --db "${path}" --from "${latestBackup.path}"）；台账在恢复前不会被打开写入。`
    : '没有找到本机的自动备份：请用U盘上的备份恢复（nuanjing restore），或联系市局用同步文件恢复。';
  return new AppError('DB_CORRUPT', `${error.message}\n${offer}`, { latestBackup } satisfies CorruptLedgerDetails);
}

/** The retention of the settings (设置 → 自动备份保留). */
export function retentionOf(store: LedgerStore): RetentionPolicy {
  const settings = readSettings({ store });
  return { daily: settings['backup.keepDaily'], weekly: settings['backup.keepWeekly'], monthly: settings['backup.keepMonthly'] };
}

/** Keeps the folder beside the ledger to the retention of the settings. */
export async function pruneAutomaticBackups(store: LedgerStore, now: number): Promise<BackupEntry[]> {
  return pruneBackups(await listBackups(backupFolderOf(store.path)), retentionOf(store), now);
}

/** Takes an automatic backup beside the ledger and prunes the folder. In-memory ledgers have none. */
export async function automaticBackup(store: LedgerStore, reason: 'daily' | 'import' | 'restore', appVersion: string): Promise<BackupEntry | null> {
  if (store.path === ':memory:') return null;
  const now = store.now();
  const entry = await backupLedger(store, { reason, now, appVersion });
  await pruneAutomaticBackups(store, now);
  return entry;
}

/** The daily backup: taken at the first start of a (China) day on which none was taken yet. */
export async function dailyBackupIfDue(store: LedgerStore, appVersion: string): Promise<BackupEntry | null> {
  if (store.path === ':memory:') return null;
  const today = chinaDateOf(store.now());
  const backups = await listBackups(backupFolderOf(store.path));
  if (backups.some((entry) => entry.verified && chinaDateOf(entry.createdAtMs) === today)) return null;
  return automaticBackup(store, 'daily', appVersion);
}

/** Before a bundle import: one backup for a batch of imports (none when one was taken in the last minutes). */
export const IMPORT_BACKUP_INTERVAL_MS = 5 * 60_000;

/** The backup before importing sync files, unless a backup of the file is only minutes old. */
export async function importBackupIfDue(store: LedgerStore, appVersion: string): Promise<BackupEntry | null> {
  if (store.path === ':memory:') return null;
  const newest = (await listBackups(backupFolderOf(store.path))).find((entry) => entry.verified);
  if (newest && newest.reason !== 'manual' && store.now() - newest.createdAtMs < IMPORT_BACKUP_INTERVAL_MS && newest.createdAtMs <= store.now()) return null;
  return automaticBackup(store, 'import', appVersion);
}
