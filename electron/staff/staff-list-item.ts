import { isValidIsoDate } from '../../shared/china-date';
import { ageOn, workYearsOn } from '../../shared/person-derivations';
import { computeRetirement, defaultRetirementBase, type RetirementBase } from '../../shared/retirement-date';
import {
  retirementBases,
  staffCategories,
  staffStatuses,
  type StaffCategoryName,
  type StaffListItem,
  type StaffStatus,
} from '../../shared/staff-record';
import { namePinyinOf } from './name-pinyin';
import { notOursMessage, type StaffRowWithStation } from './staff-rows';

/** What a list item's derived fields depend on besides the row. */
export interface ListContext {
  /** Today in China, `YYYY-MM-DD`. */
  today: string;
  /** This installation's own station id. */
  localStationId: string;
  /** A bureau sees every station's real statuses; a station sees others' people as 调出. */
  localIsBureau: boolean;
  /** At a station: the date each person now kept by another station left (see `departureDates`). */
  departures?: ReadonlyMap<string, string | null>;
}

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return values.includes(value as T) ? (value as T) : fallback;
}

/** The retirement base stored on the row, or the default for the person's gender and category. */
export function retirementBaseOf(row: Pick<StaffRowWithStation, 'retirement_base' | 'gender' | 'category'>): RetirementBase {
  if (retirementBases.includes(row.retirement_base as RetirementBase)) return row.retirement_base as RetirementBase;
  return defaultRetirementBase(row.gender === '女' ? 'female' : 'male', oneOf(staffCategories, row.category, '民警'));
}

/**
 * The expected retirement date: the clerk's override when set, else the date computed by the 2025
 * gradual-retirement rules (《国务院关于渐进式延迟法定退休年龄的办法》) from birth date and base.
 */
export function expectedRetirementDateOf(birthDate: string, base: RetirementBase, override: string | null): string {
  if (override) return override;
  return isValidIsoDate(birthDate) ? computeRetirement(birthDate, base).retirementDate : '';
}

/**
 * One staff row as the roster shows it: flags as booleans, derived age (周岁), years of work
 * (工龄, cumulative incl. recognised prior service), expected retirement date and the name's pinyin.
 * For a person who has left (退休, 调出, 离职, 病故 …) age and 工龄 are counted to the status date
 * and there is no expected retirement date.
 * A person owned by another station (moved there by the bureau) shows 调出 from the transfer date
 * and is read-only, except at a bureau.
 * Tolerates a row that arrived incomplete through sync (missing fields read as empty).
 */
export function toStaffListItem(row: StaffRowWithStation, context: ListContext): StaffListItem {
  const name = row.name ?? '';
  const pinyin = namePinyinOf(name);
  const birthDate = row.birth_date ?? '';
  const validBirth = isValidIsoDate(birthDate) && birthDate <= context.today;
  const workStart = row.work_start_date && isValidIsoDate(row.work_start_date) ? row.work_start_date : null;
  const priorServiceMonths = row.prior_service_months ?? 0;
  const base = retirementBaseOf(row);
  const ownStatus = oneOf<StaffStatus>(staffStatuses, row.status, '在职');
  const movedAway = !context.localIsBureau && row.station_id !== context.localStationId;
  const status = movedAway ? '调出' : ownStatus;
  // 调出 dates from the transfer, not from the status the person had here before.
  const statusDate = movedAway ? (context.departures?.get(row.id) ?? null) : row.status_date;
  // Someone who has left is counted to the day they left: age, 工龄, and no 预计退休.
  const left = status !== '在职';
  const asOf = left && statusDate && isValidIsoDate(statusDate) && statusDate <= context.today ? statusDate : context.today;
  return {
    id: row.id,
    stationId: row.station_id,
    stationCode: row.station_code,
    stationName: row.station_name,
    category: oneOf<StaffCategoryName>(staffCategories, row.category, '民警'),
    name,
    namePinyin: pinyin.full,
    nameInitials: pinyin.initials,
    idNumber: row.id_number ?? '',
    birthDate,
    gender: row.gender === '女' ? '女' : '男',
    age: validBirth ? ageOn(birthDate, asOf) : 0,
    phone: row.phone,
    badgeNo: row.badge_no,
    position: row.position,
    rank: row.rank,
    auxLevel: row.aux_level,
    starRating: row.star_rating,
    workStartDate: row.work_start_date,
    priorServiceMonths,
    workYears: workYearsOn(workStart, Math.max(0, Math.trunc(priorServiceMonths)), asOf),
    joinedStationDate: row.joined_station_date,
    hireDate: row.hire_date,
    ethnicity: row.ethnicity,
    education: row.education,
    degree: row.degree,
    partyJoinDate: row.party_join_date,
    partyMember: row.party_member === 1,
    unionMember: row.union_member === 1,
    hardship: row.hardship === 1,
    heroModel: row.hero_model === 1,
    lunarBirthday: row.lunar_birthday === 1,
    disabilityLevel: row.disability_level,
    retirementBase: base,
    retirementDateOverride: row.retirement_date_override,
    expectedRetirementDate: left ? '' : expectedRetirementDateOf(birthDate, base, row.retirement_date_override),
    status,
    statusDate,
    notes: row.notes,
    readOnlyNote: movedAway && row.station_id !== null ? notOursMessage(row.name) : null,
  };
}
