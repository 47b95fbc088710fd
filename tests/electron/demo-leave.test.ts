import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoLedger } from '../../electron/cli/commands/roster-commands';
import { createHandlerRegistry } from '../../electron/handlers/all-handlers';
import { openRosterTestApp, type RosterTestApp } from '../support/roster-client';

/**
 * The leave of the demo station (`seed --leave`, `serve --demo`): a year of leave and duty through
 * the same rules as the forms, with a 事假 case that takes a year's annual leave and a plan below
 * the minimum strength, confirmed.
 */
describe('the demo leave', () => {
  let app: RosterTestApp;
  beforeAll(async () => {
    app = await openRosterTestApp();
  });
  afterAll(() => app.close());

  it('holds a year of leave, a 事假 case that loses annual leave and a plan below the minimum strength', async () => {
    // 40 people: a station where someone is away on most days (the plan was left out when no two days were free).
    const summary = await seedDemoLedger({ store: app.store, deps: app.deps, registry: createHandlerRegistry(), client: app.client }, { staff: 40, years: 1, seed: 7, leave: true });
    expect(summary.leave).toMatchObject({ leaves: expect.any(Number), duty: expect.any(Number) });
    expect(summary.leave?.leaves).toBeGreaterThan(40);
    const balances = await app.client.call('leave.entitlement', { year: 2026 });
    const loser = balances.find((b) => b.name === summary.leave?.personalLeaveCase);
    expect(loser).toMatchObject({ entitled: 0, reason: expect.stringContaining('事假累计') });
    expect(summary.leave?.belowMinimum.length).toBeGreaterThan(0);
    const month = await app.client.call('leave.stationMonth', { month: (summary.leave?.belowMinimum[0] ?? '').slice(0, 7) });
    const day = month.days.find((d) => d.date === summary.leave?.belowMinimum[0]);
    expect(day).toMatchObject({ belowMinimum: true });
    // The plan is the only one below the minimum: no day of the year seeded before it is.
    for (let m = 1; m <= 12; m += 1) {
      const days = (await app.client.call('leave.stationMonth', { month: `2025-${String(m).padStart(2, '0')}` })).days;
      expect(days.filter((d) => d.belowMinimum).map((d) => d.date)).toEqual([]);
    }
    for (let m = 1; m <= 12; m += 1) {
      const days = (await app.client.call('leave.stationMonth', { month: `2026-${String(m).padStart(2, '0')}` })).days;
      for (const d of days.filter((day) => day.belowMinimum)) expect(summary.leave?.belowMinimum).toContain(d.date);
    }
    const list = await app.client.call('leave.list', { year: 2026 });
    expect(list.some((l) => l.strengthConfirm)).toBe(true);
    expect(new Set(list.map((l) => l.type)).size).toBeGreaterThanOrEqual(4);
  });
});
