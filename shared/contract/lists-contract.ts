import { z } from 'zod';
import { defineMethod } from './define-method';
import { rosterFilterSchema, type FileDownload } from '../staff-record';
import { stationListArgsSchema, type StationList } from '../station-lists';
import type { PrintableDocument } from '../visit-record';

const rosterSheetArgs = z.object({ filter: rosterFilterSchema.optional() });

/** The printed lists besides the monthly report: the 花名册 as the roster page filters it, the summary tables and the station-wide lists. */
export const listsContract = {
  'roster.sheet': defineMethod<PrintableDocument>()('按当前筛选打印花名册（A4 横向，预览、打印）', rosterSheetArgs),
  'roster.sheetPdf': defineMethod<FileDownload>()('按当前筛选的花名册 PDF 文件', rosterSheetArgs),
  'lists.data': defineMethod<StationList>()('人员统计表或名单的数据（中考高考子女、一年内退休、本月生日）', stationListArgsSchema),
  'lists.document': defineMethod<PrintableDocument>()('人员统计表或名单的打印页（A4，预览、打印）', stationListArgsSchema),
  'lists.pdf': defineMethod<FileDownload>()('人员统计表或名单的 PDF 文件', stationListArgsSchema),
  'lists.excel': defineMethod<FileDownload>()('人员统计表或名单的 Excel 文件', stationListArgsSchema),
};
