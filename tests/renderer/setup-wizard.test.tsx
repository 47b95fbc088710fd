import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allLoggedChanges } from '../../db/change-log';
import { openLedgerStore, type LedgerStore } from '../../db/ledger-store';
import { createAppDeps } from '../../electron/app-deps';
import { createHandlerRegistry } from '../../electron/handlers/all-handlers';
import { createInProcessClient } from '../../electron/transports/in-process-client';
import type { Platform } from '../../renderer/api/client-context';
import { renderApp as renderAppInJsdom } from './render-app';

const MENU = ['工作台', '人员档案', '健康管理', '休假轮休', '慰问记录', '月报', '数据同步', '操作记录', '备份', '设置'];

let store: LedgerStore;

beforeEach(async () => {
  store = await openLedgerStore(':memory:');
});

afterEach(() => store.close());

/**
 * The app on a real in-memory ledger, through the in-process transport and the real handlers;
 * `live: false` leaves out the transport's events (a window that has not heard of a change).
 */
function renderApp(options: { live?: boolean } = {}) {
  const client = createInProcessClient(createHandlerRegistry(), createAppDeps(store));
  const platform: Platform = {
    client: options.live === false ? { call: client.call.bind(client) } : client,
    files: { save: async () => ({ saved: true }), open: async () => [] },
  };
  return renderAppInJsdom(platform);
}

describe('first run: the setup wizard', () => {
  it('asks for the unit, refuses an empty form, then shows the frame with the station and the nine menu items', async () => {
    const user = userEvent.setup({ delay: null });
    renderApp();
    expect(await screen.findByText('欢迎使用暖警台账')).toBeInTheDocument();
    // The wizard is not the frame yet.
    expect(screen.queryByTestId('station-name')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /完成设置/ }));
    expect(await screen.findByText('请填写单位代码')).toBeInTheDocument();
    expect(await screen.findByText('请填写单位名称')).toBeInTheDocument();
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM station').get()).toEqual({ n: 0 });

    await user.type(screen.getByLabelText('单位代码'), '330102-01');
    await user.type(screen.getByLabelText('单位名称'), '西湖区公安分局北山派出所');
    await user.type(screen.getByLabelText('经办人（选填）'), '王丽');
    await user.click(screen.getByRole('button', { name: /完成设置/ }));

    const header = await screen.findByTestId('station-name', {}, { timeout: 10_000 });
    expect(header).toHaveTextContent('西湖区公安分局北山派出所');
    expect(screen.queryByText('欢迎使用暖警台账')).not.toBeInTheDocument();
    const menu = screen.getByRole('menu');
    for (const item of MENU) expect(within(menu).getByRole('menuitem', { name: new RegExp(item) })).toBeInTheDocument();
    expect(within(menu).getAllByRole('menuitem')).toHaveLength(MENU.length);
    expect(screen.getByText(/经办人：王丽/)).toBeInTheDocument();

    // The ledger really holds the station, written through the write path.
    expect(store.sqlite.prepare('SELECT code, name, role FROM station').all()).toEqual([
      { code: '330102-01', name: '西湖区公安分局北山派出所', role: 'station' },
    ]);
    expect(allLoggedChanges(store).filter((c) => c.table === 'station')).toHaveLength(4);
  });

  it('shows the field message for a bad station code and does not set up', async () => {
    const user = userEvent.setup({ delay: null });
    renderApp();
    await screen.findByText('欢迎使用暖警台账');
    await user.type(screen.getByLabelText('单位代码'), '1');
    await user.type(screen.getByLabelText('单位名称'), '北山派出所');
    await user.click(screen.getByRole('button', { name: /完成设置/ }));

    expect(await screen.findByText('单位代码应为2–20位字母、数字或短横线，例如 330102-01')).toBeInTheDocument();
    expect(screen.queryByTestId('station-name')).not.toBeInTheDocument();
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM station').get()).toEqual({ n: 0 });
  });

  it('opens straight into the frame when the ledger is already set up', async () => {
    const deps = createAppDeps(store);
    await createInProcessClient(createHandlerRegistry(), deps).call('station.setup', { code: '3301', name: '杭州市公安局', role: 'bureau' });
    renderApp();
    const name = await screen.findByTestId('station-name');
    expect(name).toHaveTextContent('杭州市公安局');
    const header = name.closest('header');
    expect(header).not.toBeNull();
    expect(within(header!).getByText('市局/县局')).toBeInTheDocument();
    expect(within(header!).getByText('单位代码 3301')).toBeInTheDocument();
    expect(screen.queryByText('欢迎使用暖警台账')).not.toBeInTheDocument();
  });

  it('gives way to the frame as soon as another window sets the unit up (data.changed)', async () => {
    renderApp();
    await screen.findByText('欢迎使用暖警台账');
    await createInProcessClient(createHandlerRegistry(), createAppDeps(store)).call('station.setup', { code: '330102-02', name: '灵隐派出所', role: 'station' });
    expect((await screen.findAllByText('灵隐派出所')).length).toBeGreaterThan(0);
    expect(screen.queryByText('欢迎使用暖警台账')).not.toBeInTheDocument();
    expect(screen.getByRole('menuitem', { name: /人员档案/ })).toBeInTheDocument();
  });

  it('shows the server’s refusal when the unit was set up elsewhere meanwhile', async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ live: false });
    await screen.findByText('欢迎使用暖警台账');
    // Another window (or the CLI) sets up the same ledger while the wizard is open.
    await createInProcessClient(createHandlerRegistry(), createAppDeps(store)).call('station.setup', { code: '330102-02', name: '灵隐派出所', role: 'station' });

    await user.type(screen.getByLabelText('单位代码'), '330102-01');
    await user.type(screen.getByLabelText('单位名称'), '北山派出所');
    await user.click(screen.getByRole('button', { name: /完成设置/ }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('本机已设置为「灵隐派出所」'));

    // The clerk is offered the way into the ledger that was set up meanwhile.
    await user.click(screen.getByRole('button', { name: '进入台账' }));
    expect((await screen.findAllByText('灵隐派出所')).length).toBeGreaterThan(0);
    expect(screen.getByRole('menuitem', { name: /人员档案/ })).toBeInTheDocument();
  });
});
