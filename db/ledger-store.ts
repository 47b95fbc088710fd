import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Compilable } from 'kysely';
import { Migrator } from 'kysely/migration';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../shared/contract/api-error';
import { chinaDateTimeOf } from '../shared/china-date';
import { DEFAULT_CLOCK_TOLERANCE_MS, HybridLogicalClock } from '../shared/hybrid-logical-clock';
import { currentSchemaVersion, migrationMap } from './migrations/migration-map';
import { newestLiveChangeOf } from './change-log';
import { ledgerCatalog, type LedgerCatalog } from './ledger-catalog';
import { keepPreparedStatements } from './prepared-statement-cache';
import { syncedTableNames, syncedTableSpec } from './synced-tables';
import type { Database } from './schema';

/**
 * What one committed transaction changed in synced tables: the tables, and per table the ids of
 * the rows written (null: too many to list — refresh the whole table).
 */
export interface DataChange {
  tables: string[];
  rowIds: Record<string, string[] | null>;
}

/** Past this many rows of one table, a {@link DataChange} says "the whole table". */
const MAX_LISTED_ROW_IDS = 200;

/** Code run around the outermost transaction of a store (the write path's per-transaction state). */
export interface TransactionHooks {
  /** Inside the transaction, before the first statement of the caller. */
  begin(): void;
  /** Inside the transaction, after the caller's last statement (flush what was deferred). */
  beforeCommit(): void;
  /**
   * After a rollback (forget what was handed out inside it) — of the whole transaction, or of a
   * nested one (a savepoint) whose error the caller caught: `outermost` false.
   */
  afterRollback(outermost: boolean): void;
}

/** An open ledger: the SQLite connection, its typed query builder and this site's clock. */
export interface LedgerStore {
  readonly sqlite: BetterSqlite3.Database;
  readonly db: Kysely<Database>;
  readonly path: string;
  /** This installation's site id (16 hex), made once when the file is created. */
  readonly siteId: string;
  readonly clock: HybridLogicalClock;
  /**
   * How far ahead of this PC's clock a timestamp may be (setting `sync.clockToleranceHours`, set by
   * the app when it loads the settings): another site's change further ahead is held, and a local
   * write while this site's own clock is further ahead is refused (`CLOCK_BEHIND_LEDGER`).
   */
  clockToleranceMs: number;
  /** Milliseconds since the epoch, from the injected wall clock. */
  now(): number;
  /** China date-time text of now, for `recorded_at` / `deleted_at`. */
  nowText(): string;
  /** A new UUIDv7 row id. */
  newId(): string;
  /** Runs `fn` in one SQLite transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T;
  /**
   * Persists the clock after a write so a restart never issues an older timestamp (inside a
   * transaction: once, when it commits).
   */
  rememberClock(): void;
  /** Registers code run around every outermost transaction (the write path does, once per store). */
  addTransactionHooks(hooks: TransactionHooks): void;
  /** Notes a row written by the write path: listeners hear of it once, when the transaction commits. */
  noteChanged(table: string, rowId: string): void;
  /** Subscribes to {@link DataChange}s, one per committed transaction that wrote synced rows. */
  onDataChanged(listener: (change: DataChange) => void): () => void;
  close(): void;
}

export interface OpenStoreOptions {
  /** Wall clock in epoch milliseconds; tests pass a fixed one. */
  wallClock?: () => number;
  /**
   * Called before migrations run on a ledger that already holds data (not a new file), with the
   * open connection and the names of the pending migrations: the app takes its backup there. A throw
   * stops the opening, nothing migrated.
   */
  beforeMigration?: (sqlite: BetterSqlite3.Database, pending: string[]) => Promise<void>;
  /**
   * This program's version: noted in the file when it migrates it (or finds none noted), so an
   * older program refusing the file can name the version to install.
   */
  appVersion?: string;
  /** Row id generator; tests may pass a deterministic one. */
  newId?: () => string;
}

const META_SITE_ID = 'site_id';
/** The version of the program that last brought the file's schema forward (see `appVersion`). */
const META_SCHEMA_APP_VERSION = 'schema_app_version';
const META_CLOCK = 'hlc_last';

function readMeta(sqlite: BetterSqlite3.Database, key: string): string | undefined {
  return (sqlite.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

/** Writes a local meta value (not synced). */
export function writeMeta(store: LedgerStore, key: string, value: string): void {
  store.sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Reads a local meta value. */
export function getMeta(store: LedgerStore, key: string): string | undefined {
  return readMeta(store.sqlite, key);
}

function openSqlite(path: string): BetterSqlite3.Database {
  if (path !== ':memory:') {
    const folder = dirname(path);
    if (!existsSync(folder)) mkdirSync(folder, { recursive: true });
  }
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(path);
  } catch (error) {
    throw new AppError('DB_OPEN_FAILED', `无法打开数据文件 ${path}：${(error as Error).message}。请检查文件是否存在、是否有读写权限。`);
  }
  keepPreparedStatements(sqlite);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on a power cut — edits already
    // sent in a sync file, the saved clock. `npm run bench` prints what it costs a clerk's save.
    sqlite.pragma('synchronous = FULL');
    // quick_check on every start (the full integrity_check runs on each backup's copy).
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new AppError('DB_CORRUPT', `数据文件 ${path} 已损坏（${String(check)}）。请从备份或市局数据恢复，不要继续录入。`);
    }
  } catch (error) {
    sqlite.close();
    if (error instanceof AppError) throw error;
    throw new AppError('DB_NOT_A_LEDGER', `文件 ${path} 不是暖警台账的数据文件，或已损坏：${(error as Error).message}`);
  }
  return sqlite;
}

/**
 * A new in-memory ledger just after its migrations, as bytes: the first `:memory:` ledger of a
 * process runs the migrations (about 20 ms), the next ones start from this image (under 1 ms).
 * Tests open thousands of them. The image holds only the schema and the migration list: no site
 * id, clock or row (those are written after it is taken).
 */
let migratedMemoryImage: Buffer | undefined;

function openMemoryImage(image: Buffer): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(image);
  keepPreparedStatements(sqlite);
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}

async function migrate(db: Kysely<Database>, sqlite: BetterSqlite3.Database, path: string, options: OpenStoreOptions): Promise<void> {
  const hasMigrationTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'")
    .get();
  if (!hasMigrationTable) {
    const otherTables = sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as { n: number };
    if (otherTables.n > 0) {
      throw new AppError('DB_NOT_A_LEDGER', `文件 ${path} 是其他程序的数据库，不是暖警台账的数据文件。请选择正确的台账文件，或换一个新文件名新建台账。`);
    }
  }
  if (hasMigrationTable) {
    const applied = (sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name);
    const unknown = applied.filter((name) => !(name in migrationMap));
    if (unknown.length > 0) {
      const needed = readMeta(sqlite, META_SCHEMA_APP_VERSION);
      throw new AppError(
        'DB_NEWER_SCHEMA',
        `数据文件 ${path} 由更新版本的暖警台账写入（数据结构 ${unknown.at(-1)}，本程序只认识到 ${currentSchemaVersion}）。` +
          `请先升级：安装暖警台账 ${needed ? `${needed} 或更新的版本` : '的最新版本'}，再打开这个文件。`,
      );
    }
    const pending = Object.keys(migrationMap).filter((name) => !applied.includes(name));
    if (pending.length > 0 && applied.length > 0 && options.beforeMigration) await options.beforeMigration(sqlite, pending);
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrationMap } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '未知';
    throw new AppError('DB_MIGRATION_FAILED', `升级数据结构失败（${failed}）：${(error as Error).message ?? String(error)}。数据未被改动，请联系技术支持。`);
  }
  if (options.appVersion && ((results?.length ?? 0) > 0 || !readMeta(sqlite, META_SCHEMA_APP_VERSION))) {
    sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(META_SCHEMA_APP_VERSION, options.appVersion);
  }
}

/** Gives every synced table and column of this build its small number (once; then a no-op). */
function internSyncedSchema(catalog: LedgerCatalog, sqlite: BetterSqlite3.Database): void {
  sqlite.transaction(() => {
    for (const table of syncedTableNames()) {
      const tableNo = catalog.tableNo(table);
      for (const column of Object.keys(syncedTableSpec(table)?.columns ?? {})) catalog.columnNo(tableNo, column);
    }
  })();
  catalog.commit();
}

/** The schema version (newest applied migration) of an open store. */
export function schemaVersionOf(store: LedgerStore): string {
  const row = store.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1').get() as { name: string } | undefined;
  return row?.name ?? '';
}

/**
 * Opens (creating when missing) a ledger file: WAL, foreign keys, busy timeout, integrity check,
 * migrations to the latest schema; refuses a file written by a newer schema. `:memory:` for tests.
 */
export async function openLedgerStore(path: string, options: OpenStoreOptions = {}): Promise<LedgerStore> {
  // (Not when the caller watches the migrations or versions the ledger: those run every time.)
  const plainMemory = path === ':memory:' && !options.beforeMigration && !options.appVersion;
  const image = plainMemory ? migratedMemoryImage : undefined;
  const sqlite = image ? openMemoryImage(image) : openSqlite(path);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  if (!image) {
    try {
      await migrate(db, sqlite, path, options);
    } catch (error) {
      await db.destroy();
      // Kysely only closes a connection it has used; a refusal before its first query (a newer
      // schema) would otherwise leave the file open and locked.
      if (sqlite.open) sqlite.close();
      throw error;
    }
    if (plainMemory) migratedMemoryImage = sqlite.serialize();
  }
  // Every synced table and column has its number before anything reads: a read never writes.
  internSyncedSchema(ledgerCatalog(sqlite), sqlite);
  let siteId = readMeta(sqlite, META_SITE_ID);
  if (!siteId) {
    siteId = randomBytes(8).toString('hex');
    sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(META_SITE_ID, siteId);
  }
  const wallClock = options.wallClock ?? Date.now;
  // The clock resumes from what it last issued or observed (`hlc_last`) and this site's own newest
  // live change; other sites' changes were observed when they arrived (within the tolerance).
  const newestSeen = newestLiveChangeOf(sqlite, siteId);
  let clockToleranceMs = DEFAULT_CLOCK_TOLERANCE_MS;
  const clock = new HybridLogicalClock(siteId, wallClock, readMeta(sqlite, META_CLOCK) ?? null, () => clockToleranceMs);
  if (newestSeen) clock.observe(newestSeen);
  const saveClock = sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const readClock = sqlite.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const newId = options.newId ?? (() => uuidv7());
  let closed = false;
  const hooks: TransactionHooks[] = [];
  const listeners = new Set<(change: DataChange) => void>();
  let depth = 0;
  let clockDirty = false;
  let pending = new Map<string, Set<string> | null>();

  const notify = (change: Map<string, Set<string> | null>): void => {
    if (change.size === 0 || listeners.size === 0) return;
    const event: DataChange = { tables: [...change.keys()], rowIds: {} };
    for (const [table, ids] of change) event.rowIds[table] = ids ? [...ids] : null;
    for (const listener of listeners) listener(event);
  };

  const transaction = <T>(fn: () => T): T => {
    if (depth > 0) {
      try {
        return sqlite.transaction(fn)();
      } catch (error) {
        for (const hook of hooks) hook.afterRollback(false);
        throw error;
      }
    }
    depth += 1;
    let result: T;
    try {
      result = sqlite.transaction(() => {
        // Another connection (the CLI, a worker) may have written since: resume past its clock.
        const stored = readClock.get(META_CLOCK)?.value;
        if (stored) clock.observe(stored);
        for (const hook of hooks) hook.begin();
        const value = fn();
        for (const hook of hooks) hook.beforeCommit();
        if (clockDirty) saveClock.run(META_CLOCK, clock.current());
        clockDirty = false;
        return value;
      })();
    } catch (error) {
      depth -= 1;
      clockDirty = false;
      pending = new Map();
      for (const hook of hooks) hook.afterRollback(true);
      throw error;
    }
    depth -= 1;
    const changed = pending;
    pending = new Map();
    notify(changed);
    return result;
  };

  return {
    sqlite,
    db,
    path,
    siteId,
    clock,
    get clockToleranceMs() {
      return clockToleranceMs;
    },
    set clockToleranceMs(value: number) {
      clockToleranceMs = value;
    },
    now: wallClock,
    nowText: () => chinaDateTimeOf(wallClock()),
    newId,
    transaction,
    rememberClock: () => {
      if (depth > 0) clockDirty = true;
      else saveClock.run(META_CLOCK, clock.current());
    },
    addTransactionHooks: (added) => {
      hooks.push(added);
    },
    noteChanged: (table, rowId) => {
      let ids = pending.get(table);
      if (ids === null) return;
      if (!ids) {
        ids = new Set();
        pending.set(table, ids);
      }
      ids.add(rowId);
      if (ids.size > MAX_LISTED_ROW_IDS) pending.set(table, null);
    },
    onDataChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      if (closed) return;
      closed = true;
      sqlite.close();
    },
  };
}

/** Runs a Kysely select synchronously on the store's connection (inside a write transaction). */
export function selectSync<Row>(store: LedgerStore, query: Compilable<Row>): Row[] {
  const compiled = query.compile();
  return store.sqlite.prepare(compiled.sql).all(...(compiled.parameters as unknown[])) as Row[];
}
