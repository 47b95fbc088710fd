import type { z } from 'zod';
import { compareIsoDates } from '../../shared/china-date';
import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import type { statusChangeInputSchema } from '../../shared/staff-record';
import type { LedgerStore } from '../../db/ledger-store';
import { personOwnedTableNames } from '../../db/synced-tables';
import { tombstoneRecord, writeRecord, type WriteActor } from '../../db/write-path';
import { livePersonRecordIds, liveStatusChanges, requireOwnStaffRow, type StaffRow, type StatusChangeRow } from './staff-rows';

/** Code of the refusal of a status change dated before the current status's date. */
export const STATUS_DATE_BEFORE_CURRENT = 'STATUS_DATE_BEFORE_CURRENT';

/** The status-change form after validation. */
export type ParsedStatusChange = z.output<typeof statusChangeInputSchema>;

/**
 * Changes a person's status (退休, 调出, 离职, 因公牺牲, 病故, or back to 在职): sets the current
 * status and its date on the person and appends the change to their status history, in one
 * transaction. Retired and deceased people stay in the ledger; the roster's default view hides them.
 * A change dated before the current status's date is refused (`STATUS_DATE_BEFORE_CURRENT`): the
 * current status must stay the latest entry of the history, or the two would disagree — except
 * for a person added without 调入本所时间, whose 在职 is dated only by the day of entry. At a station,
 * a person another station keeps now is refused (`STAFF_NOT_OURS`).
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
    writeRecord(store, actor, 'staff', staff.id, { status: input.status, status_date: input.date });
    writeRecord(store, actor, 'staff_status_change', store.newId(), {
      station_id: staff.station_id,
      staff_id: staff.id,
      status: input.status,
      date: input.date,
      reason: input.reason || null,
    });
  });
}

/**
 * Checks that a status change (or a 调动) dated `date` may follow the person's current status:
 * refuses (`STATUS_DATE_BEFORE_CURRENT`, naming the current status and its date) when it is dated
 * before it, so the latest entry of the history stays the current status. The exception is a
 * person added without 调入本所时间, whose 在职 is dated only by the day of entry: a clerk entering
 * someone who had already retired or left must be able to record it, so that placeholder entry
 * takes the change's date instead. Call inside the transaction that writes the change.
 */
export function fitStatusDate(store: LedgerStore, actor: WriteActor, staff: StaffRow, date: string): void {
  if (!staff.status_date || compareIsoDates(date, staff.status_date) >= 0) return;
  const history = liveStatusChanges(store, staff.id);
  if (enteredWithoutDate(staff, history)) {
    for (const row of history) writeRecord(store, actor, 'staff_status_change', row.id, { date });
    return;
  }
  const message = `「${staff.name ?? '此人'}」当前状态为${staff.status ?? '在职'}（自 ${staff.status_date}），变更日期 ${date} 早于它，登记后状态历史的最后一条将与当前状态不符。请核对变更日期，应不早于 ${staff.status_date}。`;
  throw new AppError(STATUS_DATE_BEFORE_CURRENT, message, { fields: { date: message } });
}

/**
 * Whether the current status is only the 在职 written when the person was added without a
 * 调入本所时间 (dated by the day of entry): the one status a backdated change may precede.
 */
function enteredWithoutDate(staff: StaffRow, history: StatusChangeRow[]): boolean {
  return staff.status === '在职' && !staff.joined_station_date && history.length === 1 && history[0].status === '在职' && history[0].date === staff.status_date;
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
