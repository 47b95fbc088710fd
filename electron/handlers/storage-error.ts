import { AppError } from '../../shared/contract/api-error';

/**
 * Codes of the failures that come from the PC rather than from the clerk's input or our code: the
 * disk is full, the ledger file is read-only, another program holds it, or the disk cannot be read.
 * SQLite rolls the transaction back in each case, so nothing was half-written.
 */
export const storageErrorCodes = {
  diskFull: 'DISK_FULL',
  readOnly: 'DB_READ_ONLY',
  busy: 'DB_BUSY',
  io: 'DISK_IO',
} as const;

const unchanged = '这次操作没有完成，台账中原有的数据完好、没有被改动。';

/**
 * Turns a SQLite storage failure (better-sqlite3's `SqliteError`, identified by its `code`) into an
 * error the clerk can act on; returns null for anything else.
 */
export function describeStorageError(error: unknown): AppError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code === 'SQLITE_FULL') {
    return new AppError(storageErrorCodes.diskFull, `电脑磁盘已满，${unchanged}请清理台账所在磁盘的空间（清空回收站、删除不用的大文件）后重试。`);
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new AppError(storageErrorCodes.readOnly, `台账文件现在只能读、不能写，${unchanged}请确认台账文件没有被设为“只读”、所在的U盘或网络盘没有写保护，然后重新打开暖警台账。`);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError(storageErrorCodes.busy, `台账文件正被另一个程序使用（可能另开了一个暖警台账或命令行），${unchanged}请关闭其他窗口后重试。`);
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') {
    return new AppError(storageErrorCodes.io, `读写台账文件时出错（磁盘或U盘可能出了故障，或被拔出），${unchanged}请检查磁盘后重试，并尽快用“数据同步”导出一份备份。`);
  }
  return null;
}
