import { AppError } from '../../shared/contract/api-error';
import { halfDays, leaveInputSchema, leaveStatuses, leaveTypes, type LeaveImportSummary, type ParsedLeaveInput } from '../../shared/leave-record';
import { writeRecord } from '../../db/write-path';
import { todayOf, type AppDeps } from '../app-deps';
import type { ProgressReporter } from '../jobs/task-progress';
import { requireLocalStation } from '../station/local-station';
import { readRosterCell } from '../staff/roster-cell-values';
import { findSheetWithColumns, loadWorkbook, type SheetRow } from '../staff/roster-sheet-reader';
import { checkIdNumber } from '../staff/staff-input-check';
import { liveStaffRows, type StaffRowWithStation } from '../staff/staff-rows';
import { calendarLookupOf } from './calendar-store';
import { employmentProblems, leaveDayCount, leaveProblems, leaveValues, requireAnnualBalance, requireCompensatory, requireStrengthConfirmation } from './leave-records';
import { liveLeaveRows, type LeaveRow } from './leave-rows';
import { leaveSheetColumns, type LeaveSheetColumn, type LeaveSheetField } from './leave-sheet-columns';
import { strengthShortfalls } from './station-strength';

/**
 * Importing leave from Excel (休假记录表): one leave a row, the person matched by ID number only, by
 * the same rules as the form. A row refused (an overlap, no day to count, annual leave over the
 * balance, a year without a calendar …) or unreadable is an error naming its row, and nothing of it
 * is written; a day below the minimum strength is a warning and the row is imported (a row that
 * changes nothing is not warned about: it saves nothing). A row matching
 * a leave already recorded (same person, kind and first day) updates it, so importing the same
 * sheet twice changes nothing; two rows of one leave in a sheet are refused (the second names the
 * first), as either would otherwise overwrite the other at the next import. A preview writes nothing; a commit writes every row that is not an
 * error, in one transaction.
 */

type RowOutcome =
  | { row: number; errors: string[]; warnings: string[] }
  | { row: number; errors: []; warnings: string[]; input: ParsedLeaveInput; values: Record<string, string | number | null>; existingId: string | null; unchanged: boolean };

interface ImportState {
  today: string;
  byIdNumber: Map<string, StaffRowWithStation>;
  /** Each person's leave: the ledger's, then the rows of this sheet already read. */
  leaves: Map<string, LeaveRow[]>;
  /** The sheet row that gave each leave (person, kind, first day) already read: a second row of it is refused. */
  rowsByLeave: Map<string, number>;
}

const listed = (values: readonly string[]) => values.join('、');

function analyseRow(deps: AppDeps, sheetRow: SheetRow<LeaveSheetColumn>, state: ImportState): RowOutcome {
  const errors: string[] = [];
  const raw: Partial<Record<LeaveSheetField, string>> = {};
  for (const [column, value] of sheetRow.cells) {
    if (column.field === 'days') continue;
    const reading = readRosterCell(value, column.kind, column.header);
    if (!reading.ok) errors.push(reading.message);
    else if (reading.value !== undefined && reading.value !== null && String(reading.value).trim() !== '') raw[column.field] = String(reading.value).trim();
  }
  let person: StaffRowWithStation | undefined;
  if (!raw.idNumber) {
    if (!errors.some((e) => e.startsWith('身份证号'))) errors.push('身份证号未填：休假记录按身份证号对应到人，每行都要填写');
  } else {
    const check = checkIdNumber(raw.idNumber, state.today);
    if (!check.ok) errors.push(check.problem.message);
    else {
      person = state.byIdNumber.get(check.info.idNumber);
      if (!person) errors.push(`身份证号 ${check.info.idNumber} 不是本单位在册人员：请核对号码，或先在「人员档案」中登记此人`);
      else if (raw.name && raw.name.replace(/\s/g, '') !== person.name) errors.push(`姓名「${raw.name}」与身份证号对应的在册人员「${person.name}」不符，请核对`);
    }
  }
  if (!raw.type) errors.push(`假别未填：请填写 ${listed(leaveTypes)} 之一`);
  else if (!(leaveTypes as readonly string[]).includes(raw.type)) errors.push(`假别「${raw.type}」无法识别：请填写 ${listed(leaveTypes)} 之一`);
  for (const [field, label] of [['fromHalf', '开始时段'], ['toHalf', '结束时段']] as const) {
    if (raw[field] && !(halfDays as readonly string[]).includes(raw[field] as string)) errors.push(`${label}「${raw[field]}」无法识别：请填写 上午 或 下午（不填为全天）`);
  }
  if (raw.status && !(leaveStatuses as readonly string[]).includes(raw.status)) errors.push(`状态「${raw.status}」无法识别：请填写 ${listed(leaveStatuses)} 之一`);
  if (!raw.fromDate && !errors.some((e) => e.startsWith('开始日期'))) errors.push('开始日期未填');
  if (errors.length > 0 || !person) return { row: sheetRow.row, errors, warnings: [] };

  const parsed = leaveInputSchema.safeParse({
    staffId: person.id,
    type: raw.type,
    fromDate: raw.fromDate,
    fromHalf: raw.fromHalf,
    toDate: raw.toDate ?? raw.fromDate,
    toHalf: raw.toHalf,
    status: raw.status,
    approver: raw.approver ?? null,
    reason: raw.reason ?? null,
    note: raw.note ?? null,
  });
  if (!parsed.success) return { row: sheetRow.row, errors: parsed.error.issues.map((i) => i.message), warnings: [] };
  const early = employmentProblems(parsed.data, person);
  if (early.length > 0) return { row: sheetRow.row, errors: early.map((p) => p.message), warnings: [] };
  const leaves = state.leaves.get(person.id) ?? [];
  const key = `${person.id}|${parsed.data.type}|${parsed.data.fromDate}`;
  const twinRow = state.rowsByLeave.get(key);
  if (twinRow !== undefined) {
    return {
      row: sheetRow.row,
      errors: [`与第${twinRow}行是同一条休假（同一人、同一假别、同一开始日期 ${parsed.data.fromDate}）：一条休假只填一行，请删去或合并重复的行`],
      warnings: [],
    };
  }
  const existing = leaves.find((l) => l.type === parsed.data.type && l.from_date === parsed.data.fromDate && !l.id.startsWith('sheet-row-'));
  const input: ParsedLeaveInput = { ...parsed.data, id: existing?.id, strengthConfirm: existing?.strength_confirm ?? null, source: existing?.source ?? null, trip: existing?.trip ?? null };
  const others = leaves.filter((l) => l !== existing);
  const lookup = calendarLookupOf(deps.store);
  const warnings: string[] = [];
  try {
    const { days } = leaveDayCount(input, lookup);
    const problems = leaveProblems(input, days, person, others);
    if (problems.length > 0) return { row: sheetRow.row, errors: problems.map((p) => p.message), warnings: [] };
    requireAnnualBalance(deps.store, person, input, days, others, state.today);
    requireCompensatory(deps.store, { ...input, staffId: person.id }, days);
    const values = leaveValues(input, days);
    const draft = { id: existing?.id ?? `sheet-row-${sheetRow.row}`, staff_id: person.id, station_id: person.station_id, deleted_at: null, ...values } as LeaveRow;
    const unchanged = existing !== undefined && Object.entries(values).every(([column, value]) => (existing[column as keyof LeaveRow] ?? null) === value);
    // A row that changes nothing saves nothing: a leave already recorded is not warned about again.
    if (person.station_id && !unchanged) {
      try {
        requireStrengthConfirmation(strengthShortfalls(deps.store, person.station_id, draft, lookup), input.strengthConfirm);
      } catch (warning) {
        warnings.push((warning as Error).message.split('\n如确需安排')[0].replace(/\n/g, '；'));
      }
    }
    state.leaves.set(person.id, [...others, draft]);
    state.rowsByLeave.set(key, sheetRow.row);
    return { row: sheetRow.row, errors: [], warnings, input, values, existingId: existing?.id ?? null, unchanged };
  } catch (error) {
    if (error instanceof AppError) return { row: sheetRow.row, errors: [error.message], warnings: [] };
    throw error;
  }
}

/**
 * Previews (`commit: false`) or imports the leave sheet.
 *
 * @throws AppError ROSTER_FILE_UNREADABLE for a file that is not a readable .xlsx, LEAVE_HEADERS_MISSING without the 身份证号, 假别 and 开始日期 headers.
 */
export async function importLeaveSheet(deps: AppDeps, bytes: Buffer, options: { commit: boolean; progress?: ProgressReporter }): Promise<LeaveImportSummary> {
  const station = requireLocalStation(deps.store);
  options.progress?.(0, 1);
  const workbook = await loadWorkbook(bytes);
  const sheet = findSheetWithColumns(workbook, leaveSheetColumns, ['idNumber', 'type', 'fromDate']);
  if (!sheet) {
    throw new AppError(
      'LEAVE_HEADERS_MISSING',
      '在这个 Excel 文件各工作表的前10行中找不到「身份证号」「假别」「开始日期」三列，无法导入。请确认表头行有这三列，或先「导出 Excel」一份休假记录对照填写。',
    );
  }
  const run = (): LeaveImportSummary => {
    const byIdNumber = new Map<string, StaffRowWithStation>();
    for (const p of liveStaffRows(deps.store)) if (p.station_id === station.id && p.id_number && !byIdNumber.has(p.id_number)) byIdNumber.set(p.id_number, p);
    const leaves: ImportState['leaves'] = new Map();
    for (const row of liveLeaveRows(deps.store)) if (row.staff_id) leaves.set(row.staff_id, [...(leaves.get(row.staff_id) ?? []), row]);
    const state: ImportState = { today: todayOf(deps), byIdNumber, leaves, rowsByLeave: new Map() };
    const summary: LeaveImportSummary = { created: 0, updated: 0, unchanged: 0, warnings: [], errors: [], committed: options.commit };
    sheet.rows.forEach((sheetRow, index) => {
      const outcome = analyseRow(deps, sheetRow, state);
      for (const message of outcome.errors) summary.errors.push({ row: outcome.row, message });
      for (const message of outcome.warnings) summary.warnings.push({ row: outcome.row, message });
      if ('input' in outcome) {
        if (outcome.unchanged) summary.unchanged += 1;
        else if (outcome.existingId) summary.updated += 1;
        else summary.created += 1;
        if (options.commit && !outcome.unchanged) {
          writeRecord(deps.store, deps.user, 'leave_record', outcome.existingId ?? deps.store.newId(), {
            station_id: outcome.existingId ? undefined : station.id,
            staff_id: outcome.input.staffId,
            ...outcome.values,
          });
        }
      }
      options.progress?.(index + 1, sheet.rows.length);
    });
    return summary;
  };
  return options.commit ? deps.store.transaction(run) : run();
}
