import { BrowserWindow } from 'electron';
import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import type { PdfRenderer } from '../print/pdf-renderer';

/**
 * Printing a printable page (electron/print/print-document.ts) in the desktop app: the page is
 * loaded into a hidden, sandboxed window of its own — never the app's window — and printed through
 * the system's print dialog (`webContents.print`) or turned into a PDF (`printToPDF`), both
 * honouring the page's `@page` size, margins and page numbers.
 */

/** The longest page accepted from the renderer (a receipt sheet of a few thousand people). */
const MAX_HTML_LENGTH = 20 * 1024 * 1024;

async function hiddenWindowWith(html: string, parent?: BrowserWindow): Promise<BrowserWindow> {
  const window = new BrowserWindow({
    show: false,
    parent,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
  return window;
}

/** Prints a page through the system's print dialog; resolves when printed or cancelled. */
export async function printHtmlWithDialog(parent: BrowserWindow, html: unknown): Promise<void> {
  if (typeof html !== 'string' || html.length === 0 || html.length > MAX_HTML_LENGTH) throw new AppError(commonErrorCodes.invalidArgument, '没有可打印的内容。');
  const window = await hiddenWindowWith(html, parent);
  try {
    await new Promise<void>((resolve, reject) => {
      window.webContents.print({ printBackground: true }, (success, failureReason) => {
        if (success || /cancel/i.test(failureReason)) resolve();
        else reject(new AppError('PRINT_FAILED', `打印没有完成：${failureReason}。请检查打印机后重试，或先保存为 PDF 再打印。`));
      });
    });
  } finally {
    window.destroy();
  }
}

/** PDFs from Electron's Chromium, for the handlers' deps (`AppDeps.pdf`). */
export const electronPdfRenderer: PdfRenderer = async (html) => {
  const window = await hiddenWindowWith(html);
  try {
    return await window.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true });
  } finally {
    window.destroy();
  }
};
