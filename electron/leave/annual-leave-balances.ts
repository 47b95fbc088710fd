import { annualBalance, isUnderused, type CountedLeave, type EntitledPerson } from '../../shared/annual-leave-entitlement';
import type { AnnualLeaveBalance } from '../../shared/leave-record';
import { workYearsOn } from '../../shared/person-derivations';
import { staffCategories, type StaffCategoryName } from '../../shared/staff-record';
import type { LedgerStore } from '../../db/ledger-store';
import { readSettings } from '../handlers/app-handlers';
import { localStation } from '../station/local-station';
import { liveStaffRows, type StaffRow } from '../staff/staff-rows';
import { countedLeaveOf, liveLeaveRows, type LeaveRow } from './leave-rows';

/**
 * The annual leave of people (年休假余额) and 应休尽休, from their roster dates and their leave —
 * the rules of `shared/annual-leave-entitlement.ts` with this unit's settings. At a bureau: every
 * person of every station under it (the bureau watches who has not taken their leave).
 */

/** The person as the entitlement reads them. */
export function entitledPersonOf(row: Pick<StaffRow, 'category' | 'work_start_date' | 'prior_service_months' | 'hire_date'>): EntitledPerson {
  return {
    category: (row.category ?? '民警') as StaffCategoryName,
    workStartDate: row.work_start_date,
    priorServiceMonths: row.prior_service_months ?? 0,
    hireDate: row.hire_date,
  };
}

/** The first year the ledger holds leave for (carry-over is counted from it), or the given year. */
export function trackedFromYear(store: LedgerStore, fallback: number): number {
  const row = store.sqlite.prepare("SELECT min(from_date) AS first FROM leave_record WHERE deleted_at IS NULL AND from_date IS NOT NULL").get() as { first: string | null };
  return row.first ? Math.min(Number(row.first.slice(0, 4)), fallback) : fallback;
}

/** A person's balance of a year from their counted leave. */
export function personAnnualBalance(store: LedgerStore, person: StaffRow, year: number, leaves: readonly CountedLeave[], today: string) {
  const settings = readSettings({ store });
  const balance = annualBalance(entitledPersonOf(person), year, leaves, settings['leave.tierChangeRule'], trackedFromYear(store, year));
  return { ...balance, underused: isUnderused(balance, year, today, settings['leave.underusedCheckDay']) };
}

/** Each person's counted leave, from the rows given. */
export function countedLeaveByPerson(rows: readonly LeaveRow[]): Map<string, CountedLeave[]> {
  const byPerson = new Map<string, CountedLeave[]>();
  for (const row of rows) {
    const counted = countedLeaveOf(row);
    if (counted && row.staff_id) byPerson.set(row.staff_id, [...(byPerson.get(row.staff_id) ?? []), counted]);
  }
  return byPerson;
}

/**
 * The balances of a year for everyone in service (at a station, its people; at a bureau, everyone
 * under it), by station, category and name.
 */
export function annualBalances(store: LedgerStore, year: number, today: string): AnnualLeaveBalance[] {
  const own = localStation(store);
  const leaves = countedLeaveByPerson(liveLeaveRows(store));
  return liveStaffRows(store)
    .filter((p) => p.status === '在职' && (own?.role === 'bureau' || p.station_id === own?.id))
    .map((p) => {
      const balance = personAnnualBalance(store, p, year, leaves.get(p.id) ?? [], today);
      return {
        staffId: p.id,
        name: p.name ?? '',
        idNumber: p.id_number ?? '',
        category: (p.category ?? '民警') as StaffCategoryName,
        stationName: p.station_name,
        workYears: workYearsOn(p.work_start_date, p.prior_service_months ?? 0, `${year}-12-31`),
        ...balance,
      };
    })
    .sort((a, b) => (a.stationName ?? '').localeCompare(b.stationName ?? '', 'zh-CN') || staffCategories.indexOf(a.category) - staffCategories.indexOf(b.category) || a.name.localeCompare(b.name, 'zh-CN'));
}
