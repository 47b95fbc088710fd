import { retirementTagOn } from './person-derivations';
import type { StaffListItem } from './staff-record';

/** What the 工作台 shows first about the people: how many are in service, and who reaches retirement. */
export interface RosterSummary {
  active: number;
  police: number;
  auxiliary: number;
  civilian: number;
  /** 在职, reaching the retirement age within twelve months (the roster's 一年内退休 tag). */
  retiringWithinAYear: number;
  /** 在职 although the expected retirement date has come (the roster's 已到退休年龄 tag). */
  pastRetirementAge: number;
  hardship: number;
  disabled: number;
}

/** Counts the people in service on `today` by category, retirement tag and care flag. */
export function summarizeRoster(people: StaffListItem[], today: string): RosterSummary {
  const active = people.filter((p) => p.status === '在职');
  const tagged = (tag: string) => active.filter((p) => retirementTagOn(p.status, p.expectedRetirementDate, today) === tag).length;
  return {
    active: active.length,
    police: active.filter((p) => p.category === '民警').length,
    auxiliary: active.filter((p) => p.category === '辅警').length,
    civilian: active.filter((p) => p.category === '职工').length,
    retiringWithinAYear: tagged('一年内退休'),
    pastRetirementAge: tagged('已到退休年龄'),
    hardship: active.filter((p) => p.hardship).length,
    disabled: active.filter((p) => p.disabilityLevel !== null).length,
  };
}
