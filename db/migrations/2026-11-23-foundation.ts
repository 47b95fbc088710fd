import { sql, type Kysely } from 'kysely';

/** Foundation: local meta, the compact change log and row versions, conflicts, stations and settings. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  // Small numbers for what every change record repeats (see db/ledger-catalog.ts).
  await db.schema
    .createTable('ledger_site')
    .addColumn('no', 'integer', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createTable('ledger_table')
    .addColumn('no', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createTable('ledger_column')
    .addColumn('tbl_no', 'integer', (c) => c.notNull())
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_column_pk', ['tbl_no', 'no'])
    .addUniqueConstraint('ledger_column_name', ['tbl_no', 'name'])
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema
    .createTable('ledger_user')
    .addColumn('no', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .execute();

  // The current version of every field of a row, one entry per row (see db/row-clock.ts). Its key
  // answers the write path's "this row's clock" and the import's "do I know this row"; `row_no`
  // is the small number the change log refers to the row by.
  await db.schema
    .createTable('row_version')
    .addColumn('tbl_no', 'integer', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('clock', 'blob', (c) => c.notNull())
    // The keys of the row's change-log records (db/row-clock.ts): its history, without an index of the log on rows.
    .addColumn('history', 'blob', (c) => c.notNull())
    // Every owner (station_id) the row ever had, as JSON — only once it has had two.
    .addColumn('owners_seen', 'text')
    .addPrimaryKeyConstraint('row_version_pk', ['tbl_no', 'row_id'])
    .modifyEnd(sql`without rowid`)
    .execute();
  // Routing: the rows that have changed owner (few), to tell a former owner its row left.
  await db.schema.createIndex('row_version_moved').on('row_version').column('tbl_no').where(sql.ref('owners_seen'), 'is not', null).execute();

  // The history: one record per write of a row — the columns it set, packed, and the values no longer the row's —
  // append-only, keyed by origin site and timestamp: "what changed since this peer acknowledged"
  // is a range of the key (see db/change-log.ts for the record's layout).
  await db.schema
    .createTable('change_log')
    .addColumn('site_no', 'integer', (c) => c.notNull())
    .addColumn('hlc', 'integer', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('user_no', 'integer', (c) => c.notNull())
    .addColumn('cols', 'blob', (c) => c.notNull())
    // The values a record keeps once they are no longer the row's (JSON by column number; null: none).
    .addColumn('vals', 'text')
    .addColumn('prev', 'text')
    .addColumn('lost', 'blob')
    .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('replaces', 'integer')
    .addColumn('recorded_at', 'integer')
    .addPrimaryKeyConstraint('change_log_pk', ['site_no', 'hlc', 'row_no'])
    .modifyEnd(sql`without rowid`)
    .execute();
  // No other index: "who changed what in this record" reads the keys `row_version.history` lists.

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
