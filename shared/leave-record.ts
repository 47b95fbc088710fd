import { z } from 'zod';
import { compareIsoDates } from './china-date';
import { requiredDate, type StaffCategoryName } from './staff-record';

/**
 * Leave (休假, DOMAIN.md "Leave and rotation") as the clerk records it: who, which kind, from and
 * to (half days at either end), the days counted from the official calendar, the status and who
 * approved it. Schemas here drive the form, the handlers and the Excel import alike.
 */

/** The kinds of leave (假别). */
export const leaveTypes = ['年休假', '轮休/补休', '事假', '病假', '婚假', '产假', '陪产假', '丧假', '探亲假', '疗休养', '强制休息', '陪考轮休'] as const;
export type LeaveType = (typeof leaveTypes)[number];

/** How a kind's days are counted. */
export type DayCounting = '工作日' | '日历日';

/** Which 条例 Art. 4 threshold a kind's days feed: 事假 (≥ 20 days) or 病假 (≥ 2/3/4 months). */
export type ArticleFourFeed = '事假' | '病假' | null;

/** What each kind of leave is, for the counting and the annual-leave rules. */
export interface LeaveTypeRule {
  counting: DayCounting;
  /** Its days are taken from the year's annual leave (only 年休假 itself). */
  againstAnnual: boolean;
  /** Its days are taken from the earned 补休 (duty on rest days and holidays). */
  againstCompensatory: boolean;
  articleFour: ArticleFourFeed;
  /** Why, in a line for the clerk (shown beside the kind in the form). */
  basis: string;
}

/**
 * The flags of every kind.
 * - 年休假: working days — 职工带薪年休假条例 第三条: statutory holidays and rest days are not counted.
 * - 事假 and 病假 feed 条例 第四条 (二)–(五); 病假 is counted in calendar days because its thresholds
 *   are months.
 * - 产假 (女职工劳动保护特别规定 第七条: 98 days) and 探亲假 (国务院关于职工探亲待遇的规定 第三条: the
 *   days include rest days and statutory holidays) are calendar days; so are 病假, 陪产假 and 强制休息
 *   (a doctor's or the unit's rest in days).
 * - DOMAIN.md: marriage, maternity, home-visit, funeral and injury-on-duty leave never reduce
 *   annual leave — no kind but 年休假 is `againstAnnual`.
 */
export const leaveTypeRules: Readonly<Record<LeaveType, LeaveTypeRule>> = {
  年休假: { counting: '工作日', againstAnnual: true, againstCompensatory: false, articleFour: null, basis: '按工作日计，扣年休假余额（条例第三条）' },
  '轮休/补休': { counting: '工作日', againstAnnual: false, againstCompensatory: true, articleFour: null, basis: '按工作日计，扣值班换来的补休余额' },
  事假: { counting: '工作日', againstAnnual: false, againstCompensatory: false, articleFour: '事假', basis: '按工作日计；全年累计20天以上当年不享受年休假（条例第四条第二项）' },
  病假: { counting: '日历日', againstAnnual: false, againstCompensatory: false, articleFour: '病假', basis: '按日历日计；累计2/3/4个月以上当年不享受年休假（条例第四条第三至五项）' },
  婚假: { counting: '工作日', againstAnnual: false, againstCompensatory: false, articleFour: null, basis: '按工作日计，不影响年休假' },
  产假: { counting: '日历日', articleFour: null, againstAnnual: false, againstCompensatory: false, basis: '按日历日计（女职工劳动保护特别规定第七条），不影响年休假' },
  陪产假: { counting: '日历日', articleFour: null, againstAnnual: false, againstCompensatory: false, basis: '按日历日计，不影响年休假' },
  丧假: { counting: '工作日', againstAnnual: false, againstCompensatory: false, articleFour: null, basis: '按工作日计，不影响年休假' },
  探亲假: { counting: '日历日', againstAnnual: false, againstCompensatory: false, articleFour: null, basis: '含公休假日和法定节日（国务院关于职工探亲待遇的规定第三条），不影响年休假' },
  疗休养: { counting: '工作日', againstAnnual: false, againstCompensatory: false, articleFour: null, basis: '按工作日计；派出所推荐，市局确认' },
  强制休息: { counting: '日历日', againstAnnual: false, againstCompensatory: false, articleFour: null, basis: '按日历日计，因重大疾病等责令休息' },
  陪考轮休: { counting: '工作日', againstAnnual: false, againstCompensatory: false, articleFour: null, basis: '子女中考、高考期间轮休，按工作日计' },
};

/** The status of a leave: only 取消 frees its days. */
export const leaveStatuses = ['计划', '批准', '已休', '取消'] as const;
export type LeaveStatus = (typeof leaveStatuses)[number];

/** 上午 / 下午: where a leave starts on its first day and ends on its last. */
export const halfDays = ['上午', '下午'] as const;
export type HalfDay = (typeof halfDays)[number];

const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}不超过${max}个字`).optional().nullable();

/** The leave form (and an Excel row, and a suggestion planned with one click). */
export const leaveInputSchema = z
  .object({
    id: z.string().optional(),
    staffId: z.string({ message: '请选择人员' }).min(1, '请选择人员'),
    type: z.enum(leaveTypes, { message: `请选择假别：${leaveTypes.join('、')}` }),
    fromDate: requiredDate('开始日期'),
    /** 上午 (the whole first day, the default) or 下午 (its afternoon only). */
    fromHalf: z.enum(halfDays, { message: '开始时段应为 上午 或 下午' }).default('上午'),
    toDate: requiredDate('结束日期'),
    /** 下午 (the whole last day, the default) or 上午 (its morning only). */
    toHalf: z.enum(halfDays, { message: '结束时段应为 上午 或 下午' }).default('下午'),
    status: z.enum(leaveStatuses, { message: `状态应为 ${leaveStatuses.join('、')} 之一` }).default('计划'),
    approver: optionalText(20, '审批人'),
    reason: optionalText(200, '事由'),
    note: optionalText(200, '备注'),
    /** Why the clerk saves a leave that takes the station below its minimum strength (kept with it). */
    strengthConfirm: optionalText(200, '确认说明'),
    /** Where a planned leave came from: `medical_event:<id>` (强制休息), `exam:2026高考` (陪考轮休). */
    source: z.string().max(80).optional().nullable(),
    /** 疗休养: the trip (批次、地点). */
    trip: optionalText(60, '疗休养批次'),
  })
  .refine((v) => compareIsoDates(v.fromDate, v.toDate) < 0 || (v.fromDate === v.toDate && !(v.fromHalf === '下午' && v.toHalf === '上午')), {
    message: '结束日期（时段）不能早于开始日期（时段）',
    path: ['toDate'],
  });
export type LeaveInput = z.input<typeof leaveInputSchema>;
export type ParsedLeaveInput = z.output<typeof leaveInputSchema>;

/** The days a leave would take, shown before it is saved. */
export interface LeaveDayCount {
  /** Days, in halves (2.5). */
  days: number;
  counting: DayCounting;
  /** The statutory holidays and bridged days off the leave spans (not counted in working days). */
  holidays: { date: string; name: string }[];
  /** The make-up workdays (调休上班) it spans: counted. */
  makeUpWorkdays: string[];
  /** Ordinary weekend days it spans (not counted in working days). */
  weekendDays: number;
}

/** A leave as lists, the drawer and the calendar show it. */
export interface LeaveItem {
  id: string;
  staffId: string;
  staffName: string;
  idNumber: string;
  category: StaffCategoryName;
  stationName: string | null;
  type: LeaveType;
  fromDate: string;
  fromHalf: HalfDay;
  toDate: string;
  toHalf: HalfDay;
  days: number;
  counting: DayCounting;
  status: LeaveStatus;
  approver: string | null;
  reason: string | null;
  note: string | null;
  strengthConfirm: string | null;
  source: string | null;
  trip: string | null;
  bureauConfirmed: boolean;
}

/** The filters of 请休假. */
export const leaveFilterSchema = z.object({
  year: z.number().int().min(2000).max(2100).optional(),
  month: z.number().int().min(1).max(12).optional(),
  type: z.enum(leaveTypes).optional(),
  status: z.enum(leaveStatuses).optional(),
  staffId: z.string().optional(),
});
export type LeaveFilter = z.infer<typeof leaveFilterSchema>;

/** A 值班 on a rest day or holiday, which earns 补休. */
export const dutyInputSchema = z.object({
  id: z.string().optional(),
  staffId: z.string({ message: '请选择人员' }).min(1, '请选择人员'),
  date: requiredDate('值班日期'),
  /** Hours on duty: 4 hours earn half a day, 8 hours a day. */
  hours: z.number({ message: '请填写值班小时数' }).int('小时数应为整数').min(4, '值班不足4小时不计补休').max(24, '一天最多24小时'),
  note: optionalText(200, '备注'),
});
export type DutyInput = z.input<typeof dutyInputSchema>;
export type ParsedDutyInput = z.output<typeof dutyInputSchema>;

/** A 值班 as the 补休 ledger shows it. */
export interface DutyItem {
  id: string;
  staffId: string;
  staffName: string;
  date: string;
  hours: number;
  /** Days of 补休 earned. */
  days: number;
  /** 休息日 or the holiday's name (国庆节). */
  dayKind: string;
  /** The last day the earned days can be used. */
  expiresOn: string;
  note: string | null;
}

/** A person's 补休: earned, used, expired and left, with their duty. */
export interface CompensatoryBalance {
  staffId: string;
  name: string;
  category: StaffCategoryName;
  earned: number;
  used: number;
  expired: number;
  remaining: number;
  /** The earliest of the remaining days to expire, and when. */
  nextExpiry: { date: string; days: number } | null;
}

/** A person's annual leave of a year (年休假余额). */
export interface AnnualLeaveBalance {
  staffId: string;
  name: string;
  idNumber: string;
  category: StaffCategoryName;
  stationName: string | null;
  workYears: number;
  entitled: number;
  carried: number;
  taken: number;
  planned: number;
  remaining: number;
  /** In words: why entitled is 0 (or why it is what it is: 按月折算, 新入职折算 …). */
  reason: string;
  /** 应休尽休: has taken none, or less than half, by the check date of the year. */
  underused: boolean;
}

/** A suggestion of a leave to plan in one click (陪考轮休, 强制休息). */
export interface LeaveSuggestion {
  staffId: string;
  name: string;
  type: LeaveType;
  fromDate: string;
  toDate: string;
  /** Why: 子女张小明2026年高考（6月7日–9日）. */
  reason: string;
  source: string;
}

/** One day of the station calendar. */
export interface StationDay {
  date: string;
  /** 工作日, 休息日, the holiday's name, or 调休上班. */
  dayKind: string;
  /** false: the year has no calendar (the day's kind is unknown). */
  calendarKnown: boolean;
  away: { leaveId: string; staffId: string; name: string; type: LeaveType; status: LeaveStatus; half: HalfDay | null }[];
  /** People of the station's strength (民警 and 辅警 in service) not away that day. */
  onDuty: number;
  minimum: number;
  belowMinimum: boolean;
}

/** A month of the station calendar. */
export interface StationMonth {
  month: string;
  strength: number;
  minimum: number;
  days: StationDay[];
  /** The year whose calendar is missing, if any (the days show no kind). */
  missingCalendarYear: number | null;
}

/** What an import of leave from Excel did (or would do). */
export interface LeaveImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  warnings: { row: number; message: string }[];
  errors: { row: number; message: string }[];
  committed: boolean;
}

/** Dates of a leave as the clerk reads them: 2026-09-30 下午 至 2026-10-09. */
export function describeLeaveDates(leave: Pick<LeaveItem, 'fromDate' | 'fromHalf' | 'toDate' | 'toHalf'>): string {
  const from = `${leave.fromDate}${leave.fromHalf === '下午' ? ' 下午' : ''}`;
  const to = `${leave.toDate}${leave.toHalf === '上午' ? ' 上午' : ''}`;
  return leave.fromDate === leave.toDate && leave.fromHalf === leave.toHalf ? `${leave.fromDate} ${leave.fromHalf}` : `${from} 至 ${to}`;
}
