import { z } from 'zod';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD，如 2026-11-23');

/**
 * 操作记录 (the audit trail): the change log read as "who changed which field of which record,
 * when, from what to what" — across every table, deleted people included.
 */
export const auditFilterSchema = z.object({
  /** The user's name as the change log has it. */
  userName: z.string().trim().max(40).optional(),
  /** A synced table's name (staff, family_member …). */
  table: z.string().max(40).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  /** A person's name (or part of it): their own record and every record of theirs. */
  person: z.string().trim().max(20).optional(),
  /** Paging: the `next` of the previous page. */
  before: z.string().max(40).optional(),
  limit: z.number().int().min(1).max(2000).default(200),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

/** One changed field in 操作记录. */
export interface AuditEntry {
  /** China date-time of the change. */
  at: string;
  userName: string;
  /** The unit whose PC made it, when not this one (from a sync file). */
  origin: string | null;
  table: string;
  tableLabel: string;
  rowId: string;
  /** The record as the clerk reads it: 人员「张三」, 家属「张小明」, 慰问 … */
  record: string;
  /** The person the record belongs to, when it belongs to one. */
  personName: string | null;
  field: string;
  from: string;
  to: string;
  /** 删除: the change is a deletion that is still in force, so 恢复 can undo it. */
  action: '修改' | '删除' | '恢复';
  restorable: boolean;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  next: string | null;
  /** Everyone who appears in the change log, for the filter. */
  users: string[];
  /** The tables, for the filter. */
  tables: { name: string; label: string }[];
}
