import type { z } from 'zod';
import { addMonths, compareIsoDates } from '../../shared/china-date';
import { parseIdNumber, type IdNumberInfo } from '../../shared/id-number';
import type { staffInputSchema, StaffInput } from '../../shared/staff-record';
import type { StaffRow } from './staff-rows';

/** The staff form after schema validation (trimmed, dates normalised to `YYYY-MM-DD` or null). */
export type ParsedStaffInput = z.output<typeof staffInputSchema>;

/** A field of the staff form, by its camelCase name in the input schema. */
export type StaffField = keyof StaffInput;

/** One reason a staff record cannot be saved, tied to the form field it concerns. */
export interface StaffProblem {
  /** Stable English code: STAFF_INVALID_ID_NUMBER, STAFF_DUPLICATE_ID_NUMBER, STAFF_INVALID_DATE, STAFF_FIELD_NOT_FOR_CATEGORY. */
  code: string;
  field: StaffField;
  message: string;
  /** For a duplicate: the person already registered with this ID number. */
  existingId?: string;
}

/** Checks the ID number (GB 11643-1999, see `shared/id-number.ts`) and derives birth date and gender. */
export function checkIdNumber(raw: string, today: string): { ok: true; info: IdNumberInfo } | { ok: false; problem: StaffProblem } {
  const result = parseIdNumber(raw, today);
  if (result.ok) return { ok: true, info: result.value };
  return { ok: false, problem: { code: 'STAFF_INVALID_ID_NUMBER', field: 'idNumber', message: result.message } };
}

/** How the clerk recognises an existing person: 「张三」（民警，警号 012345）. */
export function describeExistingPerson(row: Pick<StaffRow, 'name' | 'category' | 'badge_no'>): string {
  const badgeLabel = row.category === '民警' ? '警号' : row.category === '辅警' ? '辅警编号' : '编号';
  const parts = [row.category ?? '类别未填', ...(row.badge_no ? [`${badgeLabel}${row.badge_no}`] : [])];
  return `「${row.name ?? '（未填姓名）'}」（${parts.join('，')}）`;
}

/**
 * A second live person with the same ID number in the same station is refused, naming the person
 * already registered: the ledger reports a duplicate, it never merges two records silently.
 */
export function duplicateProblem(idNumber: string, existing: StaffRow): StaffProblem {
  return {
    code: 'STAFF_DUPLICATE_ID_NUMBER',
    field: 'idNumber',
    message: `身份证号 ${idNumber} 已登记为${describeExistingPerson(existing)}，同一人请在原档案中修改`,
    existingId: existing.id,
  };
}

/** Minimum working age: 《劳动法》第十五条 forbids employing anyone under 16. */
const MIN_WORKING_AGE_MONTHS = 16 * 12;

/** 《中国共产党章程》第一条: a party member joins at eighteen or older. */
const MIN_PARTY_AGE_MONTHS = 18 * 12;

/**
 * Checks the dates of a staff form against the birth date from the ID number and today:
 * 参加工作时间 not before the 16th birthday (《劳动法》第十五条) and not in the future; 调入本所时间
 * not in the future; a retirement-date override after the birth date; 入党时间 not before the 18th
 * birthday (《中国共产党章程》第一条) and not in the future.
 */
export function checkStaffDates(
  input: Pick<ParsedStaffInput, 'workStartDate' | 'joinedStationDate' | 'retirementDateOverride'> & Partial<Pick<ParsedStaffInput, 'partyJoinDate' | 'hireDate'>>,
  birthDate: string,
  today: string,
): StaffProblem[] {
  const problems: StaffProblem[] = [];
  const add = (field: StaffField, message: string) => problems.push({ code: 'STAFF_INVALID_DATE', field, message });
  const { workStartDate, joinedStationDate, retirementDateOverride, partyJoinDate, hireDate } = input;
  if (partyJoinDate) {
    const eighteen = addMonths(birthDate, MIN_PARTY_AGE_MONTHS);
    if (compareIsoDates(partyJoinDate, today) > 0) add('partyJoinDate', `入党时间 ${partyJoinDate} 晚于今天，请核对`);
    else if (compareIsoDates(partyJoinDate, eighteen) < 0) {
      add('partyJoinDate', `入党时间 ${partyJoinDate} 早于本人年满18周岁（${eighteen}），党章规定年满十八岁方可入党，请核对`);
    }
  }
  if (workStartDate) {
    const sixteen = addMonths(birthDate, MIN_WORKING_AGE_MONTHS);
    if (compareIsoDates(workStartDate, today) > 0) add('workStartDate', `参加工作时间 ${workStartDate} 晚于今天，请核对`);
    else if (compareIsoDates(workStartDate, sixteen) < 0) {
      add('workStartDate', `参加工作时间 ${workStartDate} 早于本人年满16周岁（${sixteen}），请核对参加工作时间或身份证号`);
    }
  }
  if (joinedStationDate && compareIsoDates(joinedStationDate, today) > 0) {
    add('joinedStationDate', `调入本所时间 ${joinedStationDate} 晚于今天，请核对`);
  }
  if (hireDate && compareIsoDates(hireDate, today) > 0) add('hireDate', `入职时间 ${hireDate} 晚于今天，请核对`);
  else if (hireDate && workStartDate && compareIsoDates(hireDate, workStartDate) < 0) {
    add('hireDate', `入职时间 ${hireDate} 早于参加工作时间 ${workStartDate}：入职时间是现单位（辅警为公安局）录用的日期，不会早于第一次参加工作，请核对`);
  }
  if (retirementDateOverride && compareIsoDates(retirementDateOverride, birthDate) <= 0) {
    add('retirementDateOverride', `退休日期 ${retirementDateOverride} 早于出生日期，请核对`);
  }
  return problems;
}
