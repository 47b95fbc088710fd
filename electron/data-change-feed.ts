import type { LedgerStore } from '../db/ledger-store';
import { syncedTableNames } from '../db/synced-tables';
import type { DataChanged } from '../shared/contract/api-contract';
import type { EventSink } from './app-deps';

/** How often the file is checked for commits of other connections (the CLI, a worker thread). */
const EXTERNAL_POLL_MS = 500;

/**
 * `data.changed` for writes this process's write path did not see: each transaction of this
 * connection announces its own tables and rows when it commits (`createAppDeps` forwards them); a
 * commit by another connection to the same file — the CLI, a second process, a long job's worker —
 * is noticed by SQLite's `data_version` within {@link EXTERNAL_POLL_MS} and announced as "every
 * synced table". Returns a stop function.
 */
export function watchExternalChanges(store: LedgerStore, sink: EventSink): () => void {
  let seen = store.sqlite.pragma('data_version', { simple: true }) as number;
  const timer = setInterval(() => {
    if (!store.sqlite.open) return;
    const now = store.sqlite.pragma('data_version', { simple: true }) as number;
    if (now === seen) return;
    seen = now;
    const tables = syncedTableNames();
    sink('data.changed', { tables, rowIds: Object.fromEntries(tables.map((t) => [t, null])) } satisfies DataChanged);
  }, EXTERNAL_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
