import type { Selectable } from 'kysely';
import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import { selectSync, type LedgerStore } from '../../db/ledger-store';
import type { FamilyMemberTable, HonourTable, StaffStatusChangeTable, StaffTable } from '../../db/staff-schema';

/** A staff row as SQLite holds it. */
export type StaffRow = Selectable<StaffTable>;
export type StatusChangeRow = Selectable<StaffStatusChangeTable>;
export type FamilyMemberRow = Selectable<FamilyMemberTable>;
export type HonourRow = Selectable<HonourTable>;

/** A staff row with its owning station's code and name (one join, no per-person query). */
export type StaffRowWithStation = StaffRow & { station_code: string | null; station_name: string | null };

function staffWithStation(store: LedgerStore) {
  return store.db
    .selectFrom('staff')
    .leftJoin('station', 'station.id', 'staff.station_id')
    .selectAll('staff')
    .select(['station.code as station_code', 'station.name as station_name']);
}

/** Every live (not deleted) person of every station this installation holds, in one query. */
export function liveStaffRows(store: LedgerStore): StaffRowWithStation[] {
  return selectSync(store, staffWithStation(store).where('staff.deleted_at', 'is', null));
}

/** One live person with their station, or undefined when missing or deleted. */
export function liveStaffRow(store: LedgerStore, id: string): StaffRowWithStation | undefined {
  return selectSync(store, staffWithStation(store).where('staff.id', '=', id).where('staff.deleted_at', 'is', null))[0];
}

/** Thrown when a person is missing or deleted. */
export function staffNotFound(): AppError {
  return new AppError(commonErrorCodes.notFound, '找不到这个人员（可能已被删除），请刷新名单后重试。');
}

/** One live person with their station; `NOT_FOUND` when missing or deleted. */
export function requireLiveStaffRow(store: LedgerStore, id: string): StaffRowWithStation {
  const row = liveStaffRow(store, id);
  if (!row) throw staffNotFound();
  return row;
}

/** One staff row, deleted or not. */
export function anyStaffRow(store: LedgerStore, id: string): StaffRow | undefined {
  return selectSync(store, store.db.selectFrom('staff').selectAll().where('id', '=', id))[0];
}

/** Live people of one station with this ID number (normally none or one). */
export function liveStaffWithIdNumber(store: LedgerStore, stationId: string | null, idNumber: string): StaffRow[] {
  return selectSync(
    store,
    store.db
      .selectFrom('staff')
      .selectAll()
      .where('id_number', '=', idNumber)
      .where('station_id', 'is', stationId)
      .where('deleted_at', 'is', null)
      .orderBy('id'),
  );
}

/** A person's live status changes, oldest first. */
export function liveStatusChanges(store: LedgerStore, staffId: string): StatusChangeRow[] {
  return selectSync(
    store,
    store.db.selectFrom('staff_status_change').selectAll().where('staff_id', '=', staffId).where('deleted_at', 'is', null).orderBy('date').orderBy('id'),
  );
}

/** A person's live family members, in the order of the relations list then birth date. */
export function liveFamilyMembers(store: LedgerStore, staffId: string): FamilyMemberRow[] {
  return selectSync(
    store,
    store.db.selectFrom('family_member').selectAll().where('staff_id', '=', staffId).where('deleted_at', 'is', null).orderBy('birth_date').orderBy('id'),
  );
}

/** A person's live honours, newest first. */
export function liveHonours(store: LedgerStore, staffId: string): HonourRow[] {
  return selectSync(
    store,
    store.db.selectFrom('honour').selectAll().where('staff_id', '=', staffId).where('deleted_at', 'is', null).orderBy('date', 'desc').orderBy('id'),
  );
}
