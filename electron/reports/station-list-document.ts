import type { StationList } from '../../shared/station-lists';
import type { PrintableDocument } from '../../shared/visit-record';
import { escapeHtml, printPage } from '../print/print-document';
import { listTable, statisticsCells, type ColumnHead } from './station-list-columns';

/**
 * A station-wide list (人员统计, 中考高考子女, 一年内退休, 本月生日) as one printable A4 page through
 * the print path of the monthly report (print-document.ts: the unit at the top of every page,
 * 「第 N 页 共 M 页」 at the bottom, the table's header repeated, rows kept whole), read only from the
 * list's model, with 制表人 / 审核人 and the date at the end.
 */

const CSS = `
table.grid { font-size: 10pt; margin-bottom: 3mm; }
table.grid th, table.grid td { padding: 1.3mm 1.4mm; }
h3 { font-size: 11.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
p.note { font-size: 9.5pt; color: #444; margin: 1mm 0 3mm; }
p.none { margin: 4mm 0; }
`;

function gridTable(columns: ColumnHead[], rows: (string | number)[][]): string {
  const total = columns.reduce((n, c) => n + c.width, 0);
  const cols = columns.map((c) => `<col style="width:${((c.width * 100) / total).toFixed(2)}%">`).join('');
  const head = columns.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((v, i) => `<td class="${columns[i].align ?? ''}">${escapeHtml(v)}</td>`).join('')}</tr>`).join('\n');
  return `<table class="grid"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function statisticsBody(list: Extract<StationList, { kind: '人员统计' }>): string {
  const s = list.statistics;
  const summary = gridTable(
    ['类别', '人数', '男', '女', '平均年龄', '中共党员'].map((header) => ({ header, width: 10, excelWidth: 10, align: 'center' as const })),
    s.byCategory.map((c) => [c.category, c.people, c.men, c.women, c.averageAge.toFixed(1), c.partyMembers]),
  );
  const tables = s.tables
    .map((t) => {
      const cells = statisticsCells(t);
      return `<h3>${escapeHtml(t.title)}</h3>${gridTable(cells.header.map((header) => ({ header, width: 10, excelWidth: 10, align: 'center' as const })), cells.rows)}${t.title === '政治面貌' ? '<p class="note">台账只记是否中共党员（含预备党员）；共青团员、民主党派和群众都计入「群众等」。</p>' : ''}`;
    })
    .join('\n');
  return `<h3>按人员类别</h3>${summary}<p class="note">年龄为统计当日的周岁（按身份证号中的出生日期）。</p>\n${tables}`;
}

function listBody(list: Exclude<StationList, { kind: '人员统计' }>): string {
  const { columns, rows } = listTable(list);
  if (rows.length === 0) return `<p class="none">没有符合条件的人员。</p>`;
  const note =
    list.kind === '一年内退休'
      ? '<p class="note">预计退休日期按渐进式延迟退休规定计算（2025年1月1日起施行）；带 * 的为经办人手工调整的日期。</p>'
      : list.kind === '中考高考子女'
        ? '<p class="note">「年份依据」为「登记」的按家属档案中填写的中考、高考年份；为「年级」「出生日期」的由年级或出生日期推算，请核实。</p>'
        : '';
  return `${gridTable(columns, rows)}${note}`;
}

/** The list as one printable A4 page. */
export function stationListDocument(list: StationList, signature: { preparedBy: string; reviewedBy: string }): PrintableDocument {
  const body = `
<h1>${escapeHtml(list.title)}</h1>
<p class="subtitle">${escapeHtml(list.subtitle)}</p>
${list.kind === '人员统计' ? statisticsBody(list) : listBody(list)}
<div class="footer"><span>制表人：${escapeHtml(signature.preparedBy)}</span><span>审核人：${escapeHtml(signature.reviewedBy)}</span><span>日期：${escapeHtml(list.asOf)}</span></div>`;
  const header = list.title.replace(/["\\]/g, '');
  const css = `${CSS}@page { @top-center { content: "${header}"; font-size: 9pt; color: #333; } }`;
  return { title: list.title, fileName: `${list.title}-${list.asOf}.pdf`, html: printPage({ title: list.title, body, css }) };
}
