import ExcelJS from 'exceljs';
import { filterRoster } from '../../shared/roster-filter';
import type { FileDownload, RosterFilter, StaffListItem } from '../../shared/staff-record';
import { todayOf, type AppDeps } from '../app-deps';
import { requireLocalStation } from '../station/local-station';
import type { FieldValue } from '../../db/synced-tables';
import type { LedgerStore } from '../../db/ledger-store';
import { personRecordSheetKinds } from './person-record-kinds';
import { recordSheetColumns } from './record-sheet-import';
import { styleHeaderRow } from './roster-template';
import { listStaff } from './staff-queries';

/** One column of the export: header, width, how a person fills it, and whether it is text. */
interface ExportColumn {
  header: string;
  width: number;
  value: (item: StaffListItem) => string | number | null;
  text?: boolean;
}

const yesNo = (flag: boolean) => (flag ? '是' : '否');

/**
 * The export's columns. Editable ones use the import's headers (so an edited export can be imported
 * back); the derived ones (出生日期, 性别, 年龄, 工龄, 预计退休日期, 状态) are ignored on import.
 */
const exportColumns: readonly ExportColumn[] = [
  { header: '姓名', width: 10, value: (p) => p.name },
  { header: '人员类别', width: 9, value: (p) => p.category },
  { header: '身份证号', width: 21, value: (p) => p.idNumber, text: true },
  { header: '性别', width: 6, value: (p) => p.gender },
  { header: '出生日期', width: 12, value: (p) => p.birthDate },
  { header: '年龄', width: 6, value: (p) => p.age },
  { header: '民族', width: 8, value: (p) => p.ethnicity },
  { header: '手机号码', width: 14, value: (p) => p.phone, text: true },
  { header: '警号/辅警编号', width: 13, value: (p) => p.badgeNo, text: true },
  { header: '岗位', width: 12, value: (p) => p.position },
  { header: '职级', width: 11, value: (p) => p.rank },
  { header: '辅警层级', width: 9, value: (p) => p.auxLevel },
  { header: '星级', width: 6, value: (p) => p.starRating },
  { header: '参加工作时间', width: 13, value: (p) => p.workStartDate },
  { header: '认定工龄（月）', width: 12, value: (p) => p.priorServiceMonths },
  { header: '工龄', width: 6, value: (p) => p.workYears },
  { header: '入职时间', width: 13, value: (p) => p.hireDate },
  { header: '调入本所时间', width: 13, value: (p) => p.joinedStationDate },
  { header: '学历', width: 10, value: (p) => p.education },
  { header: '学位', width: 7, value: (p) => p.degree },
  { header: '中共党员', width: 9, value: (p) => yesNo(p.partyMember) },
  { header: '入党时间', width: 12, value: (p) => p.partyJoinDate },
  { header: '工会会员', width: 9, value: (p) => yesNo(p.unionMember) },
  { header: '困难职工', width: 9, value: (p) => yesNo(p.hardship) },
  { header: '英模', width: 6, value: (p) => yesNo(p.heroModel) },
  { header: '生日按农历', width: 10, value: (p) => yesNo(p.lunarBirthday) },
  { header: '伤残等级', width: 9, value: (p) => p.disabilityLevel },
  { header: '预计退休日期', width: 13, value: (p) => p.expectedRetirementDate },
  { header: '状态', width: 8, value: (p) => p.status },
  { header: '状态日期', width: 12, value: (p) => p.statusDate },
  { header: '备注', width: 24, value: (p) => p.notes },
];

const stationColumn: ExportColumn = { header: '所属单位', width: 16, value: (p) => p.stationName };

/** A clerk may print an export as it is: A4 landscape, one page wide, the header row on every page. */
const PRINT_SETUP: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };

/**
 * Builds the roster workbook of the given people: frozen header row with a filter, column widths,
 * ID and phone numbers as text (so Excel keeps all 18 digits), dates as `YYYY-MM-DD` text.
 * A 所属单位 column is added when the people belong to more than one station (a bureau's export).
 */
export function buildRosterExport(people: StaffListItem[]): ExcelJS.Workbook {
  const stations = new Set(people.map((p) => p.stationId));
  const columns = stations.size > 1 ? [...exportColumns, stationColumn] : exportColumns;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '暖警台账';
  const sheet = workbook.addWorksheet('人员名单', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: PRINT_SETUP });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  columns.forEach((c, i) => {
    if (c.text) sheet.getColumn(i + 1).numFmt = '@';
  });
  styleHeaderRow(sheet.getRow(1));
  for (const person of people) sheet.addRow(columns.map((c) => c.value(person)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return workbook;
}

/**
 * Adds a sheet per person-record kind (家属, 表彰) with the records of the exported people, under the
 * import template's headers (人员姓名, 人员身份证号, then the kind's columns): an edited export
 * comes back in through 导入 Excel, matched to the same records.
 */
function addRecordSheets(workbook: ExcelJS.Workbook, store: LedgerStore, people: StaffListItem[]): number {
  const byId = new Map(people.map((p) => [p.id, p]));
  let total = 0;
  for (const kind of personRecordSheetKinds) {
    if (!kind.sheet) continue;
    const columns = recordSheetColumns(kind.sheet);
    const rows = (store.sqlite.prepare(`SELECT * FROM "${kind.table}" WHERE deleted_at IS NULL AND staff_id IS NOT NULL ORDER BY staff_id, id`).all() as Record<string, FieldValue>[]).filter((row) =>
      byId.has(String(row.staff_id)),
    );
    const sheet = workbook.addWorksheet(kind.sheet.sheetNames[0], { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: PRINT_SETUP });
    sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
    columns.forEach((c, i) => {
      if (c.kind === 'idNumber' || c.kind === 'phone') sheet.getColumn(i + 1).numFmt = '@';
    });
    styleHeaderRow(sheet.getRow(1));
    for (const row of rows) {
      const person = byId.get(String(row.staff_id)) as StaffListItem;
      sheet.addRow(columns.map((c) => (c.field === 'personName' ? person.name : c.field === 'personIdNumber' ? person.idNumber : (row[c.column] ?? null))));
    }
    total += rows.length;
  }
  return total;
}

/** A file name Windows accepts: no \ / : * ? " < > |. */
function safeFileName(text: string): string {
  return text.replace(/[\\/:*?"<>|]/g, '_');
}

/**
 * Exports the roster as the page shows it (`filterRoster` with the page's filter: by default the
 * active staff) to `人员名单-<单位>-<日期>.xlsx`, with their family and honours on the 家属 and 表彰
 * sheets.
 */
export async function exportRoster(deps: AppDeps, filter: RosterFilter): Promise<FileDownload> {
  const station = requireLocalStation(deps.store);
  const today = todayOf(deps);
  const people = filterRoster(listStaff(deps.store, today), filter);
  const workbook = buildRosterExport(people);
  addRecordSheets(workbook, deps.store, people);
  const bytes = await workbook.xlsx.writeBuffer();
  return {
    fileName: safeFileName(`人员名单-${station.name}-${today}.xlsx`),
    bytesBase64: Buffer.from(bytes).toString('base64'),
    rowCount: people.length,
  };
}
