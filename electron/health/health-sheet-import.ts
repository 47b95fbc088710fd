import ExcelJS from 'exceljs';
import { checkupInputSchema, type CheckupConclusion, type HealthImportRow, type HealthImportSummary } from '../../shared/health-record';
import { abnormalItemsOf, checkupProblems, splitAbnormalItems } from '../../shared/health-rules';
import type { FileDownload } from '../../shared/staff-record';
import { selectSync } from '../../db/ledger-store';
import { todayOf, type AppDeps } from '../app-deps';
import type { ProgressReporter } from '../jobs/task-progress';
import { requireLocalStation } from '../station/local-station';
import { savePersonRecord } from '../staff/person-records';
import { readRosterCell } from '../staff/roster-cell-values';
import type { SheetColumn } from '../staff/roster-columns';
import { findSheetWithColumns, loadWorkbook, type SheetRow } from '../staff/roster-sheet-reader';
import { styleHeaderRow } from '../staff/roster-template';
import { checkIdNumber } from '../staff/staff-input-check';
import type { StaffRow } from '../staff/staff-rows';
import { AppError } from '../../shared/contract/api-error';
import { checkupRecords, checkupValues, type ParsedCheckupInput } from './health-records';
import type { CheckupRow } from './health-rows';
import { abnormalVocabulary, addAbnormalItems } from './health-vocabulary';

/**
 * Importing the hospital's checkup results (体检结果表) for the whole station: tolerant headers,
 * one checkup a row, the person matched by ID number only — a name that does not match the ID is
 * reported, never guessed. A preview writes nothing; a commit writes every row that was not
 * refused, in one transaction, through the same checks as the checkup form. A checkup of the same
 * person on the same date is updated (blank cells keep what is stored), so the same sheet imported
 * twice changes nothing. Abnormal items the vocabulary does not know are listed, to be added.
 */

type Field = 'name' | 'idNumber' | 'date' | 'institution' | 'conclusion' | 'abnormalItems' | 'followUpDue' | 'note';

interface HealthSheetColumn extends SheetColumn {
  field: Field;
  width: number;
  required: boolean;
}

export const healthSheetColumns: readonly HealthSheetColumn[] = [
  { field: 'name', header: '姓名', aliases: ['人员姓名', '职工姓名', '受检人', '受检者', '体检人', '名字'], kind: 'text', width: 10, required: true },
  { field: 'idNumber', header: '身份证号', aliases: ['身份证号码', '公民身份号码', '身份证', '证件号码', '证件号', '身份证件号码'], kind: 'idNumber', width: 22, required: true },
  { field: 'date', header: '体检日期', aliases: ['检查日期', '体检时间', '检查时间', '受检日期', '日期', '报告日期'], kind: 'date', width: 12, required: true },
  { field: 'institution', header: '体检机构', aliases: ['体检医院', '医院', '体检单位', '检查机构', '医疗机构'], kind: 'text', width: 18, required: false },
  { field: 'conclusion', header: '结论', aliases: ['体检结论', '总检结论', '检查结论', '总检意见', '结果'], kind: 'text', width: 12, required: true },
  { field: 'abnormalItems', header: '异常项目', aliases: ['异常项', '异常指标', '主要异常', '异常情况', '阳性结果', '主要阳性结果'], kind: 'text', width: 30, required: false },
  { field: 'followUpDue', header: '复查截止日期', aliases: ['建议复查日期', '复查时间', '复查期限'], kind: 'date', width: 13, required: false },
  { field: 'note', header: '备注', aliases: ['说明', '建议'], kind: 'text', width: 20, required: false },
];

const CONCLUSION_WORDS: Record<string, CheckupConclusion> = {
  正常: '正常', 未见异常: '正常', 无异常: '正常', 合格: '正常', 健康: '正常', 未见明显异常: '正常',
  异常需复查: '异常需复查', 需复查: '异常需复查', 复查: '异常需复查', 建议复查: '异常需复查', 异常复查: '异常需复查', 定期复查: '异常需复查',
  异常需就医: '异常需就医', 需就医: '异常需就医', 就医: '异常需就医', 建议就医: '异常需就医', 建议专科就诊: '异常需就医', 专科就诊: '异常需就医',
  重大疾病: '重大疾病', 重大疾病需治疗: '重大疾病',
};

/** 结论 in the hospital's words (未见异常, 建议复查, 建议专科就诊 …) as one of the four conclusions. */
export function readConclusion(text: string): CheckupConclusion | null {
  return CONCLUSION_WORDS[text.normalize('NFKC').replace(/[\s。.]/g, '')] ?? null;
}

interface AnalysedRow {
  result: HealthImportRow;
  /** What to write (absent when refused or unchanged). */
  input?: ParsedCheckupInput;
  /** The row's abnormal items (absent when refused). */
  items?: string[];
}

function refused(row: number, name: string, idNumber: string, date: string, reasons: string[]): AnalysedRow {
  return { result: { row, action: 'refused', name, idNumber, date, changedFields: [], message: reasons.join('；') } };
}

const LABELS: Record<string, string> = {
  institution: '体检机构', conclusion: '结论', abnormal_items: '异常项目', follow_up_due: '复查截止日期', note: '备注',
};

interface ImportContext {
  today: string;
  byIdNumber: Map<string, StaffRow>;
  checkups: Map<string, CheckupRow[]>;
  /** ID number and date → the sheet row that first had them. */
  seen: Map<string, number>;
}

function analyseRow(sheetRow: SheetRow<HealthSheetColumn>, context: ImportContext): AnalysedRow {
  const reasons: string[] = [];
  const raw: Partial<Record<Field, string>> = {};
  for (const [column, value] of sheetRow.cells) {
    const reading = readRosterCell(value, column.kind, column.header);
    if (!reading.ok) reasons.push(reading.message);
    else if (reading.value !== undefined && reading.value !== null) raw[column.field] = String(reading.value);
  }
  const name = raw.name ?? '';
  const date = raw.date ?? '';
  let idNumber = raw.idNumber ?? '';
  let person: StaffRow | undefined;
  if (!raw.idNumber && !reasons.some((r) => r.startsWith('身份证号'))) reasons.push('身份证号未填：体检结果按身份证号对应到人，每行都要填写');
  else if (raw.idNumber) {
    const check = checkIdNumber(raw.idNumber, context.today);
    if (!check.ok) reasons.push(check.problem.message);
    else {
      idNumber = check.info.idNumber;
      person = context.byIdNumber.get(idNumber);
      if (!person) reasons.push(`身份证号 ${idNumber} 不是本所在册人员：请核对号码，或先在「人员档案」中登记此人`);
      else if (name !== '' && name.replace(/\s/g, '') !== (person.name ?? '')) {
        reasons.push(`姓名「${name}」与身份证号对应的在册人员「${person.name}」不符：程序不猜测是哪一项填错，本行未导入，请核对姓名和身份证号`);
      }
    }
  }
  if (!raw.date && !reasons.some((r) => r.startsWith('体检日期'))) reasons.push('体检日期未填');
  let conclusion: CheckupConclusion | null = null;
  if (!raw.conclusion) reasons.push('结论未填：请填写 正常、异常需复查、异常需就医 或 重大疾病');
  else {
    conclusion = readConclusion(raw.conclusion);
    if (!conclusion) reasons.push(`结论「${raw.conclusion}」无法识别：请填写 正常、异常需复查、异常需就医 或 重大疾病`);
  }
  const items = splitAbnormalItems(raw.abnormalItems ?? '');
  if (person && date) {
    const key = `${idNumber}|${date}`;
    const first = context.seen.get(key);
    if (first !== undefined) reasons.push(`与第${first}行是同一人同一天的体检：同一次体检在表中只能出现一次，本行未导入`);
    else context.seen.set(key, sheetRow.row);
  }
  if (reasons.length > 0 || !person || !conclusion) return refused(sheetRow.row, name || (person?.name ?? ''), idNumber, date, reasons);

  const existing = (context.checkups.get(person.id) ?? []).find((c) => c.date === date);
  const parsed = checkupInputSchema.safeParse({
    staffId: person.id,
    id: existing?.id,
    date,
    institution: raw.institution ?? existing?.institution ?? null,
    conclusion,
    abnormalItems: raw.abnormalItems !== undefined ? items : abnormalItemsOf(existing?.abnormal_items ?? null),
    followUpDue: raw.followUpDue ?? existing?.follow_up_due ?? null,
    followUpDoneDate: existing?.follow_up_done_date ?? null,
    followUpResult: existing?.follow_up_result ?? null,
    note: raw.note ?? existing?.note ?? null,
  });
  if (!parsed.success) return refused(sheetRow.row, person.name ?? '', idNumber, date, parsed.error.issues.map((i) => i.message));
  const problems = checkupProblems(parsed.data, { today: context.today, personName: person.name ?? '', workStartDate: person.work_start_date, sameDateExists: false });
  if (problems.length > 0) return refused(sheetRow.row, person.name ?? '', idNumber, date, problems.map((p) => p.message));
  const values = checkupValues(parsed.data);
  const changed = existing ? Object.entries(values).filter(([column, value]) => (existing[column as keyof CheckupRow] ?? null) !== value).map(([column]) => LABELS[column] ?? column) : [];
  const action = !existing ? 'create' : changed.length > 0 ? 'update' : 'unchanged';
  return {
    input: action === 'unchanged' ? undefined : parsed.data,
    items: parsed.data.abnormalItems,
    result: { row: sheetRow.row, action, name: person.name ?? '', idNumber, date, changedFields: changed, message: null },
  };
}

/**
 * Previews (`commit: false`) or commits the hospital's sheet. On commit, `addItems` (chosen by the
 * clerk from the preview's unknown items) join the vocabulary first.
 *
 * @throws AppError ROSTER_FILE_UNREADABLE for a file that is not a readable .xlsx, HEALTH_HEADERS_MISSING without 身份证号 and 体检日期 headers.
 */
export async function importHealthSheet(
  deps: AppDeps,
  bytes: Buffer,
  options: { commit: boolean; addItems?: readonly string[]; progress?: ProgressReporter },
): Promise<HealthImportSummary> {
  const station = requireLocalStation(deps.store);
  options.progress?.(0, 1);
  const workbook = await loadWorkbook(bytes);
  const sheet = findSheetWithColumns(workbook, healthSheetColumns, ['idNumber', 'date']);
  if (!sheet) {
    throw new AppError(
      'HEALTH_HEADERS_MISSING',
      '在这个 Excel 文件各工作表的前10行中找不到「身份证号」和「体检日期」两列，无法导入。请确认表头行有这两列（也认「身份证号码」「检查日期」等写法），或下载体检结果导入模板对照填写。',
    );
  }
  const today = todayOf(deps);
  const analyse = () => {
    const people = selectSync(deps.store, deps.store.db.selectFrom('staff').selectAll().where('station_id', '=', station.id).where('deleted_at', 'is', null).orderBy('id'));
    const byIdNumber = new Map<string, StaffRow>();
    for (const p of people) if (p.id_number && !byIdNumber.has(p.id_number)) byIdNumber.set(p.id_number, p);
    const checkups = new Map<string, CheckupRow[]>();
    for (const row of deps.store.sqlite.prepare('SELECT * FROM health_checkup WHERE deleted_at IS NULL').all() as CheckupRow[]) {
      if (row.staff_id) checkups.set(row.staff_id, [...(checkups.get(row.staff_id) ?? []), row]);
    }
    const context: ImportContext = { today, byIdNumber, checkups, seen: new Map() };
    return sheet.rows.map((row) => analyseRow(row, context));
  };
  const summarise = (rows: AnalysedRow[], committed: boolean, addedItems: string[]): HealthImportSummary => {
    const results = rows.map((r) => r.result);
    const count = (action: HealthImportRow['action']) => results.filter((r) => r.action === action).length;
    const known = new Set(abnormalVocabulary(deps.store).map((e) => e.name));
    const unknown = new Map<string, number[]>();
    for (const r of rows) for (const item of r.items ?? []) if (!known.has(item)) unknown.set(item, [...(unknown.get(item) ?? []), r.result.row]);
    return {
      created: count('create'),
      updated: count('update'),
      unchanged: count('unchanged'),
      refused: count('refused'),
      errors: results.filter((r) => r.action === 'refused').map((r) => ({ row: r.row, message: r.message ?? '' })),
      rows: results,
      unknownItems: [...unknown].map(([name, rowNumbers]) => ({ name, rows: rowNumbers })),
      addedItems,
      ignoredHeaders: sheet.ignoredHeaders,
      committed,
    };
  };
  if (!options.commit) return summarise(analyse(), false, []);
  return deps.store.transaction(() => {
    const addedItems = options.addItems && options.addItems.length > 0 ? addAbnormalItems(deps.store, deps.user, options.addItems) : [];
    const rows = analyse();
    rows.forEach((row, index) => {
      if (row.input) savePersonRecord(deps.store, deps.user, checkupRecords, row.input, today);
      options.progress?.(index + 1, rows.length);
    });
    return summarise(rows, true, addedItems);
  });
}

/** 下载体检结果导入模板: the sheet's headers (required in red), an explanation, a drop-down for 结论. */
export async function healthImportTemplate(): Promise<FileDownload> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('体检结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = healthSheetColumns.map((c) => ({ header: c.header, key: c.field, width: c.width }));
  styleHeaderRow(sheet.getRow(1), new Set(healthSheetColumns.flatMap((c, i) => (c.required ? [i + 1] : []))));
  sheet.getColumn(2).numFmt = '@';
  for (let row = 2; row <= 500; row += 1) sheet.getCell(row, 5).dataValidation = { type: 'list', allowBlank: true, formulae: ['"正常,异常需复查,异常需就医,重大疾病"'] };
  const help = workbook.addWorksheet('填写说明');
  help.getColumn(1).width = 110;
  [
    '一、每行一人一次体检。必填：身份证号、体检日期、结论；姓名用于核对——与身份证号对应的在册人员不符的行不会导入。',
    '二、身份证号一列请设为「文本」格式，否则 Excel 会把号码变成 1.10105E+17。',
    '三、结论填 正常、异常需复查、异常需就医 或 重大疾病（也认「未见异常」「建议复查」「建议专科就诊」等医院常用写法）。',
    '四、异常项目可填多项，用顿号、逗号、分号或换行分开，如：高血压、脂肪肝。词表中没有的项目，导入预览会列出，可选择加入词表。',
    '五、同一人同一天的体检再次导入只更新有变化的项，不会重复登记；空白单元格不会清除已有信息。',
  ].forEach((line, index) => (help.getCell(index + 1, 1).value = line));
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: '体检结果导入模板.xlsx', bytesBase64: buffer.toString('base64') };
}
