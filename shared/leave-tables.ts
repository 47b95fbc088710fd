import { halfDays, leaveStatuses, leaveTypes } from './leave-record';
import { col, defineSyncedTable } from './synced-table-definition';

/**
 * Leave and rotation's synced tables (休假轮休, DOMAIN.md "Leave and rotation"): a person's leave,
 * their duty on rest days and holidays (which earns 补休), and the official calendar of a year that
 * the bureau publishes to its stations.
 */

/** 休假: one leave of a person, its days counted from the calendar when it was saved. */
export const leaveRecordTable = defineSyncedTable({
  name: 'leave_record',
  label: '休假',
  owner: 'person',
  nameColumn: 'type',
  detail: { tab: '休假', order: 35 },
  columns: {
    type: col.oneOf('假别', leaveTypes),
    from_date: col.date('开始日期'),
    /** 下午: the first day's afternoon only; null or 上午: the whole day. */
    from_half: col.oneOf('开始时段', halfDays),
    to_date: col.date('结束日期'),
    /** 上午: the last day's morning only; null or 下午: the whole day. */
    to_half: col.oneOf('结束时段', halfDays),
    /** The days counted, in halves (5 days = 10). */
    half_days: col.integer('天数（半天）', 0, 2000),
    status: col.oneOf('状态', leaveStatuses),
    approver: col.text('审批人', 20),
    reason: col.text('事由', 200),
    note: col.text('备注', 200),
    /** Why the clerk saved a leave that takes the station below its minimum strength. */
    strength_confirm: col.text('低于最低在岗警力的确认说明', 200),
    /** Where a planned leave came from: medical_event:<id> (强制休息), exam:2026高考 (陪考轮休). */
    source: col.internal('来源', 80),
    /** 疗休养: the trip (批次、地点). */
    trip: col.text('疗休养批次', 60),
    /** 疗休养: the bureau confirmed the station's recommendation. */
    bureau_confirmed: col.flag('市局已确认'),
  },
});

/** 值班: duty of a person on a rest day or holiday; it earns 补休. */
export const dutyRecordTable = defineSyncedTable({
  name: 'duty_record',
  label: '值班',
  owner: 'person',
  nameColumn: 'date',
  columns: {
    date: col.date('值班日期'),
    hours: col.integer('值班小时数', 0, 24),
    /** 补休 earned, in halves. */
    half_days: col.integer('换得补休（半天）', 0, 2),
    note: col.text('备注', 200),
  },
});

/**
 * 节假日安排: the official calendar of a year (国务院办公厅通知), dates joined by commas. Only a
 * bureau writes it (its stations receive it in its bundles); the years a package ships need no row.
 * Its id is `calendar:<unit id>:<year>`, so importing a year again edits the same row.
 */
export const holidayCalendarTable = defineSyncedTable({
  name: 'holiday_calendar',
  label: '节假日安排',
  owner: 'station',
  nameColumn: 'year',
  writtenBy: 'bureau',
  columns: {
    year: col.integer('年度', 2000, 2100),
    holidays: col.text('放假日期', 2000),
    workdays: col.text('调休上班日期', 1000),
    notice: col.text('通知', 100),
  },
});
