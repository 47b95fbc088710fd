import ExcelJS from 'exceljs';
import type { FileDownload } from '../../shared/staff-record';
import type { VisitFilter, VisitItem } from '../../shared/visit-record';
import type { AppDeps } from '../app-deps';
import { styleHeaderRow } from '../staff/roster-template';
import { listVisits } from './visit-queries';
import { visitSheetColumns, type VisitSheetField } from './visit-sheet-columns';

/**
 * 导出 Excel of the visits list with the page's filters: the columns of the import
 * (visit-sheet-columns.ts), so an edited export imports back and updates the same visits; a visit
 * to a relative names them in 受慰问家属. A second sheet gives the totals by kind.
 */

const yuan = (fen: number) => (fen === 0 ? null : fen / 100);

const cellOf: Record<VisitSheetField, (v: VisitItem) => string | number | null> = {
  name: (v) => v.staffName,
  idNumber: (v) => v.idNumber,
  kind: (v) => v.kind,
  date: (v) => v.date,
  cash: (v) => yuan(v.cashFen),
  goods: (v) => v.goods,
  goodsValue: (v) => yuan(v.goodsValueFen),
  funding: (v) => v.funding,
  visitors: (v) => v.visitors,
  // A hospitalisation as the lists show it (住院 2026-11-20), which the import links back to the stay.
  event: (v) => (v.event?.startsWith('住院:') && v.eventLabel !== '住院（记录已删除）' ? v.eventLabel : v.event),
  receiptSigned: (v) => (v.receiptSigned ? '是' : '否'),
  recipient: (v) => v.recipient,
  note: (v) => v.note,
};

export async function exportVisits(deps: AppDeps, filter: VisitFilter): Promise<FileDownload> {
  const list = listVisits(deps.store, filter);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('慰问记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = visitSheetColumns.map((c) => ({ header: c.header, key: c.field, width: c.width }));
  styleHeaderRow(sheet.getRow(1), new Set([2, 3, 4]));
  sheet.getColumn(2).numFmt = '@';
  for (const visit of list.items) sheet.addRow(visitSheetColumns.map((c) => cellOf[c.field](visit)));
  for (const col of [5, 7]) sheet.getColumn(col).numFmt = '0.00';
  const totals = workbook.addWorksheet('按类型合计');
  totals.columns = [
    { header: '慰问类型', key: 'kind', width: 16 },
    { header: '次数', key: 'count', width: 8 },
    { header: '慰问金额（元）', key: 'cash', width: 14 },
    { header: '物品价值（元）', key: 'goods', width: 14 },
  ];
  styleHeaderRow(totals.getRow(1));
  for (const t of list.totals) totals.addRow([t.kind, t.count, t.cashFen / 100, t.goodsValueFen / 100]);
  totals.addRow(['合计', list.total.count, list.total.cashFen / 100, list.total.goodsValueFen / 100]);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `慰问记录${filter.year ? `-${filter.year}年` : ''}.xlsx`, bytesBase64: buffer.toString('base64'), rowCount: list.items.length };
}
