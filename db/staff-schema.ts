import type { familyMemberTable, honourTable, staffStatusChangeTable, staffTable } from '../shared/roster-tables';
import type { SyncedRowOf } from './schema';

/**
 * Kysely row types of the roster's synced tables, mapped from their definitions in
 * `shared/roster-tables.ts` (column documentation lives there).
 */

/** A person on the roster (民警, 辅警 or 职工). Birth date and gender come from the ID number. */
export type StaffTable = SyncedRowOf<typeof staffTable>;

/** One change of a person's status, kept for the history. */
export type StaffStatusChangeTable = SyncedRowOf<typeof staffStatusChangeTable>;

/** A family member of a person (配偶, 父亲, 母亲, 配偶父亲, 配偶母亲, 子女). */
export type FamilyMemberTable = SyncedRowOf<typeof familyMemberTable>;

/** An honour (表彰) a person received. */
export type HonourTable = SyncedRowOf<typeof honourTable>;
