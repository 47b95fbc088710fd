import type BetterSqlite3 from 'better-sqlite3';

/** How many distinct SQL texts a connection keeps prepared (the least recently used go first). */
const KEPT_STATEMENTS = 400;

/**
 * Makes a connection's `prepare` hand back the statement it already prepared for the same SQL text.
 *
 * Preparing (parsing the SQL, planning against the schema) costs more than running most of our
 * statements: a bundle's export and import, a handler's lookups and Kysely (which prepares every
 * query it runs) prepared the same few hundred texts again at every call — a fifth of a sync
 * round's time. Reusing a statement is safe for how this project uses them: `all`, `get` and `run`
 * finish before they return, nothing iterates (a statement being iterated cannot run again until
 * it is done) and no SQL function of ours queries. A statement changes mode only through `raw`,
 * `pluck`, `expand`; each comes back in the default mode, so a caller that set one for itself never
 * leaves it set for another. SQLite re-plans a kept statement by itself when the schema changes
 * (a migration), and `SELECT *` then reads the new columns.
 */
export function keepPreparedStatements(sqlite: BetterSqlite3.Database): void {
  const prepareAnew = sqlite.prepare.bind(sqlite);
  const kept = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string): BetterSqlite3.Statement => {
    let statement = kept.get(sql);
    if (statement === undefined) {
      statement = prepareAnew(sql);
      if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value as string);
    } else {
      kept.delete(sql);
      if (statement.reader) statement.raw(false).pluck(false).expand(false);
    }
    kept.set(sql, statement);
    return statement;
  };
  sqlite.prepare = prepare as BetterSqlite3.Database['prepare'];
}
