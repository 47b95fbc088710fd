import { AppError } from '../../shared/contract/api-error';
import { filterRoster } from '../../shared/roster-filter';
import type { FileDownload, RosterFilter } from '../../shared/staff-record';
import type { StationListArgs } from '../../shared/station-lists';
import type { PrintableDocument } from '../../shared/visit-record';
import { todayOf, type AppDeps } from '../app-deps';
import type { HandlerTable } from '../handlers/handler-registry';
import { listStaff } from '../staff/staff-queries';
import { requireLocalStation } from '../station/local-station';
import { reportSignatureOf } from './report-signature';
import { describeRosterFilter, rosterSheetDocument } from './roster-sheet-document';
import { stationList } from './station-lists';
import { stationListDocument } from './station-list-document';
import { stationListWorkbook } from './station-list-workbook';

/**
 * The printed lists' handlers: the 花名册 of the roster as the page filters it (the same
 * `filterRoster` as the page and its Excel export), and the station-wide lists — each a print page,
 * a PDF (the deps' Chromium, as the monthly report) and, for the lists, an Excel file.
 */

/** The 花名册 page of the roster under a filter. */
export function rosterSheet(deps: AppDeps, filter: RosterFilter): PrintableDocument {
  const own = requireLocalStation(deps.store);
  const today = todayOf(deps);
  const roster = listStaff(deps.store, today);
  const people = filterRoster(roster, filter);
  const stationNames = new Map(roster.filter((p) => p.stationCode).map((p) => [p.stationCode as string, p.stationName ?? '']));
  const stations = new Set(people.map((p) => p.stationId));
  const unitName = stations.size === 1 && people[0].stationName ? people[0].stationName : own.name;
  return rosterSheetDocument(people, { unitName, filterText: describeRosterFilter(filter, stationNames), today, ...reportSignatureOf(deps) });
}

function listDocument(deps: AppDeps, args: StationListArgs): PrintableDocument {
  return stationListDocument(stationList(deps, args), reportSignatureOf(deps));
}

async function pdfOf(deps: AppDeps, document: PrintableDocument): Promise<FileDownload> {
  if (!deps.pdf) throw new AppError('PDF_UNAVAILABLE', '这里不能生成 PDF：请在暖警台账桌面版或网页模式中保存 PDF，或用「打印」。');
  const bytes = await deps.pdf(document.html);
  return { fileName: document.fileName, bytesBase64: bytes.toString('base64') };
}

export const listHandlers: HandlerTable = {
  'roster.sheet': (deps, args) => rosterSheet(deps, args.filter ?? {}),
  'roster.sheetPdf': (deps, args) => pdfOf(deps, rosterSheet(deps, args.filter ?? {})),
  'lists.data': (deps, args) => stationList(deps, args),
  'lists.document': (deps, args) => listDocument(deps, args),
  'lists.pdf': (deps, args) => pdfOf(deps, listDocument(deps, args)),
  'lists.excel': (deps, args) => stationListWorkbook(stationList(deps, args)),
};
