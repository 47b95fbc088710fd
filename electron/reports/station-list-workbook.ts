import ExcelJS from 'exceljs';
import type { StationList } from '../../shared/station-lists';
import type { FileDownload } from '../../shared/staff-record';
import { styleHeaderRow } from '../staff/roster-template';
import { listTable, statisticsCells } from './station-list-columns';

/**
 * A station-wide list as an Excel workbook: the same columns and numbers as its print page, one
 * sheet set up for A4 with the title rows repeated on every printed page and 「第 N 页 共 M 页」 in
 * the footer.
 */
export async function stationListWorkbook(list: StationList): Promise<FileDownload> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '暖警台账';
  const sheet = workbook.addWorksheet(list.kind, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.6, right: 0.5, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: '第 &P 页 共 &N 页' },
  });
  sheet.addRow([list.title]).font = { bold: true, size: 14 };
  sheet.addRow([list.subtitle]);
  if (list.kind === '人员统计') {
    sheet.pageSetup.printTitlesRow = '1:2';
    const blocks = [
      { title: '按人员类别', header: ['类别', '人数', '男', '女', '平均年龄', '中共党员'], rows: list.statistics.byCategory.map((c) => [c.category, c.people, c.men, c.women, c.averageAge, c.partyMembers]) },
      ...list.statistics.tables.map((t) => ({ title: t.title, ...statisticsCells(t) })),
    ];
    for (const block of blocks) {
      sheet.addRow([]);
      sheet.addRow([block.title]).font = { bold: true };
      styleHeaderRow(sheet.addRow(block.header));
      for (const row of block.rows) sheet.addRow(row);
    }
    for (let col = 1; col <= 6; col += 1) sheet.getColumn(col).width = col === 1 ? 14 : 10;
  } else {
    const { columns, rows } = listTable(list);
    sheet.addRow([]);
    styleHeaderRow(sheet.addRow(columns.map((c) => c.header)));
    sheet.pageSetup.printTitlesRow = '1:4';
    columns.forEach((c, i) => {
      sheet.getColumn(i + 1).width = c.excelWidth;
      if (c.header === '联系电话') sheet.getColumn(i + 1).numFmt = '@';
    });
    for (const row of rows) sheet.addRow(row);
  }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `${list.title}-${list.asOf}.xlsx`, bytesBase64: buffer.toString('base64') };
}
