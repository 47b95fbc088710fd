import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeValidIdNumber } from '../../shared/id-number';
import type { ApiClient } from '../../shared/contract/api-contract';
import type { StaffInput } from '../../shared/staff-record';
import type { LedgerStore } from '../../db/ledger-store';
import { CallerSession } from '../../electron/accounts/caller-session';
import { createAppDeps } from '../../electron/app-deps';
import { createHandlerRegistry } from '../../electron/handlers/all-handlers';
import { createInProcessClient } from '../../electron/transports/in-process-client';
import type { FileTransfer } from '../../renderer/api/file-transfer';
import { openMemoryLedger } from '../support/test-ledger';
import { renderApp } from './render-app';

/** The people the station already has (the test clock says today is 2026-11-23). */
const existing: StaffInput[] = [
  { category: '民警', name: '张三', idNumber: makeValidIdNumber('330102', '1980-03-15', 11), badgeNo: '012345', position: '社区民警', partyMember: true },
  { category: '民警', name: '李四', idNumber: makeValidIdNumber('330102', '1975-07-01', 31), badgeNo: '012346', position: '所长' },
  { category: '辅警', name: '王芳', idNumber: makeValidIdNumber('330106', '1992-10-20', 42), badgeNo: 'FJ0101', position: '巡逻', auxLevel: 3 },
];

/**
 * The open drawer or modal with this title. (In tests antd gives every `useId` the same id, so a
 * dialog's aria-labelledby does not name it; find it by its title text instead.)
 */
async function findDialog(title: string | RegExp): Promise<HTMLElement> {
  return waitFor(() => {
    const match = [...document.querySelectorAll<HTMLElement>('[role="dialog"]')].find((dialog) => {
      const text = dialog.querySelector('.ant-drawer-title, .ant-modal-title')?.textContent ?? '';
      return typeof title === 'string' ? text === title : title.test(text);
    });
    if (!match) throw new Error(`no open dialog titled ${String(title)}`);
    return match;
  });
}

describe('人员档案 page (jsdom, real handlers on an in-memory ledger)', () => {
  let ledger: LedgerStore;
  let client: ApiClient;
  let files: FileTransfer;

  beforeEach(async () => {
    ledger = await openMemoryLedger();
    client = createInProcessClient(createHandlerRegistry(), createAppDeps(ledger, { userName: '王丽' }));
    await client.call('station.setup', { code: '330102-01', name: '北山派出所', role: 'station', operatorName: '王丽' });
    for (const person of existing) await client.call('staff.save', person);
    files = { save: async () => ({ saved: true }), open: async () => [] };
  });

  afterEach(() => ledger.close());

  async function openRoster() {
    const user = userEvent.setup({ delay: null });
    renderApp({ client, files });
    await user.click(await screen.findByRole('menuitem', { name: /人员档案/ }));
    await waitFor(() => expect(screen.getByTestId('roster-count')).toHaveTextContent('共 3 人'));
    return user;
  }

  it('filters the roster by pinyin initials as the clerk types', async () => {
    const user = await openRoster();
    const search = screen.getByPlaceholderText('姓名 / 拼音首字母 / 身份证号 / 警号');
    expect(search).toHaveFocus();

    await user.type(search, 'zs');
    await waitFor(() => expect(screen.getByTestId('roster-count')).toHaveTextContent('共 1 人'));
    const table = screen.getByRole('table').closest('.ant-table') as HTMLElement;
    await waitFor(() => expect(within(table).getByText('张三')).toBeInTheDocument());
    expect(within(table).queryByText('李四')).not.toBeInTheDocument();

    await user.clear(search);
    await user.type(search, 'wangfang');
    await waitFor(() => expect(screen.getByTestId('roster-count')).toHaveTextContent('共 1 人'));
    await waitFor(() => expect(within(table).getByText('王芳')).toBeInTheDocument());
    expect(within(table).queryByText('张三')).not.toBeInTheDocument();
  });

  it('shows the ID rule\'s message next to the field, the derived dates once valid, and adds the person', async () => {
    const user = await openRoster();
    await user.click(screen.getByRole('button', { name: /新增人员/ }));
    const drawer = await findDialog('新增人员');

    await user.click(within(drawer).getByRole('radio', { name: '辅警' }).closest('label') as HTMLElement);
    expect(await within(drawer).findByLabelText('辅警编号')).toBeInTheDocument();
    expect(within(drawer).getByLabelText('层级')).toBeInTheDocument();
    expect(within(drawer).queryByLabelText('警号')).not.toBeInTheDocument();

    await user.type(within(drawer).getByLabelText('姓名'), '赵敏');
    const valid = makeValidIdNumber('330105', '1995-04-18', 62);
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const idInput = within(drawer).getByLabelText('身份证号');
    // Pasted, as clerks do from another sheet; the field validates on every change either way.
    await user.click(idInput);
    await user.paste(wrongCheck);
    const idItem = idInput.closest('.ant-form-item') as HTMLElement;
    await waitFor(() => expect(within(idItem).getByText(/身份证号校验位不正确：按前17位算出的校验位应为/)).toBeInTheDocument());

    await user.clear(idInput);
    await user.paste(valid);
    await waitFor(() => expect(within(idItem).queryByText(/校验位不正确/)).not.toBeInTheDocument());
    // A woman 辅警 born 1995-04 retires at 55 (female50 base, +60 months): 2050-04-18.
    expect(within(idItem).getByTestId('id-derivation')).toHaveTextContent('出生日期 1995-04-18 · 女 · 31岁 · 预计退休 2050-04-18');

    await user.type(within(drawer).getByLabelText('辅警编号'), 'FJ0208');
    await user.click(within(drawer).getByLabelText('工会会员'));
    await user.click(within(drawer).getByRole('button', { name: /保\s*存/ }));

    await waitFor(() => expect(screen.getByTestId('roster-count')).toHaveTextContent('共 4 人'));
    // The new person's file opens at once, so the clerk can go on with the family.
    const detail = await findDialog(/赵敏/);
    await waitFor(() => expect(within(detail).getByText('FJ0208')).toBeInTheDocument());
    expect(within(detail).getByText('2050-04-18')).toBeInTheDocument();

    const saved = (await client.call('staff.list', {})).find((p) => p.name === '赵敏');
    expect(saved).toMatchObject({ category: '辅警', gender: '女', birthDate: '1995-04-18', badgeNo: 'FJ0208', unionMember: true, partyMember: false });
  });

  it('puts the server\'s refusal of a duplicate ID number next to the field', async () => {
    const user = await openRoster();
    await user.click(screen.getByRole('button', { name: /新增人员/ }));
    const drawer = await findDialog('新增人员');
    await user.type(within(drawer).getByLabelText('姓名'), '张山');
    const idInput = within(drawer).getByLabelText('身份证号');
    await user.click(idInput);
    await user.paste(existing[0].idNumber);
    await user.click(within(drawer).getByRole('button', { name: /保\s*存/ }));

    const idItem = idInput.closest('.ant-form-item') as HTMLElement;
    await waitFor(() => expect(within(idItem).getByText(/张三/)).toBeInTheDocument());
    expect(screen.getByTestId('roster-count')).toHaveTextContent('共 3 人');

    // The clerk can jump to the file already registered under that number.
    await user.click(within(drawer).getByRole('button', { name: '打开已登记的档案' }));
    const detail = await findDialog(/张三/);
    await waitFor(() => expect(within(detail).getByText('012345')).toBeInTheDocument());
  });

  it('opens a person from the table, drops 今年中考 once the exam is over, and asks before an early 退休, keeping the history', async () => {
    const zhang = (await client.call('staff.list', {})).find((p) => p.name === '张三');
    // Born 2011-03: 中考 in June 2026, the test clock's year — over by 23 November.
    await client.call('family.save', { staffId: zhang!.id, relation: '子女', name: '张小雨', birthDate: '2011-03-01' });
    await client.call('family.save', { staffId: zhang!.id, relation: '配偶', name: '林静', birthDate: '1982-05-05' });
    const user = await openRoster();

    const table = screen.getByRole('table').closest('.ant-table') as HTMLElement;
    await user.click(await within(table).findByText('张三'));
    const detail = await findDialog(/张三/);
    await user.click(await within(detail).findByRole('tab', { name: /家属/ }));
    const child = (await within(detail).findByText('张小雨')).closest('tr') as HTMLElement;
    expect(within(child).getByText('2026 / 2029')).toBeInTheDocument();
    expect(within(child).queryByText('今年中考')).not.toBeInTheDocument();
    const spouse = within(detail).getByText('林静').closest('tr') as HTMLElement;
    expect(within(spouse).queryByText(/今年/)).not.toBeInTheDocument();

    await user.click(within(detail).getByRole('tab', { name: '基本信息' }));
    await user.click(within(detail).getByRole('button', { name: /变更状态/ }));
    const dialog = await findDialog(/变更状态：张三/);
    await user.click(within(dialog).getByLabelText('新状态'));
    await user.click(await screen.findByTitle('退休'));
    await user.type(within(dialog).getByLabelText('原因'), '因病提前退休');
    await user.click(within(dialog).getByRole('button', { name: /确定变更/ }));
    // Born 1980: far from retirement age — the clerk is asked first, and the answer is kept.
    const confirm = await waitFor(() => {
      const el = [...document.querySelectorAll<HTMLElement>('.ant-modal-confirm')].find((c) => c.textContent?.includes('未到退休年龄，确认提前退休？'));
      if (!el) throw new Error('no early-retirement confirm');
      return el;
    });
    expect(confirm).toHaveTextContent('按渐进式延迟退休规定应于');
    await user.click(within(confirm).getByRole('button', { name: '确认提前退休' }));

    // Retired staff leave the default view but stay in the ledger, with the history kept.
    await waitFor(() => expect(screen.getByTestId('roster-count')).toHaveTextContent('共 2 人'));
    await waitFor(() => expect(within(detail).getByText('因病提前退休')).toBeInTheDocument());
    const basic = within(detail).getByRole('tabpanel');
    expect(within(basic).getByText('提前退休（已确认）')).toBeInTheDocument();
    expect(within(basic).getByText('已退休，不再计算')).toBeInTheDocument();
    expect(within(basic).getAllByText('退休').length).toBeGreaterThan(0);
    expect(within(basic).getAllByText('在职').length).toBeGreaterThan(0);
  });

  it('a 查看 account reads the roster and a person, with no write action it could not use', async () => {
    const zhang = (await client.call('staff.list', {})).find((p) => p.name === '张三');
    await client.call('family.save', { staffId: zhang!.id, relation: '配偶', name: '林静' });
    const registry = createHandlerRegistry();
    const deps = createAppDeps(ledger, { userName: '' });
    const admin = createInProcessClient(registry, deps, CallerSession.forTransport());
    await admin.call('account.createFirstAdmin', { name: '王丽', password: 'admin-pass-1' });
    await admin.call('account.save', { name: '赵查看', role: '查看', health: false, password: 'first-pass-1' });
    const viewer = createInProcessClient(registry, deps, CallerSession.forTransport());
    await viewer.call('account.signIn', { name: '赵查看', password: 'first-pass-1' });
    await viewer.call('account.changePassword', { current: 'first-pass-1', next: 'viewer-pass-1' });
    const user = userEvent.setup({ delay: null });
    renderApp({ client: viewer, files });
    await user.click(await screen.findByRole('menuitem', { name: /人员档案/ }));
    await waitFor(() => expect(screen.getByTestId('roster-count')).toHaveTextContent('共 3 人'));

    // Disabled, saying why, where a missing button would puzzle; reading and exporting stay.
    for (const name of [/新增人员/, /导入 Excel/]) expect(screen.getByRole('button', { name })).toBeDisabled();
    expect(screen.getByRole('button', { name: /导出 Excel/ })).toBeEnabled();
    await user.hover(screen.getByRole('button', { name: /新增人员/ }).parentElement!);
    expect(await screen.findByText('只读账号不能修改')).toBeInTheDocument();

    const table = screen.getByRole('table').closest('.ant-table') as HTMLElement;
    await user.click(await within(table).findByText('张三'));
    const detail = await findDialog(/张三/);
    for (const name of [/编辑/, /变更状态/, /删除/]) expect(within(detail).getByRole('button', { name })).toBeDisabled();
    await user.click(within(detail).getByRole('tab', { name: /家属/ }));
    await within(detail).findByText('林静');
    expect(within(detail).queryByRole('button', { name: /添加/ })).not.toBeInTheDocument();
    expect(within(detail).queryByRole('button', { name: '编辑' })).not.toBeInTheDocument();
  });

  it('tags someone past the expected retirement date 已到退休年龄, and someone within a year 一年内退休', async () => {
    // Born 1963-05 (male60): retirement at 60 years 8 months, January 2024 — already past.
    await client.call('staff.save', { category: '民警', name: '周老', idNumber: makeValidIdNumber('330102', '1963-05-10', 13) });
    // Expected retirement set by hand to next spring: within a year.
    await client.call('staff.save', { category: '民警', name: '吴近', idNumber: makeValidIdNumber('330102', '1970-02-10', 15), retirementDateOverride: '2027-03-01' });
    const user = userEvent.setup({ delay: null });
    renderApp({ client, files });
    await user.click(await screen.findByRole('menuitem', { name: /人员档案/ }));
    const table = (await screen.findByRole('table')).closest('.ant-table') as HTMLElement;

    await user.click(await within(table).findByText('周老'));
    let detail = await findDialog(/^周老/);
    expect(await within(detail).findByText('已到退休年龄')).toBeInTheDocument();
    expect(within(detail).queryByText('一年内退休')).not.toBeInTheDocument();

    await user.click(await within(table).findByText('吴近'));
    detail = await findDialog(/^吴近/);
    expect(await within(detail).findByText('一年内退休')).toBeInTheDocument();
    expect(within(detail).queryByText('已到退休年龄')).not.toBeInTheDocument();
  });
});
