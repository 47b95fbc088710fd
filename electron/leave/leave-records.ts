import { AppError } from '../../shared/contract/api-error';
import { compareIsoDates } from '../../shared/china-date';
import { countLeaveDays, type CalendarLookup } from '../../shared/holiday-calendar';
import { describeLeaveDates, leaveTypeRules, type LeaveDayCount, type ParsedLeaveInput } from '../../shared/leave-record';
import type { LedgerStore } from '../../db/ledger-store';
import type { FieldValue } from '../../db/synced-tables';
import type { PersonRecordContext, PersonRecordKind, RecordProblem } from '../staff/person-records';
import type { StaffRow } from '../staff/staff-rows';
import { countedLeaveByPerson, personAnnualBalance } from './annual-leave-balances';
import { calendarLookupOf } from './calendar-store';
import { compensatoryOf } from './duty-records';
import { leaveSpanOf, leavesOverlap, type LeaveRow } from './leave-rows';
import { strengthShortfalls, type StrengthShortfall } from './station-strength';

/**
 * A leave as a kind of person record (休假): saved and deleted like 家属 and 慰问 — only for a person
 * this installation may change, through the one write path — after the rules of DOMAIN.md "Leave
 * and rotation". Refused (`INVALID_ARGUMENT` with per-field messages, or the codes below): an
 * overlap with another leave of the person, no day to count, dates before the person's employment,
 * more annual leave than the balance (never borrowed from next year), more 补休 than earned, a
 * working-day count in a year without a calendar (`CALENDAR_MISSING`). A leave that takes the
 * station below its minimum strength needs the clerk's confirmation (`LEAVE_NEEDS_CONFIRMATION`),
 * which is kept with it.
 */

/** The code of a save that needs the clerk's confirmation (details: `{ shortfalls }`). */
export const LEAVE_NEEDS_CONFIRMATION = 'LEAVE_NEEDS_CONFIRMATION';
/** More annual leave than the year's balance. */
export const LEAVE_OVER_BALANCE = 'LEAVE_OVER_BALANCE';
/** More 补休 than earned and still valid. */
export const COMPENSATORY_SHORT = 'COMPENSATORY_SHORT';

/** The days of a leave from the calendar (`CALENDAR_MISSING` for a working-day kind in a year without one). */
export function leaveDayCount(input: Pick<ParsedLeaveInput, 'type' | 'fromDate' | 'fromHalf' | 'toDate' | 'toHalf'>, lookup: CalendarLookup): LeaveDayCount {
  return countLeaveDays(input, leaveTypeRules[input.type].counting, lookup);
}

/** The leave as it would be stored (for the strength check before it is). */
export function leaveValues(input: ParsedLeaveInput, days: number): Record<string, FieldValue> {
  return {
    type: input.type,
    from_date: input.fromDate,
    from_half: input.fromHalf,
    to_date: input.toDate,
    to_half: input.toHalf,
    half_days: Math.round(days * 2),
    status: input.status,
    approver: input.approver || null,
    reason: input.reason || null,
    note: input.note || null,
    strength_confirm: input.strengthConfirm || null,
    source: input.source || null,
    trip: input.trip || null,
  };
}

/**
 * A leave that begins before the person was employed (入职时间, else 参加工作时间). Checked before its
 * days are counted: a date years too early is a typing error, not a year whose calendar is missing.
 */
export function employmentProblems(input: Pick<ParsedLeaveInput, 'fromDate'>, person: Pick<StaffRow, 'hire_date' | 'work_start_date'>): RecordProblem[] {
  const employed = person.hire_date ?? person.work_start_date;
  if (!employed || compareIsoDates(input.fromDate, employed) >= 0) return [];
  return [{ field: 'fromDate', message: `开始日期 ${input.fromDate} 早于此人${person.hire_date ? '入职时间' : '参加工作时间'} ${employed}，请核对日期` }];
}

/** The refusals of a leave against the person and their other leave (none: an empty list). */
export function leaveProblems(input: ParsedLeaveInput, days: number, person: Pick<StaffRow, 'hire_date' | 'work_start_date'>, others: readonly LeaveRow[]): RecordProblem[] {
  const problems: RecordProblem[] = [...employmentProblems(input, person)];
  if (days === 0) {
    problems.push({ field: 'toDate', message: `${describeLeaveDates(input)} 按${leaveTypeRules[input.type].counting}计为 0 天（都是节假日或休息日），不需要请假；请核对日期` });
  }
  if (input.status !== '取消') {
    const clash = others.map((o) => ({ id: o.id, ...leaveSpanOf(o) })).find((o) => o.status !== '取消' && o.fromDate && leavesOverlap(o, input));
    if (clash) problems.push({ field: 'fromDate', message: `与此人已有的${clash.type}（${describeLeaveDates(clash)}，${clash.status}）重叠：请调整日期，或先把那条休假改为「取消」` });
  }
  return problems;
}

/** Throws when annual leave goes beyond the year's balance: it is never borrowed from next year. */
export function requireAnnualBalance(store: LedgerStore, person: StaffRow, input: ParsedLeaveInput, days: number, others: readonly LeaveRow[], today: string): void {
  if (input.type !== '年休假' || input.status === '取消') return;
  const year = Number(input.fromDate.slice(0, 4));
  const balance = personAnnualBalance(store, person, year, countedLeaveByPerson(others).get(person.id) ?? [], today);
  if (days <= balance.remaining) return;
  throw new AppError(
    LEAVE_OVER_BALANCE,
    `年休假余额不足：${year}年应休${balance.entitled}天${balance.carried ? `（另有上年结转${balance.carried}天）` : ''}，已休${balance.taken}天，已计划${balance.planned}天，剩余${balance.remaining}天，本次${days}天。` +
      `年休假不能预支下一年度的天数：请缩短本次休假，或改用其他假别。${balance.entitled === 0 ? `（${balance.reason}）` : ''}`,
    { balance },
  );
}

/** Throws when 补休 goes beyond what was earned and is still valid on its first day. */
export function requireCompensatory(store: LedgerStore, input: ParsedLeaveInput & { staffId: string }, days: number): void {
  if (!leaveTypeRules[input.type].againstCompensatory || input.status === '取消') return;
  const ledger = compensatoryOf(store, input.staffId, input.fromDate, { add: { date: input.fromDate, days }, exceptLeaveId: input.id });
  const short = ledger.shortfalls.find((s) => s.date === input.fromDate);
  if (!short) return;
  const available = days - short.missing;
  throw new AppError(
    COMPENSATORY_SHORT,
    `补休余额不足：到 ${input.fromDate} 可用的补休${available > 0 ? `只有 ${available} 天` : '为 0 天'}，本次 ${days} 天。补休由休息日、节假日值班换得（在「补休」页登记值班），过期作废；请先登记值班，或改用其他假别。`,
    { missing: short.missing },
  );
}

/** Throws the confirmation request when the leave takes the station below its minimum and the clerk gave no reason. */
export function requireStrengthConfirmation(shortfalls: readonly StrengthShortfall[], reason: string | null | undefined): void {
  if (shortfalls.length === 0 || (reason ?? '').trim() !== '') return;
  const lines = shortfalls.slice(0, 5).map((s) => `${s.date} 在岗 ${s.onDuty} 人，低于最低在岗警力 ${s.minimum} 人${s.othersAway.length > 0 ? `（同日休假：${s.othersAway.join('、')}）` : ''}`);
  if (shortfalls.length > 5) lines.push(`……共 ${shortfalls.length} 天低于最低在岗警力`);
  throw new AppError(LEAVE_NEEDS_CONFIRMATION, `${lines.join('\n')}\n如确需安排，请填写确认说明（将与休假记录一并保存）。`, { shortfalls });
}

function check(input: ParsedLeaveInput & { staffId: string }, context: PersonRecordContext<'leave_record'>): RecordProblem[] {
  const store = context.store as LedgerStore;
  const person = context.person as StaffRow & { station_id: string | null };
  const early = employmentProblems(input, person);
  if (early.length > 0) return early;
  const lookup = calendarLookupOf(store);
  const { days } = leaveDayCount(input, lookup);
  const others = context.others as unknown as LeaveRow[];
  const problems = leaveProblems(input, days, person, others);
  if (problems.length > 0) return problems;
  requireAnnualBalance(store, person, input, days, others, context.today);
  requireCompensatory(store, input, days);
  if (person.station_id) {
    const draft = { id: input.id ?? 'new-leave', staff_id: input.staffId, station_id: person.station_id, deleted_at: null, ...leaveValues(input, days) } as LeaveRow;
    requireStrengthConfirmation(strengthShortfalls(store, person.station_id, draft, lookup), input.strengthConfirm);
  }
  return [];
}

export const leaveRecords: PersonRecordKind<'leave_record', ParsedLeaveInput & { staffId: string }, { id: string }> = {
  table: 'leave_record',
  notFoundMessage: '找不到这条休假记录（可能已被删除），请刷新后重试。',
  check,
  values: (input, context) => leaveValues(input, leaveDayCount(input, calendarLookupOf(context.store as LedgerStore)).days),
  toItem: (row) => ({ id: row.id }),
};
