import type { z } from 'zod';
import { compareIsoDates } from '../../shared/china-date';
import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import type { statusChangeInputSchema } from '../../shared/staff-record';
import { selectSync, type LedgerStore } from '../../db/ledger-store';
import { tombstoneRecord, writeRecord, type WriteActor } from '../../db/write-path';
import { requireLiveStaffRow } from './staff-rows';

/** The status-change form after validation. */
export type ParsedStatusChange = z.output<typeof statusChangeInputSchema>;

/**
 * Changes a person's status (退休, 调出, 离职, 因公牺牲, 病故, or back to 在职): sets the current
 * status and its date on the person and appends the change to their status history, in one
 * transaction. Retired and deceased people stay in the ledger; the roster's default view hides them.
 */
export function changeStaffStatus(store: LedgerStore, actor: WriteActor, input: ParsedStatusChange, today: string): void {
  store.transaction(() => {
    const staff = requireLiveStaffRow(store, input.staffId);
    const problem =
      compareIsoDates(input.date, today) > 0
        ? `变更日期 ${input.date} 晚于今天：请在变更生效后再登记`
        : staff.birth_date && compareIsoDates(input.date, staff.birth_date) < 0
          ? `变更日期 ${input.date} 早于本人出生日期，请核对`
          : null;
    if (problem) throw new AppError(commonErrorCodes.invalidArgument, problem, { fields: { date: problem } });
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
 * Deletes a person entered by mistake: tombstones the person and every live family member,
 * honour and status-history row of theirs, in one transaction (a tombstone travels in sync bundles
 * like any edit, and can be undone).
 */
export function deleteStaff(store: LedgerStore, actor: WriteActor, id: string): boolean {
  return store.transaction(() => {
    requireLiveStaffRow(store, id);
    for (const table of ['family_member', 'honour', 'staff_status_change'] as const) {
      const rows = selectSync(store, store.db.selectFrom(table).select('id').where('staff_id', '=', id).where('deleted_at', 'is', null));
      for (const row of rows) tombstoneRecord(store, actor, table, row.id);
    }
    return tombstoneRecord(store, actor, 'staff', id);
  });
}
