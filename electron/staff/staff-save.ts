import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import { defaultRetirementBase } from '../../shared/retirement-date';
import { categoryFieldProblems, fieldAppliesTo, type CategoryOnlyField } from '../../shared/staff-category-fields';
import type { FieldValue } from '../../db/synced-tables';
import type { LedgerStore } from '../../db/ledger-store';
import { writeRecord, type WriteActor } from '../../db/write-path';
import { checkIdNumber, checkStaffDates, duplicateProblem, type ParsedStaffInput, type StaffField, type StaffProblem } from './staff-input-check';
import { retirementBaseOf } from './staff-list-item';
import { anyStaffRow, liveStaffWithIdNumber, type StaffRow } from './staff-rows';

/**
 * Saving a person (新增或修改人员): the one place that turns a staff form into column values and
 * checks it — used by `staff.save`, the Excel import and the demo seed alike, so all three obey the
 * same rules and write through the one write path.
 */

/** Where a save looks people up: the database, or a snapshot loaded once for a whole sheet. */
export interface StaffLookup {
  byId(id: string): StaffRow | undefined;
  liveWithIdNumber(stationId: string | null, idNumber: string): StaffRow[];
}

/** Lookups straight from the store (one indexed query each). */
export function storeStaffLookup(store: LedgerStore): StaffLookup {
  return {
    byId: (id) => anyStaffRow(store, id),
    liveWithIdNumber: (stationId, idNumber) => liveStaffWithIdNumber(store, stationId, idNumber),
  };
}

/** What a save would write. */
export interface StaffSavePlan {
  id: string;
  /** The row before the save; undefined for a new person. */
  existing: StaffRow | undefined;
  /** Column values to write (unchanged ones are skipped by the write path). */
  values: Record<string, FieldValue>;
  /** The columns whose value would change (every filled column of a new person). */
  changedColumns: string[];
}

export interface PlanStaffOptions {
  lookup: StaffLookup;
  today: string;
  /** The station a new person belongs to (an edit keeps the person's own station). */
  localStationId: string;
  newId: () => string;
  /**
   * The fields the caller actually supplied (the Excel import: the sheet's filled cells). Fields
   * not listed keep their stored value. Without it, every field of the form counts as given, so a
   * cleared date or text clears the stored one.
   */
  given?: ReadonlySet<StaffField>;
}

const textColumns: ReadonlyArray<readonly [StaffField, string]> = [
  ['phone', 'phone'], ['badgeNo', 'badge_no'], ['position', 'position'], ['rank', 'rank'], ['notes', 'notes'],
  ['ethnicity', 'ethnicity'], ['education', 'education'], ['degree', 'degree'],
];
const numberColumns: ReadonlyArray<readonly [StaffField, string]> = [
  ['auxLevel', 'aux_level'], ['starRating', 'star_rating'], ['priorServiceMonths', 'prior_service_months'], ['disabilityLevel', 'disability_level'],
];
const dateColumns: ReadonlyArray<readonly [StaffField, string]> = [
  ['workStartDate', 'work_start_date'], ['joinedStationDate', 'joined_station_date'], ['hireDate', 'hire_date'], ['retirementDateOverride', 'retirement_date_override'],
  ['partyJoinDate', 'party_join_date'],
];
const flagColumns: ReadonlyArray<readonly [StaffField, string]> = [
  ['partyMember', 'party_member'], ['unionMember', 'union_member'], ['hardship', 'hardship'], ['heroModel', 'hero_model'],
  ['lunarBirthday', 'lunar_birthday'],
];

/** The columns only some categories have (see `shared/staff-category-fields.ts`). */
const categoryColumns: ReadonlyArray<readonly [CategoryOnlyField, 'aux_level' | 'star_rating' | 'rank']> = [
  ['auxLevel', 'aux_level'], ['starRating', 'star_rating'], ['rank', 'rank'],
];

/** The staff column written for each form field (for labels of the import's changed fields). */
export const staffColumnOfField: Readonly<Partial<Record<StaffField, string>>> = Object.fromEntries([
  ['category', 'category'], ['name', 'name'], ['idNumber', 'id_number'], ['retirementBase', 'retirement_base'],
  ...textColumns, ...numberColumns, ...dateColumns, ...flagColumns,
]);

/**
 * Checks a staff form and works out what saving it would write, without writing. Refuses an
 * invalid ID number (GB 11643), a second live person with the same ID number in the station, and a
 * field the person's category does not have (层级/星级 for anyone but a 辅警, 职级 for a 辅警);
 * derives birth date and gender from the ID number; defaults the retirement base from gender and
 * category (kept when the clerk chose another); a new person starts 在职 from the date they joined
 * the station (else from 参加工作时间, else today). An 入党时间 needs the 党员 flag (set from it
 * when the sheet does not say).
 *
 * @throws AppError NOT_FOUND when `input.id` names no live person.
 */
export function planStaffSave(input: ParsedStaffInput, options: PlanStaffOptions): { ok: true; plan: StaffSavePlan } | { ok: false; problems: StaffProblem[] } {
  const { lookup, today, given } = options;
  const existing = input.id ? lookup.byId(input.id) : undefined;
  if (input.id && (!existing || existing.deleted_at !== null)) {
    throw new AppError(commonErrorCodes.notFound, '要修改的人员不存在或已被删除，请刷新名单后重试。');
  }
  const id = existing?.id ?? options.newId();
  const idCheck = checkIdNumber(input.idNumber, today);
  if (!idCheck.ok) return { ok: false, problems: [idCheck.problem] };
  const identity = idCheck.info;
  const stationId = existing ? existing.station_id : options.localStationId;

  const problems: StaffProblem[] = [];
  const duplicate = lookup.liveWithIdNumber(stationId, identity.idNumber).find((row) => row.id !== id);
  if (duplicate) problems.push(duplicateProblem(identity.idNumber, duplicate));
  problems.push(...checkStaffDates(input, identity.birthDate, today));
  if (input.partyJoinDate && input.partyMember === false && (!given || given.has('partyMember'))) {
    problems.push({ code: 'STAFF_INVALID_DATE', field: 'partyJoinDate', message: `填写了入党时间 ${input.partyJoinDate}，但未标记为中共党员：请勾选党员，或清除入党时间` });
  }
  for (const problem of categoryFieldProblems(input)) problems.push({ code: 'STAFF_FIELD_NOT_FOR_CATEGORY', ...problem });
  if (problems.length > 0) return { ok: false, problems };

  const isGiven = (field: StaffField) => (given ? given.has(field) : input[field] !== undefined);
  const gender = identity.gender === 'male' ? '男' : '女';
  const values: Record<string, FieldValue> = {
    category: input.category,
    name: input.name,
    id_number: identity.idNumber,
    birth_date: identity.birthDate,
    gender,
  };
  for (const [field, col] of textColumns) {
    if (isGiven(field)) values[col] = (input[field] as string | null | undefined) || null;
  }
  for (const [field, col] of [...numberColumns, ...dateColumns]) {
    if (isGiven(field)) values[col] = (input[field] as number | string | null | undefined) ?? null;
  }
  if (!existing && values.prior_service_months == null) values.prior_service_months = 0;
  for (const [field, col] of flagColumns) {
    const flag = input[field] as boolean | undefined;
    if (isGiven(field) && flag !== undefined) values[col] = flag ? 1 : 0;
    else if (!existing) values[col] = 0;
  }
  // An 入党时间 makes a party member (an Excel sheet with that column but no 政治面貌 one).
  if (isGiven('partyJoinDate') && input.partyJoinDate && !isGiven('partyMember')) values.party_member = 1;
  // A category change clears what the new category does not have (a 辅警's 层级 and 星级, a 民警's 职级).
  for (const [field, col] of categoryColumns) {
    if (existing && !fieldAppliesTo(field, input.category) && existing[col] !== null) values[col] = null;
  }
  values.retirement_base = input.retirementBase ?? keptRetirementBase(existing, gender, input.category);
  if (!existing) {
    values.station_id = stationId;
    values.status = '在职';
    // 在职 since joining the station, else since starting work: a status change recorded later for
    // someone entered after they retired or left may then carry its real (earlier) date.
    values.status_date = input.joinedStationDate ?? input.workStartDate ?? today;
  }
  const changedColumns = Object.keys(values).filter((col) => (existing ? existing[col as keyof StaffRow] !== values[col] : values[col] !== null));
  return { ok: true, plan: { id, existing, values, changedColumns } };
}

/**
 * The retirement base to keep when the form does not give one: the stored base when the clerk had
 * chosen a non-default one; otherwise the default for the (possibly corrected) gender and category.
 */
function keptRetirementBase(existing: StaffRow | undefined, gender: '男' | '女', category: ParsedStaffInput['category']): string {
  const fresh = defaultRetirementBase(gender === '男' ? 'male' : 'female', category);
  if (!existing?.retirement_base) return fresh;
  return existing.retirement_base === retirementBaseOf({ ...existing, retirement_base: null }) ? fresh : existing.retirement_base;
}

/**
 * Writes a planned save in one transaction through the write path; a new person also gets their
 * first status-history row (在职). Returns the staff columns actually written.
 */
export function applyStaffPlan(store: LedgerStore, actor: WriteActor, plan: StaffSavePlan, reasonForNew: string): string[] {
  return store.transaction(() => {
    const written = writeRecord(store, actor, 'staff', plan.id, plan.values);
    if (!plan.existing) {
      writeRecord(store, actor, 'staff_status_change', store.newId(), {
        station_id: plan.values.station_id,
        staff_id: plan.id,
        status: '在职',
        date: plan.values.status_date,
        reason: reasonForNew,
      });
    }
    return written;
  });
}

/** Turns the problems of a refused save into the error the form shows next to each field. */
export function staffProblemsError(problems: StaffProblem[]): AppError {
  const fields: Record<string, string> = {};
  for (const problem of problems) fields[problem.field] ??= problem.message;
  const first = problems[0];
  const message = problems.length === 1 ? first.message : `填写的内容有误：${problems.map((p) => p.message).join('；')}`;
  const code = first.code === 'STAFF_INVALID_DATE' || first.code === 'STAFF_FIELD_NOT_FOR_CATEGORY' ? commonErrorCodes.invalidArgument : first.code;
  const existingId = problems.find((p) => p.existingId)?.existingId;
  return new AppError(code, message, existingId ? { fields, existingId } : { fields });
}
