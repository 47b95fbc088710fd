import type { Kysely } from 'kysely';

/**
 * The monthly report's history (月报签发记录): one row per issued report — month, scope, who, when
 * and the fingerprint of its numbers, with the numbers themselves so a later regeneration can say
 * which sections changed. A local table, like `sync_history`: it records what this installation
 * issued, is compared with what this installation computes, and never travels in a bundle.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_issue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('scope_kind', 'text', (c) => c.notNull())
    .addColumn('scope_code', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('figures_json', 'text', (c) => c.notNull())
    .execute();
  // The history of one month and scope (the report page, a regenerated report).
  await db.schema.createIndex('report_issue_month_scope').on('report_issue').columns(['month', 'scope_code']).execute();
}
