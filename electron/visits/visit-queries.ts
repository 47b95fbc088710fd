import { compareIsoDates } from '../../shared/china-date';
import { festivalDate, type FestivalName } from '../../shared/festival-dates';
import { festivalEvent, visitKinds, type FestivalCoverage, type VisitFilter, type VisitItem, type VisitList } from '../../shared/visit-record';
import type { LedgerStore } from '../../db/ledger-store';
import { todayOf, type AppDeps } from '../app-deps';
import { listStaff } from '../staff/staff-queries';
import { requireLiveStaffRow } from '../staff/staff-rows';
import { eventVisitRows, liveVisitRows, personVisitRows, toVisitItem, visitPeopleOf } from './visit-rows';

/**
 * The visits as the 慰问记录 page, the drawer's 慰问 tab, the festival coverage and the receipt
 * sheet read them.
 */

function matches(item: VisitItem, filter: VisitFilter): boolean {
  if (filter.kind && item.kind !== filter.kind) return false;
  if (filter.year && !item.date.startsWith(`${filter.year}-`)) return false;
  if (filter.month && Number(item.date.slice(5, 7)) !== filter.month) return false;
  if (filter.funding && item.funding !== filter.funding) return false;
  if (filter.staffId && item.staffId !== filter.staffId) return false;
  if (filter.event && item.event !== filter.event) return false;
  return true;
}

/** The totals of a list of visits, by kind (in the order of the kinds) and overall. */
export function visitTotals(items: readonly VisitItem[]): Pick<VisitList, 'totals' | 'total'> {
  const totals = visitKinds
    .map((kind) => {
      const ofKind = items.filter((i) => i.kind === kind);
      return { kind, count: ofKind.length, cashFen: ofKind.reduce((s, i) => s + i.cashFen, 0), goodsValueFen: ofKind.reduce((s, i) => s + i.goodsValueFen, 0) };
    })
    .filter((t) => t.count > 0);
  return {
    totals,
    total: { count: items.length, cashFen: items.reduce((s, i) => s + i.cashFen, 0), goodsValueFen: items.reduce((s, i) => s + i.goodsValueFen, 0) },
  };
}

/** The visits matching the filter, newest first, with the totals by kind. */
export function listVisits(store: LedgerStore, filter: VisitFilter): VisitList {
  const people = visitPeopleOf(store);
  const items = liveVisitRows(store)
    .map((row) => toVisitItem(row, people))
    .filter((item) => matches(item, filter))
    .sort((a, b) => compareIsoDates(b.date, a.date) || a.staffName.localeCompare(b.staffName, 'zh-CN'));
  return { items, ...visitTotals(items) };
}

/** One person's visits, newest first (the drawer's 慰问 tab). */
export function personVisits(store: LedgerStore, staffId: string): VisitItem[] {
  requireLiveStaffRow(store, staffId);
  const people = visitPeopleOf(store);
  return personVisitRows(store, staffId)
    .map((row) => toVisitItem(row, people))
    .sort((a, b) => compareIsoDates(b.date, a.date));
}

/** Visits by id, in the order asked (a receipt sheet of any selection). */
export function visitsByIds(store: LedgerStore, ids: readonly string[]): VisitItem[] {
  const people = visitPeopleOf(store);
  const wanted = new Set(ids);
  const byId = new Map(liveVisitRows(store).filter((r) => wanted.has(r.id)).map((r) => [r.id, toVisitItem(r, people)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The visits answering an event (2026中秋), in the order of the roster. */
export function eventVisits(store: LedgerStore, event: string): VisitItem[] {
  const people = visitPeopleOf(store);
  return eventVisitRows(store, event).map((row) => toVisitItem(row, people));
}

/**
 * 不遗漏一人: for a festival of a year, every person in service now who was at the station by the
 * festival's date (调入本所时间, else 参加工作时间), and
 * whether they (or a family member through them) were visited for it.
 */
export function festivalCoverage(deps: AppDeps, festival: FestivalName, year: number): FestivalCoverage {
  const today = todayOf(deps);
  const event = festivalEvent(festival, year);
  const date = festivalDate(festival, year);
  const visitByPerson = new Map<string, string>();
  for (const row of eventVisitRows(deps.store, event)) if (row.staff_id && !visitByPerson.has(row.staff_id)) visitByPerson.set(row.staff_id, row.id);
  // In service on the festival: active now, and at this station by then (a newcomer is not missed).
  const active = listStaff(deps.store, today).filter((p) => p.status === '在职' && !p.readOnlyNote && compareIsoDates(p.joinedStationDate ?? p.workStartDate ?? date, date) <= 0);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');
  return {
    festival,
    year,
    date,
    event,
    active: active.length,
    visited: active.filter((p) => visitByPerson.has(p.id)).map((p) => ({ staffId: p.id, name: p.name, category: p.category, visitId: visitByPerson.get(p.id) as string })).sort(byName),
    missing: active.filter((p) => !visitByPerson.has(p.id)).map((p) => ({ staffId: p.id, name: p.name, category: p.category, idNumber: p.idNumber })).sort(byName),
  };
}
