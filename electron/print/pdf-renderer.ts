/**
 * Turns a printable page (print-document.ts) into PDF bytes with Chromium. Injected into the
 * handlers' deps: the desktop app's shell gives Electron's `printToPDF`
 * (electron/shell/print-window.ts); the CLI and web mode give a headless Chromium the PC has
 * (chromium-pdf.ts). Both honour the page's `@page` size, margins and page numbers.
 */
export type PdfRenderer = (html: string) => Promise<Buffer>;
