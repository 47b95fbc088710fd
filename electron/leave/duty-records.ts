import { compensatoryExpiry, compensatoryLedger, daysEarnedByDuty } from '../../shared/compensatory-rest';
import { dayKindOf, type CalendarLookup } from '../../shared/holiday-calendar';
import type { CompensatoryBalance, DutyItem, ParsedDutyInput } from '../../shared/leave-record';
import type { StaffCategoryName } from '../../shared/staff-record';
import type { LedgerStore } from '../../db/ledger-store';
import { readSettings } from '../handlers/app-handlers';
import type { PersonRecordKind } from '../staff/person-records';
import { liveStaffRows } from '../staff/staff-rows';
import { calendarLookupOf } from './calendar-store';
import { leaveSpanOf, liveLeaveRows } from './leave-rows';

/**
 * The 补休 ledger (DOMAIN.md "Rotation"): a 值班 on a rest day or a holiday earns 补休 (4 hours half
 * a day, 8 a day), 轮休/补休 leave uses it, and what is not used lapses after the months of the
 * setting `leave.compensatoryExpiryMonths`. A duty on a working day earns nothing and is refused.
 */

interface DutyRow {
  id: string;
  staff_id: string | null;
  date: string | null;
  hours: number | null;
  half_days: number | null;
  note: string | null;
}

const expiryMonths = (store: LedgerStore) => readSettings({ store })['leave.compensatoryExpiryMonths'];

function dutyItemOf(row: DutyRow, names: ReadonlyMap<string, string>, months: number, lookup: CalendarLookup): DutyItem {
  let dayKind: string;
  try {
    dayKind = dayKindOf(row.date ?? '', lookup).label;
  } catch {
    dayKind = '（缺少当年节假日安排）';
  }
  return {
    id: row.id,
    staffId: row.staff_id ?? '',
    staffName: names.get(row.staff_id ?? '') ?? '',
    date: row.date ?? '',
    hours: row.hours ?? 0,
    days: (row.half_days ?? 0) / 2,
    dayKind,
    expiresOn: row.date ? compensatoryExpiry(row.date, months) : '',
    note: row.note,
  };
}

function liveDutyRows(store: LedgerStore, staffId?: string): DutyRow[] {
  return (staffId
    ? store.sqlite.prepare('SELECT * FROM duty_record WHERE staff_id = ? AND deleted_at IS NULL ORDER BY date, id').all(staffId)
    : store.sqlite.prepare('SELECT * FROM duty_record WHERE deleted_at IS NULL AND staff_id IS NOT NULL ORDER BY date, id').all()) as DutyRow[];
}

/** The duty of one person or of everyone, newest first. */
export function dutyItems(store: LedgerStore, staffId?: string): DutyItem[] {
  const names = new Map(liveStaffRows(store).map((p) => [p.id, p.name ?? '']));
  const months = expiryMonths(store);
  const lookup = calendarLookupOf(store);
  return liveDutyRows(store, staffId)
    .map((row) => dutyItemOf(row, names, months, lookup))
    .reverse();
}

/**
 * A person's 补休 on `asOf`, with an extra use (a leave about to be saved) and without the leave
 * being edited.
 */
export function compensatoryOf(store: LedgerStore, staffId: string, asOf: string, change: { add?: { date: string; days: number }; exceptLeaveId?: string } = {}) {
  const earnings = liveDutyRows(store, staffId).map((d) => ({ date: d.date ?? '', days: (d.half_days ?? 0) / 2 }));
  const uses = liveLeaveRows(store)
    .filter((l) => l.staff_id === staffId && l.id !== change.exceptLeaveId)
    .map(leaveSpanOf)
    .filter((l) => l.type === '轮休/补休' && l.status !== '取消')
    .map((l) => ({ date: l.fromDate, days: l.days }));
  return compensatoryLedger(earnings, change.add ? [...uses, change.add] : uses, expiryMonths(store), asOf);
}

/** Everyone's 补休 balance in service who has any duty or 补休. */
export function compensatoryBalances(store: LedgerStore, asOf: string): CompensatoryBalance[] {
  const withDuty = new Set(liveDutyRows(store).map((d) => d.staff_id));
  return liveStaffRows(store)
    .filter((p) => p.status === '在职' && withDuty.has(p.id))
    .map((p) => {
      const ledger = compensatoryOf(store, p.id, asOf);
      return { staffId: p.id, name: p.name ?? '', category: (p.category ?? '民警') as StaffCategoryName, earned: ledger.earned, used: ledger.used, expired: ledger.expired, remaining: ledger.remaining, nextExpiry: ledger.nextExpiry };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** A 值班 as a kind of person record (saved and deleted like 家属 and 慰问); the handler shows it with `dutyItems`. */
export const dutyRecords: PersonRecordKind<'duty_record', ParsedDutyInput, { id: string }> = {
  table: 'duty_record',
  notFoundMessage: '找不到这条值班记录（可能已被删除），请刷新后重试。',
  check: (input, context) => {
    const store = context.store as LedgerStore;
    const kind = dayKindOf(input.date, calendarLookupOf(store));
    if (kind.working) {
      return [{ field: 'date', message: `${input.date} 是${kind.label}，工作日值班不换补休：只有休息日、节假日值班才登记（调休上班日也是工作日）` }];
    }
    const twice = context.others.some((o) => o.date === input.date);
    return twice ? [{ field: 'date', message: `${input.date} 已登记过此人的值班，请修改那一条` }] : [];
  },
  values: (input) => ({ date: input.date, hours: input.hours, half_days: daysEarnedByDuty(input.hours) * 2, note: input.note || null }),
  toItem: (row) => ({ id: row.id }),
};
