import ExcelJS from 'exceljs';
import type { LeaveFilter, LeaveItem } from '../../shared/leave-record';
import type { FileDownload } from '../../shared/staff-record';
import type { AppDeps } from '../app-deps';
import { styleHeaderRow } from '../staff/roster-template';
import { listLeave } from './leave-queries';
import { leaveSheetColumns, type LeaveSheetField } from './leave-sheet-columns';

/**
 * 导出 Excel of the leave list with the page's filters: the columns of the import
 * (leave-sheet-columns.ts), so an edited export imports back and updates the same leave.
 */

const cellOf: Record<LeaveSheetField, (l: LeaveItem) => string | number | null> = {
  name: (l) => l.staffName,
  idNumber: (l) => l.idNumber,
  type: (l) => l.type,
  fromDate: (l) => l.fromDate,
  fromHalf: (l) => l.fromHalf,
  toDate: (l) => l.toDate,
  toHalf: (l) => l.toHalf,
  days: (l) => l.days,
  status: (l) => l.status,
  approver: (l) => l.approver,
  reason: (l) => l.reason,
  note: (l) => l.note,
};

export async function exportLeave(deps: AppDeps, filter: LeaveFilter): Promise<FileDownload> {
  const items = listLeave(deps.store, filter);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('休假记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = leaveSheetColumns.map((c) => ({ header: c.header, key: c.field, width: c.width }));
  styleHeaderRow(sheet.getRow(1), new Set([2, 3, 4, 6]));
  sheet.getColumn(2).numFmt = '@';
  for (const leave of [...items].reverse()) sheet.addRow(leaveSheetColumns.map((c) => cellOf[c.field](leave)));
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `休假记录${filter.year ? `-${filter.year}年` : ''}.xlsx`, bytesBase64: buffer.toString('base64'), rowCount: items.length };
}
