import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * The roster (人员档案): staff, status history, family members, honours. Synced tables: `id` TEXT
 * key, `station_id`, tombstone `deleted_at`, every other column nullable, and no unique index
 * besides the key (a duplicate ID number is reported by the handler, never enforced here, because
 * two stations may legitimately have entered the same person before they synced).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const synced = (name: string): CreateTableBuilder<string, 'id'> =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('station_id', 'text')
      .addColumn('deleted_at', 'text');

  await synced('staff')
    .addColumn('category', 'text')
    .addColumn('name', 'text')
    .addColumn('id_number', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('gender', 'text')
    .addColumn('phone', 'text')
    .addColumn('badge_no', 'text')
    .addColumn('position', 'text')
    .addColumn('rank', 'text')
    .addColumn('aux_level', 'integer')
    .addColumn('star_rating', 'integer')
    .addColumn('work_start_date', 'text')
    .addColumn('prior_service_months', 'integer')
    .addColumn('joined_station_date', 'text')
    .addColumn('party_member', 'integer')
    .addColumn('union_member', 'integer')
    .addColumn('hardship', 'integer')
    .addColumn('hero_model', 'integer')
    .addColumn('disability_level', 'integer')
    .addColumn('retirement_base', 'text')
    .addColumn('retirement_date_override', 'text')
    .addColumn('status', 'text')
    .addColumn('status_date', 'text')
    .addColumn('notes', 'text')
    .execute();
  // No index on station_id or id_number: a station's people are most of the table, so listing them
  // reads it anyway, and the duplicate check of one ID number on a save scans a few thousand rows
  // in a millisecond (the Excel import builds its own map once). An index would double the cost of
  // every insert (bench: write path).

  await synced('staff_status_change')
    .addColumn('staff_id', 'text')
    .addColumn('status', 'text')
    .addColumn('date', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('staff_status_change_staff').on('staff_status_change').column('staff_id').execute();

  await synced('family_member')
    .addColumn('staff_id', 'text')
    .addColumn('relation', 'text')
    .addColumn('name', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('phone', 'text')
    .addColumn('work_or_school', 'text')
    .addColumn('grade', 'text')
    .addColumn('zhongkao_year', 'integer')
    .addColumn('gaokao_year', 'integer')
    .addColumn('notes', 'text')
    .execute();
  await db.schema.createIndex('family_member_staff').on('family_member').column('staff_id').execute();

  await synced('honour')
    .addColumn('staff_id', 'text')
    .addColumn('title', 'text')
    .addColumn('level', 'text')
    .addColumn('date', 'text')
    .addColumn('issuer', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('honour_staff').on('honour').column('staff_id').execute();
}
