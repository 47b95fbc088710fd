import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, HybridLogicalClock, isSiteId, parseHlc, siteOfHlc, type HlcParts } from '../../shared/hybrid-logical-clock';

const SITE_A = '00000000000000aa';
const SITE_B = 'ffffffffffffff01';
const T = Date.parse('2026-11-23T02:00:00.000Z');

function isStrictlyIncreasing(values: string[]): boolean {
  return values.every((value, i) => i === 0 || value > values[i - 1]);
}

/** Compares parts as the causal order: time, then counter, then site id. */
function compareParts(a: HlcParts, b: HlcParts): number {
  if (a.millis !== b.millis) return a.millis < b.millis ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const siteIdArb = fc.stringMatching(/^[0-9a-f]{16}$/);
const partsArb = fc.record({
  // Years 1970–9999: the range a four-digit ISO year can show.
  millis: fc.integer({ min: 0, max: Date.parse('9999-12-31T23:59:59.999Z') }),
  counter: fc.integer({ min: 0, max: 0x7ff }),
  siteId: siteIdArb,
});

describe('HybridLogicalClock', () => {
  it('stamps in the documented format, ending with the site id', () => {
    const clock = new HybridLogicalClock(SITE_A, () => T);
    const stamp = clock.next();
    expect(stamp).toBe(`2026-11-23T02:00:00.000Z-0000-${SITE_A}`);
    expect(siteOfHlc(stamp)).toBe(SITE_A);
    expect(parseHlc(stamp)).toEqual({ millis: T, counter: 0, siteId: SITE_A });
  });

  it('stays strictly monotonic when the wall clock is frozen', () => {
    const clock = new HybridLogicalClock(SITE_A, () => T);
    const stamps = Array.from({ length: 1000 }, () => clock.next());
    expect(isStrictlyIncreasing(stamps)).toBe(true);
    expect(parseHlc(stamps[999])).toEqual({ millis: T, counter: 999, siteId: SITE_A });
  });

  it('stays strictly monotonic when the wall clock goes backwards (a PC whose date was corrected)', () => {
    let wall = T;
    const clock = new HybridLogicalClock(SITE_A, () => wall);
    const before = [clock.next(), clock.next()];
    wall = T - 3 * 24 * 60 * 60 * 1000;
    const after = [clock.next(), clock.next()];
    expect(isStrictlyIncreasing([...before, ...after])).toBe(true);
    // Once real time passes the old high-water mark the clock follows the wall again.
    wall = T + 5000;
    expect(parseHlc(clock.next())).toEqual({ millis: T + 5000, counter: 0, siteId: SITE_A });
  });

  it('carries a counter overflow into the next millisecond instead of wrapping', () => {
    const clock = new HybridLogicalClock(SITE_A, () => T, formatHlc({ millis: T, counter: 0x7fe, siteId: SITE_A }));
    const a = clock.next();
    const b = clock.next();
    expect(parseHlc(a)).toEqual({ millis: T, counter: 0x7ff, siteId: SITE_A });
    expect(parseHlc(b)).toEqual({ millis: T + 1, counter: 0, siteId: SITE_A });
    expect(b > a).toBe(true);
  });

  it('survives 70 000 stamps in one frozen millisecond', () => {
    const clock = new HybridLogicalClock(SITE_A, () => T);
    let previous = clock.next();
    for (let i = 0; i < 70_000; i += 1) {
      const stamp = clock.next();
      if (!(stamp > previous)) throw new Error(`not monotonic at ${i}: ${previous} then ${stamp}`);
      previous = stamp;
    }
    expect(parseHlc(previous)?.millis).toBe(T + Math.floor(70_000 / 2048));
  });

  it('moves ahead of an observed remote timestamp, so the next local edit sorts after it', () => {
    const clock = new HybridLogicalClock(SITE_A, () => T);
    clock.next();
    const remote = formatHlc({ millis: T + 60_000, counter: 7, siteId: SITE_B });
    clock.observe(remote);
    const local = clock.next();
    expect(local > remote).toBe(true);
    expect(parseHlc(local)).toEqual({ millis: T + 60_000, counter: 8, siteId: SITE_A });
  });

  it('does not go back when it observes an older remote timestamp', () => {
    const clock = new HybridLogicalClock(SITE_A, () => T);
    const mine = clock.next();
    clock.observe(formatHlc({ millis: T - 1000, counter: 99, siteId: SITE_B }));
    expect(clock.current()).toBe(mine);
    expect(clock.next() > mine).toBe(true);
  });

  it('resumes from a remembered timestamp after a restart with an earlier wall clock', () => {
    const first = new HybridLogicalClock(SITE_A, () => T);
    first.next();
    const remembered = first.next();
    const restarted = new HybridLogicalClock(SITE_A, () => T - 3_600_000, first.current());
    expect(restarted.next() > remembered).toBe(true);
  });

  it('refuses a malformed site id or timestamp', () => {
    expect(() => new HybridLogicalClock('XYZ', () => T)).toThrow(/站点标识/);
    const clock = new HybridLogicalClock(SITE_A, () => T);
    expect(() => clock.observe('yesterday')).toThrow(/时间戳/);
    expect(parseHlc(`2026-11-23T02:00:00.000Z-0000-${SITE_A.toUpperCase()}`)).toBeNull();
    expect(parseHlc('2026-13-45T99:00:00.000Z-0000-00000000000000aa')).toBeNull();
    expect(isSiteId(SITE_A)).toBe(true);
    expect(isSiteId('0123')).toBe(false);
  });

  it('formats so that string order is causal order (time, counter, site id)', () => {
    fc.assert(
      fc.property(partsArb, partsArb, (a, b) => {
        expect(compareStrings(formatHlc(a), formatHlc(b))).toBe(compareParts(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('parses what it formats', () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        expect(parseHlc(formatHlc(parts))).toEqual(parts);
      }),
    );
  });

  it('issues strictly increasing stamps, each after everything observed, under any wall clock and remote traffic', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('tick' as const), wallDelta: fc.integer({ min: -86_400_000, max: 86_400_000 }) }),
      fc.record({ kind: fc.constant('observe' as const), remote: partsArb.map((p) => ({ ...p, millis: Math.min(p.millis, T + 86_400_000 * 30) })) }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        let wall = T;
        const clock = new HybridLogicalClock(SITE_A, () => wall);
        let highest = '';
        for (const s of steps) {
          if (s.kind === 'tick') {
            wall = Math.max(0, wall + s.wallDelta);
            const stamp = clock.next();
            expect(stamp > highest).toBe(true);
            highest = stamp;
          } else {
            const remote = formatHlc(s.remote);
            clock.observe(remote);
            if (remote > highest) highest = remote;
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
