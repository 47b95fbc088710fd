import { z } from 'zod';
import type { ReportScope } from './monthly-report';
import { reportMonthSchema } from './monthly-report';
import type { StaffStatistics } from './staff-statistics';
import type { StaffCategoryName, StaffStatus } from './staff-record';

/**
 * The station-wide lists a clerk is asked for besides the monthly report (issue 13 "Other printed
 * lists"): the summary tables (人员统计), the children sitting 中考/高考 in a year, the retirements
 * of the next twelve months, the birthdays of a month — one typed model each, printed through the
 * same print path as the report (A4, 「第 N 页 共 M 页」) and exported to Excel.
 */

export const stationListKinds = ['人员统计', '中考高考子女', '一年内退休', '本月生日'] as const;
export type StationListKind = (typeof stationListKinds)[number];

/** Which list: the kind, at a bureau a station's code (absent: the whole city), the exam year or the month. */
export const stationListArgsSchema = z.object({
  kind: z.enum(stationListKinds, { message: `请选择名单：${stationListKinds.join('、')}` }),
  station: z.string().trim().min(1).max(20).optional(),
  /** 中考高考子女: the exam year (default: next year). */
  year: z.number({ message: '年份应为数字，如 2027' }).int().min(2000, '年份应为 2000–2100').max(2100, '年份应为 2000–2100').optional(),
  /** 本月生日: the month (default: this month). */
  month: reportMonthSchema.optional(),
});
export type StationListArgs = z.input<typeof stationListArgsSchema>;

/** A person of a list, with their unit (a city's lists span stations). */
interface ListPerson {
  name: string;
  category: StaffCategoryName;
  stationName: string;
}

/** A child sitting 中考 or 高考, and the parent on the staff. */
export interface ExamChildLine extends ListPerson {
  exam: '中考' | '高考';
  childName: string;
  childBirthDate: string | null;
  /** 学校 and 年级 as recorded. */
  school: string;
  phone: string | null;
  /** Where the year comes from: 登记 (recorded), 年级 or 出生日期 (derived). */
  yearFrom: '登记' | '年级' | '出生日期';
}

/** A person reaching retirement (or past it, still 在职). */
export interface RetirementLine extends ListPerson {
  gender: '男' | '女';
  birthDate: string;
  age: number;
  position: string | null;
  expectedRetirementDate: string;
  /** 已到退休年龄 or 一年内退休. */
  tag: string;
  /** The clerk's date rather than the rules' (退休日期已手工调整). */
  overridden: boolean;
}

/** A birthday in the month. */
export interface BirthdayLine extends ListPerson {
  date: string;
  age: number;
  lunar: boolean;
  status: StaffStatus;
}

interface ListCommon {
  scope: ReportScope;
  /** The day it was made (China time). */
  asOf: string;
  title: string;
  subtitle: string;
}

export type StationList =
  | (ListCommon & { kind: '人员统计'; statistics: StaffStatistics })
  | (ListCommon & { kind: '中考高考子女'; year: number; rows: ExamChildLine[] })
  | (ListCommon & { kind: '一年内退休'; rows: RetirementLine[] })
  | (ListCommon & { kind: '本月生日'; month: string; rows: BirthdayLine[] });
