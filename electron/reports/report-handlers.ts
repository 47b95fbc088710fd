import { AppError } from '../../shared/contract/api-error';
import type { MonthlyReport, MonthlyReportArgs } from '../../shared/monthly-report';
import type { FileDownload } from '../../shared/staff-record';
import { getMeta } from '../../db/ledger-store';
import type { AppDeps } from '../app-deps';
import type { HandlerTable } from '../handlers/handler-registry';
import { runLongJob } from '../jobs/job-runner';
import { localStation, META_OPERATOR } from '../station/local-station';
import { monthlyReport } from './monthly-report';
import { monthlyReportDocument } from './monthly-report-document';
import { monthlyReportWorkbook } from './monthly-report-workbook';
import { recordIssue } from './report-history';
import { reportScopeOptions } from './report-scope';

/**
 * The monthly report's handlers (月报): the model (a city's in a worker thread, like the other long
 * jobs, so the window stays responsive), its print page, PDF (the deps' Chromium) and Excel, and
 * 签发 (the history).
 */

/** The model; the whole city's is computed as a long job (a worker in the app and web mode). */
export async function reportModel(deps: AppDeps, args: MonthlyReportArgs & { taskId?: string }): Promise<MonthlyReport> {
  const city = !args.station && localStation(deps.store)?.role === 'bureau';
  return city ? runLongJob(deps, 'report.monthly', args, () => monthlyReport(deps, args)) : monthlyReport(deps, args);
}

/** The report as a PDF, made by the deps' Chromium. */
export async function reportPdf(deps: AppDeps, args: MonthlyReportArgs): Promise<FileDownload> {
  if (!deps.pdf) throw new AppError('PDF_UNAVAILABLE', '这里不能生成 PDF：请在暖警台账桌面版或网页模式中保存月报的 PDF，或用「打印」。');
  const document = monthlyReportDocument(await reportModel(deps, args));
  const bytes = await deps.pdf(document.html);
  return { fileName: document.fileName, bytesBase64: bytes.toString('base64') };
}

export const reportHandlers: HandlerTable = {
  'report.scopes': (deps) => reportScopeOptions(deps.store),
  'report.monthly': (deps, args) => (deps.jobs ? reportModel(deps, args) : monthlyReport(deps, args)),
  'report.document': async (deps, args) => monthlyReportDocument(await reportModel(deps, args)),
  'report.pdf': (deps, args) => reportPdf(deps, args),
  'report.excel': async (deps, args) => monthlyReportWorkbook(await reportModel(deps, args)),
  'report.issue': async (deps, args) => recordIssue(deps.store, await reportModel(deps, args), deps.user.userName || getMeta(deps.store, META_OPERATOR) || ''),
};
