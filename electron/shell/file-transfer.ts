import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../shared/contract/api-error';
import { MAX_BUNDLE_FILE_BYTES, megabytesText } from '../../shared/sync-limits';
import { newErrorReference } from '../handlers/internal-error';
import type { FileDialogFilter, OpenedFile } from '../../shared/contract/desktop-bridge';

// The file half of the native save / open dialogs: checking what the renderer asks for and reading
// picked files (writing goes through ../files/atomic-write). Plain Node, no `electron` import, so it
// can be tested in Node.

/** One picked file larger than a sync bundle may be is refused (a spreadsheet is far smaller). */
export const MAX_OPEN_FILE_BYTES = MAX_BUNDLE_FILE_BYTES;
/** All picked files together (a bureau picks several bundles at once) may not exceed two bundles. */
export const MAX_OPEN_TOTAL_BYTES = 2 * MAX_BUNDLE_FILE_BYTES;

/** The limits of the open dialog (tests pass small ones). */
export interface OpenFileLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
}

export const defaultOpenFileLimits: OpenFileLimits = { maxFileBytes: MAX_OPEN_FILE_BYTES, maxTotalBytes: MAX_OPEN_TOTAL_BYTES };

const FORBIDDEN_NAME_CHARS = /[<>:"/\\|?*]/g;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const EXTENSION = /^(\*|[A-Za-z0-9_-]{1,16})$/;

/**
 * A file name the renderer suggested, made safe to offer in the save dialog: no folders, no
 * characters Windows forbids, no reserved device names, at most 180 characters.
 */
export function safeFileName(suggested: unknown, fallback = '导出文件'): string {
  if (typeof suggested !== 'string') return fallback;
  const lastPart = suggested.split(/[/\\]/).pop() ?? '';
  let name = lastPart.replace(CONTROL_CHARS, '').replace(FORBIDDEN_NAME_CHARS, '_').trim();
  name = name.replace(/[. ]+$/, '');
  if (name.length > 180) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 12 ? name.slice(dot) : '';
    name = name.slice(0, 180 - extension.length) + extension;
  }
  if (name === '' || /^\.+$/.test(name)) return fallback;
  if (WINDOWS_RESERVED.test(name)) return `_${name}`;
  return name;
}

/** Dialog filters from the renderer, checked; anything malformed is an `INVALID_ARGUMENT`. */
export function parseDialogFilters(raw: unknown): FileDialogFilter[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const invalid = () => new AppError('INVALID_ARGUMENT', '文件类型筛选条件不正确（程序错误，请联系技术支持）。');
  if (!Array.isArray(raw) || raw.length > 20) throw invalid();
  return raw.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) throw invalid();
    const { name, extensions } = entry as { name?: unknown; extensions?: unknown };
    if (typeof name !== 'string' || name.length === 0 || name.length > 100) throw invalid();
    if (!Array.isArray(extensions) || extensions.length === 0 || extensions.length > 20) throw invalid();
    const checked = extensions.map((extension: unknown) => {
      if (typeof extension !== 'string') throw invalid();
      const bare = extension.replace(/^\./, '');
      if (!EXTENSION.test(bare)) throw invalid();
      return bare;
    });
    return { name, extensions: checked };
  });
}

/** Bytes of the base64 text the renderer sent; anything else is an `INVALID_ARGUMENT`. */
export function bytesOfBase64(bytesBase64: unknown): Buffer {
  if (typeof bytesBase64 !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(bytesBase64)) {
    throw new AppError('INVALID_ARGUMENT', '要保存的文件内容格式不正确（程序错误，请联系技术支持）。');
  }
  return Buffer.from(bytesBase64, 'base64');
}

/** Why a picked file could not be read, in the clerk's words; an unforeseen cause is logged under a reference. */
function describeReadError(error: unknown, path: string): AppError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const known: Record<string, string> = {
    ENOENT: '文件不存在（U 盘是否已拔出？）',
    EACCES: '没有读取权限',
    EPERM: '没有读取权限',
    EBUSY: '文件正被其他程序占用，请关闭该程序后重试',
    EIO: '读取 U 盘或磁盘时出错，U 盘可能松动或已损坏',
    EISDIR: '这是一个文件夹，不是文件',
  };
  let reason = typeof code === 'string' ? known[code] : undefined;
  if (!reason) {
    const reference = newErrorReference();
    console.error(`[暖警台账] 读取所选文件失败，错误编号 ${reference}：`, error);
    reason = `程序读取时出错（错误编号 ${reference}），请重试，仍然失败请联系技术支持并提供错误编号`;
  }
  return new AppError('FILE_READ_FAILED', `无法读取文件 ${basename(path)}：${reason}。`);
}

/** Reads the files the clerk picked, refusing any too large to pass to the window. */
export async function readPickedFiles(paths: readonly string[], limits: OpenFileLimits = defaultOpenFileLimits): Promise<OpenedFile[]> {
  let total = 0;
  const files: OpenedFile[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      const size = (await stat(path)).size;
      if (size > limits.maxFileBytes) {
        throw new AppError('FILE_TOO_LARGE', `文件 ${basename(path)} 有 ${megabytesText(size)}，超过 ${megabytesText(limits.maxFileBytes)} 的上限，不像是暖警台账的同步文件或 Excel 表格，无法打开。请确认选择的文件是否正确。`);
      }
      total += size;
      if (total > limits.maxTotalBytes) {
        throw new AppError('FILE_TOO_LARGE', `选择的文件合计超过 ${megabytesText(limits.maxTotalBytes)}，请分几次打开。`);
      }
      bytes = await readFile(path);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw describeReadError(error, path);
    }
    files.push({ name: basename(path), bytesBase64: bytes.toString('base64') });
  }
  return files;
}
