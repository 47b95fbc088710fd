import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeValidIdNumber } from '../../shared/id-number';
import { openLedgerStore } from '../../db/ledger-store';
import { createAppDeps } from '../../electron/app-deps';
import { createHandlerRegistry } from '../../electron/handlers/all-handlers';
import { createInProcessClient } from '../../electron/transports/in-process-client';
import { runNuanjingInProcess } from '../support/cli-in-process';
import { tempFolder } from '../support/test-ledger';

/**
 * `nuanjing leave workdays|entitlement|import|export` and `calendar import` (issue 12), in process
 * on ledger files, each `--json` with the keys the issue names.
 */

const folder = tempFolder('nuanjing-leave-cli-');
const db = join(folder.path, 'station.sqlite');
const bureauDb = join(folder.path, 'bureau.sqlite');
const people = [
  { name: '张三', idNumber: makeValidIdNumber('330106', '1985-07-04', 13), workStartDate: '2010-07-01', category: '民警' as const },
  { name: '李四', idNumber: makeValidIdNumber('330106', '1988-02-29', 15), workStartDate: '2026-03-01', category: '辅警' as const },
];
const header = ['姓名', '身份证号', '假别', '开始日期', '开始时段', '结束日期', '结束时段', '状态', '备注'];

async function sheetFile(name: string, rows: unknown[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('休假记录');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  const path = join(folder.path, name);
  writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
  return path;
}

const json = async (args: string[]) => {
  const run = await runNuanjingInProcess([...args, '--json']);
  return { code: run.code, data: JSON.parse(run.stdout) as unknown, stderr: run.stderr };
};

beforeAll(async () => {
  expect((await runNuanjingInProcess(['init', '--db', db, '--code', '330102-01', '--name', '北山派出所'])).code).toBe(0);
  expect((await runNuanjingInProcess(['init', '--db', bureauDb, '--code', '330102', '--name', '西湖分局', '--role', 'bureau'])).code).toBe(0);
  const store = await openLedgerStore(db);
  const client = createInProcessClient(createHandlerRegistry(), createAppDeps(store, { userName: '王丽' }));
  for (const p of people) await client.call('staff.save', p);
  await client.call('settings.set', { key: 'station.minimumOnDuty', value: 1 });
  store.close();
});
afterAll(() => folder.remove());

describe('nuanjing leave workdays', () => {
  it('counts the working days of the official calendar; a year without one exits 1 with CALENDAR_MISSING', async () => {
    expect(await json(['leave', 'workdays', '--db', db, '--from', '2026-09-28', '--to', '2026-10-09'])).toMatchObject({ code: 0, data: { from: '2026-09-28', to: '2026-10-09', workdays: 5 } });
    const missing = await json(['leave', 'workdays', '--db', db, '--from', '2027-01-04', '--to', '2027-01-08']);
    expect(missing).toMatchObject({ code: 1, data: { ok: false, error: { code: 'CALENDAR_MISSING', message: expect.stringContaining('2027') } } });
    expect(missing.stderr).toContain('nuanjing calendar import');
    expect((await runNuanjingInProcess(['leave', 'workdays', '--db', db, '--from', '2026-13-01', '--to', '2026-10-09'])).code).toBe(2);
  });
});

describe('nuanjing calendar import', () => {
  it('the bureau imports a JSON year and counts by it; a station may not; a bad file says what is wrong', async () => {
    const file = join(folder.path, '2027.json');
    writeFileSync(file, JSON.stringify({ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [], notice: '国务院办公厅关于2027年部分节假日安排的通知' }));
    expect(await json(['calendar', 'import', '--db', db, file])).toMatchObject({ code: 1, data: { error: { code: 'FORBIDDEN' } } });
    expect(await json(['calendar', 'import', '--db', bureauDb, file])).toMatchObject({ code: 0, data: { year: 2027, holidays: 3, workdays: 0, notice: '国务院办公厅关于2027年部分节假日安排的通知' } });
    expect(await json(['leave', 'workdays', '--db', bureauDb, '--from', '2026-12-28', '--to', '2027-01-08'])).toMatchObject({ code: 0, data: { workdays: 9 } });
    const bad = join(folder.path, 'bad.json');
    writeFileSync(bad, JSON.stringify({ year: 2027, holidays: ['2027-02-30'], notice: '通知' }));
    const refused = await runNuanjingInProcess(['calendar', 'import', '--db', bureauDb, bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('「2027-02-30」不是有效日期');
  });
});

describe('nuanjing leave import|export|entitlement', () => {
  it('imports the rows it can, refuses the others with row and reason, writes nothing on a dry run, changes nothing the second time', async () => {
    const [zhang, li] = people;
    const sheet = await sheetFile('leave.xlsx', [
      [zhang.name, zhang.idNumber, '年休假', '2026-09-28', null, '2026-10-09', null, '已休', '国庆前后'],
      [zhang.name, zhang.idNumber, '事假', '2026-11-02', '下午', '2026-11-03', '上午', '批准', null],
      [li.name, li.idNumber, '探亲假', '2026-08-01', null, '2026-08-10', null, '已休', null],
      [zhang.name, zhang.idNumber, '病假', '2026-10-08', null, '2026-10-09', null, '已休', '与第2行重叠'],
      [li.name, li.idNumber, '年假', '2026-12-01', null, '2026-12-01', null, '计划', null],
      [li.name, li.idNumber, '事假', '2026-02-02', null, '2026-02-02', null, '已休', '早于参加工作'],
      // The same leave as row 3 once more: at the next import it would overwrite row 3's leave.
      [zhang.name, zhang.idNumber, '事假', '2026-11-02', '下午', '2026-11-02', null, '批准', '重复第3行'],
      // Years before employment (a typing error), in a year no calendar holds: said as such, not as a missing calendar.
      [li.name, li.idNumber, '事假', '1996-03-04', null, '1996-03-05', null, '已休', '年份打错'],
      // Both away on 29 September: below the minimum of 1 — a warning, the row imported.
      [li.name, li.idNumber, '病假', '2026-09-29', null, '2026-09-29', null, '已休', null],
    ]);
    const preview = await json(['leave', 'import', '--db', db, sheet, '--dry-run']);
    expect(preview).toMatchObject({ code: 1, data: { created: 4, updated: 0, unchanged: 0 } });
    const errors = (preview.data as { errors: { row: number; message: string }[] }).errors;
    expect(errors.map((e) => e.row)).toEqual([5, 6, 7, 8, 9]);
    expect(errors[0].message).toContain('与此人已有的年休假（2026-09-28 至 2026-10-09，已休）重叠');
    expect(errors[1].message).toContain('假别「年假」无法识别');
    expect(errors[2].message).toContain('早于此人参加工作时间 2026-03-01');
    expect(errors[3].message).toContain('与第3行是同一条休假');
    expect(errors[4].message).toBe('开始日期 1996-03-04 早于此人参加工作时间 2026-03-01，请核对日期');
    expect(await json(['leave', 'export', '--db', db, join(folder.path, 'none.xlsx')])).toMatchObject({ data: { rows: 0 } });

    const first = await json(['leave', 'import', '--db', db, sheet]);
    expect(first).toMatchObject({ code: 1, data: { created: 4 } });
    expect((first.data as { warnings: { row: number; message: string }[] }).warnings).toEqual([{ row: 10, message: expect.stringContaining('2026-09-29 在岗 0 人，低于最低在岗警力 1 人') }]);
    // The second time nothing is saved: no day is taken below the minimum again, so nothing is warned.
    const again = await json(['leave', 'import', '--db', db, sheet]);
    expect(again).toMatchObject({ code: 1, data: { created: 0, updated: 0, unchanged: 4, warnings: [] } });
    expect((again.data as { errors: { row: number }[] }).errors.map((e) => e.row)).toEqual([5, 6, 7, 8, 9]);

    const out = join(folder.path, 'export.xlsx');
    expect(await json(['leave', 'export', '--db', db, out, '--year', '2026'])).toMatchObject({ code: 0, data: { rows: 4 } });
    const back = await json(['leave', 'import', '--db', db, out]);
    expect(back).toMatchObject({ code: 0, data: { created: 0, updated: 0, unchanged: 4, errors: [], warnings: [] } });
  });

  it('prints each person’s annual leave with the keys named, and the reason when there is none', async () => {
    const { code, data } = await json(['leave', 'entitlement', '--db', db, '--year', '2026']);
    expect(code).toBe(0);
    expect(data).toEqual([
      { idNumber: people[0].idNumber, name: '张三', category: '民警', entitled: 10, carried: 0, taken: 5, planned: 0, remaining: 5, reason: '' },
      { idNumber: people[1].idNumber, name: '李四', category: '辅警', entitled: 0, carried: 0, taken: 0, planned: 0, remaining: 0, reason: expect.stringContaining('累计工作不满1年') },
    ]);
  });

  it('says a ledger not yet set up has no unit, instead of printing nobody', async () => {
    const notSetUp = join(folder.path, 'not-set-up.sqlite');
    (await openLedgerStore(notSetUp)).close(); // a ledger file the setup wizard has not been through
    const { code, data } = await json(['leave', 'entitlement', '--db', notSetUp, '--year', '2026']);
    expect(code).toBe(1);
    expect(data).toMatchObject({ ok: false, error: { code: 'NOT_SET_UP' } });
  });
});
