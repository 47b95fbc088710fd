import type { Selectable } from 'kysely';
import { abnormalItemsOf } from '../../shared/health-rules';
import type { CheckupConclusion, CheckupItem, InterventionItem, MedicalEventItem, PsychLevel, ScreeningItem } from '../../shared/health-record';
import type { LedgerStore } from '../../db/ledger-store';
import type { Database } from '../../db/schema';

/**
 * The health tables' rows as SQLite holds them, and as the drawer, the lists and the exports show
 * them. Every read of them is here or in health-queries.ts, behind the `health.*` calls.
 */

export type CheckupRow = Selectable<Database['health_checkup']>;
export type ScreeningRow = Selectable<Database['psych_screening']>;
export type InterventionRow = Selectable<Database['psych_intervention']>;
export type MedicalEventRow = Selectable<Database['medical_event']>;

type HealthPersonTable = 'health_checkup' | 'psych_screening' | 'psych_intervention' | 'medical_event';

export function toCheckupItem(row: CheckupRow): CheckupItem {
  return {
    id: row.id,
    staffId: row.staff_id ?? '',
    date: row.date ?? '',
    institution: row.institution,
    conclusion: (row.conclusion ?? '正常') as CheckupConclusion,
    abnormalItems: abnormalItemsOf(row.abnormal_items),
    followUpDue: row.follow_up_due,
    followUpDoneDate: row.follow_up_done_date,
    followUpResult: row.follow_up_result,
    note: row.note,
  };
}

export function toScreeningItem(row: ScreeningRow): ScreeningItem {
  return {
    id: row.id,
    staffId: row.staff_id ?? '',
    date: row.date ?? '',
    instrument: (row.instrument ?? '其他') as ScreeningItem['instrument'],
    score: row.score,
    level: (row.level ?? '正常') as PsychLevel,
    note: row.note,
  };
}

export function toInterventionItem(row: InterventionRow): InterventionItem {
  return {
    id: row.id,
    staffId: row.staff_id ?? '',
    date: row.date ?? '',
    counsellor: row.counsellor,
    form: (row.form ?? '面谈') as InterventionItem['form'],
    summary: row.summary,
    nextDate: row.next_date,
  };
}

export function toMedicalEventItem(row: MedicalEventRow): MedicalEventItem {
  return {
    id: row.id,
    staffId: row.staff_id ?? '',
    kind: (row.kind ?? '门诊') as MedicalEventItem['kind'],
    hospital: row.hospital,
    greenChannel: row.green_channel === 1,
    startDate: row.start_date ?? '',
    endDate: row.end_date,
    diagnosis: row.diagnosis,
    reimbursement: (row.reimbursement ?? '未报销') as MedicalEventItem['reimbursement'],
    reimbursedFen: row.reimbursed_fen,
    forcedRest: row.forced_rest === 1,
    note: row.note,
  };
}

/** Every live row of a health table (one query; the station's lists and rules read them all). */
export function liveHealthRows<T extends HealthPersonTable>(store: LedgerStore, table: T): Selectable<Database[T]>[] {
  return store.sqlite.prepare(`SELECT * FROM "${table}" WHERE deleted_at IS NULL AND staff_id IS NOT NULL`).all() as Selectable<Database[T]>[];
}

/** A person's live rows of a health table (the index on `staff_id`). */
export function personHealthRows<T extends HealthPersonTable>(store: LedgerStore, table: T, staffId: string): Selectable<Database[T]>[] {
  return store.sqlite.prepare(`SELECT * FROM "${table}" WHERE staff_id = ? AND deleted_at IS NULL`).all(staffId) as Selectable<Database[T]>[];
}
