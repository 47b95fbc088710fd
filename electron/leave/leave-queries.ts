import { compareIsoDates } from '../../shared/china-date';
import type { PersonLeave } from '../../shared/contract/leave-contract';
import type { LeaveFilter, LeaveItem } from '../../shared/leave-record';
import { workYearsOn } from '../../shared/person-derivations';
import type { StaffCategoryName } from '../../shared/staff-record';
import type { LedgerStore } from '../../db/ledger-store';
import { localStation } from '../station/local-station';
import { requireLiveStaffRow } from '../staff/staff-rows';
import { countedLeaveByPerson, personAnnualBalance } from './annual-leave-balances';
import { compensatoryOf, dutyItems } from './duty-records';
import { leavePeopleOf, liveLeaveRows, personLeaveRows, toLeaveItem } from './leave-rows';

/** The leave as 请休假, the drawer's 休假 tab and the Excel export read it. */

function matches(item: LeaveItem, filter: LeaveFilter): boolean {
  // A leave belongs to the months it touches (a leave across 国庆 shows in September and October).
  if (filter.year && !(item.fromDate.startsWith(`${filter.year}-`) || item.toDate.startsWith(`${filter.year}-`))) return false;
  if (filter.month) {
    const month = `${filter.year ?? item.fromDate.slice(0, 4)}-${String(filter.month).padStart(2, '0')}`;
    if (item.fromDate.slice(0, 7) > month || item.toDate.slice(0, 7) < month) return false;
  }
  if (filter.type && item.type !== filter.type) return false;
  if (filter.status && item.status !== filter.status) return false;
  if (filter.staffId && item.staffId !== filter.staffId) return false;
  return true;
}

/** The leave matching the filter, newest first (a station: its people's; a bureau: everyone's). */
export function listLeave(store: LedgerStore, filter: LeaveFilter): LeaveItem[] {
  const own = localStation(store);
  const people = leavePeopleOf(store);
  const ours = own?.role === 'bureau' ? null : new Set((store.sqlite.prepare('SELECT id FROM staff WHERE station_id = ?').all(own?.id ?? '') as { id: string }[]).map((r) => r.id));
  return liveLeaveRows(store)
    .filter((row) => !ours || ours.has(row.staff_id ?? ''))
    .map((row) => toLeaveItem(row, people))
    .filter((item) => matches(item, filter))
    .sort((a, b) => compareIsoDates(b.fromDate, a.fromDate) || a.staffName.localeCompare(b.staffName, 'zh-CN'));
}

/** Leave by id. */
export function leaveItemById(store: LedgerStore, id: string): LeaveItem | undefined {
  const row = liveLeaveRows(store).find((r) => r.id === id);
  return row ? toLeaveItem(row, leavePeopleOf(store)) : undefined;
}

/** A person's leave, duty and balances of a year (the drawer's 休假 tab). */
export function personLeave(store: LedgerStore, staffId: string, year: number, today: string): PersonLeave {
  const person = requireLiveStaffRow(store, staffId);
  const rows = personLeaveRows(store, staffId);
  const people = leavePeopleOf(store);
  const balance = personAnnualBalance(store, person, year, countedLeaveByPerson(rows).get(staffId) ?? [], today);
  const ledger = compensatoryOf(store, staffId, today);
  const category = (person.category ?? '民警') as StaffCategoryName;
  return {
    leaves: rows.map((r) => toLeaveItem(r, people)).sort((a, b) => compareIsoDates(b.fromDate, a.fromDate)),
    duty: dutyItems(store, staffId),
    annual: { staffId, name: person.name ?? '', idNumber: person.id_number ?? '', category, stationName: person.station_name, workYears: workYearsOn(person.work_start_date, person.prior_service_months ?? 0, `${year}-12-31`), ...balance },
    compensatory: { staffId, name: person.name ?? '', category, earned: ledger.earned, used: ledger.used, expired: ledger.expired, remaining: ledger.remaining, nextExpiry: ledger.nextExpiry },
  };
}
