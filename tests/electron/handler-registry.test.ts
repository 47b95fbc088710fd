import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/contract/api-error';
import { methodNames } from '../../shared/contract/api-contract';
import type { LedgerStore } from '../../db/ledger-store';
import { createAppDeps, type AppDeps } from '../../electron/app-deps';
import { createHandlerRegistry } from '../../electron/handlers/all-handlers';
import { appHandlers } from '../../electron/handlers/app-handlers';
import { HandlerRegistry } from '../../electron/handlers/handler-registry';
import { openMemoryLedger } from '../support/test-ledger';

let store: LedgerStore;
let deps: AppDeps;

beforeEach(async () => {
  store = await openMemoryLedger();
  deps = createAppDeps(store);
});

afterEach(() => {
  vi.restoreAllMocks();
  store.close();
});

function appRegistry(): HandlerRegistry {
  const registry = new HandlerRegistry();
  registry.registerAll(appHandlers);
  return registry;
}

describe('registration', () => {
  it('refuses a second handler for the same call', () => {
    const registry = new HandlerRegistry();
    registry.register('app.info', appHandlers['app.info']!);
    expect(() => registry.register('app.info', appHandlers['app.info']!)).toThrow(/registered twice: app\.info/);
    expect(() => registry.registerAll({ 'app.info': appHandlers['app.info'] })).toThrow(/registered twice/);
  });

  it('refuses a handler for a call the contract does not declare', () => {
    const registry = new HandlerRegistry();
    expect(() => registry.registerAll({ 'app.reboot': () => null } as never)).toThrow(/does not declare: app\.reboot/);
  });

  it('lists the calls that still lack a handler', () => {
    const registry = appRegistry();
    expect(registry.missing()).not.toContain('app.info');
    expect(new HandlerRegistry().missing()).toEqual(methodNames);
  });

  it('the app has a handler for every call of the contract (createHandlerRegistry does not throw)', () => {
    let registry: HandlerRegistry | undefined;
    expect(() => {
      registry = createHandlerRegistry();
    }).not.toThrow();
    expect(registry?.missing()).toEqual([]);
  });
});

describe('dispatch', () => {
  it('answers an unknown call with UNKNOWN_METHOD, in Chinese, naming it', async () => {
    const registry = appRegistry();
    for (const name of ['app.reboot', 'toString', '__proto__', '']) {
      const response = await registry.dispatch(deps, name, {});
      expect(response).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `程序不认识这个操作：${name}` } });
    }
  });

  it('answers a declared call without a handler with UNKNOWN_METHOD instead of crashing', async () => {
    const response = await new HandlerRegistry().dispatch(deps, 'app.info', {});
    expect(response).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('refuses bad arguments before the handler runs, with a Chinese message naming each field', async () => {
    const registry = new HandlerRegistry();
    const handler = vi.fn(appHandlers['station.setup']!);
    registry.register('station.setup', handler);

    const response = await registry.dispatch(deps, 'station.setup', { code: '1', name: '北', role: 'station' });
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error.code).toBe('INVALID_ARGUMENT');
    expect(response.error.message).toMatch(/^填写的内容有误：/);
    expect(response.error.message).toContain('code：单位代码应为2–20位字母、数字或短横线');
    expect(response.error.message).toContain('name：单位名称至少2个字');
    expect(response.error.details).toEqual({
      fields: { code: '单位代码应为2–20位字母、数字或短横线，例如 330102-01', name: '单位名称至少2个字' },
    });
    expect(handler).not.toHaveBeenCalled();
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM station').get()).toEqual({ n: 0 });
  });

  it('says which fields are missing when arguments are absent or not an object', async () => {
    const registry = appRegistry();
    const missing = await registry.dispatch(deps, 'station.setup', undefined);
    expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    if (!missing.ok) {
      expect(missing.error.message).toContain('请填写单位代码');
      expect(missing.error.message).toContain('请填写单位名称');
      expect(missing.error.message).toContain('请选择单位类型');
    }
    const notObject = await registry.dispatch(deps, 'station.setup', 'DROP TABLE station');
    expect(notObject).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    if (!notObject.ok) expect(notObject.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('hands the handler the validated (trimmed) arguments and wraps its result', async () => {
    const registry = appRegistry();
    const response = await registry.dispatch(deps, 'station.setup', { code: ' 330102-01 ', name: ' 北山派出所 ', role: 'station' });
    expect(response).toMatchObject({ ok: true, data: { code: '330102-01', name: '北山派出所', role: 'station' } });
  });

  it('passes the code and message of an AppError a handler throws', async () => {
    const registry = new HandlerRegistry();
    registry.register('app.info', () => {
      throw new AppError('NOT_SET_UP', '本机还没有设置单位信息。', { hint: 'wizard' });
    });
    registry.register('app.stats', async () => {
      throw new AppError('DB_BUSY', '数据文件正被其他程序使用。');
    });
    expect(await registry.dispatch(deps, 'app.info', {})).toEqual({
      ok: false,
      error: { code: 'NOT_SET_UP', message: '本机还没有设置单位信息。', details: { hint: 'wizard' } },
    });
    expect(await registry.dispatch(deps, 'app.stats', {})).toEqual({ ok: false, error: { code: 'DB_BUSY', message: '数据文件正被其他程序使用。' } });
  });

  it('turns an unexpected exception into INTERNAL_ERROR with a Chinese message and a reference, and keeps serving', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const registry = new HandlerRegistry();
    registry.register('app.stats', () => {
      throw new TypeError("Cannot read properties of undefined (reading 'rows')");
    });
    registry.register('settings.get', async () => Promise.reject(new RangeError('boom')));
    registry.register('app.info', appHandlers['app.info']!);

    const sync = await registry.dispatch(deps, 'app.stats', {});
    expect(sync).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR', details: { reference: expect.stringMatching(/^[0-9A-F]{8}$/) } } });
    if (!sync.ok) {
      expect(sync.error.message).toContain('程序内部出错');
      expect(sync.error.message).not.toContain('rows');
      expect(sync.error.message).toContain((sync.error.details as { reference: string }).reference);
    }
    expect(await registry.dispatch(deps, 'settings.get', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR' } });
    expect(logged).toHaveBeenCalled();
    expect(await registry.dispatch(deps, 'app.info', {})).toMatchObject({ ok: true, data: { appName: '暖警台账' } });
  });
});
