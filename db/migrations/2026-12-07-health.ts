import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * Health records (健康档案): checkups, psychological screenings and interventions, medical events
 * (each a person's: `staff_id`, indexed for the person's 健康 tab and the transfer of a person's
 * records), and the abnormal-item vocabulary (a unit's reference data). Synced tables: `id` TEXT
 * key, `station_id`, tombstone `deleted_at`, every other column nullable, no unique index besides
 * the key (a second checkup on the same day is refused by the handler unless confirmed).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const synced = (name: string): CreateTableBuilder<string, 'id'> =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('station_id', 'text')
      .addColumn('deleted_at', 'text');

  await synced('health_abnormal_item').addColumn('name', 'text').execute();

  await synced('health_checkup')
    .addColumn('staff_id', 'text')
    .addColumn('date', 'text')
    .addColumn('institution', 'text')
    .addColumn('conclusion', 'text')
    .addColumn('abnormal_items', 'text')
    .addColumn('follow_up_due', 'text')
    .addColumn('follow_up_done_date', 'text')
    .addColumn('follow_up_result', 'text')
    .addColumn('note', 'text')
    .execute();
  // The person's checkups (健康 tab, duplicate-date check, transfer).
  await db.schema.createIndex('health_checkup_staff').on('health_checkup').column('staff_id').execute();

  await synced('psych_screening')
    .addColumn('staff_id', 'text')
    .addColumn('date', 'text')
    .addColumn('instrument', 'text')
    .addColumn('score', 'integer')
    .addColumn('level', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('psych_screening_staff').on('psych_screening').column('staff_id').execute();

  await synced('psych_intervention')
    .addColumn('staff_id', 'text')
    .addColumn('date', 'text')
    .addColumn('counsellor', 'text')
    .addColumn('form', 'text')
    .addColumn('summary', 'text')
    .addColumn('next_date', 'text')
    .execute();
  await db.schema.createIndex('psych_intervention_staff').on('psych_intervention').column('staff_id').execute();

  await synced('medical_event')
    .addColumn('staff_id', 'text')
    .addColumn('kind', 'text')
    .addColumn('hospital', 'text')
    .addColumn('green_channel', 'integer')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('diagnosis', 'text')
    .addColumn('reimbursement', 'text')
    .addColumn('reimbursed_fen', 'integer')
    .addColumn('forced_rest', 'integer')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('medical_event_staff').on('medical_event').column('staff_id').execute();
}
