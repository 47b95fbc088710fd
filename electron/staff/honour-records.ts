import type { z } from 'zod';
import { compareIsoDates } from '../../shared/china-date';
import type { honourInputSchema, HonourItem } from '../../shared/staff-record';
import type { PersonRecordKind } from './person-records';
import type { HonourRow } from './staff-rows';

/** The honour form after validation. */
export type ParsedHonourInput = z.output<typeof honourInputSchema>;

/** An honour as the drawer and the monthly report show it. */
export function toHonourItem(row: HonourRow): HonourItem {
  return {
    id: row.id,
    staffId: row.staff_id ?? '',
    title: row.title ?? '',
    level: row.level,
    date: row.date ?? '',
    issuer: row.issuer,
    note: row.note,
  };
}

/** 表彰: a person record of `honour`; a date after today is refused. */
export const honourRecords: PersonRecordKind<'honour', ParsedHonourInput, HonourItem> = {
  table: 'honour',
  notFoundMessage: '找不到这条表彰记录（可能已被删除），请刷新后重试。',
  check: (input, { today }) => (compareIsoDates(input.date, today) > 0 ? [{ field: 'date', message: `表彰日期 ${input.date} 晚于今天，请核对` }] : []),
  values: (input) => ({
    title: input.title,
    level: input.level || null,
    date: input.date,
    issuer: input.issuer || null,
    note: input.note || null,
  }),
  toItem: toHonourItem,
};

