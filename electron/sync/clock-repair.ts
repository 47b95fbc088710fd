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
    const fieldKey = (c: { tbl: string; row_id: string; col: string }) => `${c.tbl}\u0000${c.row_id}\u0000${c.col}`;
    // Whether each field's winner is a wrong-dated change (then its last re-dated value wins again;
    // the value is already the row's value).
    const winnerVoided = new Map<string, boolean>();
    const lastRedated = new Map<string, string>();
    for (const change of future) {
      const key = fieldKey(change);
      if (winnerVoided.has(key)) continue;
      const winner = (version.get(change.tbl, change.row_id, change.col) as { hlc: string } | undefined)?.hlc;
      winnerVoided.set(key, winner !== undefined && voidedHlcs.has(winner));
      const before = (bestLive.get(change.tbl, change.row_id, change.col) as { hlc: string } | undefined)?.hlc;
      if (before) lastRedated.set(key, before);
    }
    // One write, one timestamp: every field a write changed gets the same new timestamp, in the
    // original order, each naming the change it replaces.
    let original = '';
    let redatedHlc = '';
    for (const change of future) {
      if (change.hlc !== original) {
        original = change.hlc;
        redatedHlc = store.clock.next();
      }
      const key = fieldKey(change);
      const applies = winnerVoided.get(key) === true;
      log.run(change.tbl, change.row_id, change.col, change.value, redatedHlc, lastRedated.get(key) ?? null, store.siteId, deps.user.userName, applies ? 1 : 0, recordedAt, change.hlc);
      lastRedated.set(key, redatedHlc);
      if (applies) setVersion.run(change.tbl, change.row_id, change.col, redatedHlc);
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
