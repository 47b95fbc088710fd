import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError, type ApiClient, type EventName } from '../../shared/contract/api-contract';
import { settingsCatalog } from '../../shared/settings-catalog';
import { tombstoneRecord, writeRecord } from '../../db/write-path';
import { currentSchemaVersion } from '../../db/migrations/migration-map';
import type { LedgerStore } from '../../db/ledger-store';
import { createAppDeps, type AppDeps } from '../../electron/app-deps';
import { appHandlers, settingRowId } from '../../electron/handlers/app-handlers';
import { HandlerRegistry } from '../../electron/handlers/handler-registry';
import { createInProcessClient } from '../../electron/transports/in-process-client';
import { changeLogOf, countRows, manualClock, openMemoryLedger } from '../support/test-ledger';
import { loggedFieldCount } from '../../db/change-log';

let store: LedgerStore;
let deps: AppDeps;
let client: ApiClient;
let events: { name: EventName; payload: unknown }[];

const northHill = { code: '330102-01', name: '西湖区公安分局北山派出所', role: 'station' as const, operatorName: '王丽' };

beforeEach(async () => {
  // 2026-11-23 23:30 China time is still the 23rd there, though UTC says the 23rd 15:30.
  store = await openMemoryLedger(manualClock(Date.parse('2026-11-23T23:30:00+08:00')));
  events = [];
  deps = createAppDeps(store, { events: (name, payload) => events.push({ name, payload }) });
  const registry = new HandlerRegistry();
  registry.registerAll(appHandlers);
  client = createInProcessClient(registry, deps);
});

afterEach(() => store.close());

async function failure(action: Promise<unknown>): Promise<ApiCallError> {
  try {
    await action;
  } catch (error) {
    if (error instanceof ApiCallError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('app.info and station.setup', () => {
  it('reports no station before the wizard has run', async () => {
    const info = await client.call('app.info', {});
    expect(info).toMatchObject({
      appName: '暖警台账',
      station: null,
      operatorName: '',
      schemaVersion: currentSchemaVersion,
      siteId: store.siteId,
      today: '2026-11-23',
      databasePath: ':memory:',
    });
    expect(info.appVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('sets up the station; app.info then shows it and the operator', async () => {
    const station = await client.call('station.setup', { ...northHill, code: ' 330102-01 ', name: ' 西湖区公安分局北山派出所 ' });
    expect(station).toEqual({ id: expect.any(String), code: '330102-01', name: '西湖区公安分局北山派出所', role: 'station' });
    const info = await client.call('app.info', {});
    expect(info.station).toEqual(station);
    expect(info.operatorName).toBe('王丽');
    expect(events).toEqual([{ name: 'data.changed', payload: { tables: ['station'], rowIds: { station: [station.id] } } }]);
  });

  it('writes the station through the write path: a synced row owned by itself, in the change log', async () => {
    const station = await client.call('station.setup', northHill);
    expect(store.sqlite.prepare('SELECT station_id, code, name, role, deleted_at FROM station WHERE id = ?').get(station.id)).toEqual({
      station_id: station.id,
      code: '330102-01',
      name: '西湖区公安分局北山派出所',
      role: 'station',
      deleted_at: null,
    });
    const log = changeLogOf(store).filter((r) => r.tbl === 'station' && r.row_id === station.id);
    expect(log.map((r) => r.col).sort()).toEqual(['code', 'name', 'role', 'station_id']);
    expect(new Set(log.map((r) => r.site_id))).toEqual(new Set([store.siteId]));
  });

  it('records the operator named in the wizard on the change that creates the station', async () => {
    const station = await client.call('station.setup', northHill);
    const log = changeLogOf(store).filter((r) => r.row_id === station.id);
    expect(log.length).toBeGreaterThan(0);
    for (const row of log) expect(row.user_name).toBe('王丽');
  });

  it('refuses a second setup with ALREADY_SET_UP, naming the station it already has', async () => {
    await client.call('station.setup', northHill);
    const error = await failure(client.call('station.setup', { code: '330102-02', name: '灵隐派出所', role: 'station' }));
    expect(error.code).toBe('ALREADY_SET_UP');
    expect(error.message).toContain('西湖区公安分局北山派出所');
    expect(error.message).toContain('330102-01');
    expect(countRows(store, 'station')).toBe(1);
    expect((await client.call('app.info', {})).station?.code).toBe('330102-01');
  });

  it('refuses a bad code with INVALID_ARGUMENT and writes nothing', async () => {
    const error = await failure(client.call('station.setup', { ...northHill, code: '1' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('单位代码应为2–20位字母、数字或短横线');
    expect(countRows(store, 'station')).toBe(0);
    expect(loggedFieldCount(store)).toBe(0);
    expect((await client.call('app.info', {})).station).toBeNull();
    expect(events).toEqual([]);
  });

  it('refuses an unknown role in Chinese', async () => {
    const error = await failure(client.call('station.setup', { ...northHill, role: 'ministry' as 'station' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('请选择单位类型：派出所或市局/县局');
  });

  it('sets up a bureau', async () => {
    const bureau = await client.call('station.setup', { code: '3301', name: '杭州市公安局', role: 'bureau' });
    expect(bureau.role).toBe('bureau');
    expect((await client.call('app.info', {})).operatorName).toBe('');
  });
});

describe('settings', () => {
  it('returns every default before anything is set', async () => {
    const defaults = Object.fromEntries(Object.entries(settingsCatalog).map(([key, entry]) => [key, entry.defaultValue]));
    expect(await client.call('settings.get', {})).toEqual(defaults);
    expect(defaults['station.minimumOnDuty']).toBe(10);
  });

  it('refuses to change a setting before the station is set up', async () => {
    const error = await failure(client.call('settings.set', { key: 'station.minimumOnDuty', value: 12 }));
    expect(error.code).toBe('NOT_SET_UP');
    expect(error.message).toMatch(/首次设置/);
  });

  it('saves a valid value through the write path and returns all settings', async () => {
    const station = await client.call('station.setup', northHill);
    events.length = 0;
    const values = await client.call('settings.set', { key: 'station.minimumOnDuty', value: 12 });
    expect(values['station.minimumOnDuty']).toBe(12);
    expect(values['sync.silentWarningDays']).toBe(30);
    expect((await client.call('settings.get', {}))['station.minimumOnDuty']).toBe(12);
    expect(events).toEqual([{ name: 'data.changed', payload: { tables: ['setting'], rowIds: { setting: [expect.stringMatching(/^setting:.*:station\.minimumOnDuty$/)] } } }]);

    const rowId = settingRowId(station.id, 'station.minimumOnDuty');
    expect(store.sqlite.prepare('SELECT station_id, key, value FROM setting WHERE id = ?').get(rowId)).toEqual({
      station_id: station.id,
      key: 'station.minimumOnDuty',
      value: '12',
    });
    const valueChange = changeLogOf(store).find((r) => r.tbl === 'setting' && r.row_id === rowId && r.col === 'value');
    expect(valueChange).toMatchObject({ value: JSON.stringify('12'), site_id: store.siteId, user_name: '王丽', prev_hlc: null });

    // Saving the same value again writes nothing.
    const logged = loggedFieldCount(store);
    await client.call('settings.set', { key: 'station.minimumOnDuty', value: 12 });
    expect(loggedFieldCount(store)).toBe(logged);
    // A new value chains to the old one.
    await client.call('settings.set', { key: 'station.minimumOnDuty', value: 8 });
    const next = changeLogOf(store).at(-1)!;
    expect(next).toMatchObject({ row_id: rowId, col: 'value', value: JSON.stringify('8'), prev_hlc: valueChange!.hlc });
  });

  it('refuses an out-of-range value with the setting’s Chinese label, keeping the old value', async () => {
    await client.call('station.setup', northHill);
    for (const value of [-1, 1001, 2.5, '12']) {
      const error = await failure(client.call('settings.set', { key: 'station.minimumOnDuty', value }));
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toContain('最低在岗警力');
      // Words a clerk reads, not a schema library's: no "期望 number", no "int".
      expect(error.message).not.toMatch(/期望|number|int|>=|<=/);
    }
    expect((await failure(client.call('settings.set', { key: 'sync.silentWarningDays', value: 0 }))).message).toContain('不能小于 1 天');
    expect((await failure(client.call('settings.set', { key: 'sync.silentWarningDays', value: 1.5 }))).message).toContain('不要带小数');
    expect((await failure(client.call('settings.set', { key: 'sync.silentWarningDays', value: null }))).message).toContain('请填写一个整数');
    const month = await failure(client.call('settings.set', { key: 'health.checkupOverdueFromMonth', value: 13 }));
    expect(month.message).toContain('体检逾期提醒起始月份');
    expect(countRows(store, 'setting')).toBe(0);
    expect((await client.call('settings.get', {}))['station.minimumOnDuty']).toBe(10);
  });

  it('refuses a setting that does not exist', async () => {
    await client.call('station.setup', northHill);
    const error = await failure(client.call('settings.set', { key: 'station.maximumOvertime' as 'station.minimumOnDuty', value: 1 }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('没有这项设置');
  });

  it('trims a text setting', async () => {
    await client.call('station.setup', northHill);
    const values = await client.call('settings.set', { key: 'report.preparedBy', value: '  王丽  ' });
    expect(values['report.preparedBy']).toBe('王丽');
  });

  it('falls back to the default when a stored value no longer passes its schema (e.g. arrived from an older site)', async () => {
    const station = await client.call('station.setup', northHill);
    await client.call('settings.set', { key: 'health.checkupOverdueFromMonth', value: 11 });
    store.sqlite.prepare('UPDATE setting SET value = ? WHERE id = ?').run('99', settingRowId(station.id, 'health.checkupOverdueFromMonth'));
    expect((await client.call('settings.get', {}))['health.checkupOverdueFromMonth']).toBe(10);
  });
});

describe('settings sent down by the bureau', () => {
  it('uses the bureau’s value as this station’s default, and the station’s own value over it', async () => {
    const station = await client.call('station.setup', northHill);
    // The bureau and its setting arrive through the write path, as a sync import would bring them.
    const bureau = { userName: '市局' };
    writeRecord(store, bureau, 'station', 'bureau-1', { station_id: 'bureau-1', code: '3301', name: '杭州市公安局', role: 'bureau' });
    writeRecord(store, bureau, 'setting', settingRowId('bureau-1', 'sync.silentWarningDays'), {
      station_id: 'bureau-1',
      key: 'sync.silentWarningDays',
      value: '14',
    });
    // Not this station's bureau yet: the default holds.
    expect((await client.call('settings.get', {}))['sync.silentWarningDays']).toBe(30);

    writeRecord(store, bureau, 'station', station.id, { parent_code: '3301' });
    expect((await client.call('settings.get', {}))['sync.silentWarningDays']).toBe(14);

    const own = await client.call('settings.set', { key: 'sync.silentWarningDays', value: 20 });
    expect(own['sync.silentWarningDays']).toBe(20);
    expect(store.sqlite.prepare("SELECT value FROM setting WHERE station_id = 'bureau-1'").get()).toEqual({ value: '14' });
  });
});

describe('app.stats', () => {
  it('counts live rows per table and station, leaving out tombstones', async () => {
    expect(await client.call('app.stats', {})).toEqual([]);
    const station = await client.call('station.setup', northHill);
    await client.call('settings.set', { key: 'station.minimumOnDuty', value: 12 });
    await client.call('settings.set', { key: 'report.preparedBy', value: '王丽' });

    const stats = await client.call('app.stats', {});
    const of = (table: string) => stats.filter((r) => r.table === table);
    expect(of('station')).toEqual([
      { table: 'station', label: '单位', stationId: station.id, stationCode: '330102-01', stationName: '西湖区公安分局北山派出所', rows: 1 },
    ]);
    expect(of('setting')).toEqual([
      { table: 'setting', label: '设置', stationId: station.id, stationCode: '330102-01', stationName: '西湖区公安分局北山派出所', rows: 2 },
    ]);

    tombstoneRecord(store, deps.user, 'setting', settingRowId(station.id, 'report.preparedBy'));
    expect((await client.call('app.stats', {})).find((r) => r.table === 'setting')?.rows).toBe(1);
  });
});
