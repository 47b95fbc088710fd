import type { z } from 'zod';
import { compareIsoDates } from '../../shared/china-date';
import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import type { honourInputSchema, HonourItem } from '../../shared/staff-record';
import { selectSync, type LedgerStore } from '../../db/ledger-store';
import { tombstoneRecord, writeRecord, type WriteActor } from '../../db/write-path';
import { liveStaffRow, refuseIfHeldElsewhere, requireOwnStaffRow, type HonourRow } from './staff-rows';

/** The honour form after validation. */
export type ParsedHonourInput = z.output<typeof honourInputSchema>;

/** An honour as the drawer and the monthly report show it. */
export function toHonourItem(row: HonourRow): HonourItem {
  return {
    id: row.id,
    staffId: row.staff_id ?? '',
    title: row.title ?? '',
    level: row.level,
    date: row.date ?? '',
    issuer: row.issuer,
    note: row.note,
  };
}

function liveHonourRow(store: LedgerStore, id: string): HonourRow | undefined {
  return selectSync(store, store.db.selectFrom('honour').selectAll().where('id', '=', id).where('deleted_at', 'is', null))[0];
}

function honourNotFound(): AppError {
  return new AppError(commonErrorCodes.notFound, '找不到这条表彰记录（可能已被删除），请刷新后重试。');
}

/** Adds or edits an honour (表彰) of a live person, through the write path. */
export function saveHonour(store: LedgerStore, actor: WriteActor, input: ParsedHonourInput, today: string): HonourItem {
  return store.transaction(() => {
    const staff = requireOwnStaffRow(store, input.staffId);
    const existing = input.id ? liveHonourRow(store, input.id) : undefined;
    if (input.id && (!existing || existing.staff_id !== input.staffId)) throw honourNotFound();
    if (compareIsoDates(input.date, today) > 0) {
      const message = `表彰日期 ${input.date} 晚于今天，请核对`;
      throw new AppError(commonErrorCodes.invalidArgument, message, { fields: { date: message } });
    }
    const id = existing?.id ?? store.newId();
    writeRecord(store, actor, 'honour', id, {
      station_id: existing ? undefined : staff.station_id,
      staff_id: input.staffId,
      title: input.title,
      level: input.level || null,
      date: input.date,
      issuer: input.issuer || null,
      note: input.note || null,
    });
    return toHonourItem(liveHonourRow(store, id) as HonourRow);
  });
}

/** Deletes (tombstones) an honour. */
export function deleteHonour(store: LedgerStore, actor: WriteActor, id: string): boolean {
  const row = liveHonourRow(store, id);
  if (!row) throw honourNotFound();
  if (row.staff_id) refuseIfHeldElsewhere(store, liveStaffRow(store, row.staff_id));
  return tombstoneRecord(store, actor, 'honour', id);
}
