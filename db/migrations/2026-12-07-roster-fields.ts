import type { Kysely } from 'kysely';

/**
 * The fields every 花名册 has (issue 9): a person's 民族, 学历 and 学位, 入党时间; an honour's 文号
 * (the document that conferred it); and, on a status change, that an early retirement (退休 before
 * the statutory date) was confirmed by the clerk. Every new column of a synced table is nullable,
 * as a row may arrive field by field.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff').addColumn('ethnicity', 'text').execute();
  await db.schema.alterTable('staff').addColumn('education', 'text').execute();
  await db.schema.alterTable('staff').addColumn('degree', 'text').execute();
  await db.schema.alterTable('staff').addColumn('party_join_date', 'text').execute();
  await db.schema.alterTable('honour').addColumn('document_no', 'text').execute();
  await db.schema.alterTable('staff_status_change').addColumn('early_retirement', 'integer').execute();
}
