import { describe, expect, it } from 'vitest';
import { craftedBundle, hlcAt, wireChange } from '../support/crafted-bundles';
import { carry, importInto, bureauWithTwoStations, stationIdOf, rowIn } from '../support/sync-sites';

/**
 * Visits and standards are synced tables: a station's visits go up to its bureau; the bureau's
 * standards come down and apply at the station from their effective date; the authority of the one
 * write path holds — checked with bundles crafted with the sender's real keys.
 */



describe('visits and standards in sync bundles', () => {
  it('the bureau edits a standard; the station applies it from its effective date, to events on or after it', async () => {
    const { bureau, north, northPerson } = await bureauWithTwoStations();
    await bureau.client.call('visits.saveStandard', { kind: '住院慰问', effectiveFrom: '2026-11-15', eventCapFen: 150000, timesPerYear: 2, funding: '工会经费', note: '市局2026年第8号' });
    await carry(bureau, north);
    expect(await north.client.call('visits.standardOn', { kind: '住院慰问', date: '2026-11-15' })).toMatchObject({ eventCapFen: 150000, source: '上级下发' });
    const visit = { staffId: northPerson.id, kind: '住院慰问', date: '2026-11-20', cashFen: 120000, funding: '工会经费' } as const;
    // An admission of 14 November: the old cap (¥1,000) applies.
    await expect(north.client.call('visits.save', { ...visit, event: '住院A', eventDate: '2026-11-14' })).rejects.toMatchObject({ code: 'VISIT_NEEDS_CONFIRMATION', message: expect.stringContaining('¥1,000.00') });
    const saved = await north.client.call('visits.save', { ...visit, event: '住院B', eventDate: '2026-11-15' });

    const summary = await carry(north, bureau);
    expect(summary.rejected).toBe(0);
    expect(rowIn(bureau, 'welfare_visit', saved.id)).toMatchObject({ staff_id: northPerson.id, station_id: stationIdOf(north), cash_fen: 120000, event_date: '2026-11-15' });
  });

  it("refuses a station's standard, its visit for another station's person, its edit of another station's visit, and a forged origin", async () => {
    const { bureau, north, south, clock, southPerson } = await bureauWithTwoStations();
    const southVisit = await south.client.call('visits.save', { staffId: southPerson.id, kind: '困难帮扶', date: '2026-11-02', cashFen: 200000, funding: '工会经费' });
    await carry(south, bureau);
    clock.advance(60_000);
    const site = north.store.siteId;
    const crafted = await craftedBundle(north, bureau, (p) => {
      const h = hlcAt(clock.now, site, 1);
      // A standard of its own (its own station_id): standards are the bureau's alone.
      p.changes.push(wireChange('visit_standard', 'std-forged', 'station_id', stationIdOf(north), h));
      p.changes.push(wireChange('visit_standard', 'std-forged', 'kind', '住院慰问', h));
      p.changes.push(wireChange('visit_standard', 'std-forged', 'event_cap_fen', 9_999_900, h));
      const v = hlcAt(clock.now, site, 2);
      p.changes.push(wireChange('welfare_visit', 'visit-forged', 'station_id', stationIdOf(north), v));
      p.changes.push(wireChange('welfare_visit', 'visit-forged', 'staff_id', southPerson.id, v));
      p.changes.push(wireChange('welfare_visit', 'visit-forged', 'cash_fen', 100, v));
      p.changes.push(wireChange('welfare_visit', southVisit.id, 'cash_fen', 1, hlcAt(clock.now, site, 3)));
      // A change stamped with the bureau's own PC.
      p.changes.push(wireChange('welfare_visit', 'visit-origin', 'station_id', stationIdOf(north), hlcAt(clock.now, bureau.store.siteId, 4)));
    });
    const summary = await importInto(bureau, crafted);
    expect(summary.withheld.map((w) => `${w.tableLabel}:${w.reason}`).sort()).toEqual([
      '慰问:ORIGIN_FORGED',
      '慰问:PERSON_NOT_OURS',
      '慰问:PERSON_NOT_OURS',
      '慰问:PERSON_NOT_OURS',
      '慰问:ROW_NOT_OURS',
      '慰问标准:BUREAU_ONLY',
      '慰问标准:BUREAU_ONLY',
      '慰问标准:BUREAU_ONLY',
    ]);
    expect(summary.withheld.find((w) => w.reason === 'BUREAU_ONLY')?.detail).toContain('只能由市局/县局制定并下发');
    expect(rowIn(bureau, 'visit_standard', 'std-forged')).toBeUndefined();
    expect(rowIn(bureau, 'welfare_visit', 'visit-forged')).toBeUndefined();
    expect(rowIn(bureau, 'welfare_visit', southVisit.id)?.cash_fen).toBe(200000);
    expect((await bureau.client.call('visits.standardOn', { kind: '住院慰问', date: '2026-12-01' })).eventCapFen).toBe(100000);
  });

  it('a station never receives another station’s visits; the bureau’s budget stays the bureau’s', async () => {
    const { bureau, north, south, southPerson } = await bureauWithTwoStations();
    await south.client.call('visits.save', { staffId: southPerson.id, kind: '困难帮扶', date: '2026-11-02', cashFen: 200000, funding: '工会经费' });
    await bureau.client.call('visits.setBudget', { year: 2026, funding: '工会经费', amountFen: 1_000_000 });
    await carry(south, bureau);
    await carry(bureau, north);
    expect(north.store.sqlite.prepare('SELECT count(*) AS n FROM welfare_visit').get()).toEqual({ n: 0 });
    expect((await north.client.call('visits.budget', { year: 2026 })).every((b) => b.amountFen === null)).toBe(true);
  });
});
