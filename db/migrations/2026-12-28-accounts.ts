import type { Kysely } from 'kysely';

/**
 * Accounts and their events (账号, 登录与查阅记录). Local tables, like `report_issue`: who may sign
 * in on this PC is this installation's own business and never travels in a bundle (a backup copies
 * them with the file). Passwords are stored as scrypt hashes with a salt per account.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The name a user signs in with, and the name the change log records their edits under.
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('health', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled_at', 'text')
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    // Epoch ms until which sign-in is paused after wrong passwords.
    .addColumn('paused_until', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'text')
    .execute();

  await db.schema
    .createTable('account_event')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // Epoch ms, and the China date-time it reads as.
    .addColumn('at_ms', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // 登录与查阅记录 by date, newest first.
  await db.schema.createIndex('account_event_at').on('account_event').column('at_ms').execute();
}
