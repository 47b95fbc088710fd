import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { chinaDateTimeOf } from '../../shared/china-date';
import { fieldVersionOf, loggedFieldCount, valueStorageProblems } from '../../db/change-log';
import { openLedgerStore, type LedgerStore } from '../../db/ledger-store';
import { applyRemoteChanges, restoreRecord, tombstoneRecord, writeRecord, type FieldChange } from '../../db/write-path';
import {
  changeLogOf,
  changesOf,
  conflictsOf,
  countRows,
  manualClock,
  openMemoryLedger,
  rowOf,
  tempFolder,
  TEST_EPOCH,
  type ManualClock,
} from '../support/test-ledger';

const wang = { userName: '王丽' };
const li = { userName: '李强' };

const opened: LedgerStore[] = [];
const folders: { remove(): void }[] = [];

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  for (const folder of folders.splice(0)) folder.remove();
});

async function ledger(clock: ManualClock = manualClock()): Promise<LedgerStore> {
  const store = await openMemoryLedger(clock);
  opened.push(store);
  return store;
}

/** Two installations (two site ids) with their own wall clocks. */
async function twoSites(): Promise<{ a: LedgerStore; b: LedgerStore; clockA: ManualClock; clockB: ManualClock }> {
  const clockA = manualClock();
  const clockB = manualClock();
  const a = await ledger(clockA);
  const b = await ledger(clockB);
  expect(a.siteId).not.toBe(b.siteId);
  return { a, b, clockA, clockB };
}

/** Carries everything `from` knows to `to`, as a sync bundle would. */
function carry(from: LedgerStore, to: LedgerStore) {
  return applyRemoteChanges(to, changesOf(from));
}

function fieldVersion(store: LedgerStore, table: string, rowId: string, col: string): string | undefined {
  return fieldVersionOf(store, table, rowId, col);
}

describe('writeRecord (a clerk edits)', () => {
  it('creates the row and logs one change per column, all with one timestamp and no predecessor', async () => {
    const store = await ledger();
    const changed = writeRecord(store, wang, 'station', 'st-1', { station_id: 'st-1', code: '330102-01', name: '北山派出所', role: 'station' });
    expect(changed.sort()).toEqual(['code', 'name', 'role', 'station_id']);
    expect(rowOf(store, 'station', 'st-1')).toEqual({
      id: 'st-1',
      station_id: 'st-1',
      deleted_at: null,
      code: '330102-01',
      name: '北山派出所',
      role: 'station',
      parent_code: null,
    });

    const log = changeLogOf(store);
    expect(log).toHaveLength(4);
    const hlc = log[0].hlc;
    expect(hlc.endsWith(store.siteId)).toBe(true);
    for (const row of log) {
      expect(row).toMatchObject({ tbl: 'station', row_id: 'st-1', hlc, prev_hlc: null, site_id: store.siteId, user_name: '王丽', applied: 1 });
      expect(row.recorded_at).toBe(chinaDateTimeOf(TEST_EPOCH));
      expect(fieldVersion(store, 'station', 'st-1', row.col)).toBe(hlc);
    }
    expect(Object.fromEntries(log.map((r) => [r.col, JSON.parse(r.value)]))).toEqual({
      station_id: 'st-1',
      code: '330102-01',
      name: '北山派出所',
      role: 'station',
    });
  });

  it('chains a later edit to the timestamp it replaced', async () => {
    const clock = manualClock();
    const store = await ledger(clock);
    writeRecord(store, wang, 'station', 'st-1', { code: '330102-01', name: '北山派出所' });
    const first = changeLogOf(store)[0].hlc;
    clock.advance(60_000);
    expect(writeRecord(store, li, 'station', 'st-1', { name: '北山街派出所' })).toEqual(['name']);

    const log = changeLogOf(store);
    expect(log).toHaveLength(3);
    const edit = log[2];
    expect(edit).toMatchObject({ col: 'name', value: JSON.stringify('北山街派出所'), prev_hlc: first, user_name: '李强' });
    expect(edit.hlc > first).toBe(true);
    expect(fieldVersion(store, 'station', 'st-1', 'name')).toBe(edit.hlc);
    expect(fieldVersion(store, 'station', 'st-1', 'code')).toBe(first);
    expect(rowOf(store, 'station', 'st-1')?.name).toBe('北山街派出所');
  });

  it('writes nothing for unchanged values (saving an untouched form), and ignores undefined fields', async () => {
    const store = await ledger();
    writeRecord(store, wang, 'station', 'st-1', { code: '330102-01', name: '北山派出所' });
    const before = changeLogOf(store);
    expect(writeRecord(store, wang, 'station', 'st-1', { code: '330102-01', name: '北山派出所', role: undefined })).toEqual([]);
    expect(changeLogOf(store)).toEqual(before);
    // Only the field that differs is written.
    expect(writeRecord(store, wang, 'station', 'st-1', { code: '330102-01', name: '北山所' })).toEqual(['name']);
    expect(changeLogOf(store)).toHaveLength(before.length + 1);
  });

  it('refuses a table or column that is not synced, writing nothing', async () => {
    const store = await ledger();
    expect(() => writeRecord(store, wang, 'meta', 'x', { value: '1' })).toThrow(/not a synced table/);
    expect(() => writeRecord(store, wang, 'station', 'st-1', { name: '北山派出所', password: 'x' })).toThrow(/not a synced column/);
    expect(countRows(store, 'station')).toBe(0);
    expect(loggedFieldCount(store)).toBe(0);
  });

  it('writes a setting (deterministic row id, JSON text value) through the same path', async () => {
    const store = await ledger();
    const id = 'setting:station.minimumOnDuty';
    expect(writeRecord(store, wang, 'setting', id, { key: 'station.minimumOnDuty', value: '12' }).sort()).toEqual(['key', 'value']);
    expect(rowOf(store, 'setting', id)).toMatchObject({ key: 'station.minimumOnDuty', value: '12', deleted_at: null });
    expect(writeRecord(store, wang, 'setting', id, { value: '12' })).toEqual([]);
    expect(changeLogOf(store).map((r) => r.col).sort()).toEqual(['key', 'value']);
  });
});

describe('tombstones', () => {
  it('deletes by setting deleted_at, logged like any field; restore clears it and chains to the tombstone', async () => {
    const clock = manualClock();
    const store = await ledger(clock);
    writeRecord(store, wang, 'station', 'st-1', { code: '330102-01', name: '北山派出所' });
    clock.advance(3_600_000);

    expect(tombstoneRecord(store, li, 'station', 'st-1')).toBe(true);
    const deletedAt = chinaDateTimeOf(clock.now);
    expect(rowOf(store, 'station', 'st-1')).toMatchObject({ deleted_at: deletedAt, name: '北山派出所' });
    const tombstone = changeLogOf(store).at(-1)!;
    expect(tombstone).toMatchObject({ col: 'deleted_at', value: JSON.stringify(deletedAt), prev_hlc: null, user_name: '李强' });
    expect(countRows(store, 'station')).toBe(1);

    clock.advance(60_000);
    expect(restoreRecord(store, wang, 'station', 'st-1')).toBe(true);
    expect(rowOf(store, 'station', 'st-1')?.deleted_at).toBeNull();
    const restore = changeLogOf(store).at(-1)!;
    expect(restore).toMatchObject({ col: 'deleted_at', value: 'null', prev_hlc: tombstone.hlc, user_name: '王丽' });
    expect(restoreRecord(store, wang, 'station', 'st-1')).toBe(false);
  });

  it('deleting an already deleted row keeps the first deletion and logs nothing', async () => {
    const clock = manualClock();
    const store = await ledger(clock);
    writeRecord(store, wang, 'station', 'st-1', { name: '北山派出所' });
    tombstoneRecord(store, wang, 'station', 'st-1');
    const deletedAt = rowOf(store, 'station', 'st-1')?.deleted_at;
    const logged = loggedFieldCount(store);
    clock.advance(86_400_000);
    expect(tombstoneRecord(store, wang, 'station', 'st-1')).toBe(false);
    expect(rowOf(store, 'station', 'st-1')?.deleted_at).toBe(deletedAt);
    expect(loggedFieldCount(store)).toBe(logged);
  });

  it('deleting or restoring a row that does not exist creates nothing', async () => {
    const store = await ledger();
    expect(tombstoneRecord(store, wang, 'station', 'no-such-row')).toBe(false);
    expect(restoreRecord(store, wang, 'station', 'no-such-row')).toBe(false);
    expect(countRows(store, 'station')).toBe(0);
    expect(loggedFieldCount(store)).toBe(0);
  });

  it('a tombstone travels to another site like any other field', async () => {
    const { a, b } = await twoSites();
    writeRecord(a, wang, 'station', 'st-1', { name: '北山派出所' });
    carry(a, b);
    tombstoneRecord(a, wang, 'station', 'st-1');
    carry(a, b);
    expect(rowOf(b, 'station', 'st-1')?.deleted_at).toBe(rowOf(a, 'station', 'st-1')?.deleted_at);
    expect(rowOf(b, 'station', 'st-1')?.deleted_at).not.toBeNull();
  });
});

describe('applyRemoteChanges: per-field last-writer-wins', () => {
  it('creates a row from another site and logs the origin site and user', async () => {
    const { a, b } = await twoSites();
    writeRecord(a, wang, 'station', 'st-1', { code: '330102-01', name: '北山派出所' });
    const results = carry(a, b);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    expect(results.filter((r) => r.createdRow)).toHaveLength(1);
    expect(rowOf(b, 'station', 'st-1')).toMatchObject({ code: '330102-01', name: '北山派出所' });
    for (const row of changeLogOf(b)) expect(row).toMatchObject({ site_id: a.siteId, user_name: '王丽', applied: 1 });
    expect(conflictsOf(b)).toEqual([]);
  });

  it('keeps both edits when two sites change different fields of the same row', async () => {
    const { a, b, clockA, clockB } = await twoSites();
    writeRecord(a, wang, 'station', 'st-1', { code: '330102-01', name: '北山派出所', role: 'station' });
    carry(a, b);
    clockA.advance(1000);
    clockB.advance(2000);
    writeRecord(a, wang, 'station', 'st-1', { name: '北山街派出所' });
    writeRecord(b, li, 'station', 'st-1', { code: '330102-09' });
    carry(b, a);
    carry(a, b);
    for (const store of [a, b]) {
      expect(rowOf(store, 'station', 'st-1')).toMatchObject({ code: '330102-09', name: '北山街派出所', role: 'station' });
      expect(conflictsOf(store)).toEqual([]);
    }
  });

  it('the later timestamp wins the same field on both sides, whichever bundle is imported first', async () => {
    for (const aFirst of [true, false]) {
      const { a, b, clockA, clockB } = await twoSites();
      writeRecord(a, wang, 'station', 'st-1', { name: '北山派出所' });
      carry(a, b);
      clockA.advance(1000);
      clockB.advance(5000);
      writeRecord(a, wang, 'station', 'st-1', { name: 'A所改名' });
      writeRecord(b, li, 'station', 'st-1', { name: 'B所改名' });

      // Two fresh sites receive both bundles, in opposite orders.
      const c = await ledger();
      const d = await ledger();
      const bundleA = changesOf(a);
      const bundleB = changesOf(b);
      if (aFirst) {
        applyRemoteChanges(a, bundleB);
        applyRemoteChanges(b, bundleA);
        applyRemoteChanges(c, bundleA);
        applyRemoteChanges(c, bundleB);
      } else {
        applyRemoteChanges(b, bundleA);
        applyRemoteChanges(a, bundleB);
        applyRemoteChanges(c, bundleB);
        applyRemoteChanges(c, bundleA);
      }
      applyRemoteChanges(d, [...bundleB, ...bundleA].reverse());
      for (const store of [a, b, c, d]) expect(rowOf(store, 'station', 'st-1')?.name, `aFirst=${aFirst}`).toBe('B所改名');
      expect(fieldVersion(a, 'station', 'st-1', 'name')).toBe(fieldVersion(b, 'station', 'st-1', 'name'));
    }
  });

  it('breaks a tie at the same instant by site id, identically on both sides', async () => {
    const { a, b, clockA, clockB } = await twoSites();
    writeRecord(a, wang, 'station', 'st-1', { name: '北山派出所' });
    carry(a, b);
    clockA.advance(1000);
    clockB.advance(1000);
    writeRecord(a, wang, 'station', 'st-1', { name: 'A所改名' });
    writeRecord(b, li, 'station', 'st-1', { name: 'B所改名' });
    const hlcA = changeLogOf(a).at(-1)!.hlc;
    const hlcB = changeLogOf(b).at(-1)!.hlc;
    // Same wall-clock millisecond and counter: only the site id differs.
    expect(hlcA.slice(0, -16)).toBe(hlcB.slice(0, -16));

    const expected = a.siteId > b.siteId ? 'A所改名' : 'B所改名';
    carry(b, a);
    carry(a, b);
    expect(rowOf(a, 'station', 'st-1')?.name).toBe(expected);
    expect(rowOf(b, 'station', 'st-1')?.name).toBe(expected);
    expect(conflictsOf(a)).toHaveLength(1);
    expect(conflictsOf(b)).toHaveLength(1);
  });

  it('a change it already has is a duplicate and adds nothing', async () => {
    const { a, b } = await twoSites();
    writeRecord(a, wang, 'station', 'st-1', { code: '330102-01', name: '北山派出所' });
    writeRecord(a, wang, 'setting', 'setting:report.preparedBy', { key: 'report.preparedBy', value: '"王丽"' });
    carry(a, b);
    const log = changeLogOf(b);
    const again = carry(a, b);
    expect(again.map((r) => r.outcome)).toEqual(again.map(() => 'duplicate'));
    expect(changeLogOf(b)).toEqual(log);
    expect(conflictsOf(b)).toEqual([]);
    // Its own changes coming back from a peer are duplicates too.
    const echoed = carry(b, a);
    expect(echoed.every((r) => r.outcome === 'duplicate')).toBe(true);
    expect(loggedFieldCount(a)).toBe(log.length);
  });

  it('keeps a losing concurrent value for review, on the side that wins and on the side that loses', async () => {
    const { a, b, clockA, clockB } = await twoSites();
    writeRecord(a, wang, 'station', 'st-1', { name: '北山派出所' });
    carry(a, b);
    clockA.advance(1000);
    clockB.advance(5000);
    writeRecord(a, wang, 'station', 'st-1', { name: 'A所改名' });
    writeRecord(b, li, 'station', 'st-1', { name: 'B所改名' });
    const hlcA = changeLogOf(a).at(-1)!.hlc;
    const hlcB = changeLogOf(b).at(-1)!.hlc;

    // B holds the newer value: A's older one arrives, loses, and is kept.
    const atB = carry(a, b).find((r) => r.change.hlc === hlcA)!;
    expect(atB).toMatchObject({ outcome: 'lost', conflict: true });
    // A holds the older value: B's newer one arrives, wins, and A's own value is kept as lost.
    const atA = carry(b, a).find((r) => r.change.hlc === hlcB)!;
    expect(atA).toMatchObject({ outcome: 'applied', conflict: true });

    for (const store of [a, b]) {
      const conflicts = conflictsOf(store);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        tbl: 'station',
        row_id: 'st-1',
        col: 'name',
        kept_value: JSON.stringify('B所改名'),
        kept_hlc: hlcB,
        kept_user: '李强',
        lost_value: JSON.stringify('A所改名'),
        lost_hlc: hlcA,
        lost_site_id: a.siteId,
        lost_user: '王丽',
        resolved_at: null,
      });
    }
    // The lost change is still in the log (applied = 0), so it can travel on to other sites.
    expect(changeLogOf(b).find((r) => r.hlc === hlcA)).toMatchObject({ applied: 0, value: JSON.stringify('A所改名') });
  });

  it('a sequential edit (the writer had seen our value) is not a conflict', async () => {
    const { a, b, clockB } = await twoSites();
    writeRecord(a, wang, 'station', 'st-1', { name: '北山派出所' });
    carry(a, b);
    clockB.advance(60_000);
    writeRecord(b, li, 'station', 'st-1', { name: '北山街派出所' });
    const edit = changeLogOf(b).at(-1)!;
    expect(edit.prev_hlc).toBe(changeLogOf(a)[0].hlc);

    const results = carry(b, a);
    expect(results.find((r) => r.change.hlc === edit.hlc)).toMatchObject({ outcome: 'applied', conflict: false });
    expect(rowOf(a, 'station', 'st-1')?.name).toBe('北山街派出所');
    expect(conflictsOf(a)).toEqual([]);
  });

  it('an old value arriving after the edit that replaced it is not a conflict either', async () => {
    const { a, b, clockB } = await twoSites();
    writeRecord(a, wang, 'station', 'st-1', { name: '北山派出所' });
    carry(a, b);
    clockB.advance(60_000);
    writeRecord(b, li, 'station', 'st-1', { name: '北山街派出所' });
    const original = changesOf(a);
    const edit = changesOf(b).filter((c) => c.hlc > original[0].hlc);

    const c = await ledger();
    applyRemoteChanges(c, edit);
    const late = applyRemoteChanges(c, original);
    expect(late[0]).toMatchObject({ outcome: 'lost', conflict: false });
    expect(rowOf(c, 'station', 'st-1')?.name).toBe('北山街派出所');
    expect(conflictsOf(c)).toEqual([]);
  });

  it('a local edit after an import sorts after everything imported, even with a slow wall clock (within the tolerance)', async () => {
    const clockA = manualClock();
    const clockB = manualClock(TEST_EPOCH + 20 * 3_600_000);
    const a = await ledger(clockA);
    const b = await ledger(clockB);
    writeRecord(b, li, 'station', 'st-1', { name: 'B所' });
    carry(b, a);
    writeRecord(a, wang, 'station', 'st-1', { name: 'A所' });
    const local = changeLogOf(a).at(-1)!;
    expect(local.hlc > changeLogOf(b)[0].hlc).toBe(true);
    expect(local.prev_hlc).toBe(changeLogOf(b)[0].hlc);
    carry(a, b);
    expect(rowOf(b, 'station', 'st-1')?.name).toBe('A所');
    expect(conflictsOf(b)).toEqual([]);
  });

  it('refuses a change to a column that is not synced, applying none of the batch', async () => {
    const { a, b } = await twoSites();
    writeRecord(a, wang, 'station', 'st-1', { name: '北山派出所' });
    const changes: FieldChange[] = [...changesOf(a), { ...changesOf(a)[0], column: 'secret', hlc: changesOf(a)[0].hlc.replace('-0000-', '-0001-') }];
    expect(() => applyRemoteChanges(b, changes)).toThrow(/not a synced column/);
    expect(countRows(b, 'station')).toBe(0);
    expect(loggedFieldCount(b)).toBe(0);
  });
});

describe('each value stored once', () => {
  it('a new row logs no value (they are the row\'s); an overwrite moves the old value into its record; a loser keeps its own', async () => {
    const { a, b, clockA, clockB } = await twoSites();
    const storedVals = (store: LedgerStore) => (store.sqlite.prepare('SELECT vals FROM change_log ORDER BY hlc').all() as { vals: string | null }[]).map((r) => r.vals);
    writeRecord(a, wang, 'station', 'st-1', { station_id: 'st-1', code: '330102-01', name: '北山派出所', role: 'station' });
    expect(storedVals(a)).toEqual([null]);
    carry(a, b);
    // b renames the unit too, before it hears of a's rename: an older, concurrent edit.
    clockB.advance(500);
    writeRecord(b, li, 'station', 'st-1', { name: '北山所' });
    clockA.advance(1000);
    writeRecord(a, wang, 'station', 'st-1', { name: '北山派出所（新）' });
    // The first record keeps only the name it no longer holds in the row; the second keeps nothing.
    expect(storedVals(a).map((v) => (v === null ? null : Object.values(JSON.parse(v) as object)))).toEqual([['北山派出所'], null]);
    expect(changeLogOf(a).map((c) => [c.col, JSON.parse(c.value)])).toEqual([
      ['station_id', 'st-1'],
      ['code', '330102-01'],
      ['name', '北山派出所'],
      ['role', 'station'],
      ['name', '北山派出所（新）'],
    ]);
    // b's older edit loses at a: its value is kept in its own record.
    carry(b, a);
    expect(rowOf(a, 'station', 'st-1')?.name).toBe('北山派出所（新）');
    expect(changeLogOf(a).filter((c) => c.col === 'name').map((c) => [JSON.parse(c.value), c.applied])).toEqual([
      ['北山派出所', 1],
      ['北山所', 0],
      ['北山派出所（新）', 1],
    ]);
    for (const store of [a, b]) expect(valueStorageProblems(store)).toEqual([]);
    // At b the other way round: b's own value was overwritten on arrival, and moved into b's record.
    carry(a, b);
    expect(rowOf(b, 'station', 'st-1')?.name).toBe('北山派出所（新）');
    expect(changeLogOf(b).filter((c) => c.col === 'name').map((c) => JSON.parse(c.value))).toEqual(['北山派出所', '北山所', '北山派出所（新）']);
    expect(valueStorageProblems(b)).toEqual([]);
  });
});

describe('the clock across a restart', () => {
  it('stamps after the old changes even when the PC clock now reads earlier', async () => {
    const folder = tempFolder('nuanjing-write-path-');
    folders.push(folder);
    const path = join(folder.path, 'ledger.sqlite');
    const first = await openLedgerStore(path, { wallClock: () => TEST_EPOCH });
    writeRecord(first, wang, 'station', 'st-1', { name: '北山派出所' });
    writeRecord(first, wang, 'station', 'st-1', { name: '北山街派出所' });
    const before = changeLogOf(first).map((r) => r.hlc);
    first.close();

    const reopened = await openLedgerStore(path, { wallClock: () => TEST_EPOCH - 86_400_000 });
    opened.push(reopened);
    writeRecord(reopened, li, 'station', 'st-1', { name: '北山所' });
    const after = changeLogOf(reopened).at(-1)!;
    for (const hlc of before) expect(after.hlc > hlc).toBe(true);
    expect(after.prev_hlc).toBe(before.at(-1));
  });

  it('stamps after an imported future timestamp (within the tolerance) after a restart', async () => {
    const folder = tempFolder('nuanjing-write-path-');
    folders.push(folder);
    const path = join(folder.path, 'ledger.sqlite');
    const future = await ledger(manualClock(TEST_EPOCH + 20 * 3_600_000));
    writeRecord(future, li, 'station', 'st-1', { name: '未来所' });

    const first = await openLedgerStore(path, { wallClock: () => TEST_EPOCH });
    carry(future, first);
    first.close();
    const reopened = await openLedgerStore(path, { wallClock: () => TEST_EPOCH });
    opened.push(reopened);
    writeRecord(reopened, wang, 'station', 'st-1', { name: '北山派出所' });
    expect(rowOf(reopened, 'station', 'st-1')?.name).toBe('北山派出所');
    expect(changeLogOf(reopened).at(-1)!.hlc > changeLogOf(future)[0].hlc).toBe(true);
  });
});

describe('convergence (property)', () => {
  const FIELDS = ['code', 'name', 'parent_code'] as const;
  const edit = fc.record({
    site: fc.integer({ min: 0, max: 2 }),
    field: fc.constantFrom(...FIELDS),
    value: fc.constantFrom('甲', '乙', '丙', null),
    wait: fc.integer({ min: 0, max: 3 }),
  });
  const exchange = fc.record({ from: fc.integer({ min: 0, max: 2 }), to: fc.integer({ min: 0, max: 2 }) });
  const step = fc.oneof(edit.map((e) => ({ kind: 'edit' as const, ...e })), exchange.map((x) => ({ kind: 'sync' as const, ...x })));

  it('every site ends with the same row and the same change log once all changes have crossed, in any order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const clocks = [manualClock(), manualClock(), manualClock()];
        const sites = await Promise.all(clocks.map((clock) => openMemoryLedger(clock)));
        try {
          for (const s of steps) {
            if (s.kind === 'edit') {
              clocks[s.site].advance(s.wait);
              writeRecord(sites[s.site], { userName: `site${s.site}` }, 'station', 'st-1', { [s.field]: s.value });
            } else if (s.from !== s.to) {
              applyRemoteChanges(sites[s.to], changesOf(sites[s.from]));
            }
          }
          // Everyone sends everything to everyone, twice (a duplicate bundle changes nothing).
          for (let round = 0; round < 2; round += 1) {
            for (const from of sites) for (const to of sites) if (from !== to) applyRemoteChanges(to, changesOf(from));
          }
          const rows = sites.map((site) => rowOf(site, 'station', 'st-1'));
          expect(rows[1]).toEqual(rows[0]);
          expect(rows[2]).toEqual(rows[0]);
          const logs = sites.map((site) => changeLogOf(site).map((r) => `${r.hlc}|${r.col}`).sort());
          expect(logs[1]).toEqual(logs[0]);
          expect(logs[2]).toEqual(logs[0]);
          // The winner of each field is the change with the highest timestamp.
          for (const field of FIELDS) {
            const winner = changeLogOf(sites[0])
              .filter((r) => r.col === field)
              .sort((x, y) => (x.hlc < y.hlc ? 1 : -1))[0];
            if (winner && rows[0]) expect(rows[0][field]).toEqual(JSON.parse(winner.value));
          }
        } finally {
          for (const site of sites) site.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
