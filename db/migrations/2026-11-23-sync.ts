import { sql, type Kysely } from 'kysely';

/**
 * Sync (数据同步): the peers this installation exchanges bundles with and the history of bundles.
 * Local tables, never synced. This installation's own keys live in `meta` (`site_keys`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sync_peer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('station_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull().check(sql`relation IN ('parent', 'child')`))
    .addColumn('site_id', 'text')
    .addColumn('signing_public_key', 'text')
    .addColumn('encryption_public_key', 'text')
    .addColumn('setup_secret', 'text')
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('keys_registered_at', 'text')
    .addColumn('last_received_at', 'text')
    .addColumn('last_received_sequence', 'integer')
    .addColumn('last_sent_at', 'text')
    .addColumn('last_sent_sequence', 'integer')
    .addColumn('ack_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('sync_peer_code').unique().on('sync_peer').column('code').execute();
  await db.schema.createIndex('sync_peer_site').on('sync_peer').column('site_id').execute();

  await db.schema
    .createTable('sync_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('peer_code', 'text', (c) => c.notNull())
    .addColumn('peer_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('changes', 'integer', (c) => c.notNull())
    .addColumn('summary_json', 'text')
    .execute();
  await db.schema.createIndex('sync_history_at').on('sync_history').column('at').execute();
}
