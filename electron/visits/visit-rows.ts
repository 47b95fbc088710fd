import type { Selectable } from 'kysely';
import type { LedgerStore } from '../../db/ledger-store';
import type { Database } from '../../db/schema';
import { staffCategories, type StaffCategoryName } from '../../shared/staff-record';
import { festivalOfEvent, fundingSources, hospitalEventLabel, visitKinds, type FundingSource, type VisitItem, type VisitKind } from '../../shared/visit-record';
import type { OtherVisit } from '../../shared/visit-rules';

/**
 * The visits' rows as SQLite holds them, and as lists, the drawer and the receipt sheet show them.
 * Every read of `welfare_visit` is here or in visit-queries.ts.
 */

export type VisitRow = Selectable<Database['welfare_visit']>;

/** What a visit row is shown with: its person and, when a relative was visited, the relative. */
export interface VisitPeople {
  person(staffId: string): { name: string; idNumber: string; category: StaffCategoryName } | undefined;
  relative(familyMemberId: string): { relation: string; name: string } | undefined;
  /** A hospitalisation's kind and first day (for 住院:<id> events). */
  hospitalisation(medicalEventId: string): { kind: string; startDate: string } | undefined;
}

/** The lookups of a whole ledger, read once (a list shows hundreds of visits). */
export function visitPeopleOf(store: LedgerStore): VisitPeople {
  const people = new Map(
    (store.sqlite.prepare('SELECT id, name, id_number, category FROM staff WHERE deleted_at IS NULL').all() as { id: string; name: string | null; id_number: string | null; category: string | null }[]).map((p) => [
      p.id,
      { name: p.name ?? '', idNumber: p.id_number ?? '', category: (staffCategories as readonly string[]).includes(p.category ?? '') ? (p.category as StaffCategoryName) : '民警' },
    ]),
  );
  const relatives = new Map(
    (store.sqlite.prepare('SELECT id, relation, name FROM family_member').all() as { id: string; relation: string | null; name: string | null }[]).map((f) => [f.id, { relation: f.relation ?? '家属', name: f.name ?? '' }]),
  );
  const hospitalisations = new Map(
    (store.sqlite.prepare('SELECT id, kind, start_date FROM medical_event WHERE deleted_at IS NULL').all() as { id: string; kind: string | null; start_date: string | null }[]).map((e) => [
      e.id,
      { kind: e.kind ?? '住院', startDate: e.start_date ?? '' },
    ]),
  );
  return { person: (id) => people.get(id), relative: (id) => relatives.get(id), hospitalisation: (id) => hospitalisations.get(id) };
}

/** The event as the clerk reads it: 2026中秋, 2026生日, 住院 2026-11-20 (see {@link hospitalEventLabel}). */
export function eventLabelOf(event: string | null, people: VisitPeople): string | null {
  if (!event) return null;
  if (event.startsWith('住院:')) {
    const stay = people.hospitalisation(event.slice(3));
    return stay ? hospitalEventLabel(stay.kind, stay.startDate) : '住院（记录已删除）';
  }
  return event;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T => ((values as readonly string[]).includes(value ?? '') ? (value as T) : fallback);

export function toVisitItem(row: VisitRow, people: VisitPeople): VisitItem {
  const person = people.person(row.staff_id ?? '');
  const relative = row.family_member_id ? people.relative(row.family_member_id) : undefined;
  return {
    id: row.id,
    staffId: row.staff_id ?? '',
    staffName: person?.name ?? '',
    idNumber: person?.idNumber ?? '',
    category: person?.category ?? '民警',
    familyMemberId: row.family_member_id,
    recipient: relative ? `${relative.relation} ${relative.name}` : null,
    kind: oneOf<VisitKind>(visitKinds, row.kind, '节日慰问'),
    date: row.date ?? '',
    visitors: row.visitors,
    cashFen: row.cash_fen ?? 0,
    goods: row.goods,
    goodsValueFen: row.goods_value_fen ?? 0,
    funding: oneOf<FundingSource>(fundingSources, row.funding, '工会经费'),
    event: row.event,
    eventLabel: eventLabelOf(row.event, people),
    eventDate: row.event_date,
    receiptSigned: row.receipt_signed === 1,
    confirmReason: row.confirm_reason,
    batchId: row.batch_id,
    note: row.note,
  };
}

/** A row as the rules count it among the person's other visits. */
export function otherVisitOf(row: Pick<VisitRow, 'kind' | 'date' | 'event_date' | 'event' | 'cash_fen' | 'goods_value_fen'>): OtherVisit {
  return {
    kind: oneOf<VisitKind>(visitKinds, row.kind, '节日慰问'),
    date: row.date ?? '',
    eventDate: row.event_date,
    event: row.event,
    cashFen: row.cash_fen ?? 0,
    goodsValueFen: row.goods_value_fen ?? 0,
  };
}

/** Every live visit of the people this installation holds (one query). */
export function liveVisitRows(store: LedgerStore): VisitRow[] {
  return store.sqlite.prepare('SELECT * FROM welfare_visit WHERE deleted_at IS NULL AND staff_id IS NOT NULL ORDER BY date, id').all() as VisitRow[];
}

/** A person's live visits (the index on `staff_id`). */
export function personVisitRows(store: LedgerStore, staffId: string): VisitRow[] {
  return store.sqlite.prepare('SELECT * FROM welfare_visit WHERE staff_id = ? AND deleted_at IS NULL ORDER BY date, id').all(staffId) as VisitRow[];
}

/** The live visits answering one event (the index on `event`): a festival's coverage and receipt. */
export function eventVisitRows(store: LedgerStore, event: string): VisitRow[] {
  return store.sqlite.prepare('SELECT * FROM welfare_visit WHERE event = ? AND deleted_at IS NULL AND staff_id IS NOT NULL ORDER BY date, id').all(event) as VisitRow[];
}

/** Whether an event names a festival of a year (2026中秋). */
export const isFestivalEvent = (event: string | null) => festivalOfEvent(event) !== null;
