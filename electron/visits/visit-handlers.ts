import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import type { z } from 'zod';
import type { receiptSelectionSchema } from '../../shared/contract/visits-contract';
import { festivalsOfYear } from '../../shared/festival-dates';
import { staffCategories } from '../../shared/staff-record';
import type { FileDownload } from '../../shared/staff-record';
import type { PrintableDocument, VisitItem } from '../../shared/visit-record';
import { getMeta } from '../../db/ledger-store';
import { todayOf, type AppDeps } from '../app-deps';
import type { HandlerTable } from '../handlers/handler-registry';
import { runLongJob } from '../jobs/job-runner';
import { progressReporter } from '../jobs/task-progress';
import { collectReminders } from '../reminders/reminder-sources';
import { META_OPERATOR, requireLocalStation } from '../station/local-station';
import { deletePersonRecord, savePersonRecord } from '../staff/person-records';
import { recordVisitBatch } from './visit-batch';
import { budgetLines, saveBudget } from './visit-budgets';
import { exportVisits } from './visit-excel-export';
import { eventVisits, festivalCoverage, listVisits, personVisits, visitsByIds } from './visit-queries';
import { visitRecords } from './visit-records';
import { liveVisitRows, toVisitItem, visitPeopleOf } from './visit-rows';
import { importVisitSheet } from './visit-sheet-import';
import { deleteStandard, saveStandard, standardForVisit, standardsList } from './visit-standards-store';
import { receiptSheetDocument, receiptSheetOf } from './receipt-sheet';

/**
 * The welfare visits' handlers (慰问) and the reminders of 工作台. A visit is a person record
 * (`visit-records.ts`: the rules, then the one write path); standards are the bureau's
 * (`visit-standards-store.ts`); the receipt sheet is one printable page (`receipt-sheet.ts`) that
 * becomes a PDF through the deps' Chromium.
 */

type ReceiptSelection = z.output<typeof receiptSelectionSchema>;

const categoryOrder = (v: VisitItem) => staffCategories.indexOf(v.category);

/** The visits a receipt sheet lists: an event's or a batch's by category and name, or a selection as given. */
function receiptVisits(deps: AppDeps, selection: ReceiptSelection): VisitItem[] {
  const byRoster = (a: VisitItem, b: VisitItem) => categoryOrder(a) - categoryOrder(b) || a.staffName.localeCompare(b.staffName, 'zh-CN');
  if (selection.ids) return visitsByIds(deps.store, selection.ids);
  if (selection.event) return eventVisits(deps.store, selection.event).sort(byRoster);
  const people = visitPeopleOf(deps.store);
  return liveVisitRows(deps.store)
    .filter((r) => r.batch_id === selection.batchId)
    .map((r) => toVisitItem(r, people))
    .sort(byRoster);
}

/** The receipt sheet of a selection as a printable page; `NOT_FOUND` when it holds no visit. */
export function receiptDocument(deps: AppDeps, selection: ReceiptSelection): PrintableDocument {
  const visits = receiptVisits(deps, selection);
  if (visits.length === 0) {
    throw new AppError(commonErrorCodes.notFound, `没有可打印签领表的慰问记录${selection.event ? `（「${selection.event}」还没有登记慰问）` : ''}：请先登记慰问，再打印签领表。`);
  }
  const station = requireLocalStation(deps.store);
  const today = todayOf(deps);
  const sheet = receiptSheetOf(visits, { stationName: station.name, operatorName: getMeta(deps.store, META_OPERATOR) ?? deps.user.userName, today, event: selection.event ?? null });
  return receiptSheetDocument(sheet, selection.event ?? `${visits[0].kind}-${today}`);
}

/** The receipt sheet as a PDF, made by the deps' Chromium. */
export async function receiptPdf(deps: AppDeps, selection: ReceiptSelection): Promise<FileDownload> {
  const document = receiptDocument(deps, selection);
  if (!deps.pdf) throw new AppError('PDF_UNAVAILABLE', '这里不能生成 PDF：请在暖警台账桌面版或网页模式中保存签领表的 PDF，或用「打印」。');
  const bytes = await deps.pdf(document.html);
  return { fileName: document.fileName, bytesBase64: bytes.toString('base64'), rowCount: receiptVisits(deps, selection).length };
}

export const visitHandlers: HandlerTable = {
  'visits.list': (deps, args) => listVisits(deps.store, args),
  'visits.person': (deps, args) => personVisits(deps.store, args.staffId),
  'visits.save': (deps, args) => {
    const { id } = savePersonRecord(deps.store, deps.user, visitRecords, args, todayOf(deps));
    return visitsByIds(deps.store, [id])[0];
  },
  'visits.delete': (deps, args) => ({ deleted: deletePersonRecord(deps.store, deps.user, visitRecords, args.id) }),
  'visits.batch': (deps, args) => recordVisitBatch(deps.store, deps.user, args),
  'visits.coverage': (deps, args) => festivalCoverage(deps, args.festival, args.year),
  'visits.festivals': (_deps, args) => festivalsOfYear(args.year),
  'visits.standards': (deps) => standardsList(deps.store),
  'visits.standardOn': (deps, args) => standardForVisit(deps.store, { kind: args.kind, date: args.date, eventDate: null }),
  'visits.saveStandard': (deps, args) => saveStandard(deps.store, deps.user, args),
  'visits.deleteStandard': (deps, args) => ({ deleted: deleteStandard(deps.store, deps.user, args.id) }),
  'visits.budget': (deps, args) => budgetLines(deps.store, args.year, todayOf(deps)),
  'visits.setBudget': (deps, args) => {
    saveBudget(deps.store, deps.user, args);
    return budgetLines(deps.store, args.year, todayOf(deps));
  },
  'visits.receipt': (deps, args) => receiptDocument(deps, args),
  'visits.receiptPdf': (deps, args) => receiptPdf(deps, args),
  'visits.importPreview': (deps, args) =>
    runLongJob(deps, 'visits.importPreview', args, () => importVisitSheet(deps, Buffer.from(args.bytesBase64, 'base64'), { commit: false, progress: progressReporter(deps, args.taskId, '读取慰问记录表') })),
  'visits.importCommit': (deps, args) =>
    runLongJob(deps, 'visits.importCommit', args, () => importVisitSheet(deps, Buffer.from(args.bytesBase64, 'base64'), { commit: true, progress: progressReporter(deps, args.taskId, '导入慰问记录') })),
  'visits.export': (deps, args) => exportVisits(deps, args),
  'reminders.list': (deps, args) => collectReminders(deps, args),
};
