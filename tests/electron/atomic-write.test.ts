import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promises as fsPromises } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeWriteError, FileWriteError, writeFileAtomic, writeFileAtomicVerified } from '../../electron/files/atomic-write';

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'nuanjing-atomic-'));
});

afterEach(() => {
  chmodSync(folder, 0o700);
  rmSync(folder, { recursive: true, force: true });
});

async function failure(action: Promise<unknown>): Promise<FileWriteError> {
  try {
    await action;
  } catch (error) {
    if (error instanceof FileWriteError) return error;
    throw error;
  }
  throw new Error('expected the write to fail');
}

function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code, errno: -1, syscall: 'write' });
}

describe('writeFileAtomic', () => {
  it('writes the bytes and leaves no temp file behind', async () => {
    const target = join(folder, '110105-01 至 110105.njb');
    await writeFileAtomic(target, Buffer.from('第一版'));
    expect(readFileSync(target, 'utf8')).toBe('第一版');
    expect(readdirSync(folder)).toEqual(['110105-01 至 110105.njb']);
  });

  it('replaces an existing file whole', async () => {
    const target = join(folder, 'bundle.njb');
    writeFileSync(target, 'old contents that are longer than the new ones');
    await writeFileAtomic(target, Buffer.from('new'));
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(folder)).toEqual(['bundle.njb']);
  });

  it('removes its temp file and explains in Chinese when the rename fails', async () => {
    const target = join(folder, 'bundle.njb');
    mkdirSync(target); // a folder where the file should go: the final rename fails
    const error = await failure(writeFileAtomic(target, Buffer.from('data')));
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(error.message).toContain(target);
    expect(readdirSync(folder)).toEqual(['bundle.njb']);
  });

  it('says the folder is missing (stick pulled out) when it does not exist', async () => {
    const error = await failure(writeFileAtomic(join(folder, 'gone', 'bundle.njb'), Buffer.from('data')));
    expect(error.code).toBe('FILE_FOLDER_MISSING');
    expect(error.message).toContain('U盘可能已被拔出');
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('says there is no write permission on a read-only folder', async () => {
    chmodSync(folder, 0o500);
    const error = await failure(writeFileAtomic(join(folder, 'bundle.njb'), Buffer.from('data')));
    expect(error.code).toBe('FILE_NOT_WRITABLE');
    expect(error.message).toContain('没有写入权限');
  });
});

describe('writeFileAtomicVerified', () => {
  it('hands the read-back bytes to verify and keeps the file when verify passes', async () => {
    const target = join(folder, 'bundle.njb');
    const seen: Buffer[] = [];
    await writeFileAtomicVerified(target, Buffer.from('签名数据'), (readBack) => seen.push(readBack));
    expect(seen.map((b) => b.toString('utf8'))).toEqual(['签名数据']);
    expect(readdirSync(folder)).toEqual(['bundle.njb']);
  });

  it('leaves nothing behind when verify throws, and keeps an older file untouched', async () => {
    const fresh = join(folder, 'fresh.njb');
    const error = await failure(
      writeFileAtomicVerified(fresh, Buffer.from('data'), () => {
        throw new Error('mismatch');
      }),
    );
    expect(error.code).toBe('FILE_VERIFY_FAILED');
    expect(error.message).toContain('读回校验');
    expect((error.cause as Error).message).toBe('mismatch');
    expect(readdirSync(folder)).toEqual([]);

    const existing = join(folder, 'existing.njb');
    writeFileSync(existing, 'previous good bundle');
    await failure(
      writeFileAtomicVerified(existing, Buffer.from('new'), () => {
        throw new Error('mismatch');
      }),
    );
    expect(readFileSync(existing, 'utf8')).toBe('previous good bundle');
    expect(readdirSync(folder)).toEqual(['existing.njb']);
  });
});

describe('describeWriteError', () => {
  it('names a full disk', () => {
    const error = describeWriteError(fsError('ENOSPC'), 'E:\\同步\\bundle.njb');
    expect(error.code).toBe('FILE_DISK_FULL');
    expect(error.message).toMatch(/^磁盘空间不足/);
    expect(error.message).toContain('E:\\同步\\bundle.njb');
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOSPC');
  });

  it.each(['EACCES', 'EPERM', 'EROFS'])('names missing permission or a read-only stick for %s', (code) => {
    const error = describeWriteError(fsError(code));
    expect(error.code).toBe('FILE_NOT_WRITABLE');
    expect(error.message).toMatch(/^没有写入权限或U盘只读/);
  });

  it('names a failing stick for EIO and falls back to the raw code otherwise', () => {
    expect(describeWriteError(fsError('EIO')).code).toBe('FILE_IO_ERROR');
    const other = describeWriteError(fsError('EMFILE'));
    expect(other.code).toBe('FILE_WRITE_FAILED');
    expect(other.message).toContain('EMFILE');
    expect(describeWriteError(new Error('no code')).message).toContain('文件保存失败');
  });
});

describe('after the rename', () => {
  it('reports a written, valid file as written when the folder refuses its fsync (a FAT32 stick)', async () => {
    const target = join(folder, 'bundle.njb');
    const realOpen = fsPromises.open;
    // The folder's own open/fsync fails as vfat does; the file's open and fsync are real.
    vi.spyOn(fsPromises, 'open').mockImplementation(async (path, flags, mode) => {
      if (path === folder) throw fsError('EIO');
      return realOpen(path, flags, mode);
    });
    await writeFileAtomic(target, Buffer.from('完整的文件'));
    expect(readFileSync(target, 'utf8')).toBe('完整的文件');
    expect(readdirSync(folder)).toEqual(['bundle.njb']);
  });
});
