import type { Reminder } from '../../shared/visit-record';
import type { AppDeps } from '../app-deps';
import { hospitalReminderSource } from '../health/hospital-reminders';
import { leaveReminderSource } from '../leave/leave-reminders';
import { visitReminderSource } from '../visits/visit-reminders';
import { collectFromSources, type ReminderSource } from './reminder-registry';

/**
 * Every feature's source of reminders, in one list (as `all-handlers.ts` lists the handlers): a new
 * feature adds its source here.
 */
export const reminderSources: readonly ReminderSource[] = [visitReminderSource, hospitalReminderSource, leaveReminderSource];

/** The reminders of 工作台 and the CLI's `reminders`: from `from` (default today) for `days` days (default 30). */
export function collectReminders(deps: AppDeps, options: { from?: string; days?: number } = {}): Reminder[] {
  return collectFromSources(reminderSources, deps, options);
}
