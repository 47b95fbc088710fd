import type { z } from 'zod';
import { checkupProblems, joinAbnormalItems, medicalEventProblems, notBeforeEmployment, notInFuture, type HealthDateContext } from '../../shared/health-rules';
import {
  checkupInputSchema,
  interventionInputSchema,
  medicalEventInputSchema,
  screeningInputSchema,
  type CheckupItem,
  type InterventionItem,
  type MedicalEventItem,
  type ScreeningItem,
} from '../../shared/health-record';
import type { PersonRecordContext, PersonRecordKind } from '../staff/person-records';
import { toCheckupItem, toInterventionItem, toMedicalEventItem, toScreeningItem } from './health-rows';

/**
 * The health records as kinds of person record (体检, 心理普测, 心理干预, 就医): saved and deleted
 * like 家属 and 表彰 — only for a live person this installation may change, through the one write
 * path — with the date rules of `shared/health-rules.ts`.
 */

export type ParsedCheckupInput = z.output<typeof checkupInputSchema>;
export type ParsedScreeningInput = z.output<typeof screeningInputSchema>;
export type ParsedInterventionInput = z.output<typeof interventionInputSchema>;
export type ParsedMedicalEventInput = z.output<typeof medicalEventInputSchema>;

function dateContext(context: { today: string; person?: { name: string | null; work_start_date: string | null } }): HealthDateContext {
  return { today: context.today, personName: context.person?.name ?? '此人', workStartDate: context.person?.work_start_date ?? null };
}

/**
 * Whether the person has another live checkup on this date (the row being edited aside; an edit
 * that keeps its date was confirmed when it was saved).
 */
function sameDateCheckupExists(context: PersonRecordContext<'health_checkup'>, staffId: string, date: string): boolean {
  if (!context.store || context.existing?.date === date) return false;
  const row = context.store.sqlite
    .prepare('SELECT 1 FROM health_checkup WHERE staff_id = ? AND date = ? AND deleted_at IS NULL AND id <> ? LIMIT 1')
    .get(staffId, date, context.existing?.id ?? '');
  return row !== undefined;
}

/** 年度体检: the checkup's values as stored (abnormal items joined by 、). */
export function checkupValues(input: Omit<ParsedCheckupInput, 'id' | 'staffId' | 'confirmDuplicate'>) {
  return {
    date: input.date,
    institution: input.institution || null,
    conclusion: input.conclusion,
    abnormal_items: joinAbnormalItems(input.abnormalItems),
    follow_up_due: input.followUpDue,
    follow_up_done_date: input.followUpDoneDate,
    follow_up_result: input.followUpResult || null,
    note: input.note || null,
  };
}

export const checkupRecords: PersonRecordKind<'health_checkup', ParsedCheckupInput, CheckupItem> = {
  table: 'health_checkup',
  notFoundMessage: '找不到这条体检记录（可能已被删除），请刷新后重试。',
  check: (input, context) => checkupProblems(input, { ...dateContext(context), sameDateExists: sameDateCheckupExists(context, input.staffId, input.date) }),
  values: (input) => checkupValues(input),
  toItem: toCheckupItem,
};

export const screeningRecords: PersonRecordKind<'psych_screening', ParsedScreeningInput, ScreeningItem> = {
  table: 'psych_screening',
  notFoundMessage: '找不到这条心理普测记录（可能已被删除），请刷新后重试。',
  check: (input, context) => [...notInFuture('date', '普测日期', input.date, context.today), ...notBeforeEmployment('date', '普测日期', input.date, dateContext(context))],
  values: (input) => ({ date: input.date, instrument: input.instrument, score: input.score ?? null, level: input.level, note: input.note || null }),
  toItem: toScreeningItem,
};

export const interventionRecords: PersonRecordKind<'psych_intervention', ParsedInterventionInput, InterventionItem> = {
  table: 'psych_intervention',
  notFoundMessage: '找不到这条心理干预记录（可能已被删除），请刷新后重试。',
  check: (input, context) => [
    ...notInFuture('date', '干预日期', input.date, context.today),
    ...(input.nextDate && input.nextDate < input.date ? [{ field: 'nextDate', message: `下次干预日期 ${input.nextDate} 早于本次干预日期 ${input.date}，请核对` }] : []),
  ],
  values: (input) => ({ date: input.date, counsellor: input.counsellor || null, form: input.form, summary: input.summary || null, next_date: input.nextDate }),
  toItem: toInterventionItem,
};

export const medicalEventRecords: PersonRecordKind<'medical_event', ParsedMedicalEventInput, MedicalEventItem> = {
  table: 'medical_event',
  notFoundMessage: '找不到这条就医记录（可能已被删除），请刷新后重试。',
  check: (input, context) => medicalEventProblems(input, dateContext(context)),
  values: (input) => ({
    kind: input.kind,
    hospital: input.hospital || null,
    green_channel: input.greenChannel ? 1 : 0,
    start_date: input.startDate,
    end_date: input.endDate,
    diagnosis: input.diagnosis || null,
    reimbursement: input.reimbursement,
    reimbursed_fen: input.reimbursedFen ?? null,
    forced_rest: input.forcedRest ? 1 : 0,
    note: input.note || null,
  }),
  toItem: toMedicalEventItem,
};
