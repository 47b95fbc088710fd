import type { Selectable } from 'kysely';
import { chinaDateOf } from '../../shared/china-date';
import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import { parseHlc } from '../../shared/hybrid-logical-clock';
import { fieldVersionOf } from '../../db/change-log';
import { selectSync, type LedgerStore } from '../../db/ledger-store';
import type { FamilyMemberTable, HonourTable, StaffStatusChangeTable, StaffTable } from '../../db/staff-schema';
import { requireLocalStation } from '../station/local-station';

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

/** The ids of a person's live rows in one person-owned table (any table with owner `person`). */
export function livePersonRecordIds(store: LedgerStore, table: string, staffId: string): string[] {
  const rows = store.sqlite.prepare(`SELECT id FROM "${table}" WHERE staff_id = ? AND deleted_at IS NULL ORDER BY id`).all(staffId) as { id: string }[];
  return rows.map((row) => row.id);
}

/** Code of the refusal to change a person another station now keeps (调动 at a station). */
export const STAFF_NOT_OURS = 'STAFF_NOT_OURS';

/** The note a station shows on a person another station now keeps (and the refusal's message). */
export function notOursMessage(name: string | null): string {
  return `${name || '此人'} 已调至其他单位，档案由新单位维护，本所只保留历史记录，不能再修改。如信息有误，请联系市局。`;
}

/**
 * Whether this installation may change a person's records: a bureau may change anyone it holds
 * (its subtree, as before); a station only the people it owns. After a 调动 has reached the old
 * station, the person (and their family, honours, status history) belong to the new station, and
 * an edit made there would travel up and overwrite what the new station keeps.
 */
export function isHeldElsewhere(staffStationId: string | null, local: { id: string; role: string }): boolean {
  return local.role !== 'bureau' && staffStationId !== null && staffStationId !== local.id;
}

/**
 * One live person this installation may change; `NOT_FOUND` when missing or deleted,
 * `STAFF_NOT_OURS` at a station when the person belongs to another station now (nothing written).
 */
export function requireOwnStaffRow(store: LedgerStore, id: string): StaffRowWithStation {
  const row = requireLiveStaffRow(store, id);
  refuseIfHeldElsewhere(store, row);
  return row;
}

/** Throws `STAFF_NOT_OURS` when this installation is a station and another station keeps the person. */
export function refuseIfHeldElsewhere(store: LedgerStore, person: Pick<StaffRow, 'station_id' | 'name'> | undefined): void {
  if (person && isHeldElsewhere(person.station_id, requireLocalStation(store))) throw new AppError(STAFF_NOT_OURS, notOursMessage(person.name));
}

/**
 * At a station: for each live person now owned by another station, the date they left — the
 * latest 调出 entry this station keeps for them (written by the bureau's 调动), else the day the
 * change of owner was recorded (transfers recorded before that entry existed).
 */
export function departureDates(store: LedgerStore, localStationId: string): Map<string, string | null> {
  const rows = store.sqlite
    .prepare(
      `SELECT s.id AS staffId,
         (SELECT MAX(c.date) FROM staff_status_change c
            WHERE c.staff_id = s.id AND c.station_id = ? AND c.status = '调出' AND c.deleted_at IS NULL) AS departed
       FROM staff s
       WHERE s.deleted_at IS NULL AND s.station_id IS NOT NULL AND s.station_id <> ?`,
    )
    .all(localStationId, localStationId) as { staffId: string; departed: string | null }[];
  const dates = new Map<string, string | null>();
  for (const row of rows) {
    const ownerHlc = row.departed ? undefined : fieldVersionOf(store, 'staff', row.staffId, 'station_id');
    const parsed = ownerHlc ? parseHlc(ownerHlc) : null;
    dates.set(row.staffId, row.departed ?? (parsed ? chinaDateOf(parsed.millis) : null));
  }
  return dates;
}
