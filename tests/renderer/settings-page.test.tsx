import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedgerStore, type LedgerStore } from '../../db/ledger-store';
import { createAppDeps } from '../../electron/app-deps';
import { createHandlerRegistry } from '../../electron/handlers/all-handlers';
import { createInProcessClient } from '../../electron/transports/in-process-client';
import type { Platform } from '../../renderer/api/client-context';
import { renderApp } from './render-app';
import { allLoggedChanges } from '../../db/change-log';

let store: LedgerStore;

beforeEach(async () => {
  store = await openLedgerStore(':memory:');
});

afterEach(() => store.close());

/** A station set up without an operator (the wizard's field is optional), opened in the app. */
async function renderStationWithoutOperator() {
  const client = createInProcessClient(createHandlerRegistry(), createAppDeps(store));
  await client.call('station.setup', { code: '330102-01', name: '北山派出所', role: 'station' });
  const platform: Platform = { client, files: { save: async () => ({ saved: true }), open: async () => [] } };
  renderApp(platform);
  return client;
}

describe('设置', () => {
  it('asks for the operator when none is set, and signs later edits with the name saved', async () => {
    const user = userEvent.setup({ delay: null });
    const client = await renderStationWithoutOperator();
    await user.click(await screen.findByRole('button', { name: '未填经办人，去设置' }));

    const field = await screen.findByRole('textbox', { name: '本机经办人' });
    await user.click(screen.getAllByRole('button', { name: /保\s*存/ })[0]);
    expect(await screen.findByText(/请填写经办人姓名/)).toBeInTheDocument();

    await user.type(field, '王丽');
    await user.click(screen.getAllByRole('button', { name: /保\s*存/ })[0]);
    expect(await screen.findByText('经办人：王丽 ·')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '未填经办人，去设置' })).not.toBeInTheDocument();

    await client.call('settings.set', { key: 'report.preparedBy', value: '李强' });
    const lastUser = allLoggedChanges(store).at(-1);
    expect(lastUser).toMatchObject({ userName: '王丽', column: 'value' });
  });

  it('shows a rule’s own Chinese message and unit for a value out of range, and keeps the old value', async () => {
    const user = userEvent.setup({ delay: null });
    await renderStationWithoutOperator();
    await user.click(await screen.findByRole('menuitem', { name: /设置/ }));
    const days = await screen.findByRole('spinbutton', { name: '派出所超过多少天未报送数据时提醒' });
    await waitFor(() => expect(days).toHaveValue('30'));
    await user.clear(days);
    await user.type(days, '0');
    expect(await screen.findByText('不能小于 1 天')).toBeInTheDocument();
    expect(screen.getAllByText('天').length).toBeGreaterThan(0);
    await user.click(screen.getAllByRole('button', { name: /保\s*存/ })[3]);
    expect(store.sqlite.prepare('SELECT COUNT(*) AS n FROM setting').get()).toEqual({ n: 0 });
  });
});
