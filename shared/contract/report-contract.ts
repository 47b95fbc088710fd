import { z } from 'zod';
import { defineMethod } from './define-method';
import { taskArgs } from './task-contract';
import { monthlyReportArgsSchema, type IssuedReport, type MonthlyReport, type ReportScopeOption } from '../monthly-report';
import type { FileDownload } from '../staff-record';
import type { PrintableDocument } from '../visit-record';

const reportArgs = monthlyReportArgsSchema.extend(taskArgs);

/** The monthly report's calls (月报): the model, its renderings (print page, PDF, Excel) and its history. */
export const reportContract = {
  'report.scopes': defineMethod<ReportScopeOption[]>()('月报可选的范围：市局为全市和各派出所，派出所为本所', z.object({})),
  'report.monthly': defineMethod<MonthlyReport>()('某月月报的数据（派出所，或市局的全市/某派出所），含签发记录及数字是否有变化', reportArgs),
  'report.document': defineMethod<PrintableDocument>()('月报的打印页（A4，预览、打印）', reportArgs),
  'report.pdf': defineMethod<FileDownload>()('月报的 PDF 文件', reportArgs),
  'report.excel': defineMethod<FileDownload>()('月报的 Excel 文件（每部分一张工作表）', reportArgs),
  'report.issue': defineMethod<IssuedReport>()('签发月报：记下月份、范围、签发人、时间和数字指纹', reportArgs),
};
