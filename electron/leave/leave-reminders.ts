import { compareIsoDates } from '../../shared/china-date';
import type { Reminder } from '../../shared/visit-record';
import { readSettings } from '../handlers/app-handlers';
import type { ReminderSource } from '../reminders/reminder-registry';
import { annualBalances } from './annual-leave-balances';
import { leaveSuggestions } from './leave-suggestions';

/**
 * Leave's reminders (工作台): a 陪考轮休 to plan when the exam falls in the window; a 强制休息 ordered
 * and not yet planned, until it is; and 应休尽休 — from the check date of the year (setting
 * `leave.underusedCheckDay`), each person in service who has taken none or less than half of their
 * annual leave.
 */
export const leaveReminderSource: ReminderSource = {
  name: 'leave',
  collect(deps, window) {
    const year = Number(window.from.slice(0, 4));
    const active = new Map(window.active.map((p) => [p.id, p]));
    const reminders: Reminder[] = [];
    for (const s of leaveSuggestions(deps.store, year, window.today)) {
      const person = active.get(s.staffId);
      if (!person) continue;
      const due = s.type === '强制休息' ? compareIsoDates(s.fromDate, window.to) <= 0 : compareIsoDates(s.fromDate, window.from) >= 0 && compareIsoDates(s.fromDate, window.to) <= 0;
      if (due) reminders.push({ kind: s.type, date: s.fromDate, name: person.name, idNumber: person.idNumber, staffId: person.id, reason: `${s.reason}：可在「休假轮休」一键安排` });
    }
    const checkDate = `${year}-${readSettings(deps)['leave.underusedCheckDay']}`;
    if (compareIsoDates(checkDate, window.to) <= 0 && compareIsoDates(window.today, checkDate) >= 0) {
      for (const b of annualBalances(deps.store, year, window.today)) {
        if (!b.underused || !active.has(b.staffId)) continue;
        reminders.push({
          kind: '应休尽休',
          date: checkDate,
          name: b.name,
          idNumber: b.idNumber,
          staffId: b.staffId,
          reason: `${year}年年休假应休${b.entitled + b.carried}天，已休${b.taken}天${b.taken === 0 ? '（一天未休）' : '（未过半）'}${b.planned > 0 ? `，已计划${b.planned}天` : ''}`,
        });
      }
    }
    return reminders;
  },
};
