import { addDays, compareIsoDates } from '../../shared/china-date';
import type { Reminder } from '../../shared/visit-record';
import type { StaffListItem } from '../../shared/staff-record';
import { todayOf, type AppDeps } from '../app-deps';
import { listStaff } from '../staff/staff-queries';

/**
 * The reminders of 工作台: one registry of sources (reminder-sources.ts), each a feature's (visits give birthdays,
 * festivals and their coverage, retirements and family events; health gives people in hospital
 * without a visit; leave will give its own). A source looks at the window `from`–`to` and returns
 * what falls in it — or, for something already due and not yet done (a festival not everyone was
 * visited for, a hospitalisation with no visit), what is still open.
 */

/** The days the reminders look at, and what every source reads once. */
export interface ReminderWindow {
  from: string;
  to: string;
  today: string;
  /** The people this unit keeps who are in service (在职, not moved away). */
  active: StaffListItem[];
  /** Every person of the unit (retirees and the deceased too, for family visits). */
  people: StaffListItem[];
}

/** One source of reminders. */
export interface ReminderSource {
  /** What it reminds of (for diagnostics and tests). */
  name: string;
  collect(deps: AppDeps, window: ReminderWindow): Reminder[];
}

/** The default number of days ahead (工作台 and the CLI's --days). */
export const DEFAULT_REMINDER_DAYS = 30;

/** Every reminder of the sources in the window `from` + `days`, by date (then kind, then name). */
export function collectFromSources(sources: readonly ReminderSource[], deps: AppDeps, options: { from?: string; days?: number } = {}): Reminder[] {
  const today = todayOf(deps);
  const from = options.from ?? today;
  const to = addDays(from, Math.max(0, (options.days ?? DEFAULT_REMINDER_DAYS) - 1));
  const people = listStaff(deps.store, from).filter((p) => !p.readOnlyNote);
  const window: ReminderWindow = { from, to, today, people, active: people.filter((p) => p.status === '在职') };
  return sources
    .flatMap((source) => source.collect(deps, window))
    .sort((a, b) => compareIsoDates(a.date, b.date) || a.kind.localeCompare(b.kind, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
}

/** Whether a date falls in the window. */
export function inWindow(date: string, window: Pick<ReminderWindow, 'from' | 'to'>): boolean {
  return compareIsoDates(date, window.from) >= 0 && compareIsoDates(date, window.to) <= 0;
}
