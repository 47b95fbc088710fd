import { constants as bufferConstants } from 'node:buffer';
import { closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiContract } from '../../shared/contract/api-contract';
import { fileUploadSchema } from '../../shared/contract/sync-contract';
import { AppError } from '../../shared/contract/api-error';
import * as sharedLimits from '../../shared/sync-limits';
import { defaultOpenFileLimits, MAX_OPEN_FILE_BYTES, MAX_OPEN_TOTAL_BYTES, readPickedFiles } from '../../electron/shell/file-transfer';
import { defaultBundleLimits, MAX_BUNDLE_BASE64_LENGTH, MAX_BUNDLE_FILE_BYTES, MAX_BUNDLE_INFLATED_BYTES } from '../../electron/sync/sync-limits';
import { DEFAULT_MAX_BODY_BYTES, requestBodyLimitFor } from '../../electron/web/web-server';
import { tempFolder } from '../support/test-ledger';

describe('one size limit for sync bundles', () => {
  it('inflates to at most half of V8’s longest string, so JSON.parse of a payload at the limit cannot crash', () => {
    expect(MAX_BUNDLE_INFLATED_BYTES).toBe(256 * 1024 * 1024);
    expect(MAX_BUNDLE_INFLATED_BYTES).toBeLessThan(bufferConstants.MAX_STRING_LENGTH);
    expect(MAX_BUNDLE_INFLATED_BYTES * 2).toBeLessThanOrEqual(bufferConstants.MAX_STRING_LENGTH + 24);
  });

  it('keeps the file limit below the inflated limit, and its base64 text below the longest string', () => {
    expect(MAX_BUNDLE_FILE_BYTES).toBe(128 * 1024 * 1024);
    expect(MAX_BUNDLE_FILE_BYTES).toBeLessThan(MAX_BUNDLE_INFLATED_BYTES);
    expect(MAX_BUNDLE_BASE64_LENGTH).toBe(Math.ceil(MAX_BUNDLE_FILE_BYTES / 3) * 4);
    expect(DEFAULT_MAX_BODY_BYTES).toBeLessThan(bufferConstants.MAX_STRING_LENGTH);
  });

  it('is one source: the main process, the dialog, web mode and the contract read the same numbers', () => {
    expect(MAX_BUNDLE_FILE_BYTES).toBe(sharedLimits.MAX_BUNDLE_FILE_BYTES);
    expect(MAX_BUNDLE_INFLATED_BYTES).toBe(sharedLimits.MAX_BUNDLE_INFLATED_BYTES);
    expect(defaultBundleLimits).toEqual({ maxFileBytes: MAX_BUNDLE_FILE_BYTES, maxInflatedBytes: MAX_BUNDLE_INFLATED_BYTES });
    expect(MAX_OPEN_FILE_BYTES).toBe(MAX_BUNDLE_FILE_BYTES);
    expect(MAX_OPEN_TOTAL_BYTES).toBe(2 * MAX_BUNDLE_FILE_BYTES);
    expect(DEFAULT_MAX_BODY_BYTES).toBe(requestBodyLimitFor(MAX_BUNDLE_FILE_BYTES));
    expect(DEFAULT_MAX_BODY_BYTES).toBeGreaterThan(MAX_BUNDLE_BASE64_LENGTH);
  });
});

describe('the contract’s longest upload', () => {
  // A string of this length costs ~170 MB for a moment; zod only compares its length.
  it('accepts base64 text exactly as long as that of a file at the limit, and refuses one character more', () => {
    const atLimit = 'A'.repeat(MAX_BUNDLE_BASE64_LENGTH);
    for (const schema of [fileUploadSchema, apiContract['sync.importBundle'].args, apiContract['sync.previewSetupFile'].args]) {
      expect(schema.safeParse({ fileName: 'a.njb', bytesBase64: atLimit }).success).toBe(true);
      const over = schema.safeParse({ fileName: 'a.njb', bytesBase64: `${atLimit}A` });
      expect(over.success).toBe(false);
      expect(over.error?.issues[0]?.message).toBe('文件超过 128 MB，不是暖警台账的同步文件或开通文件。请核对所选文件。');
    }
  });
});

describe('the open-file dialog', () => {
  let folder: { path: string; remove(): void };
  beforeEach(() => {
    folder = tempFolder('nuanjing-open-');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    folder.remove();
  });

  function sparseFile(name: string, size: number): string {
    const path = join(folder.path, name);
    const fd = openSync(path, 'w');
    ftruncateSync(fd, size);
    closeSync(fd);
    return path;
  }

  it('reads a file exactly at the limit and refuses one byte more, in Chinese, without the folder', async () => {
    const limits = { maxFileBytes: 3000, maxTotalBytes: 10_000 };
    const [file] = await readPickedFiles([sparseFile('at-limit.njb', 3000)], limits);
    expect(file).toEqual({ name: 'at-limit.njb', bytesBase64: Buffer.alloc(3000).toString('base64') });
    const over = readPickedFiles([sparseFile('over.njb', 3001)], limits);
    await expect(over).rejects.toBeInstanceOf(AppError);
    await expect(over).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('over.njb') });
    await expect(over).rejects.toMatchObject({ message: expect.not.stringContaining(folder.path) });
  });

  it('refuses a selection whose total is over the limit', async () => {
    const limits = { maxFileBytes: 3000, maxTotalBytes: 5000 };
    const files = [sparseFile('a.njb', 3000), sparseFile('b.njb', 2000)];
    await expect(readPickedFiles(files, limits)).resolves.toHaveLength(2);
    await expect(readPickedFiles([...files, sparseFile('c.njb', 1)], limits)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('分几次') });
  });

  it('refuses the real limit plus one byte by its size alone (sparse file, nothing read)', async () => {
    await expect(readPickedFiles([sparseFile('huge.njb', defaultOpenFileLimits.maxFileBytes + 1)])).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: expect.stringContaining('128 MB'),
    });
  });

  it('explains an unreadable pick in Chinese, without the system’s message or the folder', async () => {
    const missing = readPickedFiles([join(folder.path, 'gone.njb')]);
    await expect(missing).rejects.toMatchObject({ code: 'FILE_READ_FAILED', message: expect.stringContaining('U 盘是否已拔出') });
    const dir = join(folder.path, 'a-folder');
    mkdirSync(dir);
    const error = (await readPickedFiles([dir]).catch((e: unknown) => e)) as AppError;
    expect(error).toMatchObject({ code: 'FILE_READ_FAILED', message: expect.stringContaining('文件夹') });
    expect(error.message).not.toContain(folder.path);
    expect(error.message).not.toMatch(/EISDIR|illegal operation/);
  });

  it('answers an unforeseen read failure with a reference, and logs the system’s message under it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const file = join(folder.path, 'plain.txt');
    writeFileSync(file, 'x');
    // A file used as a folder: ENOTDIR, which has no sentence of its own.
    const error = (await readPickedFiles([join(file, 'inside.njb')]).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('FILE_READ_FAILED');
    const reference = /错误编号 ([0-9A-F]{8})/.exec(error.message)?.[1];
    expect(reference).toBeDefined();
    expect(error.message).not.toContain(folder.path);
    expect(error.message).not.toContain('ENOTDIR');
    expect(logged).toHaveBeenCalledTimes(1);
    const line = logged.mock.calls[0].map(String).join(' ');
    expect(line).toContain(reference);
    expect(line).toContain('ENOTDIR');
  });
});
