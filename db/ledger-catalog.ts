import type BetterSqlite3 from 'better-sqlite3';

/**
 * Small numbers for what repeats in every change record: sites (PCs), synced tables, their columns
 * and users' names — interned in `ledger_site`, `ledger_table`, `ledger_column`, `ledger_user`.
 * Numbers are per ledger file (never sent in a bundle) and never reused; the caches are per
 * connection. A number handed out inside a transaction that then rolls back is forgotten with it
 * (`rollback()`, also after a savepoint's rollback), so no cache ever holds a number the file does not.
 */
export interface LedgerCatalog {
  siteNo(siteId: string): number;
  /** The number of a site already interned, or undefined (never adds one). */
  knownSiteNo(siteId: string): number | undefined;
  siteIdOf(no: number): string;
  tableNo(table: string): number;
  /** The table of a number, or undefined for a number this file does not know. */
  tableOf(no: number): string | undefined;
  columnNo(tableNo: number, column: string): number;
  columnOf(tableNo: number, no: number): string | undefined;
  userNo(name: string): number;
  userOf(no: number): string;
  /** Every interned site number → site id. */
  sites(): Map<number, string>;
  /** Forgets what was handed out since the last `commit()` (the transaction rolled back). */
  rollback(): void;
  /** Keeps what was handed out (the transaction committed). */
  commit(): void;
}

interface TwoWay<K> {
  byName: Map<K, number>;
  byNo: Map<number, K>;
}

function twoWay<K>(): TwoWay<K> {
  return { byName: new Map(), byNo: new Map() };
}

const catalogs = new WeakMap<BetterSqlite3.Database, LedgerCatalog>();

/** The catalog of a connection (made on first use). */
export function ledgerCatalog(sqlite: BetterSqlite3.Database): LedgerCatalog {
  let catalog = catalogs.get(sqlite);
  if (!catalog) {
    catalog = makeCatalog(sqlite);
    catalogs.set(sqlite, catalog);
  }
  return catalog;
}

function makeCatalog(sqlite: BetterSqlite3.Database): LedgerCatalog {
  const sql = {
    siteByName: sqlite.prepare<[string], { no: number }>('SELECT no FROM ledger_site WHERE site_id = ?'),
    siteByNo: sqlite.prepare<[number], { name: string }>('SELECT site_id AS name FROM ledger_site WHERE no = ?'),
    addSite: sqlite.prepare<[string]>('INSERT INTO ledger_site (site_id) VALUES (?)'),
    allSites: sqlite.prepare<[], { no: number; name: string }>('SELECT no, site_id AS name FROM ledger_site'),
    tableByName: sqlite.prepare<[string], { no: number }>('SELECT no FROM ledger_table WHERE name = ?'),
    tableByNo: sqlite.prepare<[number], { name: string }>('SELECT name FROM ledger_table WHERE no = ?'),
    addTable: sqlite.prepare<[string]>('INSERT INTO ledger_table (name) VALUES (?)'),
    columnByName: sqlite.prepare<[number, string], { no: number }>('SELECT no FROM ledger_column WHERE tbl_no = ? AND name = ?'),
    columnByNo: sqlite.prepare<[number, number], { name: string }>('SELECT name FROM ledger_column WHERE tbl_no = ? AND no = ?'),
    nextColumn: sqlite.prepare<[number], { no: number }>('SELECT coalesce(max(no), -1) + 1 AS no FROM ledger_column WHERE tbl_no = ?'),
    addColumn: sqlite.prepare<[number, number, string]>('INSERT INTO ledger_column (tbl_no, no, name) VALUES (?, ?, ?)'),
    userByName: sqlite.prepare<[string], { no: number }>('SELECT no FROM ledger_user WHERE name = ?'),
    userByNo: sqlite.prepare<[number], { name: string }>('SELECT name FROM ledger_user WHERE no = ?'),
    addUser: sqlite.prepare<[string]>('INSERT INTO ledger_user (name) VALUES (?)'),
  };
  const sites = twoWay<string>();
  const tables = twoWay<string>();
  const columnsByTable = new Map<number, TwoWay<string>>();
  const columnsOf = (tableNo: number): TwoWay<string> => {
    let map = columnsByTable.get(tableNo);
    if (!map) {
      map = twoWay<string>();
      columnsByTable.set(tableNo, map);
    }
    return map;
  };
  const users = twoWay<string>();
  /** Entries added since the last commit: forgotten on rollback. */
  let provisional: (() => void)[] = [];

  /**
   * Caches a number. Inside a transaction it is provisional — it may have been added by this very
   * transaction (or a savepoint in it) — until `commit()`.
   */
  function remember<K>(map: TwoWay<K>, name: K, no: number): number {
    map.byName.set(name, no);
    map.byNo.set(no, name);
    if (sqlite.inTransaction) {
      provisional.push(() => {
        map.byName.delete(name);
        map.byNo.delete(no);
      });
    }
    return no;
  }

  function intern<K>(map: TwoWay<K>, name: K, find: () => { no: number } | undefined, add: () => number): number {
    const cached = map.byName.get(name);
    if (cached !== undefined) return cached;
    const found = find();
    if (found) return remember(map, name, found.no);
    return remember(map, name, add());
  }

  function nameOf<K>(map: TwoWay<K>, no: number, find: () => { name: K } | undefined): K | undefined {
    const cached = map.byNo.get(no);
    if (cached !== undefined) return cached;
    const found = find();
    if (!found) return undefined;
    remember(map, found.name, no);
    return found.name;
  }

  return {
    siteNo: (siteId) =>
      sites.byName.get(siteId) ??
      intern(sites, siteId, () => sql.siteByName.get(siteId), () => Number(sql.addSite.run(siteId).lastInsertRowid)),
    knownSiteNo: (siteId) => {
      const cached = sites.byName.get(siteId);
      if (cached !== undefined) return cached;
      const found = sql.siteByName.get(siteId);
      return found ? remember(sites, siteId, found.no) : undefined;
    },
    siteIdOf: (no) => {
      const id = nameOf(sites, no, () => sql.siteByNo.get(no));
      if (id === undefined) throw new Error(`unknown site number ${no}`);
      return id;
    },
    tableNo: (table) =>
      tables.byName.get(table) ??
      intern(tables, table, () => sql.tableByName.get(table), () => Number(sql.addTable.run(table).lastInsertRowid)),
    tableOf: (no) => nameOf(tables, no, () => sql.tableByNo.get(no)),
    columnNo: (tableNo, column) =>
      // The cached number first: a write asks for every column it sets (no closures made for a hit).
      columnsOf(tableNo).byName.get(column) ??
      intern(columnsOf(tableNo), column, () => sql.columnByName.get(tableNo, column), () => {
        const no = (sql.nextColumn.get(tableNo) as { no: number }).no;
        sql.addColumn.run(tableNo, no, column);
        return no;
      }),
    columnOf: (tableNo, no) => nameOf(columnsOf(tableNo), no, () => sql.columnByNo.get(tableNo, no)),
    userNo: (name) => users.byName.get(name) ?? intern(users, name, () => sql.userByName.get(name), () => Number(sql.addUser.run(name).lastInsertRowid)),
    userOf: (no) => nameOf(users, no, () => sql.userByNo.get(no)) ?? '',
    sites: () => {
      const all = new Map<number, string>();
      for (const row of sql.allSites.all()) {
        remember(sites, row.name, row.no);
        all.set(row.no, row.name);
      }
      return all;
    },
    rollback: () => {
      for (const forget of provisional) forget();
      provisional = [];
    },
    commit: () => {
      provisional = [];
    },
  };
}
