import type ExcelJS from 'exceljs';
import type { ImportRowResult, RecordSheetImportSummary } from '../../shared/staff-record';
import type { PersonTableName } from '../../shared/synced-table-catalog';
import type { LedgerStore } from '../../db/ledger-store';
import { normalisePersonName } from '../../shared/person-name';
import { syncedTableSpec, type FieldValue } from '../../db/synced-tables';
import type { WriteActor } from '../../db/write-path';
import { savePersonRecord, type PersonRecordInput, type PersonRecordKind, type PersonRecordRow, type RecordSheetColumn, type RecordSheetSpec } from './person-records';
import { readRosterCell } from './roster-cell-values';
import { findRecordSheet, isSheetNamed, type SheetRow } from './roster-sheet-reader';
import { checkIdNumber } from './staff-input-check';
import { columnChange } from './roster-change-display';

/**
 * The one reader of person-record sheets (家属, 表彰, and later 体检 …) of the roster workbook: each
 * row names the person by their 身份证号 (registered already, or in the workbook's roster sheet),
 * is read with the kind's columns, checked with the kind's form schema and checks, and matched to
 * the person's existing record (`matchOn`), so a re-import changes nothing. A blank cell keeps the
 * stored value. The commit saves through `savePersonRecord`, like the dialog.
 */

/** A kind of person record, whatever its input and item (the reader uses its sheet, checks and values). */
export type SheetKind = PersonRecordKind<PersonTableName, PersonRecordInput, unknown>;

/** The columns every record sheet has before the kind's own: whose record it is. */
export const personIdColumn: RecordSheetColumn = {
  field: 'personIdNumber',
  column: '',
  header: '人员身份证号',
  aliases: ['身份证号', '本人身份证号', '民警身份证号', '身份证号码', '公民身份号码', '人员身份证号码'],
  kind: 'idNumber',
  required: true,
  width: 22,
};
export const personNameColumn: RecordSheetColumn = {
  field: 'personName',
  column: '',
  header: '人员姓名',
  aliases: ['本人姓名', '民警姓名', '所属人员', '干警姓名', '职工姓名', '人员'],
  kind: 'name',
  required: false,
  width: 10,
};

/** Every column of a kind's sheet, the person's first (姓名, then the 身份证号 that finds them). */
export function recordSheetColumns(sheet: RecordSheetSpec<PersonRecordInput>): RecordSheetColumn[] {
  return [personNameColumn, personIdColumn, ...sheet.columns];
}

/** A person a record row may name: registered (with their live records) or created by the same import. */
export interface SheetPerson {
  id: string;
  name: string;
  records: Record<string, FieldValue>[];
}

/** One analysed row: its result and, unless refused or unchanged, what to save. */
export interface AnalysedRecordRow {
  result: ImportRowResult;
  save?: PersonRecordInput;
}

/** A kind's sheet of a workbook, analysed (nothing written). */
export interface AnalysedRecordSheet {
  kind: SheetKind;
  summary: RecordSheetImportSummary;
  rows: AnalysedRecordRow[];
}

type RowError = { field: string; message: string };

function liveRecordsOf(store: LedgerStore, table: string, staffId: string): Record<string, FieldValue>[] {
  return store.sqlite.prepare(`SELECT * FROM "${table}" WHERE staff_id = ? AND deleted_at IS NULL ORDER BY id`).all(staffId) as Record<string, FieldValue>[];
}

/** Finds a person by ID number: the station's registered people, or those the roster sheet adds. */
export type PersonFinder = (idNumber: string) => { id: string; name: string; isNew: boolean } | undefined;

function analyseRow(
  store: LedgerStore,
  kind: SheetKind,
  sheet: RecordSheetSpec<PersonRecordInput>,
  sheetRow: SheetRow<RecordSheetColumn>,
  context: { today: string; findPerson: PersonFinder; seen: Map<string, number>; accepted: Map<string, Record<string, FieldValue>[]> },
): AnalysedRecordRow {
  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  const raw: Record<string, unknown> = {};
  for (const [column, value] of sheetRow.cells) {
    const reading = readRosterCell(value, column.kind, column.header);
    if (!reading.ok && column.soft) warnings.push({ field: column.header, message: `${reading.message}；这一项未导入，其余照常导入` });
    else if (!reading.ok) errors.push({ field: column.header, message: reading.message });
    else if (reading.value !== undefined) raw[column.field] = reading.value;
  }
  const idText = typeof raw.personIdNumber === 'string' ? raw.personIdNumber : '';
  let idNumber = idText;
  const refused = (name: string): AnalysedRecordRow => ({ result: { row: sheetRow.row, action: 'refused', name, idNumber, changedFields: [], errors } });
  const headerOf = (field: string) => recordSheetColumns(sheet).find((c) => c.field === field)?.header ?? field;

  let person: { id: string; name: string; isNew: boolean } | undefined;
  if (!errors.some((e) => e.field === personIdColumn.header)) {
    const check = idText === '' ? null : checkIdNumber(idText, context.today);
    if (!check) errors.push({ field: personIdColumn.header, message: `${personIdColumn.header}未填：每行都要填写这条记录所属人员的身份证号` });
    else if (!check.ok) errors.push({ field: personIdColumn.header, message: check.problem.message });
    else {
      idNumber = check.info.idNumber;
      if (check.info.upgradedFrom) warnings.push({ field: personIdColumn.header, message: `15位旧身份证号 ${check.info.upgradedFrom} 已按国家标准升为18位 ${idNumber}` });
      person = context.findPerson(idNumber);
      if (!person) errors.push({ field: personIdColumn.header, message: `身份证号 ${idNumber} 不在本所人员名单中：请先登记此人（或在本文件的人员名单中一并填写）` });
      else if (typeof raw.personName === 'string' && raw.personName !== normalisePersonName(person.name)) {
        errors.push({ field: personNameColumn.header, message: `身份证号 ${idNumber} 登记的是「${person.name}」，与本行的「${raw.personName}」不符，请核对` });
      }
    }
  }
  for (const column of sheet.columns) {
    if (column.required && raw[column.field] === undefined && !errors.some((e) => e.field === column.header)) errors.push({ field: column.header, message: `${column.header}未填` });
  }
  const personLabel = person?.name ?? (typeof raw.personName === 'string' ? raw.personName : '');
  if (errors.length > 0 || !person) return refused(personLabel);

  const fields: Record<string, unknown> = Object.fromEntries(sheet.columns.flatMap((c) => (raw[c.field] === undefined ? [] : [[c.field, raw[c.field]]])));
  // A soft field the form refuses (a phone of 10 digits) is left out, the record kept.
  const tried = sheet.parse({ ...fields, staffId: person.id });
  if (!tried.success) {
    for (const issue of tried.error.issues) {
      const column = sheet.columns.find((c) => c.field === String(issue.path[0] ?? ''));
      if (!column?.soft || fields[column.field] === undefined) continue;
      warnings.push({ field: column.header, message: `「${String(fields[column.field])}」${issue.message}；这一项未导入，其余照常导入` });
      delete fields[column.field];
    }
  }
  const first = sheet.parse({ ...fields, staffId: person.id });
  if (!first.success) {
    for (const issue of first.error.issues) {
      const field = headerOf(String(issue.path[0] ?? ''));
      if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message });
    }
    return refused(personLabel);
  }
  const columnOf = (field: string) => sheet.columns.find((c) => c.field === field)?.column ?? field;
  const matchValues = sheet.matchOn.map((field) => (first.data as unknown as Record<string, unknown>)[field] ?? null);
  const records = person.isNew ? [] : liveRecordsOf(store, kind.table, person.id);
  const existing = records.find((record) => sheet.matchOn.every((field, i) => record[columnOf(field)] === matchValues[i]));
  const name = `${person.name} · ${sheet.describe(first.data)}`;
  const key = `${person.id}\u0000${JSON.stringify(matchValues)}`;
  const earlier = context.seen.get(key);
  if (earlier !== undefined) {
    errors.push({ field: headerOf(sheet.matchOn[0]), message: `与第${earlier}行是同一条记录（${sheet.describe(first.data)}），本行未导入，请删除重复行` });
    return refused(name);
  }
  context.seen.set(key, sheetRow.row);

  // A blank cell keeps what the record holds.
  let input = first.data;
  if (existing) {
    const kept: Record<string, unknown> = {};
    for (const column of sheet.columns) if (fields[column.field] === undefined && existing[column.column] !== null) kept[column.field] = existing[column.column];
    const merged = sheet.parse({ ...kept, ...fields, staffId: person.id });
    if (merged.success) input = merged.data;
  }
  const existingRow = existing as PersonRecordRow<PersonTableName> | undefined;
  // The person's other records: those stored (but the one this row updates) and those earlier rows add.
  const acceptedBefore = context.accepted.get(person.id) ?? [];
  const others = [...records.filter((record) => record !== existing), ...acceptedBefore];
  const recordContext = { today: context.today, existing: existingRow, others };
  const problems = kind.check?.(input, recordContext) ?? [];
  if (problems.length > 0) {
    for (const problem of problems) errors.push({ field: headerOf(problem.field), message: problem.message });
    return refused(name);
  }
  const values = kind.values(input, recordContext);
  if (!existing) context.accepted.set(person.id, [...acceptedBefore, values]);
  const changed = existing ? Object.keys(values).filter((col) => (existing[col] ?? null) !== (values[col] ?? null)) : [];
  const action: ImportRowResult['action'] = !existing ? 'create' : changed.length > 0 ? 'update' : 'unchanged';
  const changes = action === 'update' ? changed.map((col) => columnChange(kind.table, col, existing?.[col], values[col])) : [];
  return {
    save: action === 'unchanged' ? undefined : { ...input, id: existing ? String(existing.id) : undefined },
    result: {
      row: sheetRow.row,
      action,
      name,
      idNumber,
      changedFields: changes.map((c) => c.field),
      ...(changes.length > 0 ? { changes } : {}),
      errors: [],
      ...(warnings.length > 0 ? { warnings } : {}),
    },
  };
}

/** Reads and checks a kind's sheet of the workbook; null when the kind has no sheet or the workbook none. Writes nothing. */
export function analyseRecordSheet(store: LedgerStore, workbook: ExcelJS.Workbook, kind: SheetKind, context: { today: string; findPerson: PersonFinder }): AnalysedRecordSheet | null {
  const spec = kind.sheet;
  if (!spec) return null;
  const sheet = findRecordSheet(workbook, { sheetNames: spec.sheetNames, columns: recordSheetColumns(spec), keyField: personIdColumn.field });
  if (!sheet) return null;
  const seen = new Map<string, number>();
  const accepted = new Map<string, Record<string, FieldValue>[]>();
  const rows = sheet.rows.map((row) => analyseRow(store, kind, spec, row, { ...context, seen, accepted }));
  const count = (action: ImportRowResult['action']) => rows.filter((r) => r.result.action === action).length;
  return {
    kind,
    rows,
    summary: {
      table: kind.table,
      label: syncedTableSpec(kind.table)?.label ?? kind.table,
      sheetName: sheet.sheetName,
      created: count('create'),
      updated: count('update'),
      unchanged: count('unchanged'),
      refused: count('refused'),
      rows: rows.map((r) => r.result),
      ignoredHeaders: sheet.ignoredHeaders,
    },
  };
}

/** Saves the rows of an analysed sheet that were not refused or unchanged (inside the import's transaction). */
export function applyRecordSheet(store: LedgerStore, actor: WriteActor, analysed: AnalysedRecordSheet, today: string): void {
  for (const row of analysed.rows) if (row.save) savePersonRecord(store, actor, analysed.kind, row.save, today);
}

/** Whether a worksheet is a record sheet of one of the kinds (so the roster search skips it). */
export function isRecordSheetOf(kinds: readonly SheetKind[]): (sheet: ExcelJS.Worksheet) => boolean {
  return (sheet) => kinds.some((kind) => kind.sheet !== undefined && isSheetNamed(sheet, kind.sheet.sheetNames));
}
