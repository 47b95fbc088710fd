import { formatFen } from '../../shared/synced-table-definition';
import { festivalDate, isFestivalName } from '../../shared/festival-dates';
import { festivalOfEvent, type PrintableDocument, type VisitItem } from '../../shared/visit-record';
import { escapeHtml, printPage } from '../print/print-document';

/**
 * 签领表: the receipt sheet of a batch of visits (a festival, or any selection) that each person
 * signs for what they received — A4 portrait, the station and the title, the festival and date, a
 * table 序号 / 姓名 / 类别 / 金额/物品 / 签名 / 备注 with an empty signature column and its header
 * repeated on each page, the totals, and the 经办人 and date line. A typed model first, then one
 * HTML rendering of it (preview, print and PDF alike).
 */

export interface ReceiptSheetRow {
  no: number;
  name: string;
  /** 民警 / 辅警 / 职工, and the relative visited through the person (配偶 王芳). */
  category: string;
  /** ¥300.00, 月饼一盒（¥120.00）, or both. */
  amount: string;
  note: string;
}

export interface ReceiptSheet {
  stationName: string;
  title: string;
  /** 2026年中秋节（2026-09-25）, or the kinds and dates of a selection. */
  subject: string;
  rows: ReceiptSheetRow[];
  people: number;
  cashFen: number;
  goodsValueFen: number;
  operatorName: string;
  printedOn: string;
}

function amountOf(visit: VisitItem): string {
  const goods = visit.goods ? `${visit.goods}${visit.goodsValueFen > 0 ? `（${formatFen(visit.goodsValueFen)}）` : ''}` : visit.goodsValueFen > 0 ? `物品 ${formatFen(visit.goodsValueFen)}` : '';
  return [visit.cashFen > 0 ? formatFen(visit.cashFen) : '', goods].filter(Boolean).join('；');
}

/** The subject line of a batch: the festival and its date, or the kinds and the dates of a selection. */
function subjectOf(visits: readonly VisitItem[], event: string | null): string {
  const festival = festivalOfEvent(event);
  if (festival && isFestivalName(festival.name)) return `${festival.year}年${festival.name}慰问（${festivalDate(festival.name, festival.year)}）`;
  const kinds = [...new Set(visits.map((v) => v.kind))].join('、');
  const dates = visits.map((v) => v.date).sort();
  const span = dates.length === 0 ? '' : dates[0] === dates[dates.length - 1] ? dates[0] : `${dates[0]} 至 ${dates[dates.length - 1]}`;
  return `${kinds}${span ? `（${span}）` : ''}`;
}

/** The model of a receipt sheet for visits, in the order given. */
export function receiptSheetOf(visits: readonly VisitItem[], options: { stationName: string; operatorName: string; today: string; event?: string | null }): ReceiptSheet {
  return {
    stationName: options.stationName,
    title: '慰问品（金）签领表',
    subject: subjectOf(visits, options.event ?? null),
    rows: visits.map((v, i) => ({
      no: i + 1,
      name: v.staffName,
      category: v.recipient ? `${v.category}（${v.recipient}）` : v.category,
      amount: amountOf(v),
      note: [v.note, v.eventLabel && !options.event ? v.eventLabel : null].filter(Boolean).join('；'),
    })),
    people: new Set(visits.map((v) => `${v.staffId}|${v.familyMemberId ?? ''}`)).size,
    cashFen: visits.reduce((s, v) => s + v.cashFen, 0),
    goodsValueFen: visits.reduce((s, v) => s + v.goodsValueFen, 0),
    operatorName: options.operatorName,
    printedOn: options.today,
  };
}

const CSS = `
col.no { width: 13mm; } col.name { width: 24mm; } col.category { width: 30mm; } col.amount { width: 44mm; } col.sign { width: 36mm; }
tfoot td { font-weight: 600; }
`;

/** The receipt sheet as one printable page. */
export function receiptSheetDocument(sheet: ReceiptSheet, fileStem: string): PrintableDocument {
  const rows = sheet.rows
    .map((r) => `<tr><td class="center">${r.no}</td><td class="center">${escapeHtml(r.name)}</td><td class="center">${escapeHtml(r.category)}</td><td>${escapeHtml(r.amount)}</td><td class="sign"></td><td>${escapeHtml(r.note)}</td></tr>`)
    .join('\n');
  const totals = [sheet.cashFen > 0 ? `现金 ${formatFen(sheet.cashFen)}` : '', sheet.goodsValueFen > 0 ? `物品价值 ${formatFen(sheet.goodsValueFen)}` : ''].filter(Boolean).join('，');
  const body = `
<h1>${escapeHtml(sheet.stationName)}${escapeHtml(sheet.title)}</h1>
<p class="subtitle">${escapeHtml(sheet.subject)}</p>
<table class="grid">
<colgroup><col class="no"><col class="name"><col class="category"><col class="amount"><col class="sign"><col class="note"></colgroup>
<thead><tr><th>序号</th><th>姓名</th><th>类别</th><th>金额/物品</th><th>签名</th><th>备注</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><td colspan="6">合计：${sheet.rows.length} 人次${totals ? `，${escapeHtml(totals)}` : ''}，合计 ${escapeHtml(formatFen(sheet.cashFen + sheet.goodsValueFen))}</td></tr></tfoot>
</table>
<div class="footer"><span>经办人：${escapeHtml(sheet.operatorName)}</span><span>审核人：</span><span>日期：${escapeHtml(sheet.printedOn)}</span></div>`;
  const title = `${sheet.stationName}${sheet.title}`;
  return { title, fileName: `签领表-${fileStem}.pdf`, html: printPage({ title, body, css: CSS }) };
}
