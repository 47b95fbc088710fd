import type { z } from 'zod';
import { compareIsoDates, isValidIsoDate } from '../../shared/china-date';
import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import { isEarlyRetirement } from '../../shared/retirement-date';
import type { statusChangeInputSchema } from '../../shared/staff-record';
import type { LedgerStore } from '../../db/ledger-store';
import { personOwnedTableNames } from '../../db/synced-tables';
import { tombstoneRecord, writeRecord, type WriteActor } from '../../db/write-path';
import { expectedRetirementDateOf, retirementBaseOf } from './staff-list-item';
import { livePersonRecordIds, requireOwnStaffRow, type StaffRow } from './staff-rows';

/** Code of the refusal of a status change dated before the current status's date. */
export const STATUS_DATE_BEFORE_CURRENT = 'STATUS_DATE_BEFORE_CURRENT';

/** Code of the refusal of a status change dated before the person's 参加工作时间. */
export const STATUS_DATE_BEFORE_WORK_START = 'STATUS_DATE_BEFORE_WORK_START';

/** Code of the question a 退休 before the statutory date asks first (answered by `confirmEarlyRetirement`). */
export const EARLY_RETIREMENT_UNCONFIRMED = 'EARLY_RETIREMENT_UNCONFIRMED';

/** The status-change form after validation. */
export type ParsedStatusChange = z.output<typeof statusChangeInputSchema>;

/**
 * Changes a person's status (退休, 调出, 离职, 因公牺牲, 病故, or back to 在职): sets the current
 * status and its date on the person and appends the change to their status history, in one
 * transaction. Retired and deceased people stay in the ledger; the roster's default view hides them.
 * Refuses a date after today, before the birth date, before 参加工作时间 or before the current
 * status (`fitStatusDate`); no earlier entry is ever rewritten. A 退休 before the statutory
 * retirement date (`isEarlyRetirement`) is refused with `EARLY_RETIREMENT_UNCONFIRMED` until the
 * clerk confirms it, and the confirmation is kept on the entry. At a station, a person another
 * station keeps now is refused (`STAFF_NOT_OURS`).
 */
export function changeStaffStatus(store: LedgerStore, actor: WriteActor, input: ParsedStatusChange, today: string): void {
  store.transaction(() => {
    const staff = requireOwnStaffRow(store, input.staffId);
    const problem =
      compareIsoDates(input.date, today) > 0
        ? `变更日期 ${input.date} 晚于今天：请在变更生效后再登记`
        : staff.birth_date && compareIsoDates(input.date, staff.birth_date) < 0
          ? `变更日期 ${input.date} 早于本人出生日期，请核对`
          : null;
    if (problem) throw new AppError(commonErrorCodes.invalidArgument, problem, { fields: { date: problem } });
    fitStatusDate(store, actor, staff, input.date);
    const early = input.status === '退休' && earlyRetirementOf(staff, input.date);
    if (early && !input.confirmEarlyRetirement) {
      const message = `未到退休年龄，确认提前退休？「${staff.name ?? '此人'}」按${early.basis}应于 ${early.expected} 退休，登记的退休日期 ${input.date} 早于它。提前退休（如因病、特殊工种）请确认后再登记；如是日期填错，请改正。`;
      throw new AppError(EARLY_RETIREMENT_UNCONFIRMED, message, { fields: { date: message }, expectedRetirementDate: early.expected });
    }
    writeRecord(store, actor, 'staff', staff.id, { status: input.status, status_date: input.date });
    writeRecord(store, actor, 'staff_status_change', store.newId(), {
      station_id: staff.station_id,
      staff_id: staff.id,
      status: input.status,
      date: input.date,
      reason: input.reason || null,
      early_retirement: early ? 1 : null,
    });
  });
}

/** When a 退休 dated `date` is early: the date it was expected and on what basis; null when it is not. */
function earlyRetirementOf(staff: StaffRow, date: string): { expected: string; basis: string } | null {
  if (!staff.birth_date || !isValidIsoDate(staff.birth_date)) return null;
  const expected = expectedRetirementDateOf(staff.birth_date, retirementBaseOf(staff), staff.retirement_date_override);
  if (!expected || !isEarlyRetirement(date, expected)) return null;
  return { expected, basis: staff.retirement_date_override ? '手工指定的退休日期' : '渐进式延迟退休规定' };
}

/**
 * Checks that a status change (or a 调动) dated `date` may follow what the ledger holds, and writes
 * nothing: refuses a date before the person's 参加工作时间 (`STATUS_DATE_BEFORE_WORK_START`: nobody
 * leaves a job before starting work) and one before the current status
 * (`STATUS_DATE_BEFORE_CURRENT`, naming it), so the latest entry of the history stays the current
 * status. An earlier entry is never redated to make room. Call inside the transaction that writes
 * the change.
 */
export function fitStatusDate(_store: LedgerStore, _actor: WriteActor, staff: StaffRow, date: string): void {
  const who = `「${staff.name ?? '此人'}」`;
  if (staff.work_start_date && compareIsoDates(date, staff.work_start_date) < 0) {
    const message = `变更日期 ${date} 早于${who}的参加工作时间 ${staff.work_start_date}，请核对变更日期（或先在「编辑」中改正参加工作时间）。`;
    throw new AppError(STATUS_DATE_BEFORE_WORK_START, message, { fields: { date: message } });
  }
  if (!staff.status_date || compareIsoDates(date, staff.status_date) >= 0) return;
  const message = `${who}当前状态为${staff.status ?? '在职'}（自 ${staff.status_date}），变更日期 ${date} 早于它，登记后状态历史的最后一条将与当前状态不符。请核对变更日期，应不早于 ${staff.status_date}。`;
  throw new AppError(STATUS_DATE_BEFORE_CURRENT, message, { fields: { date: message } });
}

/**
 * Deletes a person entered by mistake: tombstones the person and every live row of every
 * person-owned table (status history, family, honours, and whatever later features attach to a
 * person — the definitions with owner `person`), in one transaction (a tombstone travels in sync
 * bundles like any edit, and can be undone).
 */
export function deleteStaff(store: LedgerStore, actor: WriteActor, id: string): boolean {
  return store.transaction(() => {
    requireOwnStaffRow(store, id);
    for (const table of personOwnedTableNames()) {
      for (const rowId of livePersonRecordIds(store, table, id)) tombstoneRecord(store, actor, table, rowId);
    }
    return tombstoneRecord(store, actor, 'staff', id);
  });
}
