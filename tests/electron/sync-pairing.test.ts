import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../shared/contract/api-contract';
import { syncedTableNames } from '../../db/synced-tables';
import { localStation } from '../../electron/station/local-station';
import { readBundleHeader } from '../../electron/sync/bundle-envelope';
import {
  carry,
  createBureau,
  dumpStore,
  exportFor,
  importInto,
  openStationFile,
  pairStation,
  personInput,
  rowsOwnedBy,
  siteOf,
  stationFromSetup,
  type Site,
} from '../support/sync-sites';
import { manualClock, openMemoryLedger } from '../support/test-ledger';

async function failure(action: Promise<unknown>): Promise<ApiCallError> {
  try {
    await action;
  } catch (error) {
    if (error instanceof ApiCallError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function refusedWithoutChange(site: Site, bytes: Buffer, code: string): Promise<ApiCallError> {
  const before = dumpStore(site.store);
  const error = await failure(importInto(site, { fileName: 'x.njb', bytes }));
  expect(error.code).toBe(code);
  expect(dumpStore(site.store)).toEqual(before);
  return error;
}

describe('opening a station and setting it up from the file', () => {
  it('gives the station the id, code, name and parent the bureau gave it, and the bureau as its parent', async () => {
    const bureau = await createBureau();
    const setup = await openStationFile(bureau, '330102-01', '西湖区北山派出所');
    const file = JSON.parse(setup.toString('utf8'));
    expect(Object.keys(file).sort()).toEqual(['bureau', 'expiresAt', 'issuedAt', 'kind', 'secret', 'station', 'version']);
    expect(Buffer.from(file.secret, 'base64')).toHaveLength(32);

    const station = siteOf(await openMemoryLedger(), '330102-01', '西湖区北山派出所', '王丽');
    const preview = await station.client.call('sync.previewSetupFile', { fileName: 'x.njsetup', bytesBase64: setup.toString('base64') });
    const bureauStatus = await bureau.client.call('sync.status', {});
    expect(preview).toEqual({ stationCode: '330102-01', stationName: '西湖区北山派出所', bureauCode: '330100', bureauName: '杭州市公安局', bureauFingerprint: bureauStatus.fingerprint });

    const info = await station.client.call('sync.setupFromFile', { fileName: 'x.njsetup', bytesBase64: setup.toString('base64'), operatorName: '王丽' });
    const bureauRow = bureau.store.sqlite.prepare('SELECT id, code, name, role, parent_code, station_id FROM station WHERE code = ?').get('330102-01');
    const stationRow = station.store.sqlite.prepare('SELECT id, code, name, role, parent_code, station_id FROM station WHERE code = ?').get('330102-01');
    expect(stationRow).toEqual(bureauRow);
    expect(info).toEqual({ id: file.station.id, code: '330102-01', name: '西湖区北山派出所', role: 'station' });
    expect((await station.client.call('app.info', {})).operatorName).toBe('王丽');

    const status = await station.client.call('sync.status', {});
    expect(status.parent).toMatchObject({ code: '330100', name: '杭州市公安局', relation: 'parent', registered: true, fingerprint: bureauStatus.fingerprint });
    expect(bureauStatus.children).toEqual([expect.objectContaining({ code: '330102-01', registered: false, fingerprint: null, lastReceivedAt: null })]);

    // A second setup is refused; so is a bundle for a station that has not registered yet.
    expect((await failure(station.client.call('sync.setupFromFile', { fileName: 'x', bytesBase64: setup.toString('base64') }))).code).toBe('ALREADY_SET_UP');
    expect((await failure(bureau.client.call('sync.exportBundle', { peerCode: '330102-01' }))).code).toBe('SYNC_PEER_NOT_REGISTERED');

    // The first bundle registers the station's keys (authenticated by the file's secret).
    const first = await exportFor(station, bureau);
    expect(readBundleHeader(first.bytes).registration).toMatchObject({ siteId: station.store.siteId, code: '330102-01', stationId: file.station.id });
    expect((await importInto(bureau, first)).registeredSender).toBe(true);
    const after = await bureau.client.call('sync.status', {});
    expect(after.children[0]).toMatchObject({ registered: true, fingerprint: status.fingerprint, lastReceivedSequence: 1 });
    // …and after that the bureau can write for it.
    expect((await carry(bureau, station)).senderCode).toBe('330100');

    // Pending changes, history and the bureau's export for all.
    expect((await station.client.call('sync.status', {})).parent?.pendingChanges).toBe(0);
    await station.client.call('staff.save', personInput(1));
    expect((await station.client.call('sync.status', {})).parent?.pendingChanges).toBeGreaterThan(5);
    const all = await bureau.client.call('sync.exportAll', {});
    expect(all).toEqual([expect.objectContaining({ peerCode: '330102-01', sequence: 2, fileName: expect.stringMatching(/^330100-330102-01-\d{8}-0002\.njb$/) })]);
    const history = await bureau.client.call('sync.history', {});
    expect(history.map((h) => [h.direction, h.peerCode, h.sequence])).toEqual([
      ['export', '330102-01', 2],
      ['export', '330102-01', 1],
      ['import', '330102-01', 1],
    ]);
    expect(history[2]).toMatchObject({ peerName: '西湖区北山派出所', fileName: first.fileName, summary: { registeredSender: true, senderCode: '330102-01' } });
    expect((await bureau.client.call('sync.history', { limit: 1 }))).toHaveLength(1);
  });

  it('refuses setup files that are not one, are for another unit, or are this bureau’s own', async () => {
    const bureau = await createBureau();
    const fresh = siteOf(await openMemoryLedger(), 'x', 'x', 'x');
    const invalid = await failure(fresh.client.call('sync.setupFromFile', { fileName: 'a.njsetup', bytesBase64: Buffer.from('{"kind":"other"}').toString('base64') }));
    expect(invalid.code).toBe('SETUP_FILE_INVALID');
    expect(invalid.message).toContain('.njsetup');
    expect(localStation(fresh.store)).toBeNull();

    const setup = await openStationFile(bureau, '330102-01', '北山派出所');
    expect((await failure(bureau.client.call('sync.joinParent', { fileName: 'x', bytesBase64: setup.toString('base64') }))).code).toBe('SETUP_FILE_OWN');
    const other = await createBureau('330200', '宁波市公安局');
    const wrong = await failure(other.client.call('sync.joinParent', { fileName: 'x', bytesBase64: setup.toString('base64') }));
    expect(wrong.code).toBe('SETUP_FILE_WRONG_STATION');
    expect(wrong.message).toContain('330102-01');
  });

  it('lets only a bureau open stations, and not under a code in use', async () => {
    const bureau = await createBureau();
    const station = await pairStation(bureau, '330102-01', '北山派出所');
    expect((await failure(station.client.call('sync.openStation', { code: '330102-05', name: '新派出所' }))).code).toBe('BUREAU_ONLY');
    expect((await failure(bureau.client.call('sync.openStation', { code: '330100', name: '重复' }))).code).toBe('STATION_CODE_TAKEN');
    expect((await failure(station.client.call('sync.exportAll', {}))).code).toBe('BUREAU_ONLY');
  });
});

describe('re-issuing a setup file keeps the unit a station or a bureau', () => {
  const roleInFile = (bytes: Buffer) => (JSON.parse(bytes.toString('utf8')) as { station: { role: string } }).station.role;
  const stationRole = (site: Site, code: string) =>
    (site.store.sqlite.prepare('SELECT role FROM station WHERE code = ? AND deleted_at IS NULL').get(code) as { role: string }).role;

  it('lists each child with its role, and a re-issue without a role keeps it (a county stays a bureau)', async () => {
    const clock = manualClock();
    const city = await createBureau('330000', '浙江省某市公安局', { clock });
    // The county has been in use on its own and joins the city; the city adopts its station id.
    const county = await createBureau('330100', '西湖区公安分局', { clock });
    await county.client.call('sync.joinParent', { fileName: 'x.njsetup', bytesBase64: (await openStationFile(city, '330100', '西湖区公安分局', 'bureau')).toString('base64') });
    await carry(county, city);
    await pairStation(city, '330200-01', '城东派出所', { clock });

    const status = await city.client.call('sync.status', {});
    expect(status.children.map((c) => [c.code, c.role])).toEqual([
      ['330100', 'bureau'],
      ['330200-01', 'station'],
    ]);
    expect((await county.client.call('sync.status', {})).parent).toMatchObject({ code: '330000', role: 'bureau' });

    // The county's PC is rebuilt: the city re-issues its file as the sync page and the CLI do by default.
    const reissued = Buffer.from((await city.client.call('sync.openStation', { code: '330100', name: '西湖区公安分局', reissue: true })).bytesBase64, 'base64');
    expect(roleInFile(reissued)).toBe('bureau');
    expect(stationRole(city, '330100')).toBe('bureau');
    expect((await city.client.call('sync.status', {})).children.find((c) => c.code === '330100')?.role).toBe('bureau');
    const rebuilt = await stationFromSetup(reissued, { code: '330100', name: '西湖区公安分局', clock });
    expect((await rebuilt.client.call('app.info', {})).station?.role).toBe('bureau');

    // A station stays a station; an explicit role is what the clerk chose.
    expect(roleInFile(Buffer.from((await city.client.call('sync.openStation', { code: '330200-01', name: '城东派出所', reissue: true })).bytesBase64, 'base64'))).toBe('station');
    expect(roleInFile(Buffer.from((await city.client.call('sync.openStation', { code: '330200-01', name: '城东派出所', role: 'bureau', reissue: true })).bytesBase64, 'base64'))).toBe('bureau');
    expect(stationRole(city, '330200-01')).toBe('bureau');
    // A new unit without a role is a station.
    expect(roleInFile(Buffer.from((await city.client.call('sync.openStation', { code: '330200-02', name: '城西派出所' })).bytesBase64, 'base64'))).toBe('station');
  });
});

describe('registration needs the secret of the setup file the bureau issued last', () => {
  it('refuses the first bundle of a station whose setup file was re-issued before it registered', async () => {
    const bureau = await createBureau();
    const setup = await openStationFile(bureau, '330102-01', '北山派出所');
    const station = await stationFromSetup(setup, { code: '330102-01', name: '北山派出所' });
    await bureau.client.call('sync.openStation', { code: '330102-01', name: '北山派出所', reissue: true }); // re-issued: the first file is void
    const error = await refusedWithoutChange(bureau, (await exportFor(station, bureau)).bytes, 'BUNDLE_BAD_REGISTRATION');
    expect(error.message).toContain('最新的开通文件');
  });

  it('refuses a registration made with a forged secret', async () => {
    const bureau = await createBureau();
    const setup = JSON.parse((await openStationFile(bureau, '330102-01', '北山派出所')).toString('utf8'));
    const forged = { ...setup, secret: Buffer.alloc(32, 7).toString('base64') };
    const impostor = await stationFromSetup(Buffer.from(JSON.stringify(forged)), { code: '330102-01', name: '北山派出所' });
    await impostor.client.call('staff.save', personInput(1));
    await refusedWithoutChange(bureau, (await exportFor(impostor, bureau)).bytes, 'BUNDLE_BAD_REGISTRATION');
    expect((await bureau.client.call('sync.status', {})).children[0].registered).toBe(false);
  });

  it('after registration, refuses another PC set up from a copy of the same file', async () => {
    const bureau = await createBureau();
    const setup = await openStationFile(bureau, '330102-01', '北山派出所');
    const station = await stationFromSetup(setup, { code: '330102-01', name: '北山派出所' });
    await carry(station, bureau);
    const copy = await stationFromSetup(setup, { code: '330102-01', name: '北山派出所' });
    const error = await refusedWithoutChange(bureau, (await exportFor(copy, bureau)).bytes, 'BUNDLE_UNKNOWN_SENDER');
    expect(error.message).toContain('重新生成开通文件');
  });
});

describe('chains of bureaus: station → county bureau → city bureau', () => {
  it('brings the station’s records to the city bureau, and the city’s reference data down to the station', async () => {
    const clock = manualClock();
    const city = await createBureau('330000', '浙江省某市公安局', { clock });
    // The county bureau has been in use on its own; it joins the city with the file the city issued.
    const county = await createBureau('330100', '西湖区公安分局', { clock });
    const countyId = localStation(county.store)!.id;
    const countySetup = await openStationFile(city, '330100', '西湖区公安分局', 'bureau');
    await county.client.call('sync.joinParent', { fileName: 'x.njsetup', bytesBase64: countySetup.toString('base64') });
    const station = await pairStation(county, '330102-01', '北山派出所', { clock });
    const stationId = localStation(station.store)!.id;

    for (let i = 0; i < 3; i += 1) await station.client.call('staff.save', personInput(i));
    await station.client.call('settings.set', { key: 'station.minimumOnDuty', value: 9 });
    await city.client.call('settings.set', { key: 'sync.silentWarningDays', value: 10 });
    await county.client.call('settings.set', { key: 'station.minimumOnDuty', value: 12 });

    await carry(station, county);
    const registered = await carry(county, city);
    expect({ rejected: registered.rejected, held: registered.held }).toEqual({ rejected: 0, held: 0 });
    expect(registered.registeredSender).toBe(true);
    // The city adopted the county's own station id, and its placeholder row is gone.
    expect(city.store.sqlite.prepare('SELECT station_id FROM sync_peer WHERE code = ?').get('330100')).toEqual({ station_id: countyId });
    expect(city.store.sqlite.prepare("SELECT id FROM station WHERE code = '330100' AND deleted_at IS NULL").all()).toEqual([{ id: countyId }]);

    for (const table of syncedTableNames()) {
      expect(rowsOwnedBy(city.store, table, [stationId, countyId]), table).toEqual(rowsOwnedBy(county.store, table, [stationId, countyId]));
    }
    expect((await city.client.call('staff.list', {})).map((p) => p.stationCode)).toEqual(['330102-01', '330102-01', '330102-01']);

    // Down the chain: the city's reference rows reach the station through the county.
    await carry(city, county);
    await carry(county, station);
    const cityId = localStation(city.store)!.id;
    expect(rowsOwnedBy(station.store, 'setting', [cityId])).toEqual(rowsOwnedBy(city.store, 'setting', [cityId]));
    expect(rowsOwnedBy(station.store, 'setting', [countyId])).toEqual(rowsOwnedBy(county.store, 'setting', [countyId]));
    // The station's own value wins over its bureau's for itself.
    expect((await station.client.call('settings.get', {}))['station.minimumOnDuty']).toBe(9);

    // The county's next bundle brings nothing new.
    expect(await carry(county, city)).toMatchObject({ totals: { inserted: 0, updated: 0 } });
  });
});
