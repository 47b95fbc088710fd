import { sql, type Kysely } from 'kysely';

/**
 * Sync authority and clocks (issue 7):
 *
 * - `sync_peer.setup_expires_at`: a setup file's secret is valid until then (and only once).
 * - `sync_withheld`: changes of an imported bundle that were not applied — `rejected` (the sender
 *   may not write them) or `held` (stamped further ahead of this PC's clock than the tolerance) —
 *   listed for the clerk. A held change is applied by itself once it is no longer in the future.
 * - `sync_site`: the sites (PCs) a lower bureau vouched for as being in its subtree, so that their
 *   changes, relayed by it, are accepted with their own origin.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_peer').addColumn('setup_expires_at', 'text').execute();

  await db.schema
    .createTable('sync_withheld')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('rejected', 'held')`))
    .addColumn('peer_code', 'text', (c) => c.notNull())
    .addColumn('peer_name', 'text', (c) => c.notNull())
    .addColumn('tbl', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('col', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('prev_hlc', 'text')
    .addColumn('replaces', 'text')
    .addColumn('origin_site', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('dismissed_at', 'text')
    .addColumn('dismissed_by', 'text')
    .execute();
  await db.schema.createIndex('sync_withheld_change').unique().on('sync_withheld').columns(['hlc', 'tbl', 'row_id', 'col']).execute();
  await db.schema.createIndex('sync_withheld_kind').on('sync_withheld').columns(['kind', 'dismissed_at']).execute();

  await db.schema
    .createTable('sync_site')
    .addColumn('site_id', 'text', (c) => c.primaryKey())
    .addColumn('station_id', 'text', (c) => c.notNull())
    .addColumn('via_peer_code', 'text', (c) => c.notNull())
    .addColumn('learned_at', 'text', (c) => c.notNull())
    .execute();
}
