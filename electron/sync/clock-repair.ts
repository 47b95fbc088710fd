import type { ClockRepairResult } from '../../shared/sync-record';
import type { AppDeps } from '../app-deps';
import { isVoidedTimestamp } from '../../db/change-log';
import { redateOwnChangesAfter } from '../../db/write-path';
import { applyClockTolerance, clockStatus, latestAllowedHlc } from './clock-policy';
import { ackOf, savePeer, type SyncPeerRow } from './sync-peers';

/**
 * 「以电脑当前时间为准」: the clock repair, for a PC whose date was once wrong (ahead) and is right
 * now (see `clock-policy.ts` for why). In one transaction:
 *
 * (1–3 are the one write path's `redateOwnChangesAfter`; 4 is sync's.)
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
  const { redated } = store.transaction(() => {
    const result = redateOwnChangesAfter(store, deps.user, latestAllowedHlc(store));
    for (const peer of store.sqlite.prepare('SELECT * FROM sync_peer').all() as SyncPeerRow[]) {
      const ack = ackOf(peer);
      const kept = Object.fromEntries(Object.entries(ack).filter(([, mark]) => !isVoidedTimestamp(store, mark)));
      if (Object.keys(kept).length !== Object.keys(ack).length) savePeer(store, { ...peer, ack_json: JSON.stringify(kept) });
    }
    return result;
  });
  return { redated, clock: clockStatus(deps) };
}
