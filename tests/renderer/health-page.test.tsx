import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeValidIdNumber } from '../../shared/id-number';
import type { Platform } from '../../renderer/api/client-context';
import { openRosterTestApp, staffForm, type RosterTestApp } from '../support/roster-client';
import { renderApp } from './render-app';

let app: RosterTestApp | undefined;
afterEach(() => app?.close());

const cardOf = (testId: string) => screen.getByTestId(testId);

describe('健康管理 and the person\'s 健康 tab (in-process transport, real handlers)', () => {
  it('工作台 shows a 危机 at the top and who is in hospital; the page lists overdue checkups, the watch list and the hospital, and updates when a checkup is recorded', async () => {
    app = await openRosterTestApp();
    const { client } = app;
    const zhang = await client.call('staff.save', staffForm({ name: '张三' }));
    const li = await client.call('staff.save', staffForm({ name: '李四', category: '辅警', idNumber: makeValidIdNumber('330106', '1990-02-03', 21), badgeNo: 'FJ01' }));
    await client.call('staff.save', staffForm({ name: '王五', idNumber: makeValidIdNumber('330106', '1980-02-03', 31), badgeNo: '0299' }));
    await client.call('health.checkup.save', { staffId: zhang.id, date: '2026-04-10', institution: '市公安医院', conclusion: '异常需复查', abnormalItems: ['高血压'], followUpDue: '2026-07-10' });
    await client.call('health.screening.save', { staffId: li.id, date: '2026-11-01', instrument: 'PHQ-9', score: 23, level: '危机' });
    await client.call('health.event.save', { staffId: li.id, kind: '住院', hospital: '市一医院', startDate: '2026-11-20', diagnosis: '肺炎' });

    const platform: Platform = { client, files: { save: async () => ({ saved: true }), open: async () => [] } };
    renderApp(platform);

    const crisis = await screen.findByTestId('crisis-alert');
    expect(crisis).toHaveTextContent('1 人最近一次心理普测为「危机」，1 人逾期未开展一对一干预');
    expect(crisis).not.toHaveTextContent('李四'); // 工作台 counts, it names no one
    expect(within(cardOf('dashboard-in-hospital')).getByText('1')).toBeInTheDocument();

    fireEvent.click(within(crisis).getByRole('button', { name: '去处理' }));
    expect(await screen.findByText('2026 年体检覆盖率')).toBeInTheDocument();
    expect(screen.getByTestId('coverage-total')).toHaveTextContent('已体检 1 / 3 人');
    const overdue = cardOf('overdue-checkups');
    expect(within(overdue).getByText('体检逾期（2 人）')).toBeInTheDocument();
    expect(within(overdue).getByText('李四')).toBeInTheDocument();
    expect(screen.getByText('2026-07-10（逾期 136 天）')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('tab', { name: /心理/ }));
    const watch = await screen.findByTestId('watch-list');
    expect(within(watch).getByText('逾期未干预 15 天')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: /就医/ }));
    expect(within(await screen.findByTestId('in-hospital')).getByText('市一医院')).toBeInTheDocument();

    // A checkup recorded elsewhere (the CLI, another window): the list follows.
    await client.call('health.checkup.save', { staffId: li.id, date: '2026-11-02', conclusion: '正常' });
    fireEvent.click(screen.getByRole('tab', { name: /体检/ }));
    await waitFor(() => expect(within(cardOf('overdue-checkups')).getByText('体检逾期（1 人）')).toBeInTheDocument());
  });

  it("the drawer's 健康 tab shows the person's history as a timeline, newest first, and deletes a record", async () => {
    app = await openRosterTestApp();
    const { client } = app;
    const zhang = await client.call('staff.save', staffForm({ name: '张三' }));
    await client.call('health.checkup.save', { staffId: zhang.id, date: '2025-05-10', conclusion: '正常' });
    await client.call('health.checkup.save', { staffId: zhang.id, date: '2026-04-10', conclusion: '异常需复查', abnormalItems: ['高血压', '脂肪肝'], followUpDue: '2026-07-10' });
    await client.call('health.event.save', { staffId: zhang.id, kind: '住院', hospital: '市一医院', greenChannel: true, startDate: '2026-11-20', diagnosis: '肺炎' });

    const platform: Platform = { client, files: { save: async () => ({ saved: true }), open: async () => [] } };
    renderApp(platform);
    fireEvent.click(await screen.findByRole('menuitem', { name: /健康管理/ }));
    fireEvent.click(await screen.findByRole('tab', { name: /就医/ }));
    fireEvent.click(within(await screen.findByTestId('in-hospital')).getByText('张三'));
    fireEvent.click(await screen.findByRole('tab', { name: '健康' }));

    const tab = await screen.findByTestId('person-health');
    await within(tab).findByText('异常项目：高血压、脂肪肝');
    const titles = [...tab.querySelectorAll('[data-timeline-date]')].map((e) => e.textContent);
    expect(titles).toEqual(['2026-11-20', '2026-04-10', '2025-05-10']);
    expect(within(tab).getByText('在院')).toBeInTheDocument();
    expect(within(tab).getByText('应于 2026-07-10 前复查，尚未复查')).toBeInTheDocument();

    fireEvent.click(within(tab).getAllByRole('button', { name: '删除' })[2]);
    const confirm = await screen.findByRole('tooltip');
    fireEvent.click(within(confirm).getByRole('button', { name: /删\s*除/ }));
    await waitFor(() => expect([...tab.querySelectorAll('[data-timeline-date]')].map((e) => e.textContent)).toEqual(['2026-11-20', '2026-04-10']));

    // Ctrl+S saves a health dialog as it does the roster's.
    fireEvent.click(within(tab).getAllByRole('button', { name: '编辑' })[0]);
    const dialog = (await screen.findByText(/编辑就医/)).closest('.ant-modal') as HTMLElement;
    fireEvent.change(within(dialog).getByLabelText('医院'), { target: { value: '市第二医院' } });
    fireEvent.keyDown(within(dialog).getByLabelText('医院'), { key: 's', ctrlKey: true });
    await within(tab).findByText(/市第二医院/);
  });
});
