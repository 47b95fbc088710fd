import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedgerStore, type LedgerStore } from '../../db/ledger-store';
import { syncedTableNames } from '../../db/synced-tables';
import { tombstoneRecord } from '../../db/write-path';
import { localStation } from '../../electron/station/local-station';
import { carry, createBureau, exportFor, importInto, openStationFile, pairStation, personInput, rowsOwnedBy, siteOf, stationFromSetup, type Site } from '../support/sync-sites';
import { changeLogOf, manualClock, tempFolder } from '../support/test-ledger';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'bin/nuanjing.mjs');

function nuanjing(...args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
}

let folder: ReturnType<typeof tempFolder>;
const opened: LedgerStore[] = [];

beforeEach(() => {
  folder = tempFolder('nuanjing-sync-roundtrip-');
});

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  folder.remove();
});

async function fileStore(name: string): Promise<LedgerStore> {
  const store = await openLedgerStore(join(folder.path, name));
  opened.push(store);
  return store;
}

/** Every synced table's rows owned by one station, as SQLite holds them. */
function stationRecords(site: Site, stationId: string): Record<string, unknown[]> {
  return Object.fromEntries(syncedTableNames().map((table) => [table, rowsOwnedBy(site.store, table, [stationId])]));
}

describe('round trip: a seeded station → bureau → a rebuilt station', () => {
  it('gives the bureau every record of the station, field by field, and restores a re-set-up station from the bureau', async () => {
    const bureau = await createBureau('330100', '杭州市公安局', { store: await fileStore('bureau.sqlite') });
    const setupPath = join(folder.path, '330102-01-开通文件.njsetup');
    writeFileSync(setupPath, await openStationFile(bureau, '330102-01', '西湖区北山派出所'));

    // The station is set up and seeded through the command line, as an installer would.
    const stationPath = join(folder.path, 'station.sqlite');
    expect(nuanjing('init', '--db', stationPath, '--setup', setupPath, '--operator', '王丽')).toContain('已用开通文件设置本单位：西湖区北山派出所（330102-01，派出所）');
    expect(nuanjing('seed', '--db', stationPath, '--staff', '40', '--seed', '7')).toBeTruthy();

    const station = siteOf(await fileStore('station.sqlite'), '330102-01', '西湖区北山派出所', '王丽');
    const stationId = localStation(station.store)!.id;
    // A setting and a deletion travel like any other field.
    await station.client.call('settings.set', { key: 'station.minimumOnDuty', value: 14 });
    const family = station.store.sqlite.prepare('SELECT id FROM family_member WHERE deleted_at IS NULL LIMIT 1').get() as { id: string };
    tombstoneRecord(station.store, { userName: '王丽' }, 'family_member', family.id);

    const counts = Object.fromEntries(syncedTableNames().map((t) => [t, rowsOwnedBy(station.store, t, [stationId]).length]));
    expect(counts.staff).toBe(40);
    expect(counts.family_member).toBeGreaterThan(0);
    expect(counts.honour).toBeGreaterThan(0);

    const summary = await carry(station, bureau);
    expect(summary.registeredSender).toBe(true);
    const byTable = Object.fromEntries(summary.tables.map((t) => [t.table, t]));
    for (const table of ['staff', 'staff_status_change', 'family_member', 'honour', 'setting']) {
      expect(byTable[table], table).toMatchObject({ inserted: counts[table], updated: 0, conflicts: 0 });
    }
    expect(stationRecords(bureau, stationId)).toEqual(stationRecords(station, stationId));
    const stationOrigin = changeLogOf(station.store).filter((c) => c.site_id === station.store.siteId).length;
    expect(changeLogOf(bureau.store).filter((c) => c.site_id === station.store.siteId)).toHaveLength(stationOrigin);
    // The bureau's roster shows the station's people.
    const roster = await bureau.client.call('staff.list', {});
    expect(roster.filter((p) => p.stationCode === '330102-01')).toHaveLength(40);

    // The bureau sets a reference value for its stations; the station's PC dies.
    await bureau.client.call('settings.set', { key: 'sync.silentWarningDays', value: 21 });
    await importInto(station, await exportFor(bureau, station));
    expect((await station.client.call('settings.get', {}))['sync.silentWarningDays']).toBe(21);

    // The bureau re-issues the setup file; a new PC is set up from it and registers with a first bundle.
    const reissued = Buffer.from((await bureau.client.call('sync.openStation', { code: '330102-01', name: '西湖区北山派出所', reissue: true })).bytesBase64, 'base64');
    const rebuilt = await stationFromSetup(reissued, { code: '330102-01', name: '西湖区北山派出所', clock: manualClock(Date.now()) });
    expect(localStation(rebuilt.store)!.id).toBe(stationId);
    const first = await carry(rebuilt, bureau);
    expect(first.registeredSender).toBe(true);
    const restore = await exportFor(bureau, rebuilt);
    const restored = await importInto(rebuilt, restore);
    expect(restored.totals.inserted).toBeGreaterThan(40);
    expect(stationRecords(rebuilt, stationId)).toEqual(stationRecords(station, stationId));
    expect(await rebuilt.client.call('staff.list', {})).toEqual(await station.client.call('staff.list', {}));
    const settings = await rebuilt.client.call('settings.get', {});
    expect(settings['station.minimumOnDuty']).toBe(14);
    expect(settings['sync.silentWarningDays']).toBe(21);
    // The old PC's bundles are refused now: its setup file was replaced.
    await expect(carry(station, bureau)).rejects.toMatchObject({ code: 'BUNDLE_UNKNOWN_SENDER' });
  });

  it('gives a station restored from an old backup of its own file back what it had sent since', async () => {
    const bureau = await createBureau('330100', '杭州市公安局', { store: await fileStore('bureau.sqlite') });
    const stationPath = join(folder.path, 'station.sqlite');
    const station = await pairStation(bureau, '330102-01', '北山派出所', { store: await fileStore('station.sqlite') });
    await station.client.call('staff.save', personInput(1));
    await carry(station, bureau);
    await carry(bureau, station);
    station.store.close();
    copyFileSync(stationPath, join(folder.path, 'backup.sqlite'));

    const reopened = siteOf(await fileStore('station.sqlite'), '330102-01', '北山派出所', '王丽');
    const later = await reopened.client.call('staff.save', personInput(2));
    await carry(reopened, bureau);
    await carry(bureau, reopened);
    reopened.store.close();

    // The PC dies; the clerk restores last week's backup of the ledger file.
    copyFileSync(join(folder.path, 'backup.sqlite'), stationPath);
    const restored = siteOf(await fileStore('station.sqlite'), '330102-01', '北山派出所', '王丽');
    expect((await restored.client.call('staff.list', {})).map((p) => p.id)).not.toContain(later.id);
    await carry(restored, bureau); // tells the bureau what the restored file holds
    await carry(bureau, restored);
    expect((await restored.client.call('staff.list', {})).map((p) => p.name).sort()).toEqual([personInput(1).name, personInput(2).name].sort());
  });
});
