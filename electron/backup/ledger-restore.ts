import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/contract/api-error';
import { currentSchemaVersion, migrationMap } from '../../db/migrations/migration-map';
import { extractBackupFile, readBackupFileInfo, backupReasonLabels } from './backup-file';
import { recordCountsOf } from './backup-counts';
import { backupFolderOf, fileStampOf, ledgerStemOf, type BackupEntry } from './backup-folder';
import { backupLedger, backupsSettled } from './ledger-backup';
import type { RestorePreviewInfo } from '../../shared/backup-record';

/** What a restore would bring back, against the ledger of today (the preview the clerk confirms). */
export type RestorePreview = RestorePreviewInfo;

/** What a restore did. */
export interface RestoreResult {
  preview: RestorePreview;
  /** The backup of today's ledger taken just before (null when today's file was unreadable). */
  safetyBackup: BackupEntry | null;
  /** Where an unreadable (corrupt) ledger was put aside, for a technician. */
  corruptCopy: string | null;
}

/** A verified, extracted backup beside the ledger, ready to take its place. */
interface StagedBackup {
  path: string;
  preview: Omit<RestorePreview, 'counts' | 'sameInstallation'> & { siteId: string | null; counts: { table: string; label: string; rows: number }[] };
}

function inUse(ledgerPath: string): AppError {
  return new AppError(
    'RESTORE_LEDGER_IN_USE',
    `台账文件 ${ledgerPath} 正被另一个程序使用（另一个暖警台账窗口、网页模式或命令行）。请先关闭它们，再恢复备份；本机数据没有改动。`,
  );
}

/**
 * Extracts a backup beside the ledger and checks it as a ledger: file whole (checksum or GCM tag),
 * `integrity_check`, a schema this program knows (a newer one is refused with the advice to upgrade).
 * The staged file is removed on any refusal.
 */
async function stageBackup(backupPath: string, ledgerPath: string, password?: string): Promise<StagedBackup> {
  const info = await readBackupFileInfo(backupPath);
  const stagedPath = join(dirname(ledgerPath), `.${ledgerStemOf(ledgerPath)}.restore-${randomBytes(6).toString('hex')}.sqlite`);
  await extractBackupFile(info, stagedPath, password);
  try {
    const staged = new BetterSqlite3(stagedPath, { readonly: true, fileMustExist: true });
    try {
      const integrity = String(staged.pragma('integrity_check', { simple: true }));
      if (integrity !== 'ok') throw new AppError('BACKUP_DAMAGED', `备份文件 ${basename(backupPath)} 中的台账没有通过完整性检查，不能用它恢复。请换一个备份；本机数据没有改动。`);
      const hasMigrations = staged.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
      if (!hasMigrations) throw new AppError('BACKUP_NOT_A_LEDGER', `备份文件 ${basename(backupPath)} 里不是暖警台账的数据，不能用它恢复。`);
      const applied = (staged.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((row) => row.name);
      const unknown = applied.filter((name) => !(name in migrationMap));
      if (unknown.length > 0) {
        throw new AppError(
          'BACKUP_NEWER_SCHEMA',
          `备份文件 ${basename(backupPath)} 由更新版本的暖警台账生成（数据结构 ${unknown.at(-1)}，本程序只认识到 ${currentSchemaVersion}，备份时的程序版本 ${info.header.appVersion}）。请先升级：安装暖警台账 ${info.header.appVersion} 或更新的版本，再恢复。`,
        );
      }
      const meta = (key: string) => (staged.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
      const stationId = meta('local_station_id');
      const station = stationId ? (staged.prepare('SELECT code, name FROM station WHERE id = ?').get(stationId) as { code: string; name: string } | undefined) : undefined;
      const siteKeys = meta('site_keys');
      // A ledger that never made keys has none to miss; one whose clear keys were scrubbed does.
      const keysIncluded = siteKeys === null || typeof (JSON.parse(siteKeys) as { signingPrivateKey?: unknown }).signingPrivateKey === 'string';
      const { header } = info;
      return {
        path: stagedPath,
        preview: {
          fileName: basename(backupPath),
          createdAt: header.createdAt,
          reason: header.reason,
          reasonLabel: backupReasonLabels[header.reason],
          encrypted: header.encryption !== null,
          appVersion: header.appVersion,
          schemaVersion: applied.at(-1) ?? '',
          stationCode: station?.code ?? null,
          stationName: station?.name ?? null,
          siteId: meta('site_id'),
          keysIncluded,
          counts: recordCountsOf(staged),
        },
      };
    } finally {
      staged.close();
    }
  } catch (error) {
    await fs.rm(stagedPath, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Today's ledger, read for the preview's comparison; null when it cannot be read (corrupt, missing). */
function currentFacts(ledgerPath: string, live?: BetterSqlite3.Database): { siteId: string | null; counts: Map<string, number> } | null {
  const read = (db: BetterSqlite3.Database) => ({
    siteId: (db.prepare("SELECT value FROM meta WHERE key = 'site_id'").get() as { value: string } | undefined)?.value ?? null,
    counts: new Map(recordCountsOf(db).map((count) => [count.table, count.rows])),
  });
  try {
    if (live?.open) return read(live);
    if (!existsSync(ledgerPath)) return null;
    const db = new BetterSqlite3(ledgerPath, { readonly: true, fileMustExist: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

function previewOf(staged: StagedBackup, current: ReturnType<typeof currentFacts>): RestorePreview {
  const { siteId, counts, ...rest } = staged.preview;
  return {
    ...rest,
    sameInstallation: current !== null && siteId !== null && current.siteId === siteId,
    counts: counts.map((count) => ({ table: count.table, label: count.label, backup: count.rows, current: current ? (current.counts.get(count.table) ?? 0) : null })),
  };
}

/** The preview of restoring a backup over a ledger: checks the whole file (as the restore will), changes nothing. */
export async function previewRestore(backupPath: string, ledgerPath: string, options: { password?: string; live?: BetterSqlite3.Database } = {}): Promise<RestorePreview> {
  const staged = await stageBackup(backupPath, ledgerPath, options.password);
  try {
    return previewOf(staged, currentFacts(ledgerPath, options.live));
  } finally {
    await fs.rm(staged.path, { force: true }).catch(() => undefined);
  }
}

export interface RestoreOptions {
  ledgerPath: string;
  backupPath: string;
  password?: string;
  now: number;
  appVersion: string;
  /** The app's open connection to the ledger: backed up through, then closed before the swap. */
  live?: { sqlite: BetterSqlite3.Database; close(): void };
}

/**
 * Restores a backup over the ledger: the backup is extracted and verified beside the ledger (a
 * truncated, altered or newer backup is refused here, nothing changed); today's file is backed up
 * (reason 「恢复备份前」; an unreadable one is copied aside); the ledger is closed and handed back by
 * SQLite (its WAL folded in: `journal_mode = DELETE` needs every other connection gone, else the
 * restore is refused as in use); then ONE rename puts the restored file in its place. A kill at any
 * moment leaves either the old ledger or the restored one, never a mix.
 */
export async function restoreLedger(options: RestoreOptions): Promise<RestoreResult> {
  const { ledgerPath } = options;
  const staged = await stageBackup(options.backupPath, ledgerPath, options.password);
  try {
    const current = currentFacts(ledgerPath, options.live?.sqlite);
    const preview = previewOf(staged, current);
    let safetyBackup: BackupEntry | null = null;
    let corruptCopy: string | null = null;
    if (options.live?.sqlite.open) {
      safetyBackup = await backupLedger({ sqlite: options.live.sqlite, path: ledgerPath }, { reason: 'restore', now: options.now, appVersion: options.appVersion });
      await backupsSettled(ledgerPath);
      options.live.close();
    } else if (existsSync(ledgerPath)) {
      const sidecar = await safetyOfClosedLedger(ledgerPath, options);
      safetyBackup = sidecar.backup;
      corruptCopy = sidecar.corruptCopy;
    }
    await swapIn(ledgerPath, staged.path, corruptCopy !== null);
    return { preview, safetyBackup, corruptCopy };
  } finally {
    await fs.rm(staged.path, { force: true }).catch(() => undefined);
  }
}

/** Backs up a ledger nobody here has open; a file SQLite cannot read is copied aside instead. */
async function safetyOfClosedLedger(ledgerPath: string, options: RestoreOptions): Promise<{ backup: BackupEntry | null; corruptCopy: string | null }> {
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(ledgerPath, { fileMustExist: true, timeout: 3000 });
    if (String(db.pragma('quick_check', { simple: true })) === 'ok') {
      return { backup: await backupLedger({ sqlite: db, path: ledgerPath }, { reason: 'restore', now: options.now, appVersion: options.appVersion }), corruptCopy: null };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw inUse(ledgerPath);
  } finally {
    db?.close();
  }
  const folder = backupFolderOf(ledgerPath);
  await fs.mkdir(folder, { recursive: true });
  const aside = join(folder, `${ledgerStemOf(ledgerPath)}-${fileStampOf(options.now)}-已损坏.sqlite`);
  await fs.copyFile(ledgerPath, aside);
  if (existsSync(`${ledgerPath}-wal`)) await fs.copyFile(`${ledgerPath}-wal`, `${aside}-wal`);
  return { backup: null, corruptCopy: aside };
}

/**
 * Puts the staged file in the ledger's place with one rename. Before it, the ledger must have no
 * write-ahead log left: a log of the old file replayed onto the restored one would corrupt it.
 */
async function swapIn(ledgerPath: string, stagedPath: string, corrupt: boolean): Promise<void> {
  if (existsSync(ledgerPath) && !corrupt) {
    let db: BetterSqlite3.Database | null = null;
    try {
      db = new BetterSqlite3(ledgerPath, { fileMustExist: true, timeout: 3000 });
      const mode = String(db.pragma('journal_mode = DELETE', { simple: true }));
      if (mode !== 'delete') throw inUse(ledgerPath);
    } catch (error) {
      if (error instanceof AppError) throw error;
      if ((error as { code?: string }).code === 'SQLITE_BUSY' || (error as { code?: string }).code === 'SQLITE_LOCKED') throw inUse(ledgerPath);
      throw error;
    } finally {
      db?.close();
    }
    if (existsSync(`${ledgerPath}-wal`)) throw inUse(ledgerPath);
  } else if (corrupt) {
    // Copied aside already: the log of a corrupt file must not meet the restored one.
    await fs.rm(`${ledgerPath}-wal`, { force: true });
  }
  await fs.rm(`${ledgerPath}-shm`, { force: true }).catch(() => undefined);
  await fs.rm(`${ledgerPath}-journal`, { force: true }).catch(() => undefined);
  await fs.rename(stagedPath, ledgerPath);
  let folder: fs.FileHandle | undefined;
  try {
    folder = await fs.open(dirname(ledgerPath), 'r');
    await folder.sync();
  } catch {
    // Windows cannot fsync a folder; the rename stands.
  } finally {
    await folder?.close().catch(() => undefined);
  }
}
