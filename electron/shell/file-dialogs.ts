import { dialog, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import type { OpenedFile } from '../../shared/contract/desktop-bridge';
import { writeFileAtomic } from '../files/atomic-write';
import { bytesOfBase64, parseDialogFilters, readPickedFiles, safeFileName } from './file-transfer';

/** The folder the save / open dialogs start in: the last one the clerk used, else Documents. */
export class DialogFolderMemory {
  private last: string | undefined;

  constructor(private readonly fallback: () => string) {}

  get current(): string {
    return this.last ?? this.fallback();
  }

  remember(filePath: string): void {
    this.last = dirname(filePath);
  }
}

/** Native save dialog, then an atomic write (temp file, fsync, rename) of the renderer's bytes to the chosen path. */
export async function saveFileWithDialog(
  window: BrowserWindow,
  folders: DialogFolderMemory,
  suggestedName: unknown,
  bytesBase64: unknown,
  rawFilters: unknown,
): Promise<{ saved: boolean; path?: string }> {
  const filters = parseDialogFilters(rawFilters);
  const bytes = bytesOfBase64(bytesBase64);
  const result = await dialog.showSaveDialog(window, {
    title: '保存文件',
    buttonLabel: '保存',
    defaultPath: join(folders.current, safeFileName(suggestedName)),
    filters: filters ?? [],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (result.canceled || !result.filePath) return { saved: false };
  await writeFileAtomic(result.filePath, bytes);
  folders.remember(result.filePath);
  return { saved: true, path: result.filePath };
}

/** Native open dialog; resolves with the picked files' contents, or `[]` if the clerk cancelled. */
export async function openFilesWithDialog(
  window: BrowserWindow,
  folders: DialogFolderMemory,
  rawFilters: unknown,
  multiple: unknown,
): Promise<OpenedFile[]> {
  const filters = parseDialogFilters(rawFilters);
  const result = await dialog.showOpenDialog(window, {
    title: multiple === true ? '选择文件（可多选）' : '选择文件',
    buttonLabel: '打开',
    defaultPath: folders.current,
    filters: filters ?? [],
    properties: multiple === true ? ['openFile', 'multiSelections'] : ['openFile'],
  });
  if (result.canceled || result.filePaths.length === 0) return [];
  const files = await readPickedFiles(result.filePaths);
  folders.remember(result.filePaths[0]);
  return files;
}
