import { z } from 'zod';
import type { FestivalName } from './festival-dates';
import { leaveTypes, type LeaveType } from './leave-record';
import { staffCategories, staffStatuses, type StaffCategoryName, type StaffStatus } from './staff-record';
import { fundingSources, visitKinds, type FundingSource, type VisitKind } from './visit-record';

/**
 * The monthly report (月报, DOMAIN.md "The monthly report"): one typed model — numbers and lists,
 * never HTML — computed in the main process for a month and a scope (a station, or at a bureau the
 * whole city with a per-station breakdown). The preview, the print, the PDF and the Excel workbook
 * all read only this model.
 *
 * `figures` holds every count and amount, and only those: the city's figures are the sum of its
 * stations' figures, number for number (electron/reports/figure-sum.ts), and the fingerprint of an
 * issued report is taken over them. Lists (names, dates) sit beside them.
 */

/** A report month, `YYYY-MM`. */
export const reportMonthSchema = z
  .string({ message: '请选择月份，格式如 2026-10' })
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM，如 2026-10');

/** Which report: a month, and at a bureau a station's code (absent: the whole city; at a station: its own). */
export const monthlyReportArgsSchema = z.object({
  month: reportMonthSchema,
  station: z.string().trim().min(1).max(20).optional(),
});
export type MonthlyReportArgs = z.input<typeof monthlyReportArgsSchema>;

/** The scope a report covers. */
export interface ReportScope {
  kind: 'station' | 'city';
  code: string;
  name: string;
}

/** A count and an amount in fen (cash plus the value of goods). */
export interface CountAmount {
  count: number;
  amountFen: number;
}

/** Checked ÷ active of one category (the percentage is derived when shown: `coveragePercent`). */
export interface CoverageFigure {
  active: number;
  checked: number;
}

/** 1. 人员 — the numbers. */
export interface StaffFigures {
  /** People on the unit's ledger at month end, by category and status (在职, 退休 …). */
  byCategoryStatus: Record<StaffCategoryName, Record<StaffStatus, number>>;
  /** 在职 at month end. */
  active: number;
  activeByCategory: Record<StaffCategoryName, number>;
  /** Status changes in the month: 新进 (调入本所时间 in the month), 调出, 退休, 离职, 因公牺牲/病故. */
  movements: { joined: number; transferred: number; retired: number; left: number; died: number };
  /** 在职 at month end whose expected retirement date falls in the next 12 months. */
  retiringIn12Months: number;
}

/** 2. 健康 — counts and levels only (个人信息保护法 Art. 28: no names, no diagnoses). */
export interface HealthFigures {
  checkupsThisMonth: number;
  /** This year's coverage up to month end, of the people in service at month end. */
  coverage: Record<StaffCategoryName, CoverageFigure>;
  /** Checkups calling for a follow-up not done by month end. */
  abnormalAwaitingFollowUp: number;
  psych: {
    /** Screenings of the month with level 预警 / 危机. */
    warningScreenings: number;
    crisisScreenings: number;
    interventionsThisMonth: number;
    /** At month end: people whose latest screening is 预警 or 危机, and those without a session in time. */
    watchList: number;
    watchOverdue: number;
  };
  inHospitalAtMonthEnd: number;
  injuriesOnDutyThisMonth: number;
}

/** 4. 慰问 — the numbers. */
export interface VisitFigures {
  byKind: Record<VisitKind, { month: CountAmount; year: CountAmount }>;
  month: CountAmount;
  year: CountAmount;
  /** The unit's budget of the year by funding source, and what its visits spent. */
  budget: Record<FundingSource, { budgetFen: number; spentMonthFen: number; spentYearFen: number }>;
  /** Each festival of the month: people in service at the station by then, and those visited for it. */
  festivals: Partial<Record<FestivalName, { active: number; visited: number }>>;
  /** People in hospital (or injured on duty) during the month with no visit for it. */
  hospitalNotVisited: number;
  /** Staff who died (因公牺牲, 病故) this year by month end whose family had no 因公牺牲或病故慰问. */
  bereavedNotVisited: number;
  /**
   * People in service who took 丧假 (funeral leave: a direct relative died) this year by month end
   * with no 直系亲属去世慰问 from 30 days before the leave on. The ledger records no relative's
   * death as such: 丧假 is how it shows.
   */
  relativeDeathNotVisited: number;
}

/** 3. 休假 — the numbers (DOMAIN.md "Leave and rotation"); days in halves (2.5). */
export interface LeaveFigures {
  /**
   * Days of leave granted (批准 or 已休; a 计划 or 取消 does not count) by type, in the month and in
   * the year to its end, each as the type counts days (working or calendar days): a leave across
   * two months counts in each month the days that fall in it.
   */
  byType: Record<LeaveType, { monthDays: number; yearDays: number }>;
  monthDays: number;
  yearDays: number;
  /**
   * 年休假 of the people in service at month end who have leave to take this year (应休 = entitled
   * plus carried over): days due, taken (已休, begun by month end), planned (计划, 批准); how many
   * have taken none; how many are 应休尽休 cases (none or less than half, from the check day of 设置).
   */
  annual: { people: number; dueDays: number; takenDays: number; plannedDays: number; noneTaken: number; underused: number };
  /** Days of the month (up to today) with fewer 民警 and 辅警 on duty than the minimum (a city: station-days). */
  belowMinimumDays: number;
  /** 补休: days earned by duty in the month; the balance at month end of the people in service then. */
  compensatory: { earnedDays: number; balanceDays: number; peopleWithBalance: number };
}

/** 6. 下月提醒 — the numbers. */
export interface NextMonthFigures {
  birthdays: number;
  retirements: number;
  exams: number;
  /** 在职 with no checkup this year, once next month reaches the overdue month (设置). */
  overdueCheckups: number;
}

/** Every count and amount of one unit (or, summed, of the city). */
export interface ReportFigures {
  staff: StaffFigures;
  health: HealthFigures;
  leave: LeaveFigures;
  visits: VisitFigures;
  honours: { count: number };
  nextMonth: NextMonthFigures;
}

/** A person named in a list, with the station (a city report's lists span stations). */
export interface ReportPersonLine {
  name: string;
  category: StaffCategoryName;
  stationName: string;
}

/** 3. 休假 — what the numbers rest on, in words (the counted statuses, a year without calendar …). */
export interface LeaveSection {
  notes: string[];
}

/** One station's figures in a city report (and the one station of a station report). */
export interface StationBreakdown {
  code: string;
  name: string;
  figures: ReportFigures;
  /** At a bureau: the date-time of the last bundle received from it (null: never). */
  lastBundleAt: string | null;
}

/** One entry of 下月提醒. */
export interface NextMonthItem {
  date: string;
  /** 生日, 节日, 退休, 中考, 高考. */
  kind: string;
  name: string;
  detail: string;
  stationName: string;
}

/** An issued copy of a report (签发), and whether the numbers are the same today. */
export interface IssuedReport {
  id: string;
  month: string;
  scopeCode: string;
  issuedBy: string;
  issuedAt: string;
  fingerprint: string;
  /** True when the numbers computed now differ from those issued. */
  changed: boolean;
  /** The sections whose numbers differ (人员, 健康 …), empty when none. */
  changedSections: string[];
}

/** The monthly report of a month and scope. */
export interface MonthlyReport {
  month: string;
  /** The month's first and last day. */
  from: string;
  to: string;
  scope: ReportScope;
  /** The day it was computed (China time). */
  generatedOn: string;
  /** 制表人 and 审核人 from 设置 (制表人 falls back to the operator). */
  preparedBy: string;
  reviewedBy: string;
  figures: ReportFigures;
  lists: {
    movements: (ReportPersonLine & { kind: string; date: string })[];
    retiringIn12Months: (ReportPersonLine & { date: string })[];
    festivalMissing: (ReportPersonLine & { festival: FestivalName })[];
    hospitalNotVisited: (ReportPersonLine & { since: string })[];
    /** A death in service (status 因公牺牲/病故) or of a direct relative (status 直系亲属去世: the 丧假's first day). */
    bereavedNotVisited: (ReportPersonLine & { date: string; status: string })[];
    /** 应休尽休: in service at month end with annual leave to take this year and none taken by then. */
    annualLeaveNoneTaken: (ReportPersonLine & { dueDays: number; plannedDays: number })[];
    /** The days the station was below its minimum on duty. */
    belowMinimumDays: { date: string; stationName: string; onDuty: number; minimum: number }[];
    honours: (ReportPersonLine & { title: string; level: string | null; date: string; issuer: string | null })[];
    nextMonth: NextMonthItem[];
  };
  leave: LeaveSection;
  /** Per station (a city report: every station of the bureau; a station report: itself). */
  stations: StationBreakdown[];
  /** At a bureau: stations whose last bundle is older than the month's end — their numbers may be incomplete. */
  incompleteStations: { code: string; name: string; lastBundleAt: string | null }[];
  /** SHA-256 of the figures (this report's and each station's). */
  fingerprint: string;
  /** Earlier issued copies of this month and scope, newest first. */
  history: IssuedReport[];
}

/** A unit the report page can pick: at a bureau 全市 and every station; at a station itself. */
export interface ReportScopeOption {
  code: string | null;
  name: string;
}

/** Whole per cent, rounded down (as health coverage counts it); 0 when nobody is active. */
export function coveragePercent(figure: CoverageFigure): number {
  return figure.active === 0 ? 0 : Math.floor((figure.checked * 100) / figure.active);
}

/** The coverage of every category together. */
export function totalCoverage(coverage: Record<StaffCategoryName, CoverageFigure>): CoverageFigure {
  return staffCategories.reduce((sum, c) => ({ active: sum.active + coverage[c].active, checked: sum.checked + coverage[c].checked }), { active: 0, checked: 0 });
}

/** Empty figures: every count and amount zero, every key present (the sum starts here). */
export function emptyReportFigures(festivals: readonly FestivalName[] = []): ReportFigures {
  const perCategory = <T>(make: () => T) => Object.fromEntries(staffCategories.map((c) => [c, make()])) as Record<StaffCategoryName, T>;
  const countAmount = (): CountAmount => ({ count: 0, amountFen: 0 });
  return {
    staff: {
      byCategoryStatus: perCategory(() => Object.fromEntries(staffStatuses.map((s) => [s, 0])) as Record<StaffStatus, number>),
      active: 0,
      activeByCategory: perCategory(() => 0),
      movements: { joined: 0, transferred: 0, retired: 0, left: 0, died: 0 },
      retiringIn12Months: 0,
    },
    health: {
      checkupsThisMonth: 0,
      coverage: perCategory(() => ({ active: 0, checked: 0 })),
      abnormalAwaitingFollowUp: 0,
      psych: { warningScreenings: 0, crisisScreenings: 0, interventionsThisMonth: 0, watchList: 0, watchOverdue: 0 },
      inHospitalAtMonthEnd: 0,
      injuriesOnDutyThisMonth: 0,
    },
    leave: {
      byType: Object.fromEntries(leaveTypes.map((t) => [t, { monthDays: 0, yearDays: 0 }])) as LeaveFigures['byType'],
      monthDays: 0,
      yearDays: 0,
      annual: { people: 0, dueDays: 0, takenDays: 0, plannedDays: 0, noneTaken: 0, underused: 0 },
      belowMinimumDays: 0,
      compensatory: { earnedDays: 0, balanceDays: 0, peopleWithBalance: 0 },
    },
    visits: {
      byKind: Object.fromEntries(visitKinds.map((k) => [k, { month: countAmount(), year: countAmount() }])) as VisitFigures['byKind'],
      month: countAmount(),
      year: countAmount(),
      budget: Object.fromEntries(fundingSources.map((f) => [f, { budgetFen: 0, spentMonthFen: 0, spentYearFen: 0 }])) as VisitFigures['budget'],
      festivals: Object.fromEntries(festivals.map((f) => [f, { active: 0, visited: 0 }])),
      hospitalNotVisited: 0,
      bereavedNotVisited: 0,
      relativeDeathNotVisited: 0,
    },
    honours: { count: 0 },
    nextMonth: { birthdays: 0, retirements: 0, exams: 0, overdueCheckups: 0 },
  };
}

/** The sections of the report, by the keys of its figures, as headings name them. */
export const reportSectionTitles = {
  staff: '一、人员',
  health: '二、健康',
  leave: '三、休假',
  visits: '四、慰问',
  honours: '五、表彰',
  nextMonth: '六、下月提醒',
} as const;
