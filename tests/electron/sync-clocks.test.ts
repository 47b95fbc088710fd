import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../shared/contract/api-contract';
import { parseHlc } from '../../shared/hybrid-logical-clock';
import { craftedBundle, hlcAt, wireChange } from '../support/crafted-bundles';
import { carry, createSites, dumpStore, exportFor, importInto, openStationFile, personInput, stationFromSetup, type Site } from '../support/sync-sites';
import { manualClock } from '../support/test-ledger';
import { allLoggedChanges, valueStorageProblems } from '../../db/change-log';

/**
 * The review's finding 6 (issue 7): clocks. A change dated more than the tolerance (about a day)
 * ahead of the receiver's clock is held and listed, the rest of the bundle applies, the receiver's
 * clock does not move; a PC whose date was wrong gets a clear message before it writes anything,
 * and once its clock is repaired it syncs again without its later edits losing to its earlier
 * wrong-dated ones.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

function clockAheadOfWall(site: Site): number {
  return (parseHlc(site.store.clock.current())?.millis ?? 0) - site.store.now();
}

function row(site: Site, table: string, id: string): Record<string, unknown> | undefined {
  return site.store.sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
}

describe('6. changes dated ahead of this PC', () => {
  it('holds a change 2 days or 400 days ahead, applies the rest, and never lets it drag the clock', async () => {
    const { bureau, stations, clock } = await createSites(2);
    const [north, south] = stations;
    const person = await north.client.call('staff.save', personInput(1));
    await carry(north, bureau);
    clock.advance(60_000);
    const fresh = await north.client.call('staff.save', personInput(2));
    const site = north.store.siteId;
    const crafted = await craftedBundle(north, bureau, (p) => {
      p.changes.push(wireChange('staff', person.id, 'notes', '两天后', hlcAt(clock.now + 2 * DAY, site, 1), '北山干事'));
      p.changes.push(wireChange('staff', person.id, 'phone', '13900000000', hlcAt(clock.now + 400 * DAY, site, 2), '北山干事'));
    });
    const summary = await importInto(bureau, crafted);
    expect({ held: summary.held, rejected: summary.rejected }).toEqual({ held: 2, rejected: 0 });
    expect(summary.withheld[0]).toMatchObject({ kind: 'held', reason: 'CLOCK_AHEAD', peerCode: north.code, fieldLabel: '备注', userName: '北山干事' });
    expect(summary.withheld[0].detail).toMatch(/晚了 24 小时以上.*自动导入/);
    // The rest of the file applied; the held values did not.
    expect(row(bureau, 'staff', fresh.id)).toBeDefined();
    expect(row(bureau, 'staff', person.id)).toMatchObject({ notes: null, phone: personInput(1).phone });
    // The bureau's clock stayed with its wall clock, so a station with a right clock is not affected.
    expect(clockAheadOfWall(bureau)).toBeLessThanOrEqual(HOUR);
    await bureau.client.call('settings.set', { key: 'station.minimumOnDuty', value: 15 });
    const down = await carry(bureau, south);
    expect({ held: down.held, rejected: down.rejected }).toEqual({ held: 0, rejected: 0 });

    // Resent with every bundle, listed once.
    await importInto(bureau, crafted);
    expect((await bureau.client.call('sync.withheld', {})).filter((w) => w.kind === 'held')).toHaveLength(2);
    expect((await bureau.client.call('sync.status', {})).withheldHeld).toBe(2);

    // Once the bureau's clock reaches the 2-day change, it applies by itself; the 400-day one waits.
    clock.advance(2 * DAY);
    expect(await bureau.client.call('sync.releaseHeld', {})).toEqual({ released: 1 });
    expect(row(bureau, 'staff', person.id)?.notes).toBe('两天后');
    expect((await bureau.client.call('sync.withheld', {})).map((w) => w.fieldLabel)).toEqual(['手机号码']);

    // The clerk may discard a held change: it is then never applied, nor listed again.
    const [held] = await bureau.client.call('sync.withheld', {});
    await bureau.client.call('sync.dismissWithheld', { ids: [held.id] });
    expect(await bureau.client.call('sync.withheld', {})).toEqual([]);
    await importInto(bureau, crafted);
    expect(await bureau.client.call('sync.withheld', {})).toEqual([]);
    await expect(bureau.client.call('sync.dismissWithheld', { ids: [held.id] })).rejects.toMatchObject({ code: 'SYNC_WITHHELD_NOT_FOUND' });
  });

  it('takes the tolerance from the settings', async () => {
    const { bureau, stations, clock } = await createSites(1);
    const [north] = stations;
    const person = await north.client.call('staff.save', personInput(1));
    await carry(north, bureau);
    await bureau.client.call('settings.set', { key: 'sync.clockToleranceHours', value: 72 });
    const crafted = await craftedBundle(north, bureau, (p) => {
      p.changes.push(wireChange('staff', person.id, 'notes', '两天后', hlcAt(clock.now + 2 * DAY, north.store.siteId, 1)));
    });
    expect((await importInto(bureau, crafted)).held).toBe(0);
    expect(row(bureau, 'staff', person.id)?.notes).toBe('两天后');
  });
});

describe('6. a PC whose date was wrong', () => {
  it('is told before it writes anything, and after the clock repair syncs again without its later edits losing', async () => {
    const clock = manualClock();
    const { bureau } = await createSites(0, clock);
    // The PC's date is three months ahead when it is set up and used.
    const eastClock = manualClock(clock.now + 90 * DAY);
    const east = await stationFromSetup(await openStationFile(bureau, '330102-07', '东园派出所'), { code: '330102-07', name: '东园派出所', clock: eastClock });
    const person = await east.client.call('staff.save', personInput(5));
    const first = await carry(east, bureau);
    expect(first.registeredSender).toBe(true);
    expect(first.held).toBeGreaterThan(0);
    expect(row(bureau, 'staff', person.id)).toBeUndefined();

    // The clerk corrects the date. Nothing may be written with the clock still three months ahead.
    eastClock.now = clock.now;
    const before = dumpStore(east.store);
    const refused = (await east.client.call('staff.save', { ...personInput(5), id: person.id, notes: '改正日期后' }).catch((e: unknown) => e)) as ApiCallError;
    expect(refused).toBeInstanceOf(ApiCallError);
    expect(refused.code).toBe('CLOCK_BEHIND_LEDGER');
    expect(refused.message).toMatch(/电脑日期可能不对.*以电脑当前时间为准/);
    expect(dumpStore(east.store)).toEqual(before);
    const status = await east.client.call('app.clockStatus', {});
    expect(status).toMatchObject({ ok: false, toleranceHours: 24 });
    expect(status.aheadDays).toBeGreaterThanOrEqual(89);
    expect(status.futureChanges).toBeGreaterThan(0);

    // 以电脑当前时间为准: the wrong-dated edits are re-dated to now; values unchanged.
    const repaired = await east.client.call('sync.repairClock', {});
    expect(repaired.redated).toBe(status.futureChanges);
    expect(repaired.clock.ok).toBe(true);
    // Each re-dated change carries the value of the change it replaces; the voided one keeps its own.
    expect(valueStorageProblems(east.store)).toEqual([]);
    const logged = allLoggedChanges(east.store);
    const replacements = logged.filter((c) => c.replaces !== null);
    expect(replacements.length).toBe(repaired.redated);
    for (const c of replacements) {
      const original = logged.find((o) => o.hlc === c.replaces && o.table === c.table && o.rowId === c.rowId && o.column === c.column);
      expect({ voided: original?.voided, value: original?.value }).toEqual({ voided: true, value: c.value });
    }
    expect((await east.client.call('staff.get', { id: person.id })).staff.name).toBe(person.name);
    await east.client.call('staff.save', { ...personInput(5), id: person.id, notes: '改正日期后' });

    // The bureau drops the held originals for their replacements, and the later edit is in force.
    const second = await carry(east, bureau);
    expect(second.held).toBe(0);
    expect(await bureau.client.call('sync.withheld', {})).toEqual([]);
    expect(row(bureau, 'staff', person.id)).toMatchObject({ name: person.name, notes: '改正日期后' });
    // Even when the bureau's clock passes the old wrong dates, nothing of them comes back.
    clock.advance(100 * DAY);
    eastClock.now = clock.now;
    expect(await bureau.client.call('sync.releaseHeld', {})).toEqual({ released: 0 });
    await carry(east, bureau);
    expect(row(bureau, 'staff', person.id)?.notes).toBe('改正日期后');
    // And the bureau's bundle back to the station carries nothing it would hold.
    const down = await importInto(east, await exportFor(bureau, east));
    expect({ held: down.held, rejected: down.rejected }).toEqual({ held: 0, rejected: 0 });
    for (const site of [east, bureau]) expect(valueStorageProblems(site.store)).toEqual([]);
  });

  it('voids a wrong-dated change the receiver had already applied, so the correction wins', async () => {
    const { bureau, stations, clock } = await createSites(1);
    const [north] = stations;
    const person = await north.client.call('staff.save', personInput(1));
    await carry(north, bureau);
    // The bureau tolerates 30 days; the station's PC runs 20 days ahead for one edit.
    await bureau.client.call('settings.set', { key: 'sync.clockToleranceHours', value: 720 });
    const realNow = clock.now;
    clock.now = realNow + 20 * DAY;
    await north.client.call('staff.save', { ...personInput(1), id: person.id, notes: '快了20天' });
    clock.now = realNow + 60_000;
    expect((await carry(north, bureau)).held).toBe(0);
    expect(row(bureau, 'staff', person.id)?.notes).toBe('快了20天');

    const repaired = await north.client.call('sync.repairClock', {});
    expect(repaired.redated).toBeGreaterThan(0);
    await north.client.call('staff.save', { ...personInput(1), id: person.id, notes: '改正后' });
    await carry(north, bureau);
    expect(row(bureau, 'staff', person.id)?.notes).toBe('改正后');
    const voided = { n: allLoggedChanges(bureau.store).filter((c) => c.voided && c.rowId === person.id).length };
    expect(voided.n).toBeGreaterThan(0);
    // The marks that named the voided change are forgotten: the station's next edits still go up.
    await carry(bureau, north);
    clock.advance(60_000);
    await north.client.call('staff.save', { ...personInput(1), id: person.id, notes: '再改' });
    await carry(north, bureau);
    expect(row(bureau, 'staff', person.id)?.notes).toBe('再改');
    // The voided change at the bureau keeps its value; the bureau's history still shows it.
    expect(allLoggedChanges(bureau.store).some((c) => c.voided && c.rowId === person.id && c.value === '快了20天')).toBe(true);
    for (const site of [north, bureau]) expect(valueStorageProblems(site.store)).toEqual([]);
  });
});
