import type { Selectable } from 'kysely';
import type { CountedLeave } from '../../shared/annual-leave-entitlement';
import { halfDays, leaveStatuses, leaveTypeRules, leaveTypes, type HalfDay, type LeaveItem, type LeaveStatus, type LeaveType } from '../../shared/leave-record';
import { staffCategories, type StaffCategoryName } from '../../shared/staff-record';
import type { LedgerStore } from '../../db/ledger-store';
import type { Database } from '../../db/schema';

/**
 * The leave rows as SQLite holds them, and as lists, the drawer and the calendar show them. Every
 * read of `leave_record` is here.
 */

export type LeaveRow = Selectable<Database['leave_record']>;

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T => ((values as readonly string[]).includes(value ?? '') ? (value as T) : fallback);

/** The person a leave is shown with. */
export interface LeavePerson {
  name: string;
  idNumber: string;
  category: StaffCategoryName;
  stationName: string | null;
}

/** Every person of the ledger, read once (a list shows hundreds of leaves). */
export function leavePeopleOf(store: LedgerStore): Map<string, LeavePerson> {
  const rows = store.sqlite
    .prepare('SELECT s.id, s.name, s.id_number, s.category, t.name AS station_name FROM staff s LEFT JOIN station t ON t.id = s.station_id WHERE s.deleted_at IS NULL')
    .all() as { id: string; name: string | null; id_number: string | null; category: string | null; station_name: string | null }[];
  return new Map(rows.map((r) => [r.id, { name: r.name ?? '', idNumber: r.id_number ?? '', category: oneOf<StaffCategoryName>(staffCategories, r.category, '民警'), stationName: r.station_name }]));
}

/** The fields of a row the rules read. */
export function leaveSpanOf(row: Pick<LeaveRow, 'type' | 'from_date' | 'from_half' | 'to_date' | 'to_half' | 'half_days' | 'status'>) {
  return {
    type: oneOf<LeaveType>(leaveTypes, row.type, '事假'),
    fromDate: row.from_date ?? '',
    fromHalf: oneOf<HalfDay>(halfDays, row.from_half, '上午'),
    toDate: row.to_date ?? row.from_date ?? '',
    toHalf: oneOf<HalfDay>(halfDays, row.to_half, '下午'),
    days: (row.half_days ?? 0) / 2,
    status: oneOf<LeaveStatus>(leaveStatuses, row.status, '计划'),
  };
}

export function toLeaveItem(row: LeaveRow, people: ReadonlyMap<string, LeavePerson>): LeaveItem {
  const person = people.get(row.staff_id ?? '');
  const span = leaveSpanOf(row);
  return {
    id: row.id,
    staffId: row.staff_id ?? '',
    staffName: person?.name ?? '',
    idNumber: person?.idNumber ?? '',
    category: person?.category ?? '民警',
    stationName: person?.stationName ?? null,
    ...span,
    counting: leaveTypeRules[span.type].counting,
    approver: row.approver,
    reason: row.reason,
    note: row.note,
    strengthConfirm: row.strength_confirm,
    source: row.source,
    trip: row.trip,
    bureauConfirmed: row.bureau_confirmed === 1,
  };
}

/** A row as the entitlement counts it; null for a cancelled one. */
export function countedLeaveOf(row: LeaveRow): CountedLeave | null {
  const span = leaveSpanOf(row);
  if (span.status === '取消' || !span.fromDate) return null;
  return { type: span.type, fromDate: span.fromDate, toDate: span.toDate, days: span.days, status: span.status };
}

/** Every live leave of the ledger (one query). */
export function liveLeaveRows(store: LedgerStore): LeaveRow[] {
  return store.sqlite.prepare('SELECT * FROM leave_record WHERE deleted_at IS NULL AND staff_id IS NOT NULL ORDER BY from_date, id').all() as LeaveRow[];
}

/** A person's live leave (the index on `staff_id`). */
export function personLeaveRows(store: LedgerStore, staffId: string): LeaveRow[] {
  return store.sqlite.prepare('SELECT * FROM leave_record WHERE staff_id = ? AND deleted_at IS NULL ORDER BY from_date, id').all(staffId) as LeaveRow[];
}

/** Live leave by id. */
export function leaveRowById(store: LedgerStore, id: string): LeaveRow | undefined {
  return store.sqlite.prepare('SELECT * FROM leave_record WHERE id = ? AND deleted_at IS NULL').get(id) as LeaveRow | undefined;
}

/** A leave's half-day slots: day × 2 (+1 for the afternoon), first and last. */
export function slotsOf(span: { fromDate: string; fromHalf: HalfDay; toDate: string; toHalf: HalfDay }): [string, string] {
  return [`${span.fromDate}${span.fromHalf === '下午' ? 'b' : 'a'}`, `${span.toDate}${span.toHalf === '上午' ? 'a' : 'b'}`];
}

/** Whether two leaves share a half day. */
export function leavesOverlap(a: Parameters<typeof slotsOf>[0], b: Parameters<typeof slotsOf>[0]): boolean {
  const [a1, a2] = slotsOf(a);
  const [b1, b2] = slotsOf(b);
  return a1 <= b2 && b1 <= a2;
}
