import type { LedgerStore } from '../../db/ledger-store';
import { addDays } from '../../shared/china-date';
import { parseDateText } from '../../shared/date-text';
import { hospitalEvent, hospitalEventLabel, parseHospitalEventLabel, visitDaysAfterDischarge, visitedStayKinds, visitKindOfStay, type VisitedStayKind, type VisitKind } from '../../shared/visit-record';

/**
 * Which hospitalisation of 健康管理 a visit of the 慰问记录表 answers. In the app a 住院慰问 is
 * recorded from the 工作台's reminder or the visit form, linked to the stay (`住院:<id>`); a sheet
 * names the stay as the lists show it (对应事件 「住院 2026-11-20」), or leaves it blank. Linked, the
 * visit takes the stay's first day as its event date (the standard in force then applies), a second
 * visit for the same stay is caught, and the reminder and the monthly report's 住院未慰问 count it.
 */

/** A hospitalisation or injury on duty of 健康管理. */
export interface HospitalStay {
  id: string;
  kind: VisitedStayKind;
  startDate: string;
  endDate: string | null;
}

/** Each person's live hospitalisations and injuries on duty, oldest first. */
export function hospitalStaysByPerson(store: LedgerStore): Map<string, HospitalStay[]> {
  const rows = store.sqlite
    .prepare(
      `SELECT id, staff_id, kind, start_date, end_date FROM medical_event
       WHERE deleted_at IS NULL AND kind IN (${visitedStayKinds.map(() => '?').join(', ')}) AND start_date IS NOT NULL ORDER BY start_date`,
    )
    .all(...visitedStayKinds) as { id: string; staff_id: string; kind: VisitedStayKind; start_date: string; end_date: string | null }[];
  const byPerson = new Map<string, HospitalStay[]>();
  for (const row of rows) {
    byPerson.set(row.staff_id, [...(byPerson.get(row.staff_id) ?? []), { id: row.id, kind: row.kind, startDate: row.start_date, endDate: row.end_date }]);
  }
  return byPerson;
}

/** What a row's 对应事件 comes to: a stay (its event and first day), a row error, a warning, or nothing to link. */
export type StayLink = { event: string; eventDate: string } | { problem: string } | { warning: string } | null;

/** Stays of the kind the visit answers first, then the latest first. */
function preferred(stays: HospitalStay[], kind: VisitKind | VisitedStayKind): HospitalStay | undefined {
  return [...stays].sort((a, b) => Number(visitKindOfStay[b.kind] === kind || b.kind === kind) - Number(visitKindOfStay[a.kind] === kind || a.kind === kind) || b.startDate.localeCompare(a.startDate))[0];
}

const linkTo = (stay: HospitalStay) => ({ event: hospitalEvent(stay.id), eventDate: stay.startDate });

/**
 * The stay a row names: 「住院 2026-11-20」 (or 因公负伤, any way a date is written) is the person's
 * stay that began that day; the internal key of an older export (住院:<id>) is that stay, or stays as
 * it is when the stay was deleted since; a blank
 * 对应事件 on a 住院慰问 or 因公负伤慰问 is the stay the visit date falls in (or that ended at most 30
 * days before it), the latest of them. A stay named but not in 健康管理 is an error (the clerk
 * registers it first, or corrects the date); none found for a blank one is a warning, and the visit
 * is imported unlinked.
 */
export function linkHospitalStay(row: { kind: VisitKind; event: string | null; date: string; personName: string }, stays: HospitalStay[]): StayLink {
  const { kind, event, date, personName } = row;
  if (event?.startsWith('住院:')) {
    // Its stay deleted since, the visit keeps the key (the lists show 住院（记录已删除）), as in the app.
    const stay = stays.find((s) => s.id === event.slice(3));
    return stay ? linkTo(stay) : null;
  }
  const typed = parseHospitalEventLabel(event);
  if (typed) {
    const startDate = parseDateText(typed.dateText);
    if (!startDate) return { problem: `对应事件「${event}」中的日期无法识别：请写成「${typed.kind} 2026-11-20」，日期为入院（负伤）那一天` };
    const stay = preferred(stays.filter((s) => s.startDate === startDate), typed.kind);
    return stay
      ? linkTo(stay)
      : { problem: `对应事件「${event}」：${personName} 在「健康管理」中没有 ${startDate} 开始的住院或因公负伤记录。请先在「健康管理」登记这次${typed.kind}，或改正日期` };
  }
  if (event || (kind !== '住院慰问' && kind !== '因公负伤慰问')) return null;
  const stay = preferred(stays.filter((s) => s.startDate <= date && (s.endDate === null || date <= addDays(s.endDate, visitDaysAfterDischarge))), kind);
  if (stay) return linkTo(stay);
  return {
    warning: `${personName} 在「健康管理」中没有 ${date} 前后的住院或因公负伤记录：这条${kind}已导入，但不与哪次住院关联（同一次住院重复慰问无法提示）。如有这次住院，请先在「健康管理」登记，或在「对应事件」写「${hospitalEventLabel(kind === '因公负伤慰问' ? '因公负伤' : '住院', '入院日期')}」`,
  };
}
