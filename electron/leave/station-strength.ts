import { addDays, compareIsoDates, daysInMonth, formatIsoDate } from '../../shared/china-date';
import { dayKindOf, datesBetween, type CalendarLookup } from '../../shared/holiday-calendar';
import type { HalfDay, StationDay, StationMonth } from '../../shared/leave-record';
import type { LedgerStore } from '../../db/ledger-store';
import { readSettings } from '../handlers/app-handlers';
import { liveStaffRows, type StaffRowWithStation } from '../staff/staff-rows';
import { leaveSpanOf, liveLeaveRows, type LeaveRow } from './leave-rows';

/**
 * The station's strength day by day (DOMAIN.md "Rotation"): its 民警 and 辅警 in service, less
 * those away on leave (planned, approved or taken; any half of the day), against the minimum
 * number on duty (最低在岗警力, **configurable**). The station calendar shows it; saving a leave
 * that takes a day below the minimum needs the clerk's confirmation.
 */

/** The categories that count in a station's strength on duty: 民警 and 辅警 (not 职工). */
export function countsInStrength(category: string | null): boolean {
  return category === '民警' || category === '辅警';
}

/** Who counts in the strength on a day: a 民警 or 辅警 of the station, in service then, there by then. */
function inStrength(person: StaffRowWithStation, stationId: string, date: string): boolean {
  if (person.station_id !== stationId || !countsInStrength(person.category)) return false;
  const serving = person.status === '在职' || (person.status_date !== null && compareIsoDates(person.status_date, date) > 0);
  const arrived = person.joined_station_date ?? person.hire_date ?? person.work_start_date;
  return serving && (arrived === null || compareIsoDates(arrived, date) <= 0);
}

/** Whether a leave (not cancelled: planned, approved or taken) has its person away on a day, and which half when only half. */
export function awayOn(row: Parameters<typeof leaveSpanOf>[0], date: string): { away: boolean; half: HalfDay | null } {
  const span = leaveSpanOf(row);
  if (span.status === '取消' || compareIsoDates(date, span.fromDate) < 0 || compareIsoDates(date, span.toDate) > 0) return { away: false, half: null };
  if (date === span.fromDate && span.fromHalf === '下午') return { away: true, half: date === span.toDate && span.toHalf === '上午' ? null : '下午' };
  if (date === span.toDate && span.toHalf === '上午') return { away: true, half: '上午' };
  return { away: true, half: null };
}

interface StrengthFacts {
  people: StaffRowWithStation[];
  leaves: LeaveRow[];
  names: Map<string, string>;
  minimum: number;
}

function strengthFacts(store: LedgerStore): StrengthFacts {
  const people = liveStaffRows(store);
  return { people, leaves: liveLeaveRows(store), names: new Map(people.map((p) => [p.id, p.name ?? ''])), minimum: readSettings({ store })['station.minimumOnDuty'] };
}

function dayOf(facts: StrengthFacts, stationId: string, date: string, lookup: CalendarLookup, extra: LeaveRow[] = [], exceptId?: string): StationDay {
  const members = new Set(facts.people.filter((p) => inStrength(p, stationId, date)).map((p) => p.id));
  const away: StationDay['away'] = [];
  for (const row of [...facts.leaves.filter((l) => l.id !== exceptId), ...extra]) {
    if (!row.staff_id || !facts.names.has(row.staff_id)) continue;
    const on = awayOn(row, date);
    if (!on.away) continue;
    const span = leaveSpanOf(row);
    away.push({ leaveId: row.id, staffId: row.staff_id, name: facts.names.get(row.staff_id) ?? '', type: span.type, status: span.status, half: on.half });
  }
  const awayMembers = new Set(away.filter((a) => members.has(a.staffId)).map((a) => a.staffId));
  const calendarKnown = lookup(Number(date.slice(0, 4))) !== undefined;
  const dayKind = calendarKnown ? dayKindOf(date, lookup).label : '';
  const onDuty = members.size - awayMembers.size;
  return { date, dayKind, calendarKnown, away, onDuty, minimum: facts.minimum, belowMinimum: onDuty < facts.minimum };
}

/** A month of the station calendar (`month` as YYYY-MM). */
export function stationMonth(store: LedgerStore, stationId: string, month: string, lookup: CalendarLookup): StationMonth {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const facts = strengthFacts(store);
  const days = datesBetween(formatIsoDate(year, m, 1), formatIsoDate(year, m, daysInMonth(year, m))).map((date) => dayOf(facts, stationId, date, lookup));
  const strength = facts.people.filter((p) => inStrength(p, stationId, formatIsoDate(year, m, daysInMonth(year, m)))).length;
  return { month, strength, minimum: facts.minimum, days, missingCalendarYear: lookup(year) ? null : year };
}

/** A day a leave would take below the minimum: the day, those on duty, and the others away. */
export interface StrengthShortfall {
  date: string;
  onDuty: number;
  minimum: number;
  othersAway: string[];
}

/**
 * The days a leave (saved or about to be) takes the station below its minimum: every day of the
 * leave on which, with it (and without the version it replaces), fewer than the minimum are on
 * duty. Only when the person counts in the strength that day.
 */
export function strengthShortfalls(store: LedgerStore, stationId: string, leave: LeaveRow, lookup: CalendarLookup): StrengthShortfall[] {
  const span = leaveSpanOf(leave);
  if (span.status === '取消') return [];
  const facts = strengthFacts(store);
  const shortfalls: StrengthShortfall[] = [];
  for (let date = span.fromDate; compareIsoDates(date, span.toDate) <= 0; date = addDays(date, 1)) {
    const member = facts.people.some((p) => p.id === leave.staff_id && inStrength(p, stationId, date));
    const day = dayOf(facts, stationId, date, lookup, [leave], leave.id);
    if (!member || !day.belowMinimum || !day.away.some((a) => a.leaveId === leave.id)) continue;
    shortfalls.push({ date, onDuty: day.onDuty, minimum: day.minimum, othersAway: day.away.filter((a) => a.leaveId !== leave.id).map((a) => `${a.name}（${a.type}）`) });
  }
  return shortfalls;
}
