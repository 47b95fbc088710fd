import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/contract/api-error';
import { chinaDateTimeOf } from '../../shared/china-date';
import { describeWriteError } from '../files/atomic-write';
import { scrubClearSecrets } from '../keys/clear-secrets';
import { writeBackupFile, type BackupFacts, type BackupReason } from './backup-file';
import { backupEntryOf, backupFolderOf, fileStampOf, freeBackupPath, ledgerStemOf, type BackupEntry } from './backup-folder';

/** What a backup is taken with. */
export interface BackupOptions {
  reason: BackupReason;
  /** Where the file goes; the folder beside the ledger when absent. */
  folder?: string;
  /** Encrypts the file with this password (a stick that leaves the station). */
  password?: string;
  /** Wall clock (epoch ms): the file's date. */
  now: number;
  appVersion: string;
}

/** A ledger to back up: its open connection (SQLite's online backup reads through it) and its path. */
export interface BackupSource {
  sqlite: BetterSqlite3.Database;
  path: string;
}

/** Pages per step of the online backup: all at once, so writers cannot restart it page by page. */
const ALL_PAGES = 0x7fffffff;

/** Backups in progress per ledger, so a restore waits for them (and two never overlap on one file). */
const running = new Map<string, Promise<unknown>>();

/** Waits for the backups of this ledger that are running in this process. */
export async function backupsSettled(ledgerPath: string): Promise<void> {
  await running.get(ledgerPath)?.catch(() => undefined);
}

function metaOf(copy: BetterSqlite3.Database, key: string): string | null {
  return (copy.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

/** Facts of the copy for the file's header: its schema, site and station. */
function factsOf(copy: BetterSqlite3.Database, options: BackupOptions): BackupFacts {
  const schemaVersion = (copy.prepare('SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1').get() as { name: string } | undefined)?.name ?? '';
  const stationId = metaOf(copy, 'local_station_id');
  const station = stationId ? (copy.prepare('SELECT code, name FROM station WHERE id = ?').get(stationId) as { code: string; name: string } | undefined) : undefined;
  return {
    createdAt: chinaDateTimeOf(options.now),
    createdAtMs: options.now,
    reason: options.reason,
    appVersion: options.appVersion,
    schemaVersion,
    siteId: metaOf(copy, 'site_id'),
    stationCode: station?.code ?? null,
    stationName: station?.name ?? null,
  };
}

/**
 * Backs a ledger up with SQLite's online backup API (a consistent snapshot while the app keeps
 * writing): the copy is made in the target folder, secrets still in clear are scrubbed from it,
 * it must pass a full `integrity_check`, and only then is it written as a backup file (atomically;
 * encrypted with a password). Nothing is left behind on failure.
 * @throws AppError `BACKUP_VERIFY_FAILED` when the copy is not intact; FileWriteError on a disk error.
 */
export async function backupLedger(source: BackupSource, options: BackupOptions): Promise<BackupEntry> {
  const previous = running.get(source.path) ?? Promise.resolve();
  const job = previous.catch(() => undefined).then(() => takeBackup(source, options));
  running.set(source.path, job);
  try {
    return await job;
  } finally {
    if (running.get(source.path) === job) running.delete(source.path);
  }
}

async function takeBackup(source: BackupSource, options: BackupOptions): Promise<BackupEntry> {
  if (!source.sqlite.open) throw new AppError('BACKUP_LEDGER_CLOSED', '台账已关闭，无法备份。');
  const folder = options.folder ?? backupFolderOf(source.path);
  try {
    await fs.mkdir(folder, { recursive: true });
  } catch (error) {
    throw describeWriteError(error, folder);
  }
  const copyPath = join(folder, `.copy-${randomBytes(6).toString('hex')}.sqlite`);
  try {
    try {
      await source.sqlite.backup(copyPath, { progress: () => ALL_PAGES });
    } catch (error) {
      throw describeWriteError(error, folder);
    }
    const copy = new BetterSqlite3(copyPath);
    let facts: BackupFacts;
    try {
      // One self-contained file (no -wal beside it), and deleted content overwritten with zeros.
      copy.pragma('journal_mode = DELETE');
      copy.pragma('secure_delete = ON');
      if (scrubClearSecrets(copy) > 0) copy.exec('VACUUM');
      const integrity = String(copy.pragma('integrity_check', { simple: true }));
      if (integrity !== 'ok') {
        throw new AppError('BACKUP_VERIFY_FAILED', `备份副本没有通过完整性检查（${integrity.slice(0, 200)}），已丢弃。台账文件本身可能有问题：请不要继续录入，联系技术支持。`);
      }
      facts = factsOf(copy, options);
    } finally {
      copy.close();
    }
    const base = options.folder
      ? `暖警台账备份-${facts.stationCode ?? ledgerStemOf(source.path)}-${fileStampOf(options.now)}`
      : `${ledgerStemOf(source.path)}-${fileStampOf(options.now)}-${options.reason}`;
    const target = await freeBackupPath(folder, base);
    await writeBackupFile(copyPath, target, facts, options.password);
    return await backupEntryOf(target);
  } finally {
    await fs.rm(copyPath, { force: true }).catch(() => undefined);
    await fs.rm(`${copyPath}-journal`, { force: true }).catch(() => undefined);
  }
}

/** Removes what a backup or restore killed midway left in a folder (hidden temp files older than an hour). */
export async function removeStaleTempFiles(folder: string, now: number): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith('.') || !/\.(copy|restore)-[0-9a-f]+|\.tmp-[0-9a-f]+/.test(name)) continue;
    const path = join(folder, name);
    const stat = await fs.stat(path).catch(() => null);
    if (stat && now - stat.mtimeMs > 3_600_000) await fs.rm(path, { force: true }).catch(() => undefined);
  }
}
