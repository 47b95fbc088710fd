import { AppError } from '../../shared/contract/api-error';
import { birthdayInYear, festivalDate } from '../../shared/festival-dates';
import { birthdayYearOfEvent, festivalEvent, festivalOfEvent, fundingSources, visitInputSchema, visitKinds, type FundingSource, type ParsedVisitInput, type VisitImportSummary, type VisitKind } from '../../shared/visit-record';
import { judgeVisit, visitAmountFen } from '../../shared/visit-rules';
import { writeRecord } from '../../db/write-path';
import { todayOf, type AppDeps } from '../app-deps';
import type { ProgressReporter } from '../jobs/task-progress';
import { requireLocalStation } from '../station/local-station';
import { readRosterCell } from '../staff/roster-cell-values';
import { findSheetWithColumns, loadWorkbook, type SheetRow } from '../staff/roster-sheet-reader';
import { checkIdNumber } from '../staff/staff-input-check';
import { liveStaffRows, type StaffRowWithStation } from '../staff/staff-rows';
import { budgetCheckOf } from './visit-budgets';
import { hospitalStaysByPerson, linkHospitalStay, type HospitalStay } from './visit-hospital-link';
import { visitFactsOf, visitRuleContext, visitValues } from './visit-records';
import { liveVisitRows, visitPeopleOf, type VisitPeople, type VisitRow } from './visit-rows';
import { visitSheetColumns, type VisitSheetColumn, type VisitSheetField } from './visit-sheet-columns';
import { standardVersions } from './visit-standards-store';

/**
 * Importing visits from Excel (慰问记录表): one visit a row, the person matched by ID number only.
 * A 住院慰问 is linked to its stay in 健康管理 (visit-hospital-link.ts).
 * A row refused by the rules (cash for an in-kind kind, a person who has left …), or unreadable, is
 * an error naming its row and nothing of it is written; a cap or the budget exceeded is a warning
 * naming the cap, and the row is imported. A second visit for the same event is an error unless the
 * row's 备注 says why (确认：…). A row matching a visit already recorded (same person, kind, date
 * and event) updates it, so importing the same sheet twice changes nothing. A preview writes
 * nothing; a commit writes every row that is not an error, in one transaction.
 */

/** 「确认：节日前已慰问，此次为补发」 in 备注: the reason a second visit for an event is meant. */
const CONFIRMED = /确认[:：]\s*(.+)$/;

/** Yuan as clerks type them (300, 300.5, ¥1,000.00, 300元) in fen; null for blank; NaN for nonsense. */
function fenOfYuan(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const cleaned = text.normalize('NFKC').replace(/[¥￥,\s元]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return Number.NaN;
  return Math.round(Number(cleaned) * 100);
}

interface ImportState {
  today: string;
  byIdNumber: Map<string, StaffRowWithStation>;
  /** Each person's visits: the ledger's, then the rows of this sheet already read. */
  visits: Map<string, (VisitRow | (Pick<VisitRow, 'kind' | 'date' | 'event_date' | 'event' | 'cash_fen' | 'goods_value_fen'> & { id: string }))[]>;
  /** Spent per year and source by the sheet's rows so far (the budget check counts them). */
  sheetSpent: Map<string, number>;
  versions: ReturnType<typeof standardVersions>;
  /** What the ledger's visits matched by the sheet's rows so far spent, per year and source: the budget counts them as the sheet's. */
  matchedSpent: Map<string, number>;
  people: VisitPeople;
  /** Each person's relatives, for the column 受慰问家属. */
  relativesOf: Map<string, { id: string; relation: string | null; name: string | null }[]>;
  /** Whether the sheet has the column 受慰问家属 (a sheet without it keeps each visit's recipient). */
  hasRecipientColumn: boolean;
  /** Each person's hospitalisations and injuries on duty, which 住院慰问 rows answer. */
  stays: Map<string, HospitalStay[]>;
}

/**
 * The relative a row's 受慰问家属 names (配偶 李梅, or 李梅 alone when the name is enough), among the
 * person's own relatives; null for blank (the person); a message when none or several match.
 */
function recipientOf(text: string | undefined, person: StaffRowWithStation, state: ImportState): { id: string | null } | { problem: string } {
  if (!text) return { id: null };
  const words = text.normalize('NFKC').trim().split(/\s+/);
  const name = words.at(-1)!;
  const relation = words.length > 1 ? words.slice(0, -1).join('') : null;
  const matches = (state.relativesOf.get(person.id) ?? []).filter((r) => r.name === name && (relation === null || r.relation === relation));
  if (matches.length === 1) return { id: matches[0].id };
  if (matches.length > 1) return { problem: `受慰问家属「${text}」：${person.name} 登记的家属中有同名的几位，请写明关系，如「配偶 ${name}」` };
  return { problem: `受慰问家属「${text}」不是 ${person.name} 登记的家属：请先在「人员档案」的家属中登记，或留空表示慰问本人` };
}

/**
 * The recorded visit a row stands for: same person, kind, date and event, and the same recipient —
 * the person, or the relative the export names at the head of 备注 (「慰问配偶 李梅；…」).
 */
function matchExisting(
  visits: ReturnType<ImportState['visits']['get']>,
  input: ParsedVisitInput,
  note: string | null,
  people: VisitPeople,
  recipientId: string | null | undefined,
): { existing: VisitRow | undefined; note: string | null } {
  const candidates = (visits ?? []).filter(
    (v): v is VisitRow => 'station_id' in v && v.kind === input.kind && v.date === input.date && (v.event ?? null) === (input.event || null),
  );
  if (recipientId !== undefined) return { existing: candidates.find((v) => v.family_member_id === recipientId), note };
  // A sheet without the column: an export of an earlier version named the relative in 备注.
  for (const candidate of candidates) {
    const relative = candidate.family_member_id ? people.relative(candidate.family_member_id) : undefined;
    if (!relative) continue;
    const prefix = `慰问${relative.relation} ${relative.name}`;
    if (note === prefix || note?.startsWith(`${prefix}；`)) return { existing: candidate, note: note.slice(prefix.length).replace(/^；/, '') || null };
  }
  return { existing: candidates.find((v) => v.family_member_id === null), note };
}

type RowOutcome =
  | { row: number; errors: string[]; warnings: string[] }
  | { row: number; errors: []; warnings: string[]; input: ParsedVisitInput; existingId: string | null; unchanged: boolean };

function analyseRow(deps: AppDeps, sheetRow: SheetRow<VisitSheetColumn>, state: ImportState): RowOutcome {
  const errors: string[] = [];
  const raw: Partial<Record<VisitSheetField, string | boolean>> = {};
  for (const [column, value] of sheetRow.cells) {
    const reading = readRosterCell(value, column.kind, column.header);
    if (!reading.ok) errors.push(reading.message);
    else if (reading.value !== undefined && reading.value !== null) raw[column.field] = typeof reading.value === 'boolean' ? reading.value : String(reading.value);
  }
  const text = (field: VisitSheetField) => (typeof raw[field] === 'string' ? (raw[field] as string).trim() : undefined);
  let person: StaffRowWithStation | undefined;
  const idText = text('idNumber');
  if (!idText) {
    if (!errors.some((e) => e.startsWith('身份证号'))) errors.push('身份证号未填：慰问记录按身份证号对应到人，每行都要填写');
  } else {
    const check = checkIdNumber(idText, state.today);
    if (!check.ok) errors.push(check.problem.message);
    else {
      person = state.byIdNumber.get(check.info.idNumber);
      if (!person) errors.push(`身份证号 ${check.info.idNumber} 不是本单位在册人员：请核对号码，或先在「人员档案」中登记此人`);
      else if (text('name') && text('name')?.replace(/\s/g, '') !== person.name) errors.push(`姓名「${text('name')}」与身份证号对应的在册人员「${person.name}」不符，请核对`);
    }
  }
  const kind = text('kind');
  if (!kind) errors.push(`慰问类型未填：请填写 ${visitKinds.join('、')} 之一`);
  else if (!(visitKinds as readonly string[]).includes(kind)) errors.push(`慰问类型「${kind}」无法识别：请填写 ${visitKinds.join('、')} 之一`);
  const date = text('date');
  if (!date && !errors.some((e) => e.startsWith('慰问日期'))) errors.push('慰问日期未填');
  const cashFen = fenOfYuan(text('cash'));
  const goodsValueFen = fenOfYuan(text('goodsValue'));
  if (Number.isNaN(cashFen)) errors.push(`慰问金额「${text('cash')}」不是金额：请填写元，如 300 或 300.50`);
  if (Number.isNaN(goodsValueFen)) errors.push(`物品价值「${text('goodsValue')}」不是金额：请填写元，如 120 或 120.50`);
  const funding = text('funding');
  if (funding && !(fundingSources as readonly string[]).includes(funding)) errors.push(`经费来源「${funding}」无法识别：请填写 工会经费 或 行政经费`);
  const recipient = person && state.hasRecipientColumn ? recipientOf(text('recipient'), person, state) : undefined;
  if (recipient && 'problem' in recipient) errors.push(recipient.problem);
  if (errors.length > 0 || !person || !kind || !date) return { row: sheetRow.row, errors, warnings: [] };
  const recipientId = recipient && 'id' in recipient ? recipient.id : undefined;

  const writtenNote = text('note') ?? null;
  const confirmed = writtenNote ? CONFIRMED.exec(writtenNote)?.[1]?.trim() : undefined;
  // A festival as typed (2026年中秋节) is stored as the app writes it (2026中秋), so coverage counts it.
  const typedEvent = text('event') ?? null;
  const typedFestival = festivalOfEvent(typedEvent);
  // A hospitalisation as the lists show it (住院 2026-11-20), or left blank on a 住院慰问: the stay of 健康管理.
  const stay = typedFestival ? null : linkHospitalStay({ kind: kind as VisitKind, event: typedEvent, date, personName: person.name ?? '' }, state.stays.get(person.id) ?? []);
  if (stay && 'problem' in stay) return { row: sheetRow.row, errors: [stay.problem], warnings: [] };
  const event = typedFestival ? festivalEvent(typedFestival.name, typedFestival.year) : stay && 'event' in stay ? stay.event : typedEvent;
  const parsed = visitInputSchema.safeParse({
    staffId: person.id,
    kind: kind as VisitKind,
    date,
    visitors: text('visitors') ?? null,
    cashFen: cashFen ?? 0,
    goods: text('goods') ?? null,
    goodsValueFen: goodsValueFen ?? 0,
    funding: (funding as FundingSource | undefined) ?? '工会经费',
    event,
    receiptSigned: raw.receiptSigned === true,
    note: writtenNote,
    confirmReason: confirmed ?? null,
  });
  if (!parsed.success) return { row: sheetRow.row, errors: parsed.error.issues.map((i) => i.message), warnings: [] };
  const visits = state.visits.get(person.id) ?? [];
  const { existing, note } = matchExisting(visits, parsed.data, writtenNote, state.people, recipientId);
  // The sheet has no column for the event's date or a confirmation given in the app (nor, an older
  // sheet, for the recipient): a row for a visit already recorded keeps them (an export imports back unchanged). A new
  // row's event date comes from its event — a festival's day, or the person's birthday that year
  // (lunar for 生日按农历) — so that the standard in force on the event date applies.
  const festival = festivalOfEvent(parsed.data.event);
  const birthdayYear = birthdayYearOfEvent(parsed.data.event);
  const eventDate = festival
    ? festivalDate(festival.name, festival.year)
    : birthdayYear !== null && person.birth_date
      ? birthdayInYear(person.birth_date, person.lunar_birthday === 1, birthdayYear)
      : stay && 'eventDate' in stay
        ? stay.eventDate
        : null;
  const input: ParsedVisitInput = {
    ...parsed.data,
    note,
    familyMemberId: recipientId !== undefined ? recipientId : (existing?.family_member_id ?? null),
    eventDate: existing ? existing.event_date : eventDate,
    confirmReason: confirmed ?? existing?.confirm_reason ?? null,
  };
  if (existing) {
    const key = `${(existing.date ?? '').slice(0, 4)}|${existing.funding}`;
    state.matchedSpent.set(key, (state.matchedSpent.get(key) ?? 0) + (existing.cash_fen ?? 0) + (existing.goods_value_fen ?? 0));
  }
  const others = visits.filter((v) => v !== existing);
  const year = Number(input.date.slice(0, 4));
  const budgetKey = `${year}|${input.funding}`;
  const budget = budgetCheckOf(deps.store, year, input.funding);
  const context = visitRuleContext(deps.store, person, { ...input, id: existing?.id }, others, {
    versions: state.versions,
    budget: budget ? { ...budget, spentFen: budget.spentFen - (state.matchedSpent.get(budgetKey) ?? 0) + (state.sheetSpent.get(budgetKey) ?? 0) } : null,
  });
  const verdict = judgeVisit(visitFactsOf(input), context);
  const rowErrors = verdict.refusals.map((r) => r.message);
  // A row updating a visit already recorded for the event was judged when that visit was saved.
  const duplicate = existing ? undefined : verdict.warnings.find((w) => w.code === 'DUPLICATE_EVENT');
  if (duplicate && !confirmed) rowErrors.push(`${duplicate.message}（如确需再次慰问，请在备注中写「确认：理由」）`);
  if (rowErrors.length > 0) return { row: sheetRow.row, errors: rowErrors, warnings: [] };
  const values = visitValues(input);
  const unchanged = existing !== undefined && Object.entries(values).every(([column, value]) => (existing[column as keyof VisitRow] ?? null) === value);
  // A row that changes nothing was judged when its visit was saved.
  const warnings = unchanged ? [] : [...verdict.warnings.filter((w) => w.code !== 'DUPLICATE_EVENT').map((w) => w.message), ...(stay && 'warning' in stay ? [stay.warning] : [])];
  // Later rows see this one: a second row for the same event, the year's caps, the budget.
  const id = existing?.id ?? `sheet-row-${sheetRow.row}`;
  state.visits.set(person.id, [...others, { id, kind: input.kind, date: input.date, event_date: input.eventDate ?? null, event: input.event || null, cash_fen: input.cashFen ?? 0, goods_value_fen: input.goodsValueFen ?? 0 }]);
  state.sheetSpent.set(budgetKey, (state.sheetSpent.get(budgetKey) ?? 0) + visitAmountFen(visitFactsOf(input)));
  return { row: sheetRow.row, errors: [], warnings, input: { ...input, id: existing?.id }, existingId: existing?.id ?? null, unchanged };
}

/**
 * Previews (`commit: false`) or imports the visits sheet.
 *
 * @throws AppError ROSTER_FILE_UNREADABLE for a file that is not a readable .xlsx, VISIT_HEADERS_MISSING without the 身份证号, 慰问类型 and 慰问日期 headers.
 */
export async function importVisitSheet(deps: AppDeps, bytes: Buffer, options: { commit: boolean; progress?: ProgressReporter }): Promise<VisitImportSummary> {
  const station = requireLocalStation(deps.store);
  options.progress?.(0, 1);
  const workbook = await loadWorkbook(bytes);
  const sheet = findSheetWithColumns(workbook, visitSheetColumns, ['idNumber', 'kind', 'date']);
  if (!sheet) {
    throw new AppError(
      'VISIT_HEADERS_MISSING',
      '在这个 Excel 文件各工作表的前10行中找不到「身份证号」「慰问类型」「慰问日期」三列，无法导入。请确认表头行有这三列，或先「导出 Excel」一份慰问记录对照填写。',
    );
  }
  const run = (): VisitImportSummary => {
    const byIdNumber = new Map<string, StaffRowWithStation>();
    for (const p of liveStaffRows(deps.store)) if (p.station_id === station.id && p.id_number && !byIdNumber.has(p.id_number)) byIdNumber.set(p.id_number, p);
    const visits: ImportState['visits'] = new Map();
    for (const row of liveVisitRows(deps.store)) if (row.staff_id) visits.set(row.staff_id, [...(visits.get(row.staff_id) ?? []), row]);
    const relativesOf: ImportState['relativesOf'] = new Map();
    const relatives = deps.store.sqlite.prepare('SELECT id, staff_id, relation, name FROM family_member WHERE deleted_at IS NULL').all() as { id: string; staff_id: string; relation: string | null; name: string | null }[];
    for (const relative of relatives) relativesOf.set(relative.staff_id, [...(relativesOf.get(relative.staff_id) ?? []), relative]);
    const state: ImportState = {
      today: todayOf(deps),
      byIdNumber,
      visits,
      sheetSpent: new Map(),
      versions: standardVersions(deps.store),
      matchedSpent: new Map(),
      people: visitPeopleOf(deps.store),
      relativesOf,
      hasRecipientColumn: sheet.columns.some((column) => column.field === 'recipient'),
      stays: hospitalStaysByPerson(deps.store),
    };
    const summary: VisitImportSummary = { created: 0, updated: 0, warnings: [], errors: [], committed: options.commit };
    sheet.rows.forEach((sheetRow, index) => {
      const outcome = analyseRow(deps, sheetRow, state);
      for (const message of outcome.errors) summary.errors.push({ row: outcome.row, message });
      for (const message of outcome.warnings) summary.warnings.push({ row: outcome.row, message });
      if ('input' in outcome && !outcome.unchanged) {
        if (outcome.existingId) summary.updated += 1;
        else summary.created += 1;
        if (options.commit) {
          writeRecord(deps.store, deps.user, 'welfare_visit', outcome.existingId ?? deps.store.newId(), {
            station_id: outcome.existingId ? undefined : station.id,
            staff_id: outcome.input.staffId,
            ...visitValues(outcome.input),
          });
        }
      }
      options.progress?.(index + 1, sheet.rows.length);
    });
    return summary;
  };
  return options.commit ? deps.store.transaction(run) : run();
}
