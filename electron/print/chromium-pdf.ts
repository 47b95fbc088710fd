import { existsSync } from 'node:fs';
import { AppError } from '../../shared/contract/api-error';
import type { PdfRenderer } from './pdf-renderer';

/**
 * PDFs from a Chromium the PC already has, driven headless by playwright-core (loaded only when a
 * PDF is made): `NUANJING_CHROMIUM` or `CHROMIUM_PATH` when set, else Debian's chromium, Chrome, or
 * on Windows Edge or Chrome. The page's own `@page` CSS gives the paper and the page numbers; the
 * fonts it names (Noto CJK here, 微软雅黑 or 宋体 on Windows) are embedded in the PDF.
 */

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** The Chromium to print with, or an error telling the clerk what to install. */
export function chromiumExecutable(): string {
  const configured = process.env.NUANJING_CHROMIUM ?? process.env.CHROMIUM_PATH;
  if (configured) return configured;
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new AppError('PDF_UNAVAILABLE', '找不到用于生成 PDF 的浏览器（Chromium、Chrome 或 Edge）。请安装其中之一，或设置环境变量 NUANJING_CHROMIUM 指向它；也可以在暖警台账桌面版中打印或保存 PDF。');
  }
  return found;
}

/**
 * Flags for a headless Chromium that only renders our own pages: no sandbox (the pages are ours; a
 * sandbox needs setup that an office PC or a container may lack), no GPU, nothing fetched from the
 * network behind the clerk's back, no first-run or sync prompts, and none of the browser's own
 * address-bar pop-ups: a headless window still preloads the omnibox's WebUI pop-ups, each in a
 * renderer process of its own, and on a slow PC that was most of what opening a page cost
 * (about 1.5 s of CPU per page here, against 0.1 s for the page itself).
 */
export const headlessChromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

/** Renders one page to PDF in a headless Chromium started for it and closed after. */
export const chromiumPdfRenderer: PdfRenderer = async (html) => {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: [...headlessChromiumArgs],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready');
    return await page.pdf({ preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
};
