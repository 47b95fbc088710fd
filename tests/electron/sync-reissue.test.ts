import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../shared/contract/api-contract';
import { localStation } from '../../electron/station/local-station';
import { carry, createBureau, exportFor, importInto, openStationFile, pairStation, personInput, stationFromSetup } from '../support/sync-sites';
import { manualClock } from '../support/test-ledger';

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a refusal'); }, (e: ApiCallError) => e);

describe('开通派出所 with the code of a unit already opened', () => {
  it('is refused with STATION_ALREADY_OPEN and changes nothing: the unit keeps its name and keys', async () => {
    const bureau = await createBureau();
    const station = await pairStation(bureau, '330102-01', '北山派出所');
    const before = (await bureau.client.call('sync.status', {})).children;
    expect(before[0]).toMatchObject({ code: '330102-01', name: '北山派出所', registered: true });

    const refused = await failure(bureau.client.call('sync.openStation', { code: '330102-01', name: '南山派出所' }));
    expect(refused.code).toBe('STATION_ALREADY_OPEN');
    expect(refused.message).toContain('北山派出所');
    expect(refused.message).toContain('已开通');
    expect(refused.message).toContain('重新生成开通文件');
    expect(refused.message).toContain('作废');

    expect((await bureau.client.call('sync.status', {})).children).toEqual(before);
    // Its next bundle is still accepted, and the bureau can still export to it.
    await station.client.call('staff.save', personInput(1));
    await expect(carry(station, bureau)).resolves.toMatchObject({ senderCode: '330102-01' });
    await expect(carry(bureau, station)).resolves.toMatchObject({ senderCode: '330100' });
  });

  it('is refused for a unit opened but not yet registered too; re-issue stays possible with reissue: true', async () => {
    const bureau = await createBureau();
    await openStationFile(bureau, '330102-01', '北山派出所');
    expect((await failure(bureau.client.call('sync.openStation', { code: '330102-01', name: '北山派出所' }))).code).toBe('STATION_ALREADY_OPEN');
    const reissued = await bureau.client.call('sync.openStation', { code: '330102-01', name: '北山派出所', reissue: true });
    const station = await stationFromSetup(Buffer.from(reissued.bytesBase64, 'base64'), { code: '330102-01', name: '北山派出所' });
    await carry(station, bureau);
    expect((await bureau.client.call('sync.status', {})).children[0]).toMatchObject({ registered: true, reissuePending: false });
  });

  it('refuses a re-issue for a code never opened here', async () => {
    const bureau = await createBureau();
    expect((await failure(bureau.client.call('sync.openStation', { code: '330102-09', name: '新派出所', reissue: true }))).code).toBe('SYNC_PEER_NOT_FOUND');
  });
});

describe('重新生成开通文件 for a registered station', () => {
  it('keeps the working PC in service until a PC set up from the new file reports; then only the new PC is accepted', async () => {
    const clock = manualClock();
    const bureau = await createBureau('330100', '杭州市公安局', { clock });
    const station = await pairStation(bureau, '330102-01', '北山派出所', { clock });
    const person = await station.client.call('staff.save', personInput(1, { name: '张伟' }));
    await carry(station, bureau);
    const oldFingerprint = (await bureau.client.call('sync.status', {})).children[0].fingerprint;

    const file = await bureau.client.call('sync.openStation', { code: '330102-01', name: '北山派出所', reissue: true });
    const peer = (await bureau.client.call('sync.status', {})).children[0];
    expect(peer).toMatchObject({ registered: true, reissuePending: true, fingerprint: oldFingerprint });

    // The station still working is not cut off: its bundles are accepted, the bureau exports to it.
    clock.advance(60_000);
    await station.client.call('staff.save', { ...personInput(1, { name: '张伟' }), id: person.id, notes: '旧电脑仍在用' });
    await carry(station, bureau);
    expect((await bureau.client.call('staff.get', { id: person.id })).staff.notes).toBe('旧电脑仍在用');
    await carry(bureau, station);

    // The PC is rebuilt from the new file: its first bundle registers its keys and it gets everything.
    const rebuilt = await stationFromSetup(Buffer.from(file.bytesBase64, 'base64'), { code: '330102-01', name: '北山派出所', clock });
    expect(localStation(rebuilt.store)!.id).toBe(localStation(station.store)!.id);
    const first = await carry(rebuilt, bureau);
    expect(first.registeredSender).toBe(true);
    const after = (await bureau.client.call('sync.status', {})).children[0];
    expect(after).toMatchObject({ registered: true, reissuePending: false });
    expect(after.fingerprint).not.toBe(oldFingerprint);
    await carry(bureau, rebuilt);
    expect((await rebuilt.client.call('staff.get', { id: person.id })).staff).toMatchObject({ name: '张伟', notes: '旧电脑仍在用' });

    // From now on the old PC is another PC: refused, and the old setup file is void.
    const fromOld = await exportFor(station, bureau);
    expect((await failure(importInto(bureau, fromOld))).code).toBe('BUNDLE_UNKNOWN_SENDER');
  });

  it('voids the old file: a PC set up from it cannot register while the re-issue is pending', async () => {
    const bureau = await createBureau();
    const setup = await openStationFile(bureau, '330102-01', '北山派出所');
    const station = await stationFromSetup(setup, { code: '330102-01', name: '北山派出所' });
    await carry(station, bureau);
    await bureau.client.call('sync.openStation', { code: '330102-01', name: '北山派出所', reissue: true });
    const copy = await stationFromSetup(setup, { code: '330102-01', name: '北山派出所' });
    expect((await failure(importInto(bureau, await exportFor(copy, bureau)))).code).toBe('BUNDLE_BAD_REGISTRATION');
    expect((await bureau.client.call('sync.status', {})).children[0]).toMatchObject({ registered: true, reissuePending: true });
  });
});

describe('refusals name the units this installation knows', () => {
  it('says which unit a file was meant for by its name, with the code beside it', async () => {
    const bureau = await createBureau();
    const north = await pairStation(bureau, '330102-01', '北山派出所');
    // The station's clerk picks the file it just exported for the bureau.
    const forBureau = await exportFor(north, bureau);
    const refused = await failure(importInto(north, forBureau));
    expect(refused.code).toBe('BUNDLE_WRONG_RECIPIENT');
    expect(refused.message).toContain('发给「杭州市公安局（330100）」');
    // A code this installation does not know stays a code.
    const stranger = await createBureau('330200', '宁波市公安局');
    expect((await failure(importInto(stranger, forBureau))).message).toContain('发给「330100」');
  });
});
