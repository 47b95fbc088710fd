import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/api-error';
import { integerOfHlc } from '../../shared/hybrid-logical-clock';
import { allLoggedChanges, loggedFieldCount } from '../../db/change-log';
import { encodeRecordKeys, encodeRowClock } from '../../db/row-clock';
import { openLedgerStore, schemaVersionOf, type LedgerStore } from '../../db/ledger-store';
import { currentSchemaVersion, migrationMap } from '../../db/migrations/migration-map';
import { syncedTableNames, syncedTableSpec } from '../../db/synced-tables';
import { writeRecord } from '../../db/write-path';
import { tempFolder } from '../support/test-ledger';

/** Local tables every ledger has besides the synced ones. */
const LOCAL_TABLES = ['meta', 'change_log', 'row_version', 'ledger_site', 'ledger_table', 'ledger_column', 'ledger_user', 'sync_conflict', 'kysely_migration'];

let folder: { path: string; remove(): void };
const opened: LedgerStore[] = [];

beforeEach(() => {
  folder = tempFolder('nuanjing-migrations-');
});

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  folder.remove();
});

async function open(path: string): Promise<LedgerStore> {
  const store = await openLedgerStore(path);
  opened.push(store);
  return store;
}

function tablesOf(sqlite: BetterSqlite3.Database): string[] {
  return (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

function columnsOf(sqlite: BetterSqlite3.Database, table: string): string[] {
  return (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
}

function appliedMigrations(sqlite: BetterSqlite3.Database): string[] {
  return (sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name);
}

async function refusal(action: Promise<unknown>): Promise<AppError> {
  try {
    await action;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the ledger to be refused');
}

describe('opening an empty file', () => {
  it('creates every table, each synced table with every column the write path may set', async () => {
    const store = await open(join(folder.path, 'ledger.sqlite'));
    const tables = tablesOf(store.sqlite);
    for (const table of [...LOCAL_TABLES, ...syncedTableNames()]) expect(tables).toContain(table);
    for (const table of syncedTableNames()) {
      const columns = columnsOf(store.sqlite, table);
      expect(columns).toContain('id');
      for (const column of Object.keys(syncedTableSpec(table)!.columns)) expect(columns, `${table}.${column}`).toContain(column);
    }
    expect(appliedMigrations(store.sqlite)).toEqual(Object.keys(migrationMap).sort());
    expect(schemaVersionOf(store)).toBe(currentSchemaVersion);
  });

  it('sets WAL, foreign keys and the busy timeout, and WAL stays recorded in the file', async () => {
    const path = join(folder.path, 'ledger.sqlite');
    const store = await open(path);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    store.close();
    const raw = new BetterSqlite3(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('creates the folder of a new file and gives the installation a site id once', async () => {
    const path = join(folder.path, 'nested', 'deeper', 'ledger.sqlite');
    const store = await open(path);
    expect(existsSync(path)).toBe(true);
    expect(store.siteId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reopens idempotently: same site id, same migrations, data intact', async () => {
    const path = join(folder.path, 'ledger.sqlite');
    const first = await open(path);
    const siteId = first.siteId;
    writeRecord(first, { userName: '王丽' }, 'station', 'st-1', { code: '330102-01', name: '北山派出所' });
    first.close();

    const second = await open(path);
    expect(second.siteId).toBe(siteId);
    expect(appliedMigrations(second.sqlite)).toEqual(Object.keys(migrationMap).sort());
    expect(second.sqlite.prepare('SELECT code, name FROM station WHERE id = ?').get('st-1')).toEqual({ code: '330102-01', name: '北山派出所' });
    expect(loggedFieldCount(second)).toBe(2);
    second.close();

    const third = await open(path);
    expect(third.siteId).toBe(siteId);
    expect(appliedMigrations(third.sqlite)).toEqual(Object.keys(migrationMap).sort());
  });

  it('opens an in-memory ledger with the same schema', async () => {
    const store = await openLedgerStore(':memory:');
    opened.push(store);
    expect(tablesOf(store.sqlite)).toEqual(expect.arrayContaining([...LOCAL_TABLES, ...syncedTableNames()]));
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('opening a file from the previous step', () => {
  it('migrates a file that has only the first migration to the latest, keeping its rows', async () => {
    const path = join(folder.path, 'old.sqlite');
    const [firstName, firstMigration] = Object.entries(migrationMap)[0];
    const sqlite = new BetterSqlite3(path);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against Kysely<any>
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ [firstName]: firstMigration }) } });
    const { error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    sqlite.prepare("INSERT INTO meta (key, value) VALUES ('site_id', '00112233aabbccdd')").run();
    sqlite.prepare("INSERT INTO station (id, station_id, code, name, role) VALUES ('st-1', 'st-1', '330102-01', '北山派出所', 'station')").run();
    sqlite.prepare("INSERT INTO setting (id, station_id, key, value) VALUES ('setting:station.minimumOnDuty', 'st-1', 'station.minimumOnDuty', '12')").run();
    // The change of `name`, as the write path stores it: interned site, table, column and user.
    const hlc = integerOfHlc('2026-11-23T02:00:00.000Z-0000-00112233aabbccdd') as number;
    sqlite.prepare("INSERT INTO ledger_site (no, site_id) VALUES (1, '00112233aabbccdd')").run();
    sqlite.prepare("INSERT INTO ledger_table (no, name) VALUES (1, 'station')").run();
    sqlite.prepare("INSERT INTO ledger_column (tbl_no, no, name) VALUES (1, 0, 'name')").run();
    sqlite.prepare("INSERT INTO ledger_user (no, name) VALUES (1, '王丽')").run();
    sqlite
      .prepare("INSERT INTO row_version (tbl_no, row_id, row_no, clock, history) VALUES (1, 'st-1', 1, ?, ?)")
      .run(encodeRowClock(new Map([[0, { hlc, site: 1 }]])), encodeRecordKeys([{ site: 1, hlc }]));
    sqlite.prepare("INSERT INTO meta (key, value) VALUES ('next_row_no', '2')").run();
    // The record is the winner of `name`: its value is the row's, so it keeps none (vals NULL).
    sqlite.prepare(`INSERT INTO change_log (site_no, hlc, row_no, user_no, cols, vals) VALUES (1, ?, 1, 1, x'00', NULL)`).run(hlc);
    await db.destroy();
    expect(existsSync(path)).toBe(true);

    const store = await open(path);
    expect(appliedMigrations(store.sqlite)).toEqual(Object.keys(migrationMap).sort());
    expect(schemaVersionOf(store)).toBe(currentSchemaVersion);
    expect(store.siteId).toBe('00112233aabbccdd');
    expect(store.sqlite.prepare('SELECT code, name, role FROM station WHERE id = ?').get('st-1')).toEqual({
      code: '330102-01',
      name: '北山派出所',
      role: 'station',
    });
    expect(store.sqlite.prepare('SELECT value FROM setting WHERE key = ?').get('station.minimumOnDuty')).toEqual({ value: '12' });
    expect(allLoggedChanges(store).map((c) => [c.column, c.value, c.userName])).toEqual([['name', '北山派出所', '王丽']]);
    // The clock resumes after the newest change it finds in the file.
    expect(store.clock.next() > '2026-11-23T02:00:00.000Z-0000-00112233aabbccdd').toBe(true);
  });
});

describe('refusing files it must not touch', () => {
  it('refuses a ledger written by a newer schema, naming the version in Chinese, and lets go of the file', async () => {
    const path = join(folder.path, 'newer.sqlite');
    (await open(path)).close();
    const raw = new BetterSqlite3(path);
    raw.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('2099-01-01-future-tables', '2099-01-01T00:00:00.000Z')").run();
    // The newer program noted its version when it migrated the file: the refusal names it.
    raw.prepare("INSERT INTO meta (key, value) VALUES ('schema_app_version', '9.2.0') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
    raw.close();

    const error = await refusal(openLedgerStore(path));
    expect(error.message).toContain('安装暖警台账 9.2.0 或更新的版本');
    expect(error.code).toBe('DB_NEWER_SCHEMA');
    expect(error.message).toContain('2099-01-01-future-tables');
    expect(error.message).toContain(currentSchemaVersion);
    expect(error.message).toMatch(/更新版本/);
    expect(error.message).toMatch(/升级/);

    // The refused file is closed again: SQLite removes the WAL side files when the last connection closes.
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
    // Nothing was migrated or rewritten.
    const check = new BetterSqlite3(path, { readonly: true });
    try {
      expect(appliedMigrations(check)).toContain('2099-01-01-future-tables');
    } finally {
      check.close();
    }
  });

  it('refuses a file that is not SQLite with a clear Chinese message and leaves it byte for byte', async () => {
    const path = join(folder.path, '人员名单.xlsx');
    const bytes = randomBytes(16 * 1024);
    writeFileSync(path, bytes);

    const error = await refusal(openLedgerStore(path));
    expect(['DB_NOT_A_LEDGER', 'DB_OPEN_FAILED']).toContain(error.code);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/不是暖警台账的数据文件|无法打开/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a ledger whose pages are damaged (integrity check on open)', async () => {
    const path = join(folder.path, 'damaged.sqlite');
    const store = await open(path);
    for (let i = 0; i < 200; i += 1) writeRecord(store, { userName: '' }, 'station', `st-${i}`, { name: `派出所${i}`.repeat(20) });
    store.close();
    const bytes = readFileSync(path);
    // Keep the first page (the header) and scramble the rest.
    randomBytes(bytes.length - 4096).copy(bytes, 4096);
    writeFileSync(path, bytes);

    const error = await refusal(openLedgerStore(path));
    expect(['DB_CORRUPT', 'DB_NOT_A_LEDGER']).toContain(error.code);
    expect(error.message).toMatch(/损坏/);
  });
});
