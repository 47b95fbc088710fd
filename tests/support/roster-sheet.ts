import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';

/** A cell of a test sheet: text stays text; a number is written as an Excel number. */
export type RosterSheetCell = string | number | Date;

export interface RosterSheetOptions {
  /** Worksheet name (default 人员名单). */
  sheetName?: string;
  /** A title line above the header row, as clerks' own rosters often have. */
  titleRow?: string;
}

/**
 * Builds a roster workbook the way a clerk's own sheet looks: one header row whose headers are the
 * union of the rows' keys (in order of first appearance), then one row per record. Strings are
 * written as text (an 18-digit ID number survives), numbers as numbers (so a test can reproduce an
 * ID number Excel has turned into 1.10105E+17), dates as Excel dates.
 */
export async function rosterSheetBytes(rows: Record<string, RosterSheetCell>[], options: RosterSheetOptions = {}): Promise<Buffer> {
  const headers: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!headers.includes(key)) headers.push(key);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheetName ?? '人员名单');
  if (options.titleRow) sheet.addRow([options.titleRow]);
  sheet.addRow(headers);
  for (const row of rows) {
    sheet.addRow(headers.map((h) => (row[h] === undefined ? null : row[h])));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Writes a roster workbook (see {@link rosterSheetBytes}) to `path`. */
export async function writeRosterSheet(path: string, rows: Record<string, RosterSheetCell>[], options: RosterSheetOptions = {}): Promise<void> {
  await writeFile(path, await rosterSheetBytes(rows, options));
}
