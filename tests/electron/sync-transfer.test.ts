import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../shared/contract/api-contract';
import { localStation } from '../../electron/station/local-station';
import { openBundle } from '../../electron/sync/bundle-envelope';
import { withFieldChanges, type BundlePayload } from '../../electron/sync/bundle-payload';
import { ownSiteKeys } from '../../electron/sync/own-site-keys';
import { carry, createSites, exportFor, importInto, personInput, type CarriedBundle, type Site } from '../support/sync-sites';
import { loggedFieldCount } from '../../db/change-log';

/** What a bundle carries, opened with the recipient's key. */
function contentOf(bundle: CarriedBundle, from: Site, to: Site): ReturnType<typeof withFieldChanges<BundlePayload>> {
  const opened = openBundle({
    bytes: bundle.bytes,
    senderSigningPublicKey: ownSiteKeys(from.store).signingPublicKey,
    recipientEncryptionPrivateKey: ownSiteKeys(to.store).encryptionPrivateKey,
    expectedRecipientSiteId: to.store.siteId,
    maxFileBytes: 1 << 30,
    maxInflatedBytes: 1 << 30,
  });
  return withFieldChanges(JSON.parse(opened.payload.toString('utf8')) as BundlePayload);
}

describe('调动: the bureau moves a person to another station', () => {
  it('sends the person with family and honours to the new station; the old one shows 调出 and hears nothing more', async () => {
    const { bureau, stations, clock } = await createSites(2);
    const [north, south] = stations;
    const southId = localStation(south.store)!.id;
    const person = await north.client.call('staff.save', personInput(1, { name: '赵磊', joinedStationDate: '2019-08-31' }));
    await north.client.call('family.save', { staffId: person.id, relation: '配偶', name: '钱芳', phone: '13812345678' });
    await north.client.call('family.save', { staffId: person.id, relation: '子女', name: '赵小明', birthDate: '2012-05-01' });
    await north.client.call('honour.save', { staffId: person.id, title: '个人三等功', level: '市级', date: '2025-06-01' });
    await carry(north, bureau);
    await carry(bureau, north);
    await carry(bureau, south);

    // Only a bureau may transfer.
    const refused = await north.client.call('sync.transferStaff', { staffId: person.id, toStationCode: south.code, date: '2026-11-20' }).catch((e: ApiCallError) => e);
    expect(refused).toMatchObject({ code: 'BUREAU_ONLY' });
    await expect(bureau.client.call('sync.transferStaff', { staffId: person.id, toStationCode: 'NOPE-01', date: '2026-11-20' })).rejects.toMatchObject({
      code: 'TRANSFER_STATION_UNKNOWN',
    });

    clock.advance(60_000);
    const moved = await bureau.client.call('sync.transferStaff', { staffId: person.id, toStationCode: south.code, date: '2026-11-20', reason: '工作需要' });
    expect(moved).toMatchObject({ stationId: southId, stationCode: south.code, status: '在职', joinedStationDate: '2026-11-20' });
    await expect(bureau.client.call('sync.transferStaff', { staffId: person.id, toStationCode: south.code, date: '2026-11-20' })).rejects.toMatchObject({
      code: 'TRANSFER_SAME_STATION',
    });

    // The new station's next bundle carries the person, family and honours — whole.
    const toSouth = await exportFor(bureau, south);
    const tables = new Set(contentOf(toSouth, bureau, south).changes.map((c) => c.t));
    expect([...tables]).toEqual(expect.arrayContaining(['staff', 'family_member', 'honour', 'staff_status_change']));
    const arrived = await importInto(south, toSouth);
    expect(Object.fromEntries(arrived.tables.map((t) => [t.table, t.inserted]))).toMatchObject({ staff: 1, family_member: 2, honour: 1, staff_status_change: 2 });
    const atSouth = await south.client.call('staff.get', { id: person.id });
    const atBureau = await bureau.client.call('staff.get', { id: person.id });
    expect(atSouth).toEqual(atBureau);
    expect(atSouth.staff).toMatchObject({ name: '赵磊', status: '在职', stationCode: south.code });
    expect(atSouth.family.map((f) => f.name).sort()).toEqual(['赵小明', '钱芳']);
    expect(atSouth.honours.map((h) => h.title)).toEqual(['个人三等功']);
    // At the new station the move reads as a transfer-in: 在职 from the transfer date, no 调出 line.
    expect(atSouth.staff).toMatchObject({ status: '在职', statusDate: '2026-11-20', readOnlyNote: null });
    expect(atSouth.statusHistory.map((h) => h.status)).not.toContain('调出');
    expect(atSouth.statusHistory.at(-1)).toMatchObject({ status: '在职', date: '2026-11-20', reason: expect.stringContaining('调入第二派出所：工作需要') });

    // The old station learns the person left: shown as 调出, history kept.
    const toNorth = await exportFor(bureau, north);
    expect(new Set(contentOf(toNorth, bureau, north).changes.filter((c) => c.r === person.id).map((c) => c.c))).toEqual(new Set(['station_id']));
    await importInto(north, toNorth);
    const atNorth = (await north.client.call('staff.list', {})).find((p) => p.id === person.id);
    // 调出 is dated by the transfer, not by the date the person joined the old station.
    expect(atNorth).toMatchObject({ status: '调出', statusDate: '2026-11-20', phone: personInput(1).phone, readOnlyNote: expect.stringContaining('已调至其他单位') });
    const northDetail = await north.client.call('staff.get', { id: person.id });
    expect(northDetail.family).toHaveLength(2);
    expect(northDetail.statusHistory.at(-1)).toMatchObject({ status: '调出', date: '2026-11-20', reason: expect.stringContaining('调至第二派出所：工作需要') });

    // Later edits at the bureau reach the new station only (once the old station has acknowledged
    // what it has, its next bundle from the bureau is empty).
    await carry(north, bureau);
    clock.advance(60_000);
    await bureau.client.call('staff.save', { ...personInput(1, { name: '赵磊' }), id: person.id, phone: '13700001111' });
    await bureau.client.call('honour.save', { staffId: person.id, title: '优秀公务员', date: '2026-11-21' });
    const laterNorth = await exportFor(bureau, north);
    expect(contentOf(laterNorth, bureau, north).changes).toEqual([]);
    await importInto(north, laterNorth);
    expect((await north.client.call('staff.get', { id: person.id })).staff.phone).toBe(personInput(1).phone);
    await carry(bureau, south);
    expect((await south.client.call('staff.get', { id: person.id })).staff.phone).toBe('13700001111');
    expect((await south.client.call('staff.get', { id: person.id })).honours).toHaveLength(2);

    // The new station edits the person; the edit reaches the bureau (its records now).
    clock.advance(60_000);
    await south.client.call('staff.save', { ...personInput(1, { name: '赵磊' }), id: person.id, phone: '13700002222', position: '社区民警' });
    await carry(south, bureau);
    expect((await bureau.client.call('staff.get', { id: person.id })).staff).toMatchObject({ phone: '13700002222', position: '社区民警' });
  });

  it('makes the person read-only at the old station once the transfer has reached it, while the bureau and the new station may still edit', async () => {
    const { bureau, stations, clock } = await createSites(2);
    const [north, south] = stations;
    const person = await north.client.call('staff.save', personInput(6, { name: '吴刚', joinedStationDate: '2019-08-31' }));
    const spouse = await north.client.call('family.save', { staffId: person.id, relation: '配偶', name: '李梅' });
    const honour = await north.client.call('honour.save', { staffId: person.id, title: '个人嘉奖', date: '2025-06-01' });
    await carry(north, bureau);
    clock.advance(60_000);
    await bureau.client.call('sync.transferStaff', { staffId: person.id, toStationCode: south.code, date: '2026-11-20' });
    await carry(bureau, north);
    await carry(bureau, south);

    const before = loggedFieldCount(north.store);
    const attempts: [string, () => Promise<unknown>][] = [
      ['staff.save', () => north.client.call('staff.save', { ...personInput(6, { name: '吴刚' }), id: person.id, phone: '13900000000' })],
      ['staff.changeStatus', () => north.client.call('staff.changeStatus', { staffId: person.id, status: '离职', date: '2026-11-21' })],
      ['staff.delete', () => north.client.call('staff.delete', { id: person.id })],
      ['family.save (new)', () => north.client.call('family.save', { staffId: person.id, relation: '子女', name: '吴小刚' })],
      ['family.save (edit)', () => north.client.call('family.save', { id: spouse.id, staffId: person.id, relation: '配偶', name: '李梅梅' })],
      ['family.delete', () => north.client.call('family.delete', { id: spouse.id })],
      ['honour.save (new)', () => north.client.call('honour.save', { staffId: person.id, title: '优秀民警', date: '2026-01-01' })],
      ['honour.save (edit)', () => north.client.call('honour.save', { id: honour.id, staffId: person.id, title: '个人嘉奖两次', date: '2025-06-01' })],
      ['honour.delete', () => north.client.call('honour.delete', { id: honour.id })],
    ];
    for (const [what, attempt] of attempts) {
      const refused = await attempt().then(
        () => null,
        (e: ApiCallError) => e,
      );
      expect(refused, what).toMatchObject({ code: 'STAFF_NOT_OURS' });
      expect(refused?.message, what).toBe('吴刚 已调至其他单位，档案由新单位维护，本所只保留历史记录，不能再修改。如信息有误，请联系市局。');
    }
    expect(loggedFieldCount(north.store)).toEqual(before);
    const atNorth = await north.client.call('staff.get', { id: person.id });
    expect(atNorth.staff.readOnlyNote).toContain('吴刚 已调至其他单位');
    expect(atNorth.family.map((f) => f.name)).toEqual(['李梅']);

    // The bureau keeps its rule (any person of its subtree); the new station edits its own.
    await bureau.client.call('family.save', { id: spouse.id, staffId: person.id, relation: '配偶', name: '李梅梅' });
    expect((await bureau.client.call('staff.get', { id: person.id })).staff.readOnlyNote).toBeNull();
    await south.client.call('staff.changeStatus', { staffId: person.id, status: '离职', date: '2026-11-22' });
    expect((await south.client.call('staff.get', { id: person.id })).staff).toMatchObject({ status: '离职', readOnlyNote: null });
  });

  it('keeps an edit the old station made before the move-out, arriving after it, and forwards it to the new station', async () => {
    const { bureau, stations, clock } = await createSites(2);
    const [north, south] = stations;
    const person = await north.client.call('staff.save', personInput(3, { joinedStationDate: '2019-08-31' }));
    await carry(north, bureau);
    clock.advance(60_000);
    await north.client.call('staff.save', { ...personInput(3), id: person.id, notes: '已提交困难补助申请' });
    clock.advance(60_000);
    await bureau.client.call('sync.transferStaff', { staffId: person.id, toStationCode: south.code, date: '2026-11-20' });
    const late = await carry(north, bureau);
    expect(late.rejected).toBe(0);
    await carry(bureau, south);
    expect((await south.client.call('staff.get', { id: person.id })).staff.notes).toBe('已提交困难补助申请');
    await carry(bureau, north);
    expect((await north.client.call('staff.list', {})).find((p) => p.id === person.id)?.status).toBe('调出');
  });

  it('lists, and does not apply, what the old station changed after the move-out, even before it heard of it', async () => {
    const { bureau, stations, clock } = await createSites(2);
    const [north, south] = stations;
    const person = await north.client.call('staff.save', personInput(3, { joinedStationDate: '2019-08-31' }));
    await carry(north, bureau);
    clock.advance(60_000);
    await bureau.client.call('sync.transferStaff', { staffId: person.id, toStationCode: south.code, date: '2026-11-20' });
    clock.advance(60_000);
    await north.client.call('staff.save', { ...personInput(3), id: person.id, notes: '调出后的修改' });
    const child = await north.client.call('family.save', { staffId: person.id, relation: '子女', name: '孙小雨', birthDate: '2015-03-02' });
    const summary = await carry(north, bureau);
    expect(summary.rejected).toBeGreaterThanOrEqual(2);
    expect(summary.withheld.map((w) => w.reason)).toContain('PERSON_LEFT');
    expect(summary.withheld.find((w) => w.fieldLabel === '备注')?.detail).toMatch(/调出.*此后.*无效/);
    expect((await bureau.client.call('staff.get', { id: person.id })).staff.notes).not.toBe('调出后的修改');
    expect(bureau.store.sqlite.prepare('SELECT 1 FROM family_member WHERE id = ?').get(child.id)).toBeUndefined();
    // Listed for the bureau's clerk, who can tell the new station.
    const listed = await bureau.client.call('sync.withheld', {});
    expect(listed.filter((w) => w.kind === 'rejected' && w.peerCode === north.code).length).toBe(summary.rejected);
    await carry(bureau, south);
    expect((await south.client.call('staff.get', { id: person.id })).staff.notes).not.toBe('调出后的修改');
    // Resending changes nothing and lists nothing twice.
    const again = await carry(north, bureau);
    expect(again.totals).toMatchObject({ inserted: 0, updated: 0 });
    expect((await bureau.client.call('sync.withheld', {})).length).toBe(listed.length);
  });

  it('hands a record the old station added to the person before the move-out to the new station', async () => {
    const { bureau, stations, clock } = await createSites(2);
    const [north, south] = stations;
    const person = await north.client.call('staff.save', personInput(4, { joinedStationDate: '2019-08-31' }));
    await carry(north, bureau);
    clock.advance(60_000);
    const child = await north.client.call('family.save', { staffId: person.id, relation: '子女', name: '孙小雨', birthDate: '2015-03-02' });
    clock.advance(60_000);
    await bureau.client.call('sync.transferStaff', { staffId: person.id, toStationCode: south.code, date: '2026-11-20' });
    await carry(north, bureau);
    await carry(bureau, south);
    expect((await south.client.call('staff.get', { id: person.id })).family.map((f) => f.id)).toEqual([child.id]);
    await carry(bureau, north);
    expect(north.store.sqlite.prepare('SELECT station_id FROM family_member WHERE id = ?').get(child.id)).toEqual({ station_id: localStation(south.store)!.id });
  });

  it('refuses to transfer a person who is no longer 在职, naming the status, and changes nothing', async () => {
    const { bureau, stations } = await createSites(2);
    const [north, south] = stations;
    const person = await north.client.call('staff.save', personInput(5, { name: '周强', joinedStationDate: '2019-08-31' }));
    await north.client.call('staff.changeStatus', { staffId: person.id, status: '退休', date: '2026-10-01', confirmEarlyRetirement: true });
    await carry(north, bureau);
    const before = loggedFieldCount(bureau.store);
    const refused = await bureau.client.call('sync.transferStaff', { staffId: person.id, toStationCode: south.code, date: '2026-11-20' }).catch((e: ApiCallError) => e);
    expect(refused).toMatchObject({ code: 'TRANSFER_NOT_ACTIVE' });
    expect((refused as ApiCallError).message).toContain('退休');
    expect(loggedFieldCount(bureau.store)).toEqual(before);
  });
});
