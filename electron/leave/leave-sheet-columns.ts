import type { SheetColumn } from '../staff/roster-columns';

/**
 * The columns of the leave sheet (休假记录 .xlsx), shared by the import and the export, so an export
 * edited comes back in unchanged. 天数 is written by the export and never read: the days are
 * counted from the calendar.
 */
export type LeaveSheetField = 'name' | 'idNumber' | 'type' | 'fromDate' | 'fromHalf' | 'toDate' | 'toHalf' | 'days' | 'status' | 'approver' | 'reason' | 'note';

export interface LeaveSheetColumn extends SheetColumn {
  field: LeaveSheetField;
  width: number;
}

export const leaveSheetColumns: readonly LeaveSheetColumn[] = [
  { field: 'name', header: '姓名', aliases: ['人员姓名', '请假人'], kind: 'text', width: 10 },
  { field: 'idNumber', header: '身份证号', aliases: ['身份证号码', '公民身份号码', '身份证', '证件号码'], kind: 'idNumber', width: 21 },
  { field: 'type', header: '假别', aliases: ['休假类型', '请假类型', '假期类型', '类别'], kind: 'text', width: 11 },
  { field: 'fromDate', header: '开始日期', aliases: ['起始日期', '开始时间', '请假开始日期', '起'], kind: 'date', width: 12 },
  { field: 'fromHalf', header: '开始时段', aliases: ['开始半天'], kind: 'text', width: 9 },
  { field: 'toDate', header: '结束日期', aliases: ['截止日期', '结束时间', '请假结束日期', '止'], kind: 'date', width: 12 },
  { field: 'toHalf', header: '结束时段', aliases: ['结束半天'], kind: 'text', width: 9 },
  { field: 'days', header: '天数', aliases: ['请假天数', '休假天数'], kind: 'text', width: 7 },
  { field: 'status', header: '状态', aliases: ['审批状态'], kind: 'text', width: 8 },
  { field: 'approver', header: '审批人', aliases: ['批准人'], kind: 'text', width: 10 },
  { field: 'reason', header: '事由', aliases: ['请假事由', '原因'], kind: 'text', width: 16 },
  { field: 'note', header: '备注', aliases: ['说明'], kind: 'text', width: 20 },
];
