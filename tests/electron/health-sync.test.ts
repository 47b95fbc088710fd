import { describe, expect, it } from 'vitest';
import { craftedBundle, hlcAt, wireChange } from '../support/crafted-bundles';
import { carry, importInto, tableRows, bureauWithTwoStations, stationIdOf, rowIn } from '../support/sync-sites';

/**
 * Health records are synced tables like the roster's: a station's go up to its bureau (which
 * counts its stations' coverage), the bureau's abnormal items come down, and the authority of the
 * one write path holds for them — checked with bundles crafted with the sender's real keys.
 */



describe('health records in sync bundles', () => {
  it("a station's checkups, screenings, interventions and medical events reach the bureau, which counts them; never the sibling station", async () => {
    const { bureau, north, south, northPerson } = await bureauWithTwoStations();
    const checkup = await north.client.call('health.checkup.save', { staffId: northPerson.id, date: '2026-05-10', conclusion: '异常需复查', abnormalItems: ['高血压'], followUpDue: '2026-08-01' });
    const screening = await north.client.call('health.screening.save', { staffId: northPerson.id, date: '2026-11-01', instrument: 'PHQ-9', level: '预警' });
    const session = await north.client.call('health.intervention.save', { staffId: northPerson.id, date: '2026-11-05', form: '面谈' });
    const event = await north.client.call('health.event.save', { staffId: northPerson.id, kind: '住院', startDate: '2026-11-20', diagnosis: '肺炎' });
    const summary = await carry(north, bureau);
    expect(summary.rejected).toBe(0);
    expect(rowIn(bureau, 'health_checkup', checkup.id)).toMatchObject({ staff_id: northPerson.id, station_id: stationIdOf(north), abnormal_items: '高血压' });
    expect(rowIn(bureau, 'psych_screening', screening.id)).toMatchObject({ level: '预警' });
    expect(rowIn(bureau, 'psych_intervention', session.id)).toMatchObject({ form: '面谈' });
    expect(rowIn(bureau, 'medical_event', event.id)).toMatchObject({ diagnosis: '肺炎', end_date: null });

    const coverage = await bureau.client.call('health.coverage', { year: 2026 });
    expect(coverage.total).toEqual({ active: 2, checked: 1, percent: 50 });
    expect(await bureau.client.call('health.summary', {})).toMatchObject({ inHospital: 1, levels: { 预警: 1 }, overdueFollowUps: 1 });

    await carry(bureau, south);
    for (const table of ['health_checkup', 'psych_screening', 'psych_intervention', 'medical_event']) expect(tableRows(south.store, table), table).toEqual([]);
  });

  it("the bureau's abnormal items go down to its stations; a station's own go up only", async () => {
    const { bureau, north, south } = await bureauWithTwoStations();
    await bureau.client.call('health.addItems', { names: ['尘肺'] });
    await north.client.call('health.addItems', { names: ['职业性耳聋'] });
    await carry(north, bureau);
    await carry(bureau, north);
    await carry(bureau, south);
    expect((await north.client.call('health.vocabulary', {})).filter((e) => e.source !== '内置')).toEqual([
      { name: '尘肺', source: '上级下发' },
      { name: '职业性耳聋', source: '本单位' },
    ]);
    expect((await south.client.call('health.vocabulary', {})).filter((e) => e.source !== '内置')).toEqual([{ name: '尘肺', source: '上级下发' }]);
  });

  it("refuses a health row a station writes for another station's person, and its edit of another station's record", async () => {
    const { bureau, north, south, clock, southPerson } = await bureauWithTwoStations();
    const southEvent = await south.client.call('health.event.save', { staffId: southPerson.id, kind: '因公负伤', startDate: '2026-11-02', diagnosis: '左腕骨折' });
    await carry(south, bureau);
    clock.advance(60_000);
    const site = north.store.siteId;
    const crafted = await craftedBundle(north, bureau, (p) => {
      const h = hlcAt(clock.now, site, 1);
      p.changes.push(wireChange('health_checkup', 'hc-forged', 'station_id', stationIdOf(north), h));
      p.changes.push(wireChange('health_checkup', 'hc-forged', 'staff_id', southPerson.id, h));
      p.changes.push(wireChange('health_checkup', 'hc-forged', 'conclusion', '重大疾病', h));
      p.changes.push(wireChange('medical_event', southEvent.id, 'diagnosis', '篡改的诊断', hlcAt(clock.now, site, 2)));
    });
    const summary = await importInto(bureau, crafted);
    expect(summary.withheld.map((w) => `${w.tableLabel}:${w.reason}`).sort()).toEqual([
      '体检:PERSON_NOT_OURS',
      '体检:PERSON_NOT_OURS',
      '体检:PERSON_NOT_OURS',
      '就医:ROW_NOT_OURS',
    ]);
    expect(rowIn(bureau, 'health_checkup', 'hc-forged')).toBeUndefined();
    expect(rowIn(bureau, 'medical_event', southEvent.id)?.diagnosis).toBe('左腕骨折');
    expect((await bureau.client.call('sync.withheld', {})).find((w) => w.rowId === southEvent.id)).toMatchObject({ fieldLabel: '诊断', value: '篡改的诊断' });
  });
});
