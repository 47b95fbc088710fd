/**
 * One printed A4 document (签领表, 月报, lists): a whole HTML page whose `@page` CSS gives the paper,
 * the margins and the page numbers 「第 1 页 共 N 页」, repeats a table's header on every page and
 * keeps rows whole. The same HTML is the preview (in a frame), the print (Electron's print dialog,
 * or the browser's `window.print()` in web mode) and the PDF (Chromium: Electron `printToPDF`, or
 * headless Chromium for the CLI and tests) — ARCHITECTURE.md "Printing and reports".
 */

/** Escapes text for HTML. */
export function escapeHtml(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * CJK fonts in order of preference: TrueType-outline fonts first (a Windows PC's 微软雅黑 and 宋体,
 * Linux's 文泉驿), because Chromium's PDF writer (Skia) embeds those as subset CID TrueType fonts,
 * while a CFF-outline OpenType font (Noto Sans CJK, Source Han Sans) goes into the PDF as Type 3
 * glyph drawings — still embedded, sharp and searchable, but larger and refused by some archives.
 */
export const FONT_STACK = '"Microsoft YaHei", "SimSun", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "PingFang SC", sans-serif';

const BASE_CSS = `
@page {
  size: A4 portrait;
  margin: 16mm 14mm 18mm 14mm;
  @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-family: ${FONT_STACK}; font-size: 9pt; color: #333; }
}
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${FONT_STACK}; font-size: 11pt; color: #000; line-height: 1.45; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 2mm; letter-spacing: 2pt; }
.subtitle { text-align: center; font-size: 11pt; margin: 0 0 5mm; }
.meta { display: flex; justify-content: space-between; margin: 0 0 2mm; font-size: 10.5pt; }
table.grid { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.grid th, table.grid td { border: 0.6pt solid #000; padding: 1.6mm 1.5mm; vertical-align: middle; word-break: break-all; }
table.grid th { font-weight: 600; background: #f2f2f2; text-align: center; }
table.grid thead { display: table-header-group; }
table.grid tfoot { display: table-row-group; }
table.grid tr { break-inside: avoid; page-break-inside: avoid; }
td.center { text-align: center; }
td.right { text-align: right; }
td.sign { height: 11mm; }
.footer { display: flex; justify-content: space-between; margin-top: 8mm; font-size: 11pt; break-inside: avoid; break-before: avoid; page-break-before: avoid; }
.footer span { min-width: 55mm; }
@media screen {
  body { background: #e9ecf1; padding: 16px 0; }
  .sheet { background: #fff; width: 210mm; min-height: 297mm; margin: 0 auto; padding: 16mm 14mm 18mm; box-shadow: 0 1px 6px rgba(0,0,0,.18); }
}
`;

/** A4 turned sideways (a 花名册 of many columns): the paper, and the sheet as the preview shows it. */
const LANDSCAPE_CSS = `
@page { size: A4 landscape; margin: 12mm 10mm 14mm 10mm; }
@media screen { .sheet { width: 297mm; min-height: 210mm; padding: 12mm 10mm 14mm; } }
`;

/** A whole printable page: the title, the document's own CSS after the base, and its body; A4 portrait unless landscape. */
export function printPage(options: { title: string; body: string; css?: string; orientation?: 'portrait' | 'landscape' }): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(options.title)}</title>
<style>${BASE_CSS}${options.orientation === 'landscape' ? LANDSCAPE_CSS : ''}${options.css ?? ''}</style>
</head>
<body><div class="sheet">${options.body}</div></body>
</html>`;
}
