import type { ClockRepairResult } from '../../shared/sync-record';
import type { AppDeps } from '../app-deps';
import { applyClockTolerance, clockStatus } from './clock-policy';
import { ackOf, savePeer, type SyncPeerRow } from './sync-peers';

/**
 * 「以电脑当前时间为准」: the clock repair, for a PC whose date was once wrong (ahead) and is right
 * now (see `clock-policy.ts` for why). In one transaction:
 *
 * 1. This site's own live changes dated after now + tolerance are VOIDED (kept in the log for the
 *    audit trail and so they are recognised when they come back; never sent, never counted in a
 *    high-water mark, never a field's winner again).
 * 2. The clock is set back to the newest live change at or before now + tolerance.
 * 3. Each voided change is RE-DATED: written again with the same value at a fresh timestamp from
 *    the repaired clock, in the original order (so the last wrong-dated value of a field is still
 *    its value), each naming the change it replaces (`replaces`, `x` on the wire). The values the
 *    clerk sees do not change.
 * 4. The peers' marks for this site that are voided changes are forgotten (they were reported by
 *    peers that applied the wrong-dated changes): everything of this site goes to them again, and
 *    the replacements void the originals there.
 *
 * Other sites' changes are never touched: a site only re-dates what it made itself.
 */
export function repairClock(deps: AppDeps): ClockRepairResult {
  const { store } = deps;
  applyClockTolerance(deps);
  const tables = new Set<string>();
  const redated = store.transaction(() => {
    const cutoff = `${new Date(store.now() + store.clockToleranceMs).toISOString()}-ffff-ffffffffffffffff`;
    const future = store.sqlite
      .prepare('SELECT seq, tbl, row_id, col, value, hlc FROM change_log WHERE site_id = ? AND voided = 0 AND hlc > ? ORDER BY hlc, seq')
      .all(store.siteId, cutoff) as { seq: number; tbl: string; row_id: string; col: string; value: string; hlc: string }[];
    const voidChange = store.sqlite.prepare('UPDATE change_log SET voided = 1 WHERE seq = ?');
    for (const change of future) {
      voidChange.run(change.seq);
      tables.add(change.tbl);
    }

    const newestLive = (store.sqlite.prepare('SELECT max(hlc) AS hlc FROM change_log WHERE voided = 0 AND hlc <= ?').get(cutoff) as { hlc: string | null }).hlc;
    store.clock.resetTo(newestLive);

    const version = store.sqlite.prepare('SELECT hlc FROM field_version WHERE tbl = ? AND row_id = ? AND col = ?');
    const bestLive = store.sqlite.prepare('SELECT hlc FROM change_log WHERE tbl = ? AND row_id = ? AND col = ? AND voided = 0 ORDER BY hlc DESC LIMIT 1');
    const setVersion = store.sqlite.prepare(
      'INSERT INTO field_version (tbl, row_id, col, hlc) VALUES (?, ?, ?, ?) ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc',
    );
    const log = store.sqlite.prepare(
      'INSERT INTO change_log (tbl, row_id, col, value, hlc, prev_hlc, site_id, user_name, applied, recorded_at, voided, replaces) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)',
    );
    const recordedAt = store.nowText();
    const voidedHlcs = new Set(future.map((c) => c.hlc));
    // Field by field, in the original order: the last re-dated value becomes the field's winner
    // again if the wrong-dated one was (its value is already the row's value).
    const byField = new Map<string, typeof future>();
    for (const change of future) {
      const key = `${change.tbl}\u0000${change.row_id}\u0000${change.col}`;
      byField.set(key, [...(byField.get(key) ?? []), change]);
    }
    for (const changes of byField.values()) {
      const { tbl, row_id: rowId, col } = changes[0];
      const winner = (version.get(tbl, rowId, col) as { hlc: string } | undefined)?.hlc;
      const winnerVoided = winner !== undefined && voidedHlcs.has(winner);
      let prev = (bestLive.get(tbl, rowId, col) as { hlc: string } | undefined)?.hlc ?? null;
      let last = '';
      for (const change of changes) {
        const hlc = store.clock.next();
        log.run(tbl, rowId, col, change.value, hlc, prev, store.siteId, deps.user.userName, winnerVoided ? 1 : 0, recordedAt, change.hlc);
        prev = hlc;
        last = hlc;
      }
      if (winnerVoided) setVersion.run(tbl, rowId, col, last);
    }
    store.rememberClock();

    const isVoided = store.sqlite.prepare('SELECT 1 FROM change_log WHERE hlc = ? AND voided = 1 LIMIT 1');
    for (const peer of store.sqlite.prepare('SELECT * FROM sync_peer').all() as SyncPeerRow[]) {
      const ack = ackOf(peer);
      const kept = Object.fromEntries(Object.entries(ack).filter(([, mark]) => !isVoided.get(mark)));
      if (Object.keys(kept).length !== Object.keys(ack).length) savePeer(store, { ...peer, ack_json: JSON.stringify(kept) });
    }
    return future.length;
  });
  if (redated > 0) deps.events('data.changed', { tables: [...tables] });
  return { redated, clock: clockStatus(deps) };
}
