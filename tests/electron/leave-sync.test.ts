import { describe, expect, it } from 'vitest';
import { craftedBundle, hlcAt, wireChange } from '../support/crafted-bundles';
import { carry, importInto, bureauWithTwoStations, stationIdOf, rowIn } from '../support/sync-sites';

/**
 * Leave, duty and calendars are synced tables: a station's leave goes up to its bureau; the
 * bureau's calendar of a new year comes down and its stations count by it; the authority of the one
 * write path holds — checked with bundles crafted with the sender's real keys.
 */

const calendar2027 = { year: 2027, holidays: ['2027-01-01', '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'], workdays: ['2027-10-09'], notice: '国务院办公厅关于2027年部分节假日安排的通知' };


describe('leave and calendars in sync bundles', () => {
  it('the bureau imports 2027; the station receives it and counts by it; its leave and duty go up to the bureau', async () => {
    const { bureau, north, northPerson, southPerson } = await bureauWithTwoStations({ workStartDate: '2012-07-01', hireDate: '2012-07-01' });
    await expect(north.client.call('leave.count', { type: '年休假', fromDate: '2027-09-27', toDate: '2027-10-08' })).rejects.toMatchObject({ code: 'CALENDAR_MISSING' });
    await bureau.client.call('calendar.save', calendar2027);
    await carry(bureau, north);
    expect((await north.client.call('calendar.list', {}))[0]).toMatchObject({ year: 2027, source: '上级下发', notice: calendar2027.notice });
    // 9-27..9-30 (4), 10-08 (1); 10-01..10-07 off.
    expect((await north.client.call('leave.count', { type: '年休假', fromDate: '2027-09-27', toDate: '2027-10-08' })).days).toBe(5);
    await expect(north.client.call('calendar.save', { ...calendar2027, workdays: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const leave = await north.client.call('leave.save', { staffId: northPerson.id, type: '年休假', fromDate: '2027-09-27', toDate: '2027-10-08', strengthConfirm: '全所仅一人' });
    const duty = await north.client.call('duty.save', { staffId: northPerson.id, date: '2026-10-03', hours: 8 });
    const summary = await carry(north, bureau);
    expect(summary.rejected).toBe(0);
    expect(rowIn(bureau, 'leave_record', leave.id)).toMatchObject({ staff_id: northPerson.id, station_id: stationIdOf(north), half_days: 10, type: '年休假' });
    expect(rowIn(bureau, 'duty_record', duty.id)).toMatchObject({ half_days: 2 });
    expect(rowIn(bureau, 'staff', northPerson.id)).toMatchObject({ hire_date: '2012-07-01' });
    // The bureau sees every station's people (应休尽休 for all stations).
    expect((await bureau.client.call('leave.entitlement', { year: 2026 })).map((b) => b.staffId).sort()).toEqual([northPerson.id, southPerson.id].sort());
  });

  it('疗休养: the station recommends, only the bureau confirms, and the confirmation comes back down', async () => {
    const { bureau, north, northPerson } = await bureauWithTwoStations({ workStartDate: '2012-07-01', hireDate: '2012-07-01' });
    const trip = await north.client.call('leave.save', { staffId: northPerson.id, type: '疗休养', fromDate: '2026-12-14', toDate: '2026-12-18', trip: '2026年优秀民警疗休养（千岛湖）', strengthConfirm: '全所仅一人' });
    await expect(north.client.call('leave.confirmTrip', { id: trip.id })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('市局/县局确认') });
    await carry(north, bureau);
    expect(await bureau.client.call('leave.confirmTrip', { id: trip.id })).toMatchObject({ bureauConfirmed: true, status: '批准', trip: '2026年优秀民警疗休养（千岛湖）' });
    const summary = await carry(bureau, north);
    expect(summary.rejected).toBe(0);
    expect((await north.client.call('leave.list', { type: '疗休养' }))[0]).toMatchObject({ bureauConfirmed: true, status: '批准' });
  });

  it("refuses a station's calendar, its leave for another station's person, its edit of another station's leave or people, the tree above it, a forged origin", async () => {
    const { bureau, north, south, clock, southPerson } = await bureauWithTwoStations({ workStartDate: '2012-07-01', hireDate: '2012-07-01' });
    const southLeave = await south.client.call('leave.save', { staffId: southPerson.id, type: '事假', fromDate: '2026-11-02', toDate: '2026-11-03', strengthConfirm: '全所仅一人' });
    await carry(south, bureau);
    clock.advance(60_000);
    const site = north.store.siteId;
    const crafted = await craftedBundle(north, bureau, (p) => {
      const h = hlcAt(clock.now, site, 1);
      // A calendar of its own (its own station_id): calendars are the bureau's alone.
      p.changes.push(wireChange('holiday_calendar', `calendar:${stationIdOf(north)}:2027`, 'station_id', stationIdOf(north), h));
      p.changes.push(wireChange('holiday_calendar', `calendar:${stationIdOf(north)}:2027`, 'year', 2027, h));
      p.changes.push(wireChange('holiday_calendar', `calendar:${stationIdOf(north)}:2027`, 'holidays', '2027-01-01', h));
      const l = hlcAt(clock.now, site, 2);
      p.changes.push(wireChange('leave_record', 'leave-forged', 'station_id', stationIdOf(north), l));
      p.changes.push(wireChange('leave_record', 'leave-forged', 'staff_id', southPerson.id, l));
      p.changes.push(wireChange('leave_record', 'leave-forged', 'half_days', 40, l));
      p.changes.push(wireChange('leave_record', southLeave.id, 'status', '取消', hlcAt(clock.now, site, 3)));
      p.changes.push(wireChange('staff', southPerson.id, 'hire_date', '2000-01-01', hlcAt(clock.now, site, 4)));
      p.changes.push(wireChange('station', stationIdOf(bureau), 'parent_code', north.code, hlcAt(clock.now, site, 5)));
      // A change stamped with the bureau's own PC.
      p.changes.push(wireChange('leave_record', 'leave-origin', 'station_id', stationIdOf(north), hlcAt(clock.now, bureau.store.siteId, 6)));
    });
    const summary = await importInto(bureau, crafted);
    expect(summary.withheld.map((w) => `${w.tableLabel}:${w.reason}`).sort()).toEqual([
      '人员:ROW_NOT_OURS',
      '休假:ORIGIN_FORGED',
      '休假:PERSON_NOT_OURS',
      '休假:PERSON_NOT_OURS',
      '休假:PERSON_NOT_OURS',
      '休假:ROW_NOT_OURS',
      '单位:ROW_NOT_OURS',
      '节假日安排:BUREAU_ONLY',
      '节假日安排:BUREAU_ONLY',
      '节假日安排:BUREAU_ONLY',
    ]);
    expect(rowIn(bureau, 'holiday_calendar', `calendar:${stationIdOf(north)}:2027`)).toBeUndefined();
    expect(rowIn(bureau, 'leave_record', 'leave-forged')).toBeUndefined();
    expect(rowIn(bureau, 'leave_record', southLeave.id)?.status).toBe('计划');
    expect(rowIn(bureau, 'staff', southPerson.id)?.hire_date).toBeNull();
    expect(rowIn(bureau, 'station', stationIdOf(bureau))?.parent_code).toBeNull();
    await expect(bureau.client.call('leave.workdays', { from: '2027-01-04', to: '2027-01-08' })).rejects.toMatchObject({ code: 'CALENDAR_MISSING' });
  });

  it('a station never receives another station’s leave', async () => {
    const { bureau, north, south, southPerson } = await bureauWithTwoStations({ workStartDate: '2012-07-01', hireDate: '2012-07-01' });
    await south.client.call('leave.save', { staffId: southPerson.id, type: '事假', fromDate: '2026-11-02', toDate: '2026-11-03', strengthConfirm: '全所仅一人' });
    await carry(south, bureau);
    await carry(bureau, north);
    expect(north.store.sqlite.prepare('SELECT count(*) AS n FROM leave_record').get()).toEqual({ n: 0 });
  });
});
