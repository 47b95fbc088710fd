import type { LeaveDayCount, LeaveItem, LeaveStatus } from '../../../shared/leave-record';

/** The colour of a leave's status tag. */
export const leaveStatusColors: Record<LeaveStatus, string> = { 计划: 'blue', 批准: 'cyan', 已休: 'green', 取消: 'default' };

/** A count as the form shows it before saving: 共 5 个工作日（不计 国庆节 7 天；含调休上班 9-20）. */
export function describeDayCount(count: LeaveDayCount): string {
  const unit = count.counting === '工作日' ? '个工作日' : '天（日历日）';
  const notes: string[] = [];
  const names = [...new Set(count.holidays.map((h) => h.name))];
  if (count.holidays.length > 0) notes.push(`不计${names.join('、')} ${count.holidays.length} 天`);
  if (count.weekendDays > 0) notes.push(`不计休息日 ${count.weekendDays} 天`);
  if (count.makeUpWorkdays.length > 0) notes.push(`含调休上班日 ${count.makeUpWorkdays.map((d) => d.slice(5)).join('、')}`);
  return `共 ${count.days} ${unit}${notes.length > 0 ? `（${notes.join('；')}）` : ''}`;
}

/** A leave's length with its unit: 5 工作日 (annual leave, counted in working days) or 3 天 (calendar days). */
export function leaveDaysText(leave: Pick<LeaveItem, 'days' | 'counting'>): string {
  return `${leave.days}${leave.counting === '工作日' ? ' 工作日' : ' 天'}`;
}
