import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeValidIdNumber } from '../../shared/id-number';
import type { ApiClient } from '../../shared/contract/api-contract';
import type { LedgerStore } from '../../db/ledger-store';
import { createAppDeps } from '../../electron/app-deps';
import { createHandlerRegistry } from '../../electron/handlers/all-handlers';
import { createInProcessClient } from '../../electron/transports/in-process-client';
import type { PickedFile } from '../../renderer/api/file-transfer';
import { openMemoryLedger } from '../support/test-ledger';
import { renderApp } from './render-app';

const zhang = { name: '张三', idNumber: makeValidIdNumber('330102', '1980-03-15', 11) };
const li = { name: '李四', idNumber: makeValidIdNumber('330102', '1985-06-01', 13) };

/** A 慰问记录表 as a clerk fills it: a 中秋 visit, a 住院慰问 named by its stay, one for a stay not registered. */
async function visitSheet(): Promise<PickedFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('慰问记录');
  sheet.addRow(['姓名', '身份证号', '慰问类型', '慰问日期', '慰问金额（元）', '慰问物品', '物品价值（元）', '经费来源', '慰问人', '对应事件', '已签领', '备注']);
  sheet.addRow([zhang.name, zhang.idNumber, '节日慰问', '2026-09-22', '', '月饼', 200, '工会经费', '所长 王建国', '2026中秋', '是', '']);
  sheet.addRow([li.name, li.idNumber, '住院慰问', '2026-11-05', 500, '', '', '工会经费', '', '住院 2026-11-03', '', '']);
  sheet.addRow([zhang.name, zhang.idNumber, '住院慰问', '2026-11-06', 500, '', '', '工会经费', '', '住院 2026-11-02', '', '']);
  return { name: '慰问记录.xlsx', bytesBase64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}

describe('慰问记录 › 导入 Excel (jsdom, real handlers on an in-memory ledger)', () => {
  let ledger: LedgerStore;
  let client: ApiClient;

  beforeEach(async () => {
    ledger = await openMemoryLedger();
    client = createInProcessClient(createHandlerRegistry(), createAppDeps(ledger, { userName: '王丽' }));
    await client.call('station.setup', { code: '330102-01', name: '北山派出所', role: 'station', operatorName: '王丽' });
    for (const person of [zhang, li]) await client.call('staff.save', { category: '民警', ...person, workStartDate: '2005-07-01' });
    const liId = (await client.call('staff.list', {})).find((p) => p.name === li.name)!.id;
    await client.call('health.event.save', { staffId: liId, kind: '住院', startDate: '2026-11-03', hospital: '市一医院' });
  });

  afterEach(() => ledger.close());

  it('previews the sheet (what is added, each refused row and why), writes nothing before 确认导入, then imports the good rows', async () => {
    const user = userEvent.setup({ delay: null });
    const sheet = await visitSheet();
    renderApp({ client, files: { save: async () => ({ saved: true }), open: async () => [sheet] } });
    await user.click(await screen.findByRole('menuitem', { name: /慰问记录/ }));
    await user.click(await screen.findByRole('button', { name: /导入 Excel/ }));
    const dialog = (await screen.findByText('导入慰问记录（Excel）')).closest('.ant-modal') as HTMLElement;
    await user.click(within(dialog).getByRole('button', { name: /选择慰问记录表/ }));
    await within(dialog).findByText('慰问记录.xlsx');
    await within(dialog).findByText(/张三 在「健康管理」中没有 2026-11-02 开始的住院或因公负伤记录/);
    expect(within(dialog).getByText('第4行')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: /确认导入（2 条）/ })).toBeEnabled();
    // The preview wrote nothing.
    expect((await client.call('visits.list', { year: 2026 })).items).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: /确认导入（2 条）/ }));
    await screen.findByText(/导入完成：新增 2 条，更新 0 条，1 行有错未导入/);
    const items = (await client.call('visits.list', { year: 2026 })).items;
    expect(items.map((v) => [v.staffName, v.kind, v.eventLabel])).toEqual(
      expect.arrayContaining([
        ['张三', '节日慰问', '2026中秋'],
        ['李四', '住院慰问', '住院 2026-11-03'],
      ]),
    );
    // The list shows them without a reload.
    await waitFor(() => expect(screen.getByText('住院 2026-11-03')).toBeInTheDocument());
  }, 60_000);
});
