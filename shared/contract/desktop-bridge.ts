import type { EventName } from './event-names';
import type { ApiResponse } from './api-error';

/** A file-type filter of a native save or open dialog, e.g. `{ name: 'Excel 表格', extensions: ['xlsx'] }`. */
export interface FileDialogFilter {
  name: string;
  extensions: string[];
}

/** A file the clerk picked in the native open dialog. */
export interface OpenedFile {
  /** The file's base name (no folder). */
  name: string;
  bytesBase64: string;
}

/**
 * What the Electron preload exposes to the renderer as `window.nuanjing`: call a contract method
 * by name, subscribe to allow-listed events, and the native save / open dialogs. Nothing else —
 * never `ipcRenderer` itself. Every value crosses the context bridge by structured clone.
 */
export interface DesktopBridge {
  /** Invokes a contract method by name; resolves with the `{ ok, data | error }` envelope, never rejects for an `AppError`. */
  call(method: string, args: unknown): Promise<ApiResponse<unknown>>;
  /** Subscribes to an event the main process pushes; returns the unsubscribe function. */
  on(event: EventName, listener: (payload: unknown) => void): () => void;
  /** Shows the native save dialog and writes the bytes where the clerk chose; `saved: false` if cancelled. */
  saveFile(suggestedName: string, bytesBase64: string, filters?: FileDialogFilter[]): Promise<{ saved: boolean; path?: string }>;
  /** Shows the native open dialog and returns the chosen files' contents; `[]` if cancelled. */
  openFiles(filters?: FileDialogFilter[], multiple?: boolean): Promise<OpenedFile[]>;
  /** Prints the current page to PDF (optional; the shell may omit it). */
  printToPdf?(): Promise<string>;
  /** Prints a printable page (签领表 …) through the system's print dialog, with its own @page CSS. */
  printHtml?(html: string): Promise<void>;
}

/** IPC channel names between the preload and the main process. */
export const ipcChannels = {
  call: 'nuanjing:call',
  event: 'nuanjing:event',
  saveFile: 'nuanjing:save-file',
  openFiles: 'nuanjing:open-files',
  printHtml: 'nuanjing:print-html',
} as const;

/** The name under which the preload exposes the bridge (`window.nuanjing`). */
export const bridgeGlobalName = 'nuanjing';
