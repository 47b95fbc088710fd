import { chinaDateTimeOf } from '../../shared/china-date';
import { parseHlc } from '../../shared/hybrid-logical-clock';
import type { ClockStatus } from '../../shared/sync-record';
import { liveChangesAfter } from '../../db/change-log';
import type { LedgerStore } from '../../db/ledger-store';
import { clockBehindLedger } from '../../db/write-path';
import type { AppDeps } from '../app-deps';
import { clockToleranceMsOf } from '../../shared/settings-catalog';
import { readSettings } from '../handlers/app-handlers';

/**
 * CLOCKS. Every change is stamped by a hybrid logical clock (HLC): the PC's wall time, pushed past
 * every timestamp the site has seen, so a later edit always sorts after what it was made on top of.
 * That makes a wrong PC date dangerous in two ways, and the rules below answer both:
 *
 * 1. Another PC's date is wrong (ahead). Its changes would win every field for as long as its date
 *    is ahead, and — observed — drag this site's clock, and so every later edit here, into its
 *    future. So a change stamped more than the tolerance (setting `sync.clockToleranceHours`,
 *    about a day) ahead of this PC's clock is HELD: not applied, not logged, the clock not moved;
 *    listed for the clerk with its sender, field and time; applied by itself once this PC's time
 *    reaches it (`releaseHeld`); replaced when its PC repairs its clock (below). The rest of the
 *    bundle applies. Observing never moves the clock more than the tolerance past wall time.
 *
 * 2. This PC's date was wrong (ahead) and has been corrected: the ledger holds its own edits dated
 *    in the future, and its clock — which never goes back — would stamp every new edit after them,
 *    with the wrong date; worse, were the clock let go back, the new edits would lose against the
 *    old wrong-dated ones everywhere. So before anything is written (`clockBehindLedger`, checked
 *    by the one write path) the clerk is told the PC's date looks wrong: either it is wrong now
 *    (correct it, nothing else to do), or it was wrong then — and the clock repair
 *    (`clock-repair.ts`, 「以电脑当前时间为准」) re-dates this site's future-dated edits to now, in
 *    their order, each new change naming the one it replaces (`x` in a bundle). Receivers void the
 *    replaced change (it was held there, or applied: then the field falls back and the replacement
 *    wins), so the PC syncs again and its later edits are not lost to its earlier wrong-dated ones.
 */

const HOUR_MS = 3_600_000;

/** Reads the tolerance setting into the store (the write path and the import read it there). */
export function applyClockTolerance(deps: AppDeps): number {
  deps.store.clockToleranceMs = clockToleranceMsOf(readSettings(deps));
  return deps.store.clockToleranceMs;
}

/** The latest timestamp an applied change may have now: any change at this PC's time + tolerance. */
export function latestAllowedHlc(store: LedgerStore): string {
  return `${new Date(store.now() + store.clockToleranceMs).toISOString()}-ffff-ffffffffffffffff`;
}

/** How many of this site's own live changes are dated after now + tolerance. */
export function futureOwnChanges(store: LedgerStore): number {
  const cutoff = latestAllowedHlc(store);
  return liveChangesAfter(store, store.siteId, cutoff);
}

/** Whether this PC's date looks wrong (the ledger holds edits dated after it), for the banner. */
export function clockStatus(deps: AppDeps): ClockStatus {
  const { store } = deps;
  applyClockTolerance(deps);
  const behind = clockBehindLedger(store);
  const ledgerMillis = parseHlc(store.clock.current())?.millis ?? 0;
  const ahead = Math.max(0, ledgerMillis - store.now());
  return {
    ok: behind === null,
    pcTime: store.nowText(),
    ledgerTime: ledgerMillis > 0 ? chinaDateTimeOf(ledgerMillis) : store.nowText(),
    aheadDays: behind ? Math.ceil(ahead / (24 * HOUR_MS)) : 0,
    toleranceHours: Math.round(store.clockToleranceMs / HOUR_MS),
    futureChanges: futureOwnChanges(store),
    message: behind?.message ?? null,
  };
}
