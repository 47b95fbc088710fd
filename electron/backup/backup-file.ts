import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual, type CipherGCM, type DecipherGCM, type Hash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/contract/api-error';
import { describeWriteError, syncFolder } from '../files/atomic-write';
import { scryptKey } from '../keys/key-wrapper';

/**
 * The backup file (`.njbak`): one file a clerk can copy to a stick, that says what it is and
 * refuses to be restored when cut short or altered.
 *
 *     "NJBACKUP" | u32 header length (big-endian) | header (JSON) | payload | trailer
 *
 * The payload is the SQLite file of the ledger copy (verified by `integrity_check` before it was
 * written). Plain: the trailer is SHA-256 over everything before it. Encrypted (a password the
 * clerk chose): the payload is AES-256-GCM under a key scrypt derives from the password, the magic,
 * length and header are its associated data and the trailer its tag — the header (format version,
 * KDF parameters) is authenticated with the rest. A key check value in the header tells a wrong
 * password from an altered file.
 */
export const BACKUP_FILE_EXTENSION = '.njbak';

const MAGIC = Buffer.from('NJBACKUP', 'ascii');
const PREFIX_BYTES = MAGIC.length + 4;
const MAX_HEADER_BYTES = 64 * 1024;
const BACKUP_FORMAT_VERSION = 1;
const CHUNK_BYTES = 1024 * 1024;
/** scrypt cost of a backup password: 2^16 × 8 × 128 B = 64 MB, a fraction of a second once per file. */
const BACKUP_SCRYPT = { N: 2 ** 16, r: 8, p: 1 } as const;

/** Why a backup was taken (the list shows it). */
export const backupReasons = ['daily', 'manual', 'import', 'migration', 'restore'] as const;
export type BackupReason = (typeof backupReasons)[number];

/** The clerk's words for each reason. */
export const backupReasonLabels: Record<BackupReason, string> = {
  daily: '每日自动',
  manual: '手动',
  import: '导入同步文件前',
  migration: '升级数据结构前',
  restore: '恢复备份前',
};

const encryptionSchema = z.object({
  cipher: z.literal('aes-256-gcm'),
  kdf: z.literal('scrypt'),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  salt: z.string(),
  iv: z.string(),
  keyCheck: z.string(),
});

const headerSchema = z.object({
  format: z.literal('nuanjing-backup'),
  version: z.number().int().positive(),
  createdAt: z.string(),
  createdAtMs: z.number(),
  reason: z.enum(backupReasons),
  appVersion: z.string(),
  schemaVersion: z.string(),
  siteId: z.string().nullable(),
  stationCode: z.string().nullable(),
  stationName: z.string().nullable(),
  payloadBytes: z.number().int().nonnegative(),
  encryption: encryptionSchema.nullable(),
});

/** What a backup file says about itself (authenticated with the file: see above). */
export type BackupHeader = z.infer<typeof headerSchema>;

/** The header fields the caller gives; the format fills in the rest. */
export type BackupFacts = Omit<BackupHeader, 'format' | 'version' | 'payloadBytes' | 'encryption'>;

/** Error codes of backup files. */
export const backupFileErrors = {
  notBackup: 'BACKUP_NOT_A_BACKUP',
  truncated: 'BACKUP_TRUNCATED',
  damaged: 'BACKUP_DAMAGED',
  newerFormat: 'BACKUP_NEWER_FORMAT',
  passwordNeeded: 'BACKUP_PASSWORD_NEEDED',
  passwordWrong: 'BACKUP_PASSWORD_WRONG',
} as const;

function trailerBytes(header: BackupHeader): number {
  return header.encryption ? 16 : 32;
}

function keyCheckOf(key: Buffer): string {
  return createHmac('sha256', key).update('nuanjing-backup-key-check-v1').digest('base64').slice(0, 16);
}

function prefixAndHeader(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json]);
}

/**
 * Writes the SQLite file at `sqlitePath` as a backup file at `targetPath`: streamed through a temp
 * file beside the target, fsynced, renamed over it (a half-written backup never carries the name).
 * With a `password`, encrypted. Returns the size written.
 * @throws FileWriteError (full disk, read-only stick …) with the clerk's message; nothing left behind.
 */
export async function writeBackupFile(sqlitePath: string, targetPath: string, facts: BackupFacts, password?: string): Promise<number> {
  const payloadBytes = (await fs.stat(sqlitePath)).size;
  let cipher: CipherGCM | null = null;
  let encryption: BackupHeader['encryption'] = null;
  if (password !== undefined) {
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const key = scryptKey(password, salt, BACKUP_SCRYPT);
    encryption = { cipher: 'aes-256-gcm', kdf: 'scrypt', ...BACKUP_SCRYPT, salt: salt.toString('base64'), iv: iv.toString('base64'), keyCheck: keyCheckOf(key) };
    cipher = createCipheriv('aes-256-gcm', key, iv);
  }
  // An encrypted file names no station in clear: the header says only what is needed to open it.
  const header: BackupHeader = {
    format: 'nuanjing-backup',
    version: BACKUP_FORMAT_VERSION,
    ...facts,
    ...(encryption ? { siteId: null, stationCode: null, stationName: null } : {}),
    payloadBytes,
    encryption,
  };
  const head = prefixAndHeader(header);
  if (cipher) cipher.setAAD(head);
  const hash: Hash | null = cipher ? null : createHash('sha256').update(head);
  const tempPath = join(dirname(targetPath), `.${basename(targetPath)}.tmp-${randomBytes(6).toString('hex')}`);
  let renamed = false;
  try {
    const out = await fs.open(tempPath, 'wx');
    const source = await fs.open(sqlitePath, 'r');
    try {
      await out.write(head);
      const buffer = Buffer.alloc(CHUNK_BYTES);
      let copied = 0;
      while (copied < payloadBytes) {
        const { bytesRead } = await source.read(buffer, 0, Math.min(CHUNK_BYTES, payloadBytes - copied), copied);
        if (bytesRead === 0) break;
        copied += bytesRead;
        const chunk = buffer.subarray(0, bytesRead);
        if (cipher) await out.write(cipher.update(chunk));
        else {
          hash!.update(chunk);
          await out.write(chunk);
        }
      }
      if (copied !== payloadBytes) throw new AppError('BACKUP_SOURCE_CHANGED', '备份过程中数据副本大小发生变化，备份没有完成。请重试。');
      if (cipher) {
        const rest = cipher.final();
        if (rest.length > 0) await out.write(rest);
        await out.write(cipher.getAuthTag());
      } else {
        await out.write(hash!.digest());
      }
      await out.sync();
    } finally {
      await source.close();
      await out.close();
    }
    await fs.rename(tempPath, targetPath);
    renamed = true;
  } catch (error) {
    if (!renamed) await fs.rm(tempPath, { force: true }).catch(() => undefined);
    if (error instanceof AppError) throw error;
    throw describeWriteError(error, targetPath);
  }
  await syncFolder(dirname(targetPath));
  return head.length + payloadBytes + trailerBytes(header);
}

/** A backup file's header and where its payload starts, read without reading the payload. */
export interface BackupFileInfo {
  path: string;
  header: BackupHeader;
  /** The file's size on disk. */
  bytes: number;
  payloadOffset: number;
}

/**
 * Reads and checks a backup file's header and size: not a backup, a newer format, cut short or with
 * bytes added are refused here, before anything is decrypted or written.
 */
export async function readBackupFileInfo(path: string): Promise<BackupFileInfo> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      code === 'ENOENT' ? 'BACKUP_NOT_FOUND' : 'BACKUP_UNREADABLE',
      code === 'ENOENT' ? `找不到备份文件：${path}。请检查路径或U盘是否插好。` : `无法读取备份文件 ${path}（${code ?? '未知错误'}）。请检查U盘后重试。`,
    );
  }
  try {
    const bytes = (await handle.stat()).size;
    const notBackup = new AppError(backupFileErrors.notBackup, `文件 ${basename(path)} 不是暖警台账的备份文件（.njbak）。请选择备份文件夹或U盘上的 .njbak 文件。`);
    if (bytes < PREFIX_BYTES) throw notBackup;
    const prefix = Buffer.alloc(PREFIX_BYTES);
    await handle.read(prefix, 0, PREFIX_BYTES, 0);
    if (!prefix.subarray(0, MAGIC.length).equals(MAGIC)) throw notBackup;
    const headerLength = prefix.readUInt32BE(MAGIC.length);
    if (headerLength > MAX_HEADER_BYTES) throw damaged(path);
    if (bytes < PREFIX_BYTES + headerLength) throw truncated(path);
    const json = Buffer.alloc(headerLength);
    await handle.read(json, 0, headerLength, PREFIX_BYTES);
    let raw: unknown;
    try {
      raw = JSON.parse(json.toString('utf8'));
    } catch {
      throw damaged(path);
    }
    const version = (raw as { version?: unknown })?.version;
    if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) {
      throw new AppError(backupFileErrors.newerFormat, `备份文件 ${basename(path)} 由更新版本的暖警台账生成（格式 ${version}）。请先升级暖警台账，再恢复这个备份。`);
    }
    const parsed = headerSchema.safeParse(raw);
    if (!parsed.success) throw damaged(path);
    const header = parsed.data;
    const expected = PREFIX_BYTES + headerLength + header.payloadBytes + trailerBytes(header);
    if (bytes < expected) throw truncated(path);
    if (bytes > expected) throw damaged(path);
    return { path, header, bytes, payloadOffset: PREFIX_BYTES + headerLength };
  } finally {
    await handle.close();
  }
}

function truncated(path: string): AppError {
  return new AppError(backupFileErrors.truncated, `备份文件 ${basename(path)} 不完整（被截断，可能是复制时U盘被拔出）。不能用它恢复；请换一个备份，本机数据没有改动。`);
}

function damaged(path: string): AppError {
  return new AppError(backupFileErrors.damaged, `备份文件 ${basename(path)} 已损坏或被改动过（校验不符）。不能用它恢复；请换一个备份，本机数据没有改动。`);
}

/**
 * Checks a backup file whole and writes its SQLite payload to `targetPath` (a new file): the SHA-256
 * or the GCM tag must match, else the written file is removed and the backup refused. An encrypted
 * backup needs its password; a wrong one is told apart from an altered file.
 */
export async function extractBackupFile(info: BackupFileInfo, targetPath: string, password?: string): Promise<void> {
  const { header, path } = info;
  let decipher: DecipherGCM | null = null;
  if (header.encryption) {
    if (password === undefined || password === '') {
      throw new AppError(backupFileErrors.passwordNeeded, `备份文件 ${basename(path)} 已加密，需要输入备份时设的密码才能恢复。`);
    }
    const key = scryptKey(password, Buffer.from(header.encryption.salt, 'base64'), header.encryption);
    const check = Buffer.from(keyCheckOf(key));
    const expected = Buffer.from(header.encryption.keyCheck);
    if (check.length !== expected.length || !timingSafeEqual(check, expected)) {
      throw new AppError(backupFileErrors.passwordWrong, `备份密码不正确，无法解开 ${basename(path)}。请检查密码（区分大小写）后重试；本机数据没有改动。`);
    }
    decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.encryption.iv, 'base64'));
  }
  const source = await fs.open(path, 'r');
  let out: fs.FileHandle | null = null;
  let ok = false;
  try {
    const head = Buffer.alloc(info.payloadOffset);
    await source.read(head, 0, info.payloadOffset, 0);
    decipher?.setAAD(head);
    const hash = decipher ? null : createHash('sha256').update(head);
    out = await fs.open(targetPath, 'wx');
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let position = info.payloadOffset;
    const end = info.payloadOffset + header.payloadBytes;
    while (position < end) {
      const { bytesRead } = await source.read(buffer, 0, Math.min(CHUNK_BYTES, end - position), position);
      if (bytesRead === 0) throw truncated(path);
      position += bytesRead;
      const chunk = buffer.subarray(0, bytesRead);
      if (decipher) await out.write(decipher.update(chunk));
      else {
        hash!.update(chunk);
        await out.write(chunk);
      }
    }
    const trailer = Buffer.alloc(trailerBytes(header));
    await source.read(trailer, 0, trailer.length, end);
    if (decipher) {
      decipher.setAuthTag(trailer);
      try {
        const rest = decipher.final();
        if (rest.length > 0) await out.write(rest);
      } catch {
        throw damaged(path);
      }
    } else if (!timingSafeEqual(hash!.digest(), trailer)) {
      throw damaged(path);
    }
    await out.sync();
    ok = true;
  } finally {
    await out?.close();
    await source.close();
    if (!ok) await fs.rm(targetPath, { force: true }).catch(() => undefined);
  }
}
