import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../shared/contract/api-error';

/** Stable codes of a failed file write. */
export type FileWriteErrorCode = 'FILE_DISK_FULL' | 'FILE_NOT_WRITABLE' | 'FILE_FOLDER_MISSING' | 'FILE_BUSY' | 'FILE_IO_ERROR' | 'FILE_VERIFY_FAILED' | 'FILE_WRITE_FAILED';

/** A file could not be written; `message` says why and what to do, in Chinese; `cause` is the fs error. */
export class FileWriteError extends AppError {
  declare readonly code: FileWriteErrorCode;

  constructor(code: FileWriteErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message);
    this.name = 'FileWriteError';
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

/**
 * Turns a Node fs error into a {@link FileWriteError} whose Chinese message names the cause
 * (full disk, write-protected or read-only USB stick, missing folder …) and what the clerk can do.
 * Already-described errors are returned unchanged.
 */
export function describeWriteError(error: unknown, targetPath = ''): FileWriteError {
  if (error instanceof FileWriteError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const where = targetPath ? `（${targetPath}）` : '';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new FileWriteError('FILE_DISK_FULL', `磁盘空间不足，文件没有保存${where}。请删除U盘或磁盘上不需要的文件，或换一个U盘后重试。`, { cause: error });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new FileWriteError(
        'FILE_NOT_WRITABLE',
        `没有写入权限或U盘只读，文件没有保存${where}。请检查U盘侧面的写保护开关、关闭正在打开该文件的程序，或换一个文件夹/U盘后重试。`,
        { cause: error },
      );
    case 'ENOENT':
    case 'ENOTDIR':
      return new FileWriteError('FILE_FOLDER_MISSING', `保存位置不存在，文件没有保存${where}。U盘可能已被拔出，请重新插入U盘或选择其他文件夹。`, { cause: error });
    case 'EBUSY':
      return new FileWriteError('FILE_BUSY', `文件正被其他程序占用，没有保存${where}。请关闭打开该文件的程序后重试。`, { cause: error });
    case 'EIO':
      return new FileWriteError('FILE_IO_ERROR', `读写U盘或磁盘时出错，文件没有保存${where}。U盘可能松动、被拔出或已损坏，请重新插好或换一个U盘后重试。`, { cause: error });
    default:
      return new FileWriteError('FILE_WRITE_FAILED', `文件保存失败${where}${code ? `（${code}）` : ''}。请重试，或换一个保存位置。`, { cause: error });
  }
}

/**
 * Writes `bytes` to `path` so that the file is either the old one or the complete new one, never
 * half written: write `.<name>.tmp-<random>` in the same folder, fsync it, rename it over `path`,
 * fsync the folder (skipped where the platform or the file system cannot, e.g. Windows or a FAT32
 * stick: an error after the rename never reports the written file as failed). On failure before the
 * rename the temp file is removed and a {@link FileWriteError} is thrown.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await writeAtomically(path, bytes);
}

/**
 * Like {@link writeFileAtomic}, but reads the written bytes back and passes them to `verify` before
 * they replace `path`. If `verify` throws (or the read-back fails), nothing is left behind — an
 * existing file at `path` is kept as it was — and a `FILE_VERIFY_FAILED` error is thrown with the
 * verifier's error as `cause`. Note the read-back may be served from the OS cache, so it proves what
 * the system accepted, not what the stick's flash holds.
 */
export async function writeFileAtomicVerified(path: string, bytes: Uint8Array, verify: (readBack: Buffer) => void): Promise<void> {
  await writeAtomically(path, bytes, verify);
}

async function writeAtomically(path: string, bytes: Uint8Array, verify?: (readBack: Buffer) => void): Promise<void> {
  const folder = dirname(path);
  const tempPath = join(folder, `.${basename(path)}.tmp-${randomBytes(6).toString('hex')}`);
  let renamed = false;
  try {
    const handle = await fs.open(tempPath, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (verify) await verifyFile(tempPath, path, verify);
    await fs.rename(tempPath, path);
    renamed = true;
  } catch (error) {
    if (!renamed) await fs.rm(tempPath, { force: true }).catch(() => undefined);
    throw describeWriteError(error, path);
  }
  // The file is in place, whole and fsynced: a folder that refuses its own fsync (a FAT32 stick,
  // some network shares) makes the rename less certain to survive a power cut, not the file invalid —
  // so it is never reported as a failed write.
  await syncFolder(folder);
}

async function verifyFile(tempPath: string, targetPath: string, verify: (readBack: Buffer) => void): Promise<void> {
  let readBack: Buffer;
  try {
    readBack = await fs.readFile(tempPath);
  } catch (error) {
    throw describeWriteError(error, targetPath);
  }
  try {
    verify(readBack);
  } catch (error) {
    throw new FileWriteError(
      'FILE_VERIFY_FAILED',
      `文件写入后读回校验不一致，已删除（${targetPath}）。U盘可能有故障，请换一个U盘重试。`,
      { cause: error },
    );
  }
}

/**
 * Makes the rename durable where the folder can be fsynced. Best effort: Windows cannot open a folder
 * (EISDIR / EPERM), a FAT32 stick refuses the fsync (EINVAL, EIO …) — the file is already in place.
 */
export async function syncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // See above: nothing the clerk could act on, and the written file is valid.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
