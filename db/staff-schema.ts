import type { SyncedRow } from './schema';

/**
 * Kysely interfaces of the roster's synced tables. Every column is nullable: a row may arrive field
 * by field in a sync bundle. Booleans are 0/1 integers; dates are `YYYY-MM-DD` text.
 */

/** A person on the roster (民警, 辅警 or 职工). Birth date and gender come from the ID number. */
export interface StaffTable extends SyncedRow {
  /** 民警 / 辅警 / 职工. */
  category: string | null;
  name: string | null;
  /** 18-character 公民身份号码 (GB 11643), normalised (upper-case X). */
  id_number: string | null;
  birth_date: string | null;
  /** 男 / 女, derived from the ID number's sequence code. */
  gender: string | null;
  phone: string | null;
  /** 警号 or 辅警编号. */
  badge_no: string | null;
  position: string | null;
  rank: string | null;
  aux_level: number | null;
  star_rating: number | null;
  /** 参加工作时间. */
  work_start_date: string | null;
  prior_service_months: number | null;
  joined_station_date: string | null;
  party_member: number | null;
  union_member: number | null;
  hardship: number | null;
  hero_model: number | null;
  disability_level: number | null;
  /** male60 / female55 / female50. */
  retirement_base: string | null;
  retirement_date_override: string | null;
  /** 在职 / 调出 / 退休 / 离职 / 因公牺牲 / 病故. */
  status: string | null;
  status_date: string | null;
  notes: string | null;
}

/** One change of a person's status, kept for the history. */
export interface StaffStatusChangeTable extends SyncedRow {
  staff_id: string | null;
  status: string | null;
  date: string | null;
  reason: string | null;
}

/** A family member of a person (配偶, 父亲, 母亲, 配偶父亲, 配偶母亲, 子女). */
export interface FamilyMemberTable extends SyncedRow {
  staff_id: string | null;
  relation: string | null;
  name: string | null;
  birth_date: string | null;
  phone: string | null;
  work_or_school: string | null;
  grade: string | null;
  zhongkao_year: number | null;
  gaokao_year: number | null;
  notes: string | null;
}

/** An honour (表彰) a person received. */
export interface HonourTable extends SyncedRow {
  staff_id: string | null;
  title: string | null;
  level: string | null;
  date: string | null;
  issuer: string | null;
  note: string | null;
}

/** The roster's tables, merged into the `Database` interface. */
export interface StaffTables {
  staff: StaffTable;
  staff_status_change: StaffStatusChangeTable;
  family_member: FamilyMemberTable;
  honour: HonourTable;
}
