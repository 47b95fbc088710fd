import { ledgerDataKey, useUnlockedKey } from '../../electron/keys/ledger-keys';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedgerStore, type LedgerStore } from '../../db/ledger-store';
import { syncedTableNames } from '../../db/synced-tables';
import { localStation } from '../../electron/station/local-station';
import { carry, createBureau, exportFor, importInto, pairStation, personInput, siteOf, tableRows, type Site } from '../support/sync-sites';
import { manualClock, tempFolder } from '../support/test-ledger';
import { allFieldVersions, allLoggedChanges } from '../../db/change-log';

const folders: ReturnType<typeof tempFolder>[] = [];
const stores: LedgerStore[] = [];

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const folder of folders.splice(0)) folder.remove();
});

/** The state sync must converge on: synced rows, field versions and the set of logged changes. */
function syncedState(store: LedgerStore) {
  const tables = Object.fromEntries(syncedTableNames().map((t) => [t, tableRows(store, t)]));
  const versions = allFieldVersions(store);
  const log = allLoggedChanges(store)
    .map(({ table, rowId, column, value, hlc, prevHlc, siteId, userName }) => ({ table, rowId, column, value, hlc, prevHlc, siteId, userName }))
    .sort((a, b) => (a.hlc + a.table + a.rowId + a.column < b.hlc + b.table + b.rowId + b.column ? -1 : 1));
  const conflicts = store.sqlite.prepare('SELECT tbl, row_id, col, kept_value, kept_hlc, lost_value, lost_hlc FROM sync_conflict ORDER BY lost_hlc, kept_hlc').all();
  return { tables, versions, log, conflicts };
}

describe('concurrent edits of the same field', () => {
  it('converge on one winner at both sites; the loser is listed with both values, who and when; keeping the other value syncs back', async () => {
    const clock = manualClock();
    const bureau = await createBureau('330100', '杭州市公安局', { clock, userName: '市局李强' });
    const station = await pairStation(bureau, '330102-01', '北山派出所', { clock, userName: '王丽' });
    const person = await station.client.call('staff.save', personInput(1, { name: '张伟', phone: '13800000001' }));
    await carry(station, bureau);
    await carry(bureau, station);

    // Both edit the phone before they exchange: the station first, the bureau a minute later.
    clock.advance(60_000);
    await station.client.call('staff.save', { ...personInput(1, { name: '张伟' }), id: person.id, phone: '13911112222' });
    clock.advance(60_000);
    await bureau.client.call('staff.save', { ...personInput(1, { name: '张伟' }), id: person.id, phone: '13733334444' });

    const atBureau = await carry(station, bureau);
    expect(atBureau.tables.find((t) => t.table === 'staff')).toMatchObject({ conflicts: 1, updated: 0, unchanged: 1 });
    const atStation = await carry(bureau, station);
    expect(atStation.tables.find((t) => t.table === 'staff')).toMatchObject({ conflicts: 1, updated: 1 });

    for (const site of [bureau, station]) {
      expect((await site.client.call('staff.get', { id: person.id })).staff.phone).toBe('13733334444');
      const conflicts = await site.client.call('sync.conflicts', {});
      expect(conflicts).toEqual([
        expect.objectContaining({
          table: 'staff',
          tableLabel: '人员',
          rowId: person.id,
          recordLabel: '人员「张伟」',
          column: 'phone',
          fieldLabel: '手机号码',
          currentValue: '13733334444',
          currentBy: '市局李强',
          currentAt: '2026-11-23 10:02:00',
          otherValue: '13911112222',
          otherBy: '王丽',
          otherAt: '2026-11-23 10:01:00',
          otherSiteCode: '330102-01',
          resolvedAt: null,
        }),
      ]);
    }
    expect((await bureau.client.call('sync.status', {})).openConflicts).toBe(1);

    // The bureau's clerk keeps the station's number: an ordinary edit that travels back.
    const [conflict] = await bureau.client.call('sync.conflicts', {});
    clock.advance(60_000);
    const resolved = await bureau.client.call('sync.resolveConflict', { id: conflict.id, keep: 'other' });
    expect(resolved).toMatchObject({ currentValue: '13911112222', currentBy: '市局李强', resolvedAt: '2026-11-23 10:03:00' });
    expect(await bureau.client.call('sync.conflicts', {})).toEqual([]);
    expect(await bureau.client.call('sync.conflicts', { includeResolved: true })).toHaveLength(1);

    const back = await carry(bureau, station);
    expect(back.totals.conflicts).toBe(0);
    expect((await station.client.call('staff.get', { id: person.id })).staff.phone).toBe('13911112222');
    // The station's own entry of the same conflict is settled by the resolution that arrived.
    expect(await station.client.call('sync.conflicts', {})).toEqual([]);
    expect(await carry(station, bureau)).toMatchObject({ totals: { conflicts: 0 } });
    expect(syncedState(station.store).tables).toEqual(syncedState(bureau.store).tables);
  });

  it('keeping the current value only marks the conflict resolved', async () => {
    const clock = manualClock();
    const bureau = await createBureau('330100', '杭州市公安局', { clock });
    const station = await pairStation(bureau, '330102-01', '北山派出所', { clock });
    const stationId = localStation(station.store)!.id;
    await station.client.call('settings.set', { key: 'report.preparedBy', value: '王丽' });
    await carry(station, bureau);
    await carry(bureau, station);
    clock.advance(1000);
    await station.client.call('settings.set', { key: 'report.preparedBy', value: '王丽丽' });
    // The bureau edits the station's setting row (same row id) concurrently.
    clock.advance(1000);
    const { writeRecord } = await import('../../db/write-path');
    writeRecord(bureau.store, bureau.deps.user, 'setting', `setting:${stationId}:report.preparedBy`, { value: JSON.stringify('李强') });
    await carry(station, bureau);
    const [conflict] = await bureau.client.call('sync.conflicts', {});
    expect(conflict).toMatchObject({ recordLabel: '设置「月报制表人」', fieldLabel: '设置值', currentValue: '"李强"', otherValue: '"王丽丽"' });
    const before = tableRows(bureau.store, 'setting');
    await bureau.client.call('sync.resolveConflict', { id: conflict.id, keep: 'current' });
    expect(tableRows(bureau.store, 'setting')).toEqual(before);
    expect(await bureau.client.call('sync.conflicts', {})).toEqual([]);
  });
});

describe('idempotent and order-free', () => {
  async function cloneOf(site: Site, folder: string, name: string): Promise<Site> {
    const path = join(folder, name);
    await site.store.sqlite.backup(path);
    const store = await openLedgerStore(path, { wallClock: () => Date.parse('2026-11-23T12:00:00+08:00') });
    // A copy of the in-memory ledger on disk: its keys stay unlocked with the same data key.
    useUnlockedKey(store, ledgerDataKey(site.store));
    stores.push(store);
    return siteOf(store, site.code, site.name, '市局李强');
  }

  it('importing the same bundle twice changes nothing the second time', async () => {
    const clock = manualClock();
    const bureau = await createBureau('330100', '杭州市公安局', { clock });
    const station = await pairStation(bureau, '330102-01', '北山派出所', { clock });
    for (let i = 0; i < 5; i += 1) await station.client.call('staff.save', personInput(i));
    const bundle = await exportFor(station, bureau);
    const first = await importInto(bureau, bundle);
    expect(first.tables.find((t) => t.table === 'staff')).toMatchObject({ inserted: 5 });
    const state = syncedState(bureau.store);
    const second = await importInto(bureau, bundle);
    expect(second.totals).toEqual({ inserted: 0, updated: 0, unchanged: first.totals.inserted + first.totals.updated + first.totals.unchanged, conflicts: 0 });
    expect(syncedState(bureau.store)).toEqual(state);
    // A dry run says what would change, and changes nothing.
    const preview = await importInto(bureau, await exportFor(station, bureau), true);
    expect(preview).toMatchObject({ dryRun: true, totals: { inserted: 0, updated: 0 } });
    expect(syncedState(bureau.store)).toEqual(state);
  });

  it('two bundles imported in either order give the same state', async () => {
    const folder = tempFolder('nuanjing-sync-order-');
    folders.push(folder);
    const clock = manualClock();
    const bureau = await createBureau('330100', '杭州市公安局', { clock });
    const station = await pairStation(bureau, '330102-01', '北山派出所', { clock });
    const left = await cloneOf(bureau, folder.path, 'left.sqlite');
    const right = await cloneOf(bureau, folder.path, 'right.sqlite');

    const a = await station.client.call('staff.save', personInput(1));
    await station.client.call('family.save', { staffId: a.id, relation: '配偶', name: '李娜' });
    const first = await exportFor(station, bureau);
    // The bureau acknowledges the first bundle, so the second carries only what came after it.
    await importInto(bureau, first);
    await carry(bureau, station);
    clock.advance(5000);
    await station.client.call('staff.save', { ...personInput(1), id: a.id, phone: '13955556666' });
    const b = await station.client.call('staff.save', personInput(2));
    await station.client.call('honour.save', { staffId: b.id, title: '个人三等功', date: '2026-11-01' });
    await station.client.call('staff.delete', { id: a.id });
    const second = await exportFor(station, bureau);
    expect(second.changes).toBeLessThan(first.changes + 30);

    await importInto(left, first);
    await importInto(left, second);
    const early = await importInto(right, second);
    expect(early.tables.find((t) => t.table === 'staff')).toMatchObject({ inserted: 2 }); // a's changed fields arrive before the rest of a
    await importInto(right, first);
    expect(syncedState(left.store)).toEqual(syncedState(right.store));
    expect(syncedState(left.store).tables).toEqual(syncedState(station.store).tables);
    expect((await left.client.call('staff.list', {})).map((p) => p.name)).toEqual([personInput(2).name]);
  });
});

describe('the import summary counts only the conflicts left open', () => {
  it('does not count a conflict replayed from a transferred person’s history and settled by a later change of the same bundle', async () => {
    const clock = manualClock();
    const bureau = await createBureau('330100', '杭州市公安局', { clock, userName: '市局李强' });
    const north = await pairStation(bureau, '330102-01', '北山派出所', { clock, userName: '王丽' });
    const south = await pairStation(bureau, '330102-02', '南山派出所', { clock, userName: '赵敏' });
    const person = await north.client.call('staff.save', personInput(1, { name: '张伟', phone: '13800000001', joinedStationDate: '2019-08-31' }));
    await carry(north, bureau);
    await carry(bureau, north);

    // A conflict at the bureau, which it resolves by keeping the station's number.
    clock.advance(60_000);
    await north.client.call('staff.save', { ...personInput(1, { name: '张伟' }), id: person.id, phone: '13911112222' });
    clock.advance(60_000);
    await bureau.client.call('staff.save', { ...personInput(1, { name: '张伟' }), id: person.id, phone: '13733334444' });
    await carry(north, bureau);
    const [conflict] = await bureau.client.call('sync.conflicts', {});
    clock.advance(60_000);
    await bureau.client.call('sync.resolveConflict', { id: conflict.id, keep: 'other' });

    // The person moves to the south station, which receives the whole history.
    clock.advance(60_000);
    await bureau.client.call('sync.transferStaff', { staffId: person.id, toStationCode: '330102-02', date: '2026-11-20' });
    const bundle = await exportFor(bureau, south);
    const preview = await importInto(south, bundle, true);
    const imported = await importInto(south, bundle);
    expect(await south.client.call('sync.conflicts', {})).toEqual([]);
    expect(imported.totals.conflicts).toBe(0);
    expect(imported.tables.every((t) => t.conflicts === 0)).toBe(true);
    expect(preview.totals).toEqual(imported.totals);
    expect(preview.tables).toEqual(imported.tables);
    expect((await south.client.call('staff.get', { id: person.id })).staff.phone).toBe('13911112222');
  });

  it('still counts a conflict that stays open', async () => {
    const clock = manualClock();
    const bureau = await createBureau('330100', '杭州市公安局', { clock });
    const station = await pairStation(bureau, '330102-01', '北山派出所', { clock });
    const person = await station.client.call('staff.save', personInput(1, { name: '张伟' }));
    await carry(station, bureau);
    await carry(bureau, station);
    clock.advance(60_000);
    await station.client.call('staff.save', { ...personInput(1, { name: '张伟' }), id: person.id, phone: '13911112222' });
    clock.advance(60_000);
    await bureau.client.call('staff.save', { ...personInput(1, { name: '张伟' }), id: person.id, phone: '13733334444' });
    const bundle = await exportFor(station, bureau);
    const preview = await importInto(bureau, bundle, true);
    const imported = await importInto(bureau, bundle);
    expect(imported.totals.conflicts).toBe(1);
    expect(preview.totals).toEqual(imported.totals);
    expect(await bureau.client.call('sync.conflicts', {})).toHaveLength(1);
  });
});
