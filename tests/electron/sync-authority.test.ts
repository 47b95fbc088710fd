import { openSecret } from '../../electron/keys/ledger-keys';
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../shared/contract/api-contract';
import type { BundleHeader } from '../../electron/sync/bundle-envelope';
import { ownSiteKeys } from '../../electron/sync/own-site-keys';
import { makeRegistration } from '../../electron/sync/setup-file';
import { parentPeer, peerByCode } from '../../electron/sync/sync-peers';
import { craftedBundle, hlcAt, openCarried, sealAs, wireChange } from '../support/crafted-bundles';
import { carry, createBureau, createSites, dumpStore, exportFor, importInto, openStationFile, personInput, stationFromSetup, type Site, bureauWithTwoStations, stationIdOf, rowIn } from '../support/sync-sites';
import { changeLogOf, manualClock } from '../support/test-ledger';

/**
 * The security review's findings 1–5 and 7 (issue 7), each as the attack itself: a bundle crafted
 * by a station with its own REAL keys (a clerk owns their PC), so it is genuine, signed and
 * addressed — and only the authority checks stand between it and the other units' records.
 * Every test failed on the code before the fix. Clocks (finding 6): sync-clocks.test.ts.
 */

const DAY = 86_400_000;


async function expectRefused(site: Site, bundle: { fileName: string; bytes: Buffer }, code: string): Promise<ApiCallError> {
  const before = dumpStore(site.store);
  const error = (await importInto(site, bundle).catch((e: unknown) => e)) as ApiCallError;
  expect(error).toBeInstanceOf(ApiCallError);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(/请/);
  expect(dumpStore(site.store)).toEqual(before);
  return error;
}


describe('1. a station cannot re-arrange the tree (authority is decided on the tree before the import)', () => {
  it("refuses a station's change that makes it the bureau's parent, re-parents a sibling or renames a sibling's person — and applies the rest", async () => {
    const { bureau, north, south, clock, southPerson } = await bureauWithTwoStations();
    const site = north.store.siteId;
    const crafted = await craftedBundle(north, bureau, (p) => {
      p.changes.push(wireChange('station', stationIdOf(bureau), 'parent_code', north.code, hlcAt(clock.now, site, 1)));
      p.changes.push(wireChange('station', stationIdOf(south), 'parent_code', north.code, hlcAt(clock.now, site, 2)));
      p.changes.push(wireChange('staff', southPerson.id, 'name', '被篡改', hlcAt(clock.now, site, 3)));
    });
    await north.client.call('staff.save', personInput(3)); // an honest change in a later bundle
    const summary = await importInto(bureau, crafted);
    expect(summary.rejected).toBe(3);
    expect(summary.withheld.map((w) => w.reason)).toEqual(['ROW_NOT_OURS', 'ROW_NOT_OURS', 'ROW_NOT_OURS']);
    expect(summary.withheld[2].detail).toContain('第二派出所');
    expect(rowIn(bureau, 'station', stationIdOf(bureau))?.parent_code).toBeNull();
    expect(rowIn(bureau, 'station', stationIdOf(south))?.parent_code).toBe(bureau.code);
    expect(rowIn(bureau, 'staff', southPerson.id)?.name).toBe(southPerson.name);

    // The bureau still sends the station nothing of its sibling's people.
    const down = await exportFor(bureau, north);
    const { payload } = openCarried(bureau, north, down.bytes);
    expect(payload.changes.filter((c) => c.r === southPerson.id)).toEqual([]);
    expect(JSON.stringify(payload)).not.toContain(personInput(2).idNumber);
    await importInto(north, down);
    expect(rowIn(north, 'staff', southPerson.id)).toBeUndefined();
    // And the sibling never hears of the rename.
    await carry(bureau, south);
    expect((await south.client.call('staff.get', { id: southPerson.id })).staff.name).toBe(southPerson.name);
    // The clerk at the bureau sees what was refused, with who sent it.
    const listed = await bureau.client.call('sync.withheld', {});
    expect(listed.map((w) => [w.kind, w.peerCode, w.value])).toEqual(expect.arrayContaining([['rejected', north.code, '被篡改']]));
    // The honest changes of the next bundle still arrive.
    const next = await carry(north, bureau);
    expect(next.totals.inserted).toBeGreaterThan(0);
    expect(next.rejected).toBe(0);
  });

  it('refuses a new unit a station adds, and a lower bureau may only place new units under itself with codes nobody else has', async () => {
    const clock = manualClock();
    const city = await createBureau('330000', '某市公安局', { clock });
    const county = await createBureau('330100', '西湖区公安分局', { clock });
    await county.client.call('sync.joinParent', { fileName: 'x.njsetup', bytesBase64: (await openStationFile(city, '330100', '西湖区公安分局', 'bureau')).toString('base64') });
    const other = await stationFromSetup(await openStationFile(city, '330200', '上城区公安分局', 'bureau'), { code: '330200', name: '上城区公安分局', clock });
    await carry(other, city);
    await carry(county, city);
    clock.advance(60_000);
    const site = county.store.siteId;
    const crafted = await craftedBundle(county, city, (p) => {
      // A unit under the county with a code another unit already has, and one under the city.
      p.changes.push(wireChange('station', 'new-1', 'station_id', 'new-1', hlcAt(clock.now, site, 1)));
      p.changes.push(wireChange('station', 'new-1', 'code', '330200', hlcAt(clock.now, site, 1)));
      p.changes.push(wireChange('station', 'new-1', 'parent_code', county.code, hlcAt(clock.now, site, 1)));
      p.changes.push(wireChange('station', 'new-2', 'station_id', 'new-2', hlcAt(clock.now, site, 2)));
      p.changes.push(wireChange('station', 'new-2', 'code', '330299', hlcAt(clock.now, site, 2)));
      p.changes.push(wireChange('station', 'new-2', 'parent_code', city.code, hlcAt(clock.now, site, 2)));
      // A legitimate new unit under the county.
      p.changes.push(wireChange('station', 'new-3', 'station_id', 'new-3', hlcAt(clock.now, site, 3)));
      p.changes.push(wireChange('station', 'new-3', 'code', '330106-01', hlcAt(clock.now, site, 3)));
      p.changes.push(wireChange('station', 'new-3', 'parent_code', county.code, hlcAt(clock.now, site, 3)));
    });
    const summary = await importInto(city, crafted);
    expect(new Set(summary.withheld.map((w) => w.reason))).toEqual(new Set(['CODE_TAKEN', 'UNIT_STRUCTURE']));
    expect(rowIn(city, 'station', 'new-1')).toBeUndefined();
    expect(rowIn(city, 'station', 'new-2')).toBeUndefined();
    expect(rowIn(city, 'station', 'new-3')).toMatchObject({ code: '330106-01', parent_code: county.code });
  });
});

describe('2. a registration carries the station id the bureau issued, from a new PC, once', () => {
  async function newcomer() {
    const { bureau, stations, clock } = await createSites(1);
    const setup = await openStationFile(bureau, '330102-05', '新开派出所');
    const station = await stationFromSetup(setup, { code: '330102-05', name: '新开派出所', clock });
    return { bureau, north: stations[0], clock, setup, station };
  }

  function claiming(station: Site, header: BundleHeader, fields: { stationId?: string; siteId?: string }): void {
    const keys = ownSiteKeys(station.store);
    const secret = openSecret(station.store, parentPeer(station.store)!.setup_secret!);
    header.registration = makeRegistration(secret, {
      siteId: fields.siteId ?? station.store.siteId,
      stationId: fields.stationId ?? stationIdOf(station),
      code: station.code,
      signingPublicKey: keys.signingPublicKey,
      encryptionPublicKey: keys.encryptionPublicKey,
    });
    if (fields.siteId) header.senderSiteId = fields.siteId;
  }

  it("refuses a registration claiming the bureau's own station id or another station's", async () => {
    const { bureau, north, station } = await newcomer();
    for (const claimed of [stationIdOf(bureau), stationIdOf(north)]) {
      const crafted = await craftedBundle(station, bureau, (p, h) => {
        claiming(station, h, { stationId: claimed });
        p.sender.stationId = claimed;
      });
      const error = await expectRefused(bureau, crafted, 'BUNDLE_REGISTRATION_STATION');
      expect(error.message).toContain('新开派出所');
    }
  });

  it("refuses a registration from the bureau's own PC id or another station's", async () => {
    const { bureau, north, station } = await newcomer();
    await expectRefused(bureau, await craftedBundle(station, bureau, (_p, h) => claiming(station, h, { siteId: bureau.store.siteId })), 'BUNDLE_REGISTRATION_SITE');
    // Another station's PC id: the bundle is then checked against that station's key, and fails.
    await expectRefused(bureau, await craftedBundle(station, bureau, (_p, h) => claiming(station, h, { siteId: north.store.siteId })), 'BUNDLE_BAD_SIGNATURE');
  });

  it("shows the registrant's key fingerprint in the preview, consumes the secret, and refuses a copy of the file on another PC", async () => {
    const { bureau, clock, setup, station } = await newcomer();
    const preview = await importInto(bureau, await exportFor(station, bureau), true);
    const { fingerprint } = await station.client.call('sync.status', {});
    expect(preview.registrant).toEqual({ code: '330102-05', name: '新开派出所', fingerprint });
    expect(peerByCode(bureau.store, '330102-05')!.setup_secret).not.toBeNull(); // a preview changes nothing
    await carry(station, bureau);
    expect(peerByCode(bureau.store, '330102-05')!.setup_secret).toBeNull();
    const copy = await stationFromSetup(setup, { code: '330102-05', name: '新开派出所', clock });
    await expect(carry(copy, bureau)).rejects.toMatchObject({ code: 'BUNDLE_UNKNOWN_SENDER' });
    // The station forgets its copy of the secret once it hears from the bureau.
    await carry(bureau, station);
    expect(parentPeer(station.store)!.setup_secret).toBeNull();
  });

  it('refuses a setup file used more than 30 days after it was issued', async () => {
    const { bureau, clock, station } = await newcomer();
    clock.advance(31 * DAY);
    const error = await expectRefused(bureau, await exportFor(station, bureau), 'BUNDLE_SETUP_EXPIRED');
    expect(error.message).toContain('重新生成开通文件');
  });
});

describe('3. detail rows only for the sender’s own people', () => {
  it("refuses a family member a station adds, or re-points, to another station's person", async () => {
    const { bureau, north, south, clock, northPerson, southPerson } = await bureauWithTwoStations();
    const own = await north.client.call('family.save', { staffId: northPerson.id, relation: '配偶', name: '李红' });
    await carry(north, bureau);
    clock.advance(60_000);
    const site = north.store.siteId;
    const crafted = await craftedBundle(north, bureau, (p) => {
      const h = hlcAt(clock.now, site, 1);
      p.changes.push(wireChange('family_member', 'fam-forged', 'station_id', stationIdOf(north), h));
      p.changes.push(wireChange('family_member', 'fam-forged', 'staff_id', southPerson.id, h));
      p.changes.push(wireChange('family_member', 'fam-forged', 'name', '冒认家属', h));
      p.changes.push(wireChange('family_member', own.id, 'staff_id', southPerson.id, hlcAt(clock.now, site, 2)));
    });
    const summary = await importInto(bureau, crafted);
    expect(summary.withheld.map((w) => w.reason)).toEqual(['PERSON_NOT_OURS', 'PERSON_NOT_OURS', 'PERSON_NOT_OURS', 'PERSON_NOT_OURS']);
    expect(rowIn(bureau, 'family_member', 'fam-forged')).toBeUndefined();
    expect(rowIn(bureau, 'family_member', own.id)?.staff_id).toBe(northPerson.id);
    await carry(bureau, south);
    expect((await south.client.call('staff.get', { id: southPerson.id })).family).toEqual([]);
  });
});

describe('4. after a transfer the former owner’s authority ends at the move-out', () => {
  it('refuses a rename and a move back made by the old station months after 调动', async () => {
    const { bureau, north, south, clock, northPerson } = await bureauWithTwoStations();
    await bureau.client.call('sync.transferStaff', { staffId: northPerson.id, toStationCode: south.code, date: '2026-11-23' });
    clock.advance(120 * DAY);
    const site = north.store.siteId;
    const crafted = await craftedBundle(north, bureau, (p) => {
      p.changes.push(wireChange('staff', northPerson.id, 'name', '改回来', hlcAt(clock.now, site, 1)));
      p.changes.push(wireChange('staff', northPerson.id, 'station_id', stationIdOf(north), hlcAt(clock.now, site, 2)));
    });
    const summary = await importInto(bureau, crafted);
    expect(summary.withheld.map((w) => w.reason)).toEqual(['PERSON_LEFT', 'PERSON_LEFT']);
    expect(rowIn(bureau, 'staff', northPerson.id)).toMatchObject({ name: northPerson.name, station_id: stationIdOf(south) });
  });
});

describe('5. origins and marks cannot be forged', () => {
  it("refuses a change stamped with the bureau's PC and user name, and shows honest ones as the sender's word", async () => {
    const { bureau, north, clock, northPerson } = await bureauWithTwoStations();
    const crafted = await craftedBundle(north, bureau, (p) => {
      p.changes.push(wireChange('staff', northPerson.id, 'notes', '市局已批准', hlcAt(clock.now, bureau.store.siteId, 1), '市局李强'));
    });
    const summary = await importInto(bureau, crafted);
    expect(summary.withheld.map((w) => w.reason)).toEqual(['ORIGIN_FORGED']);
    const history = await bureau.client.call('staff.history', { id: northPerson.id });
    expect(history.some((e) => e.userName === '市局李强')).toBe(false);
    // An honest edit shows the station's operator as the station's word, with the unit checked on import.
    await north.client.call('staff.save', { ...personInput(1), id: northPerson.id, notes: '困难补助' });
    await carry(north, bureau);
    const entry = (await bureau.client.call('staff.history', { id: northPerson.id })).find((e) => e.to === '困难补助');
    expect(entry).toMatchObject({ remote: true, origin: '第一派出所', userName: '第一派出所干事' });
  });

  it("refuses a row stamped with a sibling's PC id 300 days ahead, so the sibling's next person still reaches the bureau", async () => {
    const { bureau, north, south, clock, northPerson } = await bureauWithTwoStations();
    const crafted = await craftedBundle(north, bureau, (p) => {
      p.changes.push(wireChange('staff', northPerson.id, 'notes', '未来', hlcAt(clock.now + 300 * DAY, south.store.siteId, 1)));
    });
    expect((await importInto(bureau, crafted)).withheld.map((w) => w.reason)).toEqual(['ORIGIN_FORGED']);
    const later = await south.client.call('staff.save', personInput(7));
    const up = await carry(south, bureau);
    expect(up.changes).toBeGreaterThan(0);
    expect(rowIn(bureau, 'staff', later.id)).toBeDefined();
  });

  it('clamps the marks a station reports to what it can have received: forged marks do not silence anyone', async () => {
    const { bureau, north, south, clock } = await bureauWithTwoStations();
    const crafted = await craftedBundle(north, bureau, (p) => {
      p.highWater[bureau.store.siteId] = hlcAt(clock.now + 300 * DAY, bureau.store.siteId);
      p.highWater[south.store.siteId] = hlcAt(clock.now + 300 * DAY, south.store.siteId);
    });
    await importInto(bureau, crafted);
    const ack = JSON.parse(peerByCode(bureau.store, north.code)!.ack_json) as Record<string, string>;
    expect(ack[south.store.siteId]).toBeUndefined();
    expect(ack[bureau.store.siteId] === undefined || ack[bureau.store.siteId] <= bureau.store.clock.current()).toBe(true);
    await bureau.client.call('settings.set', { key: 'station.minimumOnDuty', value: 14 });
    const down = await carry(bureau, north);
    expect(down.totals.inserted + down.totals.updated).toBeGreaterThan(0);
    expect((await north.client.call('settings.get', {}))['station.minimumOnDuty']).toBe(14);
  });
});

describe('7. nothing of a header is believed before its signature', () => {
  /** A file whose clear header is replaced, keeping the rest (and the old signature). */
  function withHeader(bytes: Buffer, edit: (header: Record<string, unknown>) => void): Buffer {
    const length = bytes.readUInt32BE(8);
    const header = JSON.parse(bytes.subarray(12, 12 + length).toString('utf8')) as Record<string, unknown>;
    edit(header);
    const text = Buffer.from(JSON.stringify(header), 'utf8');
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32BE(text.length);
    return Buffer.concat([bytes.subarray(0, 8), prefix, text, bytes.subarray(12 + length)]);
  }

  it('reports a tampered schema version as a bad signature, not as "please upgrade"', async () => {
    const { bureau, north } = await bureauWithTwoStations();
    const genuine = await exportFor(north, bureau);
    const error = await expectRefused(bureau, { fileName: 'x.njb', bytes: withHeader(genuine.bytes, (h) => void (h.schemaVersion = '9999-01-01-future')) }, 'BUNDLE_BAD_SIGNATURE');
    expect(error.message).toContain('第一派出所');
  });

  it("names a known sender by this installation's records, never by the header's words", async () => {
    const { bureau, north } = await bureauWithTwoStations();
    const genuine = await exportFor(north, bureau);
    const error = await expectRefused(bureau, { fileName: 'x.njb', bytes: withHeader(genuine.bytes, (h) => void (h.senderCode = '330102-02')) }, 'BUNDLE_BAD_SIGNATURE');
    expect(error.message).toContain('第一派出所');
    expect(error.message).not.toContain('330102-02');
  });

  it('echoes nothing of a stranger’s crafted code but the code characters', async () => {
    const { bureau } = await bureauWithTwoStations();
    const stranger = await createBureau('990000', '陌生单位');
    const lure = '市局信息中心：请拨打0571-88886666核对';
    const header: BundleHeader = {
      formatVersion: 1,
      appVersion: '0.1.0',
      schemaVersion: '2026-11-23-sync',
      senderSiteId: stranger.store.siteId,
      senderCode: lure,
      recipientSiteId: bureau.store.siteId,
      recipientCode: bureau.code,
      createdAt: new Date().toISOString(),
      sequence: 1,
    };
    const payload = { changes: [], highWater: {}, sender: { code: '990000', name: '陌生单位', stationId: 'x' }, schemaVersion: '2026-11-23-sync' };
    const unknown = await expectRefused(bureau, { fileName: 'x.njb', bytes: sealAs(stranger, bureau, header, payload) }, 'BUNDLE_UNKNOWN_SENDER');
    expect(unknown.message).not.toContain('0571');
    const misaddressed = await expectRefused(
      bureau,
      { fileName: 'x.njb', bytes: sealAs(stranger, bureau, { ...header, recipientSiteId: '0123456789abcdef', recipientCode: lure }, payload) },
      'BUNDLE_WRONG_RECIPIENT',
    );
    expect(misaddressed.message).not.toContain('0571');
  });
});

describe('defence in depth at the station', () => {
  it("refuses, and lists, another station's people in a bundle from the bureau", async () => {
    const { bureau, north, southPerson } = await bureauWithTwoStations();
    const theirs = changeLogOf(bureau.store).filter((c) => c.row_id === southPerson.id) as {
      tbl: string;
      row_id: string;
      col: string;
      value: string;
      hlc: string;
      prev_hlc: string | null;
      user_name: string;
    }[];
    const crafted = await craftedBundle(bureau, north, (p) => {
      for (const c of theirs) p.changes.push({ t: c.tbl, r: c.row_id, c: c.col, v: JSON.parse(c.value), h: c.hlc, p: c.prev_hlc, u: c.user_name });
    });
    const summary = await importInto(north, crafted);
    expect(summary.rejected).toBe(theirs.length);
    expect(new Set(summary.withheld.map((w) => w.reason))).toEqual(new Set(['OUTSIDE_SUBTREE']));
    expect(rowIn(north, 'staff', southPerson.id)).toBeUndefined();
  });
});
