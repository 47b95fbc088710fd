import ExcelJS from 'exceljs';
import { AppError } from '../../shared/contract/api-error';
import { headerMatcher, normaliseHeader, passedOverHeaders, rosterColumnOfHeader, type RosterColumn, type SheetColumn } from './roster-columns';
import { cellText } from './roster-cell-values';

/** One data row of an import sheet: its Excel row number and the cells of recognised columns. */
export interface SheetRow<C extends SheetColumn = SheetColumn> {
  row: number;
  cells: Map<C, ExcelJS.CellValue>;
}

/** One data row of the roster sheet. */
export type RosterSheetRow = SheetRow<RosterColumn>;

/** An import sheet as read from the clerk's workbook. */
export interface ImportSheet<C extends SheetColumn = SheetColumn> {
  sheetName: string;
  headerRow: number;
  columns: C[];
  rows: SheetRow<C>[];
  /** Non-empty headers that name no column (also repeated ones), ignored. */
  ignoredHeaders: string[];
  /** Rows below the header that are not records (the footer 制表人/审核人 …), passed over. */
  skippedRows: { row: number; reason: string }[];
}

/** The roster sheet (人员名单). */
export type RosterSheet = ImportSheet<RosterColumn>;

/** How many rows from the top may hold the header (a title row often comes first). */
const HEADER_SEARCH_ROWS = 10;

function unreadable(message: string): AppError {
  return new AppError('ROSTER_FILE_UNREADABLE', message);
}

/** Opens the workbook, refusing what is not a readable .xlsx with a message that says what to do. */
export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  if (bytes.length === 0) throw unreadable('文件是空的（0 字节），无法导入。请确认选择的是填好的 Excel 人员名单。');
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw unreadable('无法读取这个文件：它是旧版 Excel（.xls）格式，或设置了打开密码。请在 Excel 或 WPS 中打开它，取消密码（如有），「另存为」Excel 工作簿（.xlsx）后再导入。');
  }
  if (!bytes.subarray(0, 2).equals(Buffer.from('PK'))) {
    throw unreadable('这个文件不是 Excel 工作簿（.xlsx），无法导入。如果是 .csv、.et 或其他格式，请在 Excel 或 WPS 中打开后「另存为」Excel 工作簿（.xlsx）。');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw unreadable(`无法读取这个 Excel 文件，文件可能已损坏（${(error as Error).message}）。请在 Excel 或 WPS 中打开并重新保存为 .xlsx 后再导入。`);
  }
  if (workbook.worksheets.length === 0) throw unreadable('这个 Excel 文件里没有工作表，无法导入。');
  return workbook;
}

interface HeaderCandidate<C extends SheetColumn> {
  sheet: ExcelJS.Worksheet;
  rowNumber: number;
  columns: Map<number, C>;
  ignored: string[];
}

function readHeaderRow<C extends SheetColumn>(sheet: ExcelJS.Worksheet, rowNumber: number, columnOf: (header: string) => C | undefined): HeaderCandidate<C> {
  const columns = new Map<number, C>();
  const ignored: string[] = [];
  const seen = new Map<C, string>();
  const passedOver = new Set(passedOverHeaders.map(normaliseHeader));
  sheet.getRow(rowNumber).eachCell({ includeEmpty: false }, (cell, col) => {
    const header = cellText(cell.value);
    if (header === '' || passedOver.has(normaliseHeader(header))) return;
    const column = columnOf(header);
    if (!column) ignored.push(header);
    else if (seen.has(column)) ignored.push(`${header}（与「${seen.get(column)}」重复）`);
    else {
      seen.set(column, header);
      columns.set(col, column);
    }
  });
  return { sheet, rowNumber, columns, ignored };
}

const hasField = <C extends SheetColumn>(candidate: HeaderCandidate<C>, field: string) => [...candidate.columns.values()].some((c) => c.field === field);

/**
 * The words a roster's footer starts with (制表人：王丽 审核人：李明, 填表日期, 合计 …): such a row
 * is not a person. A row that also holds something like an ID number is read as a person all the same.
 */
const FOOTER = /^(制表人?|填表人?|填报人|审核人?|审批人?|复核人?|核对人|经办人|负责人|单位负责人|主管领导|分管领导|单位盖章|盖章|制表日期|填表日期|填报日期|填报单位|制表单位|合计|总计|小计|共计|注[:：]|说明[:：]|备注[:：])/;
const ID_LIKE = /\d{15}|\d{17}[\dXx]/;

/** Why a row is a footer and not a record, or null. */
function footerReason(row: ExcelJS.Row): string | null {
  let footer: string | null = null;
  let idLike = false;
  row.eachCell({ includeEmpty: false }, (cell) => {
    const text = cellText(cell.value).replace(/\s/g, '');
    if (ID_LIKE.test(text)) idLike = true;
    const match = FOOTER.exec(text);
    if (match && footer === null) footer = match[1];
  });
  return footer !== null && !idLike ? `表尾「${footer}」行，不是人员，已跳过` : null;
}

/** Every non-blank row below the header, with the cells of the recognised columns; the footer passed over. */
function rowsBelow<C extends SheetColumn>(header: HeaderCandidate<C>): ImportSheet<C> {
  const rows: SheetRow<C>[] = [];
  const skippedRows: { row: number; reason: string }[] = [];
  header.sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= header.rowNumber) return;
    const footer = footerReason(row);
    if (footer) {
      skippedRows.push({ row: rowNumber, reason: footer });
      return;
    }
    const cells = new Map<C, ExcelJS.CellValue>();
    for (const [col, column] of header.columns) {
      const value = row.getCell(col).value;
      if (cellText(value) !== '' || typeof value === 'boolean') cells.set(column, value);
    }
    if (cells.size > 0) rows.push({ row: rowNumber, cells });
  });
  return {
    sheetName: header.sheet.name,
    headerRow: header.rowNumber,
    columns: [...header.columns.values()],
    rows,
    ignoredHeaders: header.ignored,
    skippedRows,
  };
}

/** Whether a worksheet is one of the named sheets (names compared like headers: spaces, width, case). */
export function isSheetNamed(sheet: ExcelJS.Worksheet, names: readonly string[]): boolean {
  const name = normaliseHeader(sheet.name);
  return names.some((n) => normaliseHeader(n) === name);
}

/**
 * Finds the roster in a workbook: the first worksheet (but the sheets `skip` names: a 家属 or 表彰
 * sheet also has 姓名 and 身份证号) with a header row (within its first ten rows, so a title row
 * above is fine) naming both 姓名 and 身份证号; reads every non-blank row below it. Refuses a
 * workbook without those two headers (`ROSTER_HEADERS_MISSING`, naming the header it could not
 * find) unless `optional`, which gives null then.
 */
export function findRosterSheet(workbook: ExcelJS.Workbook, options: { skip?: (sheet: ExcelJS.Worksheet) => boolean; optional?: boolean } = {}): RosterSheet | null {
  let best: HeaderCandidate<RosterColumn> | undefined;
  let found: HeaderCandidate<RosterColumn> | undefined;
  const sheets = workbook.worksheets.filter((sheet) => !options.skip?.(sheet));
  for (const sheet of sheets) {
    for (let rowNumber = 1; rowNumber <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount) && !found; rowNumber += 1) {
      const candidate = readHeaderRow(sheet, rowNumber, rosterColumnOfHeader);
      if (hasField(candidate, 'name') && hasField(candidate, 'idNumber')) found = candidate;
      else if (!best || candidate.columns.size > best.columns.size) best = candidate;
    }
    if (found) break;
  }
  if (found) return rowsBelow(found);
  if (options.optional) return null;
  const sheetName = (best ?? { sheet: sheets[0] ?? workbook.worksheets[0] }).sheet.name;
  const missing = ['姓名', '身份证号'].filter((_, i) => !best || !hasField(best, i === 0 ? 'name' : 'idNumber'));
  const what = missing.map((h) => `「${h}」`).join('和');
  throw new AppError(
    'ROSTER_HEADERS_MISSING',
    `在工作表「${sheetName}」的前${HEADER_SEARCH_ROWS}行中找不到${what}列，无法导入。请确认表头行有「姓名」和「身份证号」两列（也认「身份证号码」「公民身份号码」等写法），或下载导入模板对照填写。`,
  );
}

/**
 * Reads a person-record sheet (家属, 表彰 …) of a workbook: the first worksheet with one of the
 * sheet's names whose header row (within the first ten rows) has the column of `keyField` (the
 * person's 身份证号); null when the workbook has none.
 */
export function findRecordSheet<C extends SheetColumn>(workbook: ExcelJS.Workbook, spec: { sheetNames: readonly string[]; columns: readonly C[]; keyField: string }): ImportSheet<C> | null {
  const columnOf = headerMatcher(spec.columns);
  for (const sheet of workbook.worksheets.filter((s) => isSheetNamed(s, spec.sheetNames))) {
    for (let rowNumber = 1; rowNumber <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); rowNumber += 1) {
      const candidate = readHeaderRow(sheet, rowNumber, columnOf);
      if (hasField(candidate, spec.keyField)) return rowsBelow(candidate);
    }
  }
  return null;
}

/** Reads the roster of a workbook's bytes (see `findRosterSheet`). */
export async function readRosterSheet(bytes: Buffer): Promise<RosterSheet> {
  return findRosterSheet(await loadWorkbook(bytes)) as RosterSheet;
}

/**
 * The first worksheet of a workbook whose header row (within its first ten rows, so a title row
 * above is fine) names every one of `keyFields` with one of `columns`; null when none does. For
 * sheets that come from elsewhere (the hospital's checkup results) and so may be named anything.
 */
export function findSheetWithColumns<C extends SheetColumn>(workbook: ExcelJS.Workbook, columns: readonly C[], keyFields: readonly string[]): ImportSheet<C> | null {
  const columnOf = headerMatcher(columns);
  for (const sheet of workbook.worksheets) {
    for (let rowNumber = 1; rowNumber <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); rowNumber += 1) {
      const candidate = readHeaderRow(sheet, rowNumber, columnOf);
      if (keyFields.every((field) => hasField(candidate, field))) return rowsBelow(candidate);
    }
  }
  return null;
}
