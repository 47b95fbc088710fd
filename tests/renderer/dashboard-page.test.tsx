import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeValidIdNumber } from '../../shared/id-number';
import type { Platform } from '../../renderer/api/client-context';
import { openRosterTestApp, staffForm, type RosterTestApp } from '../support/roster-client';
import { renderApp } from './render-app';

let app: RosterTestApp | undefined;
afterEach(() => app?.close());

/** The statistic card with this title. */
function card(title: string): HTMLElement {
  return screen.getByText(title).closest('.ant-card') as HTMLElement;
}

describe('工作台', () => {
  it('counts the people in service by category and who reaches retirement age within a year', async () => {
    app = await openRosterTestApp();
    const { client } = app;
    await client.call('staff.save', staffForm({ name: '张三' }));
    await client.call('staff.save', staffForm({ name: '李四', category: '辅警', idNumber: makeValidIdNumber('330106', '1990-02-03', 21), badgeNo: 'FJ01', retirementDateOverride: '2027-05-01' }));
    await client.call('staff.save', staffForm({ name: '王五', idNumber: makeValidIdNumber('330106', '1966-01-05', 31), badgeNo: '0299', retirementDateOverride: '2026-06-01' }));
    const retired = await client.call('staff.save', staffForm({ name: '赵六', idNumber: makeValidIdNumber('330106', '1960-01-05', 41), badgeNo: '0300' }));
    await client.call('staff.changeStatus', { staffId: retired.id, status: '退休', date: '2020-01-05' });

    const platform: Platform = { client, files: { save: async () => ({ saved: true }), open: async () => [] } };
    renderApp(platform);

    expect(await within(await screen.findByText('在职人员').then(() => card('在职人员'))).findByText('民警 2 · 辅警 1 · 职工 0')).toBeInTheDocument();
    expect(within(card('在职人员')).getByText('3')).toBeInTheDocument();
    expect(within(card('一年内到退休年龄')).getByText('1')).toBeInTheDocument();
    expect(within(card('一年内到退休年龄')).getByText('已到退休年龄仍在职 1 人')).toBeInTheDocument();
    expect(within(card('待报送的修改')).getByText('尚未登记上级单位')).toBeInTheDocument();
  });

  it("records a hospitalisation's visit from its reminder: the dialog names the person and shows the stay, not its key", async () => {
    app = await openRosterTestApp();
    const { client } = app;
    const zhang = await client.call('staff.save', staffForm({ name: '张三' }));
    await client.call('health.event.save', { staffId: zhang.id, kind: '住院', hospital: '市一医院', startDate: '2026-11-20', diagnosis: '肺炎' });
    renderApp({ client, files: { save: async () => ({ saved: true }), open: async () => [] } });
    fireEvent.click(await screen.findByRole('button', { name: /登记慰问/ }));
    const title = await screen.findByText('登记慰问：张三');
    const dialog = title.closest('.ant-modal') as HTMLElement;
    expect(within(dialog).getByLabelText('对应事件')).toHaveValue('住院 2026-11-20');
  });
});
