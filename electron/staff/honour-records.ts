import type { z } from 'zod';
import { compareIsoDates } from '../../shared/china-date';
import { honourInputSchema, type HonourItem } from '../../shared/staff-record';
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
    documentNo: row.document_no,
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
    document_no: input.documentNo || null,
    note: input.note || null,
  }),
  toItem: toHonourItem,
  sheet: {
    sheetNames: ['表彰', '表彰奖励', '荣誉', '表彰记录', '奖励'],
    columns: [
      { field: 'title', column: 'title', header: '表彰名称', aliases: ['荣誉名称', '奖励名称', '表彰', '荣誉', '奖项', '表彰奖励', '奖励', '荣誉称号'], kind: 'text', required: true, width: 16 },
      { field: 'level', column: 'level', header: '级别', aliases: ['表彰级别', '奖励级别', '荣誉级别'], kind: 'text', required: false, width: 8 },
      { field: 'date', column: 'date', header: '日期', aliases: ['表彰日期', '获得时间', '授予时间', '表彰时间', '获奖时间', '获奖日期', '授予日期', '批准时间'], kind: 'date', required: true, width: 12 },
      { field: 'issuer', column: 'issuer', header: '颁发单位', aliases: ['授予单位', '授予机关', '发文单位', '批准单位', '批准机关', '表彰单位'], kind: 'text', required: false, width: 16 },
      { field: 'documentNo', column: 'document_no', header: '文号', aliases: ['发文字号', '文件号', '批准文号', '表彰文号', '文件文号'], kind: 'text', required: false, width: 18 },
      { field: 'note', column: 'note', header: '备注', aliases: ['说明'], kind: 'text', required: false, width: 20 },
    ],
    matchOn: ['title', 'date'],
    parse: (raw) => honourInputSchema.safeParse(raw),
    describe: (input) => `${input.title}（${input.date}）`,
  },
};

