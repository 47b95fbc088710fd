import { hospitalEvent, visitDaysAfterDischarge, visitedStayKinds, visitKindOfStay, type Reminder, type VisitedStayKind } from '../../shared/visit-record';
import type { ReminderSource } from '../reminders/reminder-registry';

/**
 * Health's reminders (工作台): a person in hospital, or injured on duty, without a visit for it
 * yet — from the day of the admission until a 住院慰问 (or 因公负伤慰问) answers it.
 */
export const hospitalReminderSource: ReminderSource = {
  name: 'health',
  collect(deps, window) {
    const byId = new Map(window.active.map((p) => [p.id, p]));
    const events = deps.store.sqlite
      .prepare(
        `SELECT e.id, e.staff_id, e.kind, e.hospital, e.start_date, e.end_date FROM medical_event e
         WHERE e.deleted_at IS NULL AND e.kind IN (${visitedStayKinds.map(() => '?').join(', ')}) AND e.start_date <= ?
           AND (e.end_date IS NULL OR e.end_date >= date(?, '-${visitDaysAfterDischarge} days'))
           AND NOT EXISTS (SELECT 1 FROM welfare_visit v WHERE v.deleted_at IS NULL AND v.event = '住院:' || e.id)`,
      )
      .all(...visitedStayKinds, window.to, window.from) as { id: string; staff_id: string; kind: VisitedStayKind; hospital: string | null; start_date: string; end_date: string | null }[];
    return events.flatMap((e): Reminder[] => {
      const person = byId.get(e.staff_id);
      if (!person) return [];
      const stay = e.end_date ? `${e.start_date} 至 ${e.end_date}` : `${e.start_date} 起在院`;
      return [
        {
          kind: e.kind,
          date: e.start_date,
          name: person.name,
          idNumber: person.idNumber,
          // The hospital only for a caller with the 健康信息 permission: a hospital can tell an illness.
          reason: `${e.kind}（${[deps.caller.health ? e.hospital : null, stay].filter(Boolean).join('，')}），尚未慰问`,
          staffId: person.id,
          visit: { kind: visitKindOfStay[e.kind], event: hospitalEvent(e.id), eventDate: e.start_date },
        },
      ];
    });
  },
};
