import { staffInputSchema, type ImportRowResult, type RosterImportSummary } from '../../shared/staff-record';
import type { FieldValue } from '../../db/synced-tables';
import { selectSync, type LedgerStore } from '../../db/ledger-store';
import { todayOf, type AppDeps } from '../app-deps';
import { requireLocalStation } from '../station/local-station';
import { headerOfField, TEMPLATE_EXAMPLE_ID_NUMBER } from './roster-columns';
import { readRosterCell } from './roster-cell-values';
import { personRecordSheetKinds } from './person-record-kinds';
import { analyseRecordSheet, applyRecordSheet, isRecordSheetOf, type AnalysedRecordSheet, type PersonFinder } from './record-sheet-import';
import { findRosterSheet, loadWorkbook, type RosterSheet, type RosterSheetRow } from './roster-sheet-reader';
import { checkIdNumber, type StaffField } from './staff-input-check';
import type { RosterCheckField } from './roster-columns';
import { columnChange } from './roster-change-display';
import type { StaffRow } from './staff-rows';
import { applyStaffPlan, planStaffSave, type StaffLookup, type StaffSavePlan } from './staff-save';

/**
 * Importing a roster sheet (Excel 导入人员名单). Each row is checked with the same rules as the staff
 * form (`planStaffSave`), matched to the station's live people by ID number, and classified as
 * create, update (with the fields that would change), unchanged or refused (with every reason,
 * by Excel row number and column). A preview writes nothing; a commit applies every row that was
 * not refused in one transaction through the write path. Blank cells never erase stored values,
 * so importing the same sheet again changes nothing.
 */

type RowError = { field: string; message: string };

interface AnalysedRow {
  result: ImportRowResult;
  plan?: StaffSavePlan;
}

interface ImportContext {
  lookup: StaffLookup;
  byIdNumber: Map<string, StaffRow>;
  today: string;
  localStationId: string;
  newId: () => string;
  /** ID number → the Excel row that first used it. */
  seen: Map<string, number>;
}

/** The station's live people, loaded once for the whole sheet (no query per row). */
function snapshotLookup(store: LedgerStore, stationId: string): { lookup: StaffLookup; byIdNumber: Map<string, StaffRow> } {
  const rows = selectSync(store, store.db.selectFrom('staff').selectAll().where('station_id', '=', stationId).where('deleted_at', 'is', null).orderBy('id'));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const byIdNumber = new Map<string, StaffRow>();
  for (const row of rows) if (row.id_number && !byIdNumber.has(row.id_number)) byIdNumber.set(row.id_number, row);
  return {
    byIdNumber,
    lookup: {
      byId: (id) => byId.get(id),
      liveWithIdNumber: (station, idNumber) => (station === stationId ? rows.filter((row) => row.id_number === idNumber) : []),
    },
  };
}

function refused(row: number, name: string, idNumber: string, errors: RowError[]): AnalysedRow {
  return { result: { row, action: 'refused', name, idNumber, changedFields: [], errors } };
}

/**
 * Fields whose bad value leaves the field out, not the person: a phone number with a digit too many
 * should not keep someone off the roster. The clerk is told (a warning on the row).
 */
const softFields: ReadonlySet<StaffField> = new Set<StaffField>(['phone', 'ethnicity', 'education', 'degree']);

/** Checks one sheet row; null for the template's example row, which is skipped. */
function analyseRow(sheetRow: RosterSheetRow, context: ImportContext): AnalysedRow | null {
  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  const raw: Record<string, unknown> = {};
  const checks: Partial<Record<RosterCheckField, string>> = {};
  const given = new Set<StaffField>();
  for (const [column, value] of sheetRow.cells) {
    const reading = readRosterCell(value, column.kind, column.header);
    const field = column.field;
    if (field === 'gender' || field === 'birthDate') {
      if (reading.ok && typeof reading.value === 'string') checks[field] = reading.value;
      else if (!reading.ok) warnings.push({ field: column.header, message: `${reading.message}（只用于核对，未影响导入）` });
    } else if (!reading.ok) {
      if (softFields.has(field)) warnings.push({ field: column.header, message: `${reading.message}；这一项未导入，其余信息照常导入` });
      else errors.push({ field: column.header, message: reading.message });
    } else if (reading.value !== undefined) {
      raw[field] = reading.value;
      given.add(field);
    }
  }
  const idText = typeof raw.idNumber === 'string' ? raw.idNumber : '';
  if (idText === TEMPLATE_EXAMPLE_ID_NUMBER) return null;
  const name = typeof raw.name === 'string' ? raw.name : '';
  const idHeader = headerOfField('idNumber');
  const idFailed = errors.some((e) => e.field === idHeader);

  let idNumber = idText;
  let match: StaffRow | undefined;
  if (!idFailed && idText === '') errors.push({ field: idHeader, message: '身份证号未填：导入按身份证号识别人员，每行都要填写' });
  else if (!idFailed) {
    const check = checkIdNumber(idText, context.today);
    if (!check.ok) errors.push({ field: idHeader, message: check.problem.message });
    else {
      idNumber = check.info.idNumber;
      if (check.info.upgradedFrom) {
        warnings.push({ field: idHeader, message: `15位旧身份证号 ${check.info.upgradedFrom} 已按国家标准（GB 11643）升为18位 ${idNumber}，按18位登记` });
      }
      const idGender = check.info.gender === 'male' ? '男' : '女';
      if (checks.gender && checks.gender !== idGender) {
        warnings.push({ field: headerOfField('gender'), message: `性别填的是「${checks.gender}」，但身份证号表明是${idGender}性：已按身份证号登记为${idGender}，请核对身份证号和性别` });
      }
      if (checks.birthDate && checks.birthDate !== check.info.birthDate) {
        warnings.push({ field: headerOfField('birthDate'), message: `出生日期填的是 ${checks.birthDate}，但身份证号中是 ${check.info.birthDate}：已按身份证号登记，请核对` });
      }
      match = context.byIdNumber.get(idNumber);
      const firstRow = context.seen.get(idNumber);
      if (firstRow !== undefined) {
        errors.push({ field: idHeader, message: `身份证号与第${firstRow}行重复：同一人在表中只能出现一次，本行未导入，请删除重复行或核对号码` });
      } else context.seen.set(idNumber, sheetRow.row);
    }
  }
  if (match) {
    raw.id = match.id;
    if (!given.has('category') && match.category) raw.category = match.category;
    if (!given.has('name') && match.name) raw.name = match.name;
  }
  if (raw.name === undefined && !errors.some((e) => e.field === headerOfField('name'))) {
    errors.push({ field: headerOfField('name'), message: '姓名未填' });
  }
  if (raw.category === undefined && !errors.some((e) => e.field === headerOfField('category'))) {
    errors.push({ field: headerOfField('category'), message: '人员类别未填：新增人员须填写 民警、辅警 或 职工' });
  }
  // A soft field the form's schema refuses (a phone of 10 digits) is left out, the person imported.
  for (const field of softFields) {
    if (raw[field] === undefined) continue;
    const checked = staffInputSchema.shape[field].safeParse(raw[field]);
    if (checked.success) continue;
    warnings.push({ field: headerOfField(field), message: `「${String(raw[field])}」${checked.error.issues[0]?.message ?? '格式不正确'}；这一项未导入，其余信息照常导入` });
    delete raw[field];
    given.delete(field);
  }
  const parsed = staffInputSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = headerOfField(String(issue.path[0] ?? ''));
      if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message });
    }
  }
  if (errors.length > 0 || !parsed.success) return refused(sheetRow.row, name, idNumber, errors);

  const planned = planStaffSave(parsed.data, { ...context, given });
  if (!planned.ok) {
    return refused(sheetRow.row, name, idNumber, planned.problems.map((p) => ({ field: headerOfField(p.field), message: p.message })));
  }
  const { plan } = planned;
  const action = !plan.existing ? 'create' : plan.changedColumns.length > 0 ? 'update' : 'unchanged';
  const existing = plan.existing as Record<string, FieldValue> | undefined;
  const changes = action === 'update' ? plan.changedColumns.map((col) => columnChange('staff', col, existing?.[col], plan.values[col])) : [];
  return {
    plan: action === 'unchanged' ? undefined : plan,
    result: {
      row: sheetRow.row,
      action,
      name: parsed.data.name,
      idNumber,
      changedFields: changes.map((c) => c.field),
      ...(changes.length > 0 ? { changes } : {}),
      errors: [],
      ...(warnings.length > 0 ? { warnings } : {}),
    },
  };
}

/** Which sheets were read: the roster's (if any) and the record sheets; the others, listed by name. */
interface SheetsRead {
  roster: RosterSheet | null;
  allSheetNames: string[];
}

function summarise(rows: AnalysedRow[], records: AnalysedRecordSheet[], read: SheetsRead, committed: boolean): RosterImportSummary {
  const results = rows.map((r) => r.result);
  const count = (action: ImportRowResult['action']) => results.filter((r) => r.action === action).length;
  const readNames = new Set([...(read.roster ? [read.roster.sheetName] : []), ...records.map((r) => r.summary.sheetName)]);
  const people = read.roster ? [{ sheet: read.roster.sheetName, label: '人员', created: count('create'), updated: count('update'), unchanged: count('unchanged'), refused: count('refused') }] : [];
  return {
    sheet: read.roster?.sheetName ?? null,
    otherSheets: read.allSheetNames.filter((name) => !readNames.has(name)),
    sheets: [
      ...people,
      ...records.map(({ summary: r }) => ({ sheet: r.sheetName, label: r.label, created: r.created, updated: r.updated, unchanged: r.unchanged, refused: r.refused })),
    ],
    skippedRows: read.roster?.skippedRows ?? [],
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    refused: count('refused'),
    errors: results.flatMap((r) => r.errors.map((e) => ({ row: r.row, field: e.field, message: e.message }))),
    rows: results,
    ignoredHeaders: read.roster?.ignoredHeaders ?? [],
    records: records.map((r) => r.summary),
    committed,
  };
}

/** Who a record sheet's row may name: a person a valid roster row adds or updates, else a registered one. */
function personFinder(rows: AnalysedRow[], byIdNumber: Map<string, StaffRow>): PersonFinder {
  const planned = new Map<string, { id: string; name: string; isNew: boolean }>();
  for (const row of rows) {
    if (row.plan) planned.set(row.result.idNumber, { id: row.plan.id, name: String(row.plan.values.name ?? ''), isNew: !row.plan.existing });
  }
  return (idNumber) => {
    const known = planned.get(idNumber);
    if (known) return known;
    const row = byIdNumber.get(idNumber);
    return row ? { id: row.id, name: row.name ?? '', isNew: false } : undefined;
  };
}

/**
 * Previews (`commit: false`, writes nothing) or commits an Excel roster, with the workbook's
 * person-record sheets (家属, 表彰: see `record-sheet-import.ts`), whose rows may name people the
 * roster sheet adds. A workbook may hold record sheets only. The commit re-checks every row inside
 * its transaction, so what it applies matches the database at that moment.
 *
 * @throws AppError ROSTER_FILE_UNREADABLE / ROSTER_HEADERS_MISSING for a file that cannot be read.
 */
export async function importRosterSheet(
  deps: AppDeps,
  bytes: Buffer,
  options: { commit: boolean; progress?: (done: number, total: number) => void },
): Promise<RosterImportSummary> {
  const station = requireLocalStation(deps.store);
  options.progress?.(0, 1);
  const workbook = await loadWorkbook(bytes);
  const isRecordSheet = isRecordSheetOf(personRecordSheetKinds);
  const sheet = findRosterSheet(workbook, { skip: isRecordSheet, optional: workbook.worksheets.some(isRecordSheet) });
  options.progress?.(0, sheet?.rows.length ?? 0);
  const today = todayOf(deps);
  const read: SheetsRead = { roster: sheet, allSheetNames: workbook.worksheets.map((w) => w.name) };
  const analyse = () => {
    const { lookup, byIdNumber } = snapshotLookup(deps.store, station.id);
    const context: ImportContext = { lookup, byIdNumber, today, localStationId: station.id, newId: deps.store.newId, seen: new Map() };
    const rows = (sheet?.rows ?? []).map((row) => analyseRow(row, context)).filter((row): row is AnalysedRow => row !== null);
    const findPerson = personFinder(rows, byIdNumber);
    const records = personRecordSheetKinds.flatMap((kind) => analyseRecordSheet(deps.store, workbook, kind, { today, findPerson }) ?? []);
    return { rows, records };
  };
  if (!options.commit) {
    const { rows, records } = analyse();
    return summarise(rows, records, read, false);
  }
  return deps.store.transaction(() => {
    const { rows, records } = analyse();
    const total = rows.length + records.length;
    rows.forEach((row, index) => {
      if (row.plan) applyStaffPlan(deps.store, deps.user, row.plan, 'Excel导入');
      options.progress?.(index + 1, total);
    });
    records.forEach((record, index) => {
      applyRecordSheet(deps.store, deps.user, record, today);
      options.progress?.(rows.length + index + 1, total);
    });
    return summarise(rows, records, read, true);
  });
}
