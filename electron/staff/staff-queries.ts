import { familyRelations, staffStatuses, type StaffDetail, type StaffListItem, type StaffStatus, type StatusChangeItem } from '../../shared/staff-record';
import type { LedgerStore } from '../../db/ledger-store';
import { requireLocalStation } from '../station/local-station';
import { toFamilyMemberItem } from './family-records';
import { toHonourItem } from './honour-records';
import { toStaffListItem, type ListContext } from './staff-list-item';
import { departureDates, liveFamilyMembers, liveHonours, liveStaffRows, requireLiveStaffRow, liveStatusChanges, type StatusChangeRow } from './staff-rows';

/** The list context of this installation on `today`. */
export function listContextOf(store: LedgerStore, today: string): ListContext {
  const station = requireLocalStation(store);
  const localIsBureau = station.role === 'bureau';
  return { today, localStationId: station.id, localIsBureau, departures: localIsBureau ? undefined : departureDates(store, station.id) };
}

/** Plain code-point order (codes and pinyin are ASCII; no locale collation needed). */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const categoryOrder = new Map<string, number>([['民警', 0], ['辅警', 1], ['职工', 2]]);

/**
 * The whole roster: every live person of every status, with derived fields, sorted by station,
 * category (民警, 辅警, 职工) and pinyin. One query for all rows; pinyin cached per name.
 */
export function listStaff(store: LedgerStore, today: string): StaffListItem[] {
  const context = listContextOf(store, today);
  const items = liveStaffRows(store).map((row) => toStaffListItem(row, context));
  return items.sort(
    (a, b) =>
      byText(a.stationCode ?? '', b.stationCode ?? '') ||
      (categoryOrder.get(a.category) ?? 9) - (categoryOrder.get(b.category) ?? 9) ||
      byText(a.namePinyin, b.namePinyin) ||
      byText(a.id, b.id),
  );
}

/** One live person as the roster shows them; `NOT_FOUND` when missing or deleted. */
export function staffItem(store: LedgerStore, id: string, today: string): StaffListItem {
  return toStaffListItem(requireLiveStaffRow(store, id), listContextOf(store, today));
}

function toStatusChangeItem(row: StatusChangeRow): StatusChangeItem {
  return {
    id: row.id,
    staffId: row.staff_id ?? '',
    status: (staffStatuses as readonly string[]).includes(row.status ?? '') ? (row.status as StaffStatus) : '在职',
    date: row.date ?? '',
    reason: row.reason,
    earlyRetirement: row.early_retirement === 1,
  };
}

/**
 * The status history a clerk here reads. A 调动 leaves the old station its own 调出 entry (owned
 * by the old station) and gives the new station a 调入 entry (在职); each side sees its own: rows
 * owned by the person's current station, plus those this installation owns. At a station that has
 * heard of the transfer only through the change of owner (a transfer recorded before the old
 * station's entry existed), a derived 调出 line dated by the transfer stands in for it.
 */
function statusHistoryOf(store: LedgerStore, staff: StaffListItem, localId: string): StatusChangeItem[] {
  const rows = liveStatusChanges(store, staff.id).filter((row) => row.station_id === null || row.station_id === staff.stationId || row.station_id === localId);
  const items = rows.map(toStatusChangeItem);
  if (staff.readOnlyNote && !rows.some((row) => row.status === '调出' && row.station_id === localId)) {
    items.push({
      id: `departure-${staff.id}`,
      staffId: staff.id,
      status: '调出',
      date: staff.statusDate ?? '',
      reason: staff.stationName ? `已调至${staff.stationName}` : '已调至其他单位',
      earlyRetirement: false,
    });
  }
  return items;
}

const relationOrder = new Map<string, number>(familyRelations.map((relation, index) => [relation, index]));

/** A person's whole record: base data, status history (oldest first), family, honours (newest first). */
export function staffDetail(store: LedgerStore, id: string, today: string): StaffDetail {
  const staff = staffItem(store, id, today);
  const localId = requireLocalStation(store).id;
  const family = liveFamilyMembers(store, id)
    .map((row) => toFamilyMemberItem(row, today))
    .sort((a, b) => (relationOrder.get(a.relation) ?? 9) - (relationOrder.get(b.relation) ?? 9));
  return {
    staff,
    statusHistory: statusHistoryOf(store, staff, localId),
    family,
    honours: liveHonours(store, id).map(toHonourItem),
  };
}
