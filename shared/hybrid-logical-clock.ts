/**
 * Hybrid logical clock (HLC) timestamps for per-field last-writer-wins merge, the model of
 * Actual Budget and cr-sqlite. A timestamp is a string that sorts in causal order:
 *
 *   `2026-11-23T06:01:02.345Z-0000-8f3a9c0d12e4b765`
 *    wall-clock milliseconds  counter  site id (16 hex)
 *
 * Comparing two timestamps as strings compares time, then counter, then site id — so the site id
 * is the tie-break between two edits stamped at the same instant on different sites.
 */

/** One HLC timestamp string. */
export type HlcTimestamp = string;

const SITE_ID = /^[0-9a-f]{16}$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/;
/**
 * Timestamps are stored as one sortable INTEGER, `(millis − HLC_EPOCH_MS) × 2048 + counter`
 * (see {@link hlcToInteger}): exact in a JavaScript number until the year 2159, and at most 6 bytes
 * in SQLite for the next decades. So the counter stops at 2047: the 2048th stamp within one
 * millisecond moves to the next millisecond.
 */
const MAX_COUNTER = 0x7ff;
const COUNTER_SPAN = MAX_COUNTER + 1;
/** 2020-01-01T00:00:00Z, the zero of the integer form. */
export const HLC_EPOCH_MS = Date.UTC(2020, 0, 1);
/**
 * How far ahead of this PC's clock another site's timestamp may be and still be applied (the
 * setting `sync.clockToleranceHours` overrides it): about a day, so that two PCs whose dates differ
 * by some hours still sync, while a PC whose date is wrong by days cannot drag everyone's clock —
 * and so every later edit everywhere — into its future. See `electron/sync/clock-policy.ts`.
 */
export const DEFAULT_CLOCK_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** Parts of a timestamp. */
export interface HlcParts {
  millis: number;
  counter: number;
  siteId: string;
}

/** Whether a string is a well-formed site id (16 lower-case hex characters). */
export function isSiteId(value: string): boolean {
  return SITE_ID.test(value);
}

/** The ISO text of the last millisecond formatted: writes made together share it (a bundle formats tens of thousands). */
let lastIsoMillis = Number.NaN;
let lastIso = '';

/** Formats parts as a sortable timestamp string. */
export function formatHlc(parts: HlcParts): HlcTimestamp {
  if (parts.millis !== lastIsoMillis) {
    lastIso = new Date(parts.millis).toISOString();
    lastIsoMillis = parts.millis;
  }
  return `${lastIso}-${parts.counter.toString(16).padStart(4, '0')}-${parts.siteId}`;
}

/** The time text of the last timestamp parsed, and its milliseconds: writes made together share it. */
let lastParsedIso = '';
let lastParsedMillis = Number.NaN;

/** Parses a timestamp; returns null when malformed. */
export function parseHlc(value: string): HlcParts | null {
  const match = TIMESTAMP.exec(value);
  if (!match) return null;
  let millis: number;
  if (match[1] === lastParsedIso) millis = lastParsedMillis;
  else {
    millis = Date.parse(match[1]);
    lastParsedIso = match[1];
    lastParsedMillis = millis;
  }
  const counter = parseInt(match[2], 16);
  if (Number.isNaN(millis) || counter > MAX_COUNTER) return null;
  return { millis, counter, siteId: match[3] };
}

/** The integer form of a timestamp's time and counter (the site is stored beside it). */
export function hlcToInteger(millis: number, counter: number): number {
  return (millis - HLC_EPOCH_MS) * COUNTER_SPAN + counter;
}

/** The time and counter of an integer timestamp. */
export function hlcFromInteger(value: number): { millis: number; counter: number } {
  const counter = ((value % COUNTER_SPAN) + COUNTER_SPAN) % COUNTER_SPAN;
  return { millis: (value - counter) / COUNTER_SPAN + HLC_EPOCH_MS, counter };
}

/** The timestamp string of an integer timestamp and its site. */
export function formatIntegerHlc(value: number, siteId: string): HlcTimestamp {
  const { millis, counter } = hlcFromInteger(value);
  return formatHlc({ millis, counter, siteId });
}

/**
 * The integer form of a timestamp string, or null when malformed. Bounds such as
 * `…-ffff-ffffffffffffffff` (any counter, any site) are accepted: a counter above the largest one
 * is taken as the largest.
 */
export function integerOfHlc(value: string): number | null {
  const match = TIMESTAMP.exec(value);
  if (!match) return null;
  const millis = Date.parse(match[1]);
  if (Number.isNaN(millis)) return null;
  return hlcToInteger(millis, Math.min(parseInt(match[2], 16), MAX_COUNTER));
}

/** The site that issued a timestamp. */
export function siteOfHlc(value: HlcTimestamp): string {
  return value.slice(-16);
}

/**
 * The clock of one site. `next()` stamps a local change; `observe()` moves the clock past a
 * remote timestamp so that a later local edit always sorts after what this site has seen.
 */
export class HybridLogicalClock {
  private millis = 0;
  private counter = 0;

  constructor(
    readonly siteId: string,
    private readonly wallClock: () => number,
    last?: HlcTimestamp | null,
    /** How far past wall time {@link observeRemote} may move the clock (default about a day). */
    private readonly toleranceMs: () => number = () => DEFAULT_CLOCK_TOLERANCE_MS,
  ) {
    if (!isSiteId(siteId)) throw new Error(`站点标识格式不正确：${siteId}`);
    if (last) this.observe(last);
  }

  /** A new timestamp for a local change, strictly after every timestamp issued or observed. */
  next(): HlcTimestamp {
    this.advance();
    return formatHlc({ millis: this.millis, counter: this.counter, siteId: this.siteId });
  }

  /** {@link next} in its integer form ({@link hlcToInteger}; the site is this clock's). */
  nextInteger(): number {
    this.advance();
    return hlcToInteger(this.millis, this.counter);
  }

  private advance(): void {
    const wall = this.wallClock();
    if (wall > this.millis) {
      this.millis = wall;
      this.counter = 0;
    } else {
      this.counter += 1;
      if (this.counter > MAX_COUNTER) {
        this.millis += 1;
        this.counter = 0;
      }
    }
  }

  /**
   * Moves the clock past a timestamp seen in another site's change — unless that timestamp is more
   * than the tolerance ahead of this PC's wall clock: then the clock stays where it is (and the
   * caller should not apply that change; the import holds it). Returns whether it was within.
   */
  observeRemote(remote: HlcTimestamp): boolean {
    const parts = parseHlc(remote);
    if (!parts) throw new Error(`时间戳格式不正确：${remote}`);
    return this.observeRemoteParts(parts);
  }

  /** {@link observeRemote} of a timestamp already parsed (an import parses each once). */
  observeRemoteParts(parts: HlcParts): boolean {
    if (parts.millis > this.wallClock() + this.toleranceMs()) return false;
    this.observeParts(parts);
    return true;
  }

  /**
   * How many milliseconds this clock is ahead of the PC's wall clock (0 or less when it is not):
   * more than the tolerance means the PC's date is now earlier than edits already in the ledger.
   */
  aheadOfWallMs(): number {
    return this.millis - this.wallClock();
  }

  /**
   * Sets the clock back to `last` (or to nothing): only for the clock repair, which has voided
   * every change of this site stamped after it (see `electron/sync/clock-repair.ts`).
   */
  resetTo(last: HlcTimestamp | null): void {
    this.millis = 0;
    this.counter = 0;
    if (last) this.observe(last);
  }

  /** Moves the clock past a timestamp this site trusts: its own, loaded from the store. */
  observe(remote: HlcTimestamp): void {
    const parts = parseHlc(remote);
    if (!parts) throw new Error(`时间戳格式不正确：${remote}`);
    this.observeParts(parts);
  }

  private observeParts(parts: HlcParts): void {
    if (parts.millis > this.millis || (parts.millis === this.millis && parts.counter > this.counter)) {
      this.millis = parts.millis;
      this.counter = parts.counter;
    }
  }

  /** The last timestamp issued or observed (for persisting across restarts). */
  current(): HlcTimestamp {
    return formatHlc({ millis: this.millis, counter: this.counter, siteId: this.siteId });
  }
}
