import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * Welfare visits (慰问): a person's visits (`staff_id`, indexed for the person's 慰问 tab, the rules
 * that look at the person's other visits of the year, and the transfer of a person's records), the
 * versioned standards a bureau sets, a unit's budgets; and the roster's 生日按农历 flag. Synced
 * tables: `id` TEXT key, `station_id`, tombstone `deleted_at`, every other column nullable, no
 * unique index besides the key (a second visit for the same event is refused by the handler unless
 * the clerk confirms why).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const synced = (name: string): CreateTableBuilder<string, 'id'> =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('station_id', 'text')
      .addColumn('deleted_at', 'text');

  await db.schema.alterTable('staff').addColumn('lunar_birthday', 'integer').execute();

  await synced('visit_standard')
    .addColumn('kind', 'text')
    .addColumn('effective_from', 'text')
    .addColumn('event_cap_fen', 'integer')
    .addColumn('yearly_cap_fen', 'integer')
    .addColumn('times_per_year', 'integer')
    .addColumn('in_kind_only', 'integer')
    .addColumn('funding', 'text')
    .addColumn('note', 'text')
    .execute();

  await synced('visit_budget')
    .addColumn('year', 'integer')
    .addColumn('funding', 'text')
    .addColumn('amount_fen', 'integer')
    .addColumn('note', 'text')
    .execute();

  await synced('welfare_visit')
    .addColumn('staff_id', 'text')
    .addColumn('kind', 'text')
    .addColumn('date', 'text')
    .addColumn('family_member_id', 'text')
    .addColumn('visitors', 'text')
    .addColumn('cash_fen', 'integer')
    .addColumn('goods', 'text')
    .addColumn('goods_value_fen', 'integer')
    .addColumn('funding', 'text')
    .addColumn('event', 'text')
    .addColumn('event_date', 'text')
    .addColumn('receipt_signed', 'integer')
    .addColumn('confirm_reason', 'text')
    .addColumn('batch_id', 'text')
    .addColumn('note', 'text')
    .execute();
  // The person's visits (慰问 tab, the year's caps and duplicates, transfer).
  await db.schema.createIndex('welfare_visit_staff').on('welfare_visit').column('staff_id').execute();
  // A festival's coverage and its receipt sheet: the visits answering one event (2026中秋).
  await db.schema.createIndex('welfare_visit_event').on('welfare_visit').column('event').execute();
}
