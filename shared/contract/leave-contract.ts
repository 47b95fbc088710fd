import { z } from 'zod';
import { defineMethod } from './define-method';
import { taskArgs } from './task-contract';
import { holidayCalendarFileSchema, type HolidayCalendar } from '../holiday-calendar';
import {
  dutyInputSchema,
  halfDays,
  leaveFilterSchema,
  leaveInputSchema,
  leaveTypes,
  type AnnualLeaveBalance,
  type CompensatoryBalance,
  type DutyItem,
  type LeaveDayCount,
  type LeaveImportSummary,
  type LeaveItem,
  type LeaveSuggestion,
  type StationMonth,
} from '../leave-record';
import { requiredDate } from '../staff-record';
import type { FileDownload } from '../staff-record';

const byId = z.object({ id: z.string().min(1) });
const year = z.number({ message: '请填写年份' }).int().min(2000, '年份应为 2000–2100').max(2100, '年份应为 2000–2100');
const leaveSheet = z.object({
  ...taskArgs,
  fileName: z.string().max(255).optional(),
  bytesBase64: z.string().min(1, '请选择要导入的休假记录表（Excel）').max(60 * 1024 * 1024, 'Excel 文件过大（超过 45 MB），请拆分后导入'),
});

/** A person's leave, duty and balances (the drawer's 休假 tab). */
export interface PersonLeave {
  leaves: LeaveItem[];
  duty: DutyItem[];
  annual: AnnualLeaveBalance | null;
  compensatory: CompensatoryBalance;
}

/** Leave and rotation's calls (休假轮休) and the official calendars (节假日安排). */
export const leaveContract = {
  'leave.list': defineMethod<LeaveItem[]>()('休假记录（按年、月、假别、状态、人员筛选）', leaveFilterSchema),
  'leave.person': defineMethod<PersonLeave>()('一个人的休假、值班、年休假和补休余额', z.object({ staffId: z.string().min(1), year: year.optional() })),
  'leave.count': defineMethod<LeaveDayCount>()(
    '按节假日安排计算一次休假的天数（保存前显示）；缺少当年安排时拒绝（CALENDAR_MISSING）',
    z.object({ type: z.enum(leaveTypes, { message: '请选择假别' }), fromDate: requiredDate('开始日期'), fromHalf: z.enum(halfDays).default('上午'), toDate: requiredDate('结束日期'), toHalf: z.enum(halfDays).default('下午') }),
  ),
  'leave.save': defineMethod<LeaveItem>()('登记或修改一次休假（重叠、余额不足拒绝；低于最低在岗警力须填写确认说明）', leaveInputSchema),
  'leave.delete': defineMethod<{ deleted: boolean }>()('删除一条休假记录', byId),
  'leave.workdays': defineMethod<{ from: string; to: string; workdays: number }>()('两日之间的工作日天数（按节假日安排，含调休上班日）', z.object({ from: requiredDate('开始日期'), to: requiredDate('结束日期') })),
  'leave.entitlement': defineMethod<AnnualLeaveBalance[]>()('某年每人的年休假：应休、结转、已休、已计划、剩余及原因；应休尽休', z.object({ year })),
  'leave.stationMonth': defineMethod<StationMonth>()('本所某月日历：每天谁休假、在岗人数与最低在岗警力', z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM') })),
  'leave.suggestions': defineMethod<LeaveSuggestion[]>()('建议安排的休假：子女中考高考的陪考轮休、责令强制休息', z.object({ year })),
  'leave.confirmTrip': defineMethod<LeaveItem>()('市局/县局：确认派出所推荐的疗休养人员', byId),
  'leave.export': defineMethod<FileDownload>()('按当前筛选导出休假记录（.xlsx，可修改后导回）', leaveFilterSchema),
  'leave.importPreview': defineMethod<LeaveImportSummary>()('预览导入 Excel 休假记录（不写入）', leaveSheet),
  'leave.importCommit': defineMethod<LeaveImportSummary>()('导入 Excel 休假记录', leaveSheet),
  'duty.list': defineMethod<{ duty: DutyItem[]; balances: CompensatoryBalance[] }>()('值班与补休台账：值班记录和每人补休余额', z.object({})),
  'duty.save': defineMethod<DutyItem>()('登记或修改一次休息日、节假日值班（换得补休）', dutyInputSchema),
  'duty.delete': defineMethod<{ deleted: boolean }>()('删除一条值班记录', byId),
  'calendar.list': defineMethod<HolidayCalendar[]>()('本机有节假日安排的各年（内置、本单位录入、上级下发）', z.object({})),
  'calendar.save': defineMethod<HolidayCalendar>()('市局/县局：导入或修改某年的节假日安排（随同步文件下发）', holidayCalendarFileSchema),
  'calendar.delete': defineMethod<{ deleted: boolean }>()('市局/县局：删除本单位录入的某年节假日安排', z.object({ year })),
};
