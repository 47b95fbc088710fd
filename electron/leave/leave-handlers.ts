import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import { countWorkdays } from '../../shared/holiday-calendar';
import type { LeaveItem } from '../../shared/leave-record';
import { writeRecord } from '../../db/write-path';
import { todayOf, type AppDeps } from '../app-deps';
import type { HandlerTable } from '../handlers/handler-registry';
import { runLongJob } from '../jobs/job-runner';
import { progressReporter } from '../jobs/task-progress';
import { requireLocalStation } from '../station/local-station';
import { deletePersonRecord, savePersonRecord } from '../staff/person-records';
import { annualBalances } from './annual-leave-balances';
import { calendarList, calendarLookupOf, deleteCalendar, saveCalendar } from './calendar-store';
import { compensatoryBalances, dutyItems, dutyRecords } from './duty-records';
import { exportLeave } from './leave-excel-export';
import { leaveItemById, listLeave, personLeave } from './leave-queries';
import { leaveDayCount, leaveRecords } from './leave-records';
import { leaveRowById } from './leave-rows';
import { importLeaveSheet } from './leave-sheet-import';
import { leaveSuggestions } from './leave-suggestions';
import { stationMonth } from './station-strength';

/**
 * Leave and rotation's handlers (休假轮休) and the official calendars. A leave and a 值班 are person
 * records (`leave-records.ts`, `duty-records.ts`: the rules, then the one write path); calendars
 * are the bureau's (`calendar-store.ts`); counting days is refused for a year without a calendar.
 */

const thisYear = (deps: AppDeps) => Number(todayOf(deps).slice(0, 4));

/** A bureau confirms a station's 疗休养 recommendation (the leave becomes 批准). */
function confirmTrip(deps: AppDeps, id: string): LeaveItem {
  const own = requireLocalStation(deps.store);
  if (own.role !== 'bureau') throw new AppError(commonErrorCodes.forbidden, '疗休养人员由派出所推荐、市局/县局确认：派出所不能自行确认，请把推荐名单随同步文件报市局。');
  const row = leaveRowById(deps.store, id);
  if (!row) throw new AppError(commonErrorCodes.notFound, '找不到这条休假记录（可能已被删除），请刷新后重试。');
  if (row.type !== '疗休养') throw new AppError(commonErrorCodes.invalidArgument, `这是一条${row.type ?? ''}，只有疗休养需要市局确认。`);
  writeRecord(deps.store, deps.user, 'leave_record', id, { bureau_confirmed: 1, status: row.status === '计划' ? '批准' : row.status });
  return leaveItemById(deps.store, id) as LeaveItem;
}

export const leaveHandlers: HandlerTable = {
  'leave.list': (deps, args) => listLeave(deps.store, args),
  'leave.person': (deps, args) => personLeave(deps.store, args.staffId, args.year ?? thisYear(deps), todayOf(deps)),
  'leave.count': (deps, args) => leaveDayCount(args, calendarLookupOf(deps.store)),
  'leave.save': (deps, args) => {
    const { id } = savePersonRecord(deps.store, deps.user, leaveRecords, args, todayOf(deps));
    return leaveItemById(deps.store, id) as LeaveItem;
  },
  'leave.delete': (deps, args) => ({ deleted: deletePersonRecord(deps.store, deps.user, leaveRecords, args.id) }),
  'leave.workdays': (deps, args) => {
    if (args.to < args.from) throw new AppError(commonErrorCodes.invalidArgument, `结束日期 ${args.to} 早于开始日期 ${args.from}，请核对`);
    return { from: args.from, to: args.to, workdays: countWorkdays(args.from, args.to, calendarLookupOf(deps.store)) };
  },
  'leave.entitlement': (deps, args) => {
    requireLocalStation(deps.store); // before setup there is no one to count: say so, not "nobody"
    return annualBalances(deps.store, args.year, todayOf(deps));
  },
  'leave.stationMonth': (deps, args) => stationMonth(deps.store, requireLocalStation(deps.store).id, args.month, calendarLookupOf(deps.store)),
  'leave.suggestions': (deps, args) => leaveSuggestions(deps.store, args.year, todayOf(deps)),
  'leave.confirmTrip': (deps, args) => confirmTrip(deps, args.id),
  'leave.export': (deps, args) => exportLeave(deps, args),
  'leave.importPreview': (deps, args) =>
    runLongJob(deps, 'leave.importPreview', args, () => importLeaveSheet(deps, Buffer.from(args.bytesBase64, 'base64'), { commit: false, progress: progressReporter(deps, args.taskId, '读取休假记录表') })),
  'leave.importCommit': (deps, args) =>
    runLongJob(deps, 'leave.importCommit', args, () => importLeaveSheet(deps, Buffer.from(args.bytesBase64, 'base64'), { commit: true, progress: progressReporter(deps, args.taskId, '导入休假记录') })),
  'duty.list': (deps) => ({ duty: dutyItems(deps.store), balances: compensatoryBalances(deps.store, todayOf(deps)) }),
  'duty.save': (deps, args) => {
    const { id } = savePersonRecord(deps.store, deps.user, dutyRecords, args, todayOf(deps));
    return dutyItems(deps.store, args.staffId).find((d) => d.id === id) as ReturnType<typeof dutyItems>[number];
  },
  'duty.delete': (deps, args) => ({ deleted: deletePersonRecord(deps.store, deps.user, dutyRecords, args.id) }),
  'calendar.list': (deps) => calendarList(deps.store),
  'calendar.save': (deps, args) => saveCalendar(deps.store, deps.user, args),
  'calendar.delete': (deps, args) => ({ deleted: deleteCalendar(deps.store, deps.user, args.year) }),
};
