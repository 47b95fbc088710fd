import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * Leave and rotation (休假轮休): a person's leave records (`staff_id`, indexed for the person's 休假
 * tab, the rules that look at the person's other leave — overlap, the year's annual and personal
 * leave — and the transfer of a person's records), their duty on rest days and holidays (值班, which
 * earns 补休), and the official holiday calendar of a year that a bureau publishes; and the roster's
 * 入职时间. Synced tables: `id` TEXT key, `station_id`, tombstone `deleted_at`, every other column
 * nullable, no unique index besides the key (a calendar row has a deterministic id per unit and
 * year instead).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const synced = (name: string): CreateTableBuilder<string, 'id'> =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('station_id', 'text')
      .addColumn('deleted_at', 'text');

  await db.schema.alterTable('staff').addColumn('hire_date', 'text').execute();

  await synced('holiday_calendar')
    .addColumn('year', 'integer')
    .addColumn('holidays', 'text')
    .addColumn('workdays', 'text')
    .addColumn('notice', 'text')
    .execute();

  await synced('leave_record')
    .addColumn('staff_id', 'text')
    .addColumn('type', 'text')
    .addColumn('from_date', 'text')
    .addColumn('from_half', 'text')
    .addColumn('to_date', 'text')
    .addColumn('to_half', 'text')
    .addColumn('half_days', 'integer')
    .addColumn('status', 'text')
    .addColumn('approver', 'text')
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('strength_confirm', 'text')
    .addColumn('source', 'text')
    .addColumn('trip', 'text')
    .addColumn('bureau_confirmed', 'integer')
    .execute();
  // The person's leave (休假 tab, overlap, the year's annual and personal leave, transfer).
  await db.schema.createIndex('leave_record_staff').on('leave_record').column('staff_id').execute();

  await synced('duty_record')
    .addColumn('staff_id', 'text')
    .addColumn('date', 'text')
    .addColumn('hours', 'integer')
    .addColumn('half_days', 'integer')
    .addColumn('note', 'text')
    .execute();
  // The person's duty (their 补休 balance, the 休假 tab, transfer).
  await db.schema.createIndex('duty_record_staff').on('duty_record').column('staff_id').execute();
}
