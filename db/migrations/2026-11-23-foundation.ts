import { sql, type Kysely } from 'kysely';

/** Foundation: local meta, the change log and field versions, conflicts, stations and settings. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('change_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('tbl', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('col', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('prev_hlc', 'text')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('applied', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('change_log_identity').unique().on('change_log').columns(['hlc', 'tbl', 'row_id', 'col']).execute();
  // (tbl, row_id, col) lookups — a field's history — use change_log_prev's prefix; no index of their own.
  await db.schema.createIndex('change_log_site').on('change_log').columns(['site_id', 'hlc']).execute();
  await db.schema.createIndex('change_log_prev').on('change_log').columns(['tbl', 'row_id', 'col', 'prev_hlc']).execute();

  await db.schema
    .createTable('field_version')
    .addColumn('tbl', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('col', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('field_version_pk', ['tbl', 'row_id', 'col'])
    .modifyEnd(sql`without rowid`)
    .execute();

  await db.schema
    .createTable('sync_conflict')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tbl', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('col', 'text', (c) => c.notNull())
    .addColumn('kept_value', 'text', (c) => c.notNull())
    .addColumn('kept_hlc', 'text', (c) => c.notNull())
    .addColumn('lost_value', 'text', (c) => c.notNull())
    .addColumn('lost_hlc', 'text', (c) => c.notNull())
    .addColumn('lost_site_id', 'text', (c) => c.notNull())
    .addColumn('lost_user', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kept_user', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .execute();
  await db.schema.createIndex('sync_conflict_open').on('sync_conflict').columns(['resolved_at', 'tbl', 'row_id']).execute();

  await db.schema
    .createTable('station')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('station_id', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('code', 'text')
    .addColumn('name', 'text')
    .addColumn('role', 'text')
    .addColumn('parent_code', 'text')
    .execute();

  await db.schema
    .createTable('setting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('station_id', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('key', 'text')
    .addColumn('value', 'text')
    .execute();
}
