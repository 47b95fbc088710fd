import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileTransfer } from '../../renderer/api/file-transfer';
import { createAppStore } from '../../renderer/stores/app-store';
import { carry, createSites, personInput, type Site } from '../support/sync-sites';
import { renderApp } from './render-app';

const files: FileTransfer = { save: async () => ({ saved: true }), open: async () => [] };
const sites: Site[] = [];

afterEach(() => {
  for (const site of sites.splice(0)) site.store.close();
});

/**
 * 杭州市公安局 with two opened and registered stations (第一派出所 330102-01, 第二派出所
 * 330102-02); 第一派出所 has 张伟 (在职) and 张芳 (退休), and the bureau has received them.
 * The test clock says today is 2026-11-23.
 */
async function bureauWithTwoStations() {
  const { bureau, stations, clock } = await createSites(2);
  sites.push(bureau, ...stations);
  const [north, south] = stations;
  const zhang = await north.client.call('staff.save', personInput(0, { name: '张伟', joinedStationDate: '2015-01-01' }));
  const retired = await north.client.call('staff.save', personInput(1, { name: '张芳', joinedStationDate: '2015-01-01' }));
  await north.client.call('staff.changeStatus', { staffId: retired.id, status: '退休', date: '2026-10-01', confirmEarlyRetirement: true });
  await carry(north, bureau);
  return { bureau, north, south, zhang, clock };
}

/** The open drawer or modal whose title matches (antd's ids do not name dialogs in jsdom). */
async function findDialog(title: RegExp): Promise<HTMLElement> {
  return waitFor(() => {
    const match = [...document.querySelectorAll<HTMLElement>('[role="dialog"]')].find((dialog) =>
      title.test(dialog.querySelector('.ant-drawer-title, .ant-modal-title')?.textContent ?? ''),
    );
    if (!match) throw new Error(`no open dialog titled ${String(title)}`);
    return match;
  });
}

/** Renders the app on a site and opens 人员档案 showing every status. */
async function openRoster(site: Site) {
  const user = userEvent.setup({ delay: null });
  const store = createAppStore();
  renderApp({ client: site.client, files }, store);
  await user.click(await screen.findByRole('menuitem', { name: /人员档案/ }));
  // What the toolbar's status filter does when the clerk clears it: every status.
  act(() => store.getState().setRosterFilter({ statuses: [] }));
  const table = (await screen.findByRole('table')).closest('.ant-table') as HTMLElement;
  return { user, store, table };
}

/** Opens the named person's file from the roster table. */
async function openFile(user: ReturnType<typeof userEvent.setup>, table: HTMLElement, name: string): Promise<HTMLElement> {
  await user.click(await within(table).findByText(name));
  const drawer = await findDialog(new RegExp(`^${name}`));
  await within(drawer).findByRole('button', { name: /变更状态/ });
  return drawer;
}

async function openPerson(site: Site, name: string) {
  const { user, store, table } = await openRoster(site);
  return { user, store, drawer: await openFile(user, table, name) };
}

const transferButton = (drawer: HTMLElement) => within(drawer).queryByRole('button', { name: /调\s*动/ });

describe('调动 from the roster (jsdom, real handlers, a bureau with two stations)', () => {
  it('moves a person of 第一派出所 to 第二派出所; the new station receives the file, the old one shows 调出', async () => {
    const { bureau, north, south, zhang } = await bureauWithTwoStations();
    const { user, drawer } = await openPerson(bureau, '张伟');
    expect(within(drawer).getByText('第一派出所（330102-01）')).toBeInTheDocument();

    await user.click(await waitFor(() => transferButton(drawer) as HTMLElement));
    const dialog = await findDialog(/^调动：张伟（现在第一派出所）$/);
    // Today in China is the default date.
    expect(within(dialog).getByLabelText('调动日期')).toHaveValue('2026-11-23');
    // Nothing chosen: the station is asked for, nothing is sent.
    await user.click(within(dialog).getByRole('button', { name: /确定调动/ }));
    expect(await within(dialog).findByText('请选择调入单位')).toBeInTheDocument();

    // Only the bureau's other station is offered, not the one the person is at.
    await user.click(within(dialog).getByLabelText('调入单位'));
    const target = await screen.findByTitle('第二派出所（330102-02）');
    expect(screen.queryByTitle('第一派出所（330102-01）')).not.toBeInTheDocument();
    await user.click(target);
    await user.type(within(dialog).getByLabelText('原因'), '工作需要');
    await user.click(within(dialog).getByRole('button', { name: /确定调动/ }));

    expect(await screen.findByText(/「张伟」已调至第二派出所。其档案（家属、表彰、状态历史）将随下一次发给第二派出所的同步文件送达/)).toBeInTheDocument();
    // The open file follows: new station, still 在职 at the bureau, the move in the status history.
    await waitFor(() => expect(within(drawer).getByText('第二派出所（330102-02）')).toBeInTheDocument());
    expect(within(drawer).getByText('由第一派出所调入第二派出所：工作需要')).toBeInTheDocument();
    expect(within(drawer).getByText('调入本所时间').closest('.ant-descriptions-item-label')?.nextElementSibling).toHaveTextContent('2026-11-23');
    expect(await bureau.client.call('staff.get', { id: zhang.id })).toMatchObject({ staff: { stationCode: '330102-02', status: '在职', joinedStationDate: '2026-11-23' } });

    // The new station's next bundle brings the person; the old one then shows 调出.
    await carry(bureau, south);
    expect((await south.client.call('staff.list', {})).find((p) => p.id === zhang.id)).toMatchObject({ name: '张伟', stationCode: '330102-02', status: '在职' });
    await carry(bureau, north);
    expect((await north.client.call('staff.list', {})).find((p) => p.id === zhang.id)).toMatchObject({ name: '张伟', status: '调出' });

    // At the old station the file is history only: a note, no 编辑 / 变更状态 / 删除, no adding
    // family; 调出 dated by the transfer, with the move in the status history.
    cleanup();
    const old = await openRoster(north);
    await old.user.click(await within(old.table).findByText('张伟'));
    const oldDrawer = await findDialog(/^张伟/);
    expect(await within(oldDrawer).findByText('张伟 已调至其他单位，档案由新单位维护，本所只保留历史记录，不能再修改。如信息有误，请联系市局。')).toBeInTheDocument();
    for (const name of [/编\s*辑/, /变更状态/, /删\s*除/, /调\s*动/]) expect(within(oldDrawer).queryByRole('button', { name })).not.toBeInTheDocument();
    expect(within(oldDrawer).getByText('自 2026-11-23')).toBeInTheDocument();
    expect(within(oldDrawer).getByText('由第一派出所调至第二派出所：工作需要')).toBeInTheDocument();
    await old.user.click(within(oldDrawer).getByRole('tab', { name: /家属/ }));
    expect(within(oldDrawer).queryByRole('button', { name: /添加家属/ })).not.toBeInTheDocument();
  });

  it('shows the server’s refusal under the station field when the person was moved there meanwhile', async () => {
    const { bureau, zhang } = await bureauWithTwoStations();
    const { user, drawer } = await openPerson(bureau, '张伟');
    await user.click(await waitFor(() => transferButton(drawer) as HTMLElement));
    const dialog = await findDialog(/^调动：张伟/);
    await user.click(within(dialog).getByLabelText('调入单位'));
    await user.click(await screen.findByTitle('第二派出所（330102-02）'));

    // Another clerk of the bureau (or the CLI) moved him while the dialog was open.
    await bureau.client.call('sync.transferStaff', { staffId: zhang.id, toStationCode: '330102-02', date: '2026-11-22' });
    await user.click(within(dialog).getByRole('button', { name: /确定调动/ }));
    const field = within(dialog).getByLabelText('调入单位').closest('.ant-form-item') as HTMLElement;
    expect(await within(field).findByText('此人已在「第二派出所」，无需调动。请选择另一个调入单位。')).toBeInTheDocument();
    expect(screen.queryByText(/已调至/)).not.toBeInTheDocument();
  });

  it('offers 调动 only at a bureau, only for someone 在职 at one of its stations', async () => {
    const { bureau, north } = await bureauWithTwoStations();
    await bureau.client.call('staff.save', personInput(2, { name: '张娜' }));

    const { user, store, table } = await openRoster(bureau);
    let drawer = await openFile(user, table, '张伟');
    await waitFor(() => expect(transferButton(drawer)).toBeInTheDocument());
    expect(store.getState().syncStatus?.children.map((c) => c.code)).toEqual(['330102-01', '330102-02']);
    // 退休: no longer at the station's disposal.
    drawer = await openFile(user, table, '张芳');
    expect(transferButton(drawer)).not.toBeInTheDocument();
    // The bureau's own staff are not a station's.
    drawer = await openFile(user, table, '张娜');
    expect(transferButton(drawer)).not.toBeInTheDocument();
    cleanup();

    // A station never transfers: no button, even for its own people.
    const station = await openPerson(north, '张伟');
    expect(station.store.getState().info?.station?.role).toBe('station');
    expect(within(station.drawer).getByRole('button', { name: /变更状态/ })).toBeInTheDocument();
    expect(transferButton(station.drawer)).not.toBeInTheDocument();
    expect(station.store.getState().syncStatus).toBeNull();
  });
});
