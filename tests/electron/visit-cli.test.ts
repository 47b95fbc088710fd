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
 * `nuanjing festivals`, `reminders`, `visits coverage|import|export|receipt` (issue 11), in
 * process on a ledger file, each `--json` with the keys the issue names.
 */

const folder = tempFolder('nuanjing-visit-cli-');
const db = join(folder.path, 'station.sqlite');
const people = [
  { name: '张三', idNumber: makeValidIdNumber('330106', '1985-07-04', 13) },
  { name: '李四', idNumber: makeValidIdNumber('330106', '1988-02-29', 15) },
  { name: '王五', idNumber: makeValidIdNumber('330106', '1990-10-01', 17) },
];

async function sheetFile(name: string, rows: unknown[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('慰问记录');
  sheet.addRow(['姓名', '身份证号', '慰问类型', '慰问日期', '慰问金额（元）', '慰问物品', '物品价值（元）', '经费来源', '慰问人', '对应事件', '已签领', '备注']);
  for (const row of rows) sheet.addRow(row);
  const path = join(folder.path, name);
  writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
  return path;
}

const json = async (args: string[]) => {
  const run = await runNuanjingInProcess([...args, '--json']);
  return { code: run.code, data: JSON.parse(run.stdout) as Record<string, unknown>, stderr: run.stderr };
};

beforeAll(async () => {
  expect((await runNuanjingInProcess(['init', '--db', db, '--code', '330102-01', '--name', '北山派出所'])).code).toBe(0);
  const store = await openLedgerStore(db);
  const client = createInProcessClient(createHandlerRegistry(), createAppDeps(store, { userName: '王丽' }));
  for (const p of people) await client.call('staff.save', { category: '民警', ...p, workStartDate: '2010-07-01' });
  store.close();
});
afterAll(() => folder.remove());

describe('nuanjing festivals', () => {
  it('prints every festival of a year with its date, by name', async () => {
    const { code, data } = await json(['festivals', '--year', '2027']);
    expect(code).toBe(0);
    expect(data).toEqual([
      { name: '元旦', date: '2027-01-01' },
      { name: '中国人民警察节', date: '2027-01-10' },
      { name: '除夕', date: '2027-02-05' },
      { name: '春节', date: '2027-02-06' },
      { name: '元宵', date: '2027-02-20' },
      { name: '清明', date: '2027-04-05' },
      { name: '五一', date: '2027-05-01' },
      { name: '端午', date: '2027-06-09' },
      { name: '中秋', date: '2027-09-15' },
      { name: '国庆', date: '2027-10-01' },
    ]);
    expect((await runNuanjingInProcess(['festivals', '--year', '两千'])).code).toBe(2);
  });
});

describe('nuanjing visits import, coverage, export, receipt, reminders', () => {
  it('imports with per-row warnings and errors, writes only the good rows, and an export imports back unchanged', async () => {
    const [a, b, c] = people;
    const file = await sheetFile('慰问.xlsx', [
      [a.name, a.idNumber, '节日慰问', '2026-09-22', '', '月饼礼盒', 200, '工会经费', '所长 王建国', '2026中秋', '是', ''],
      [b.name, b.idNumber, '节日慰问', '2026-09-22', 200, '', '', '工会经费', '', '2026中秋', '', ''],
      [a.name, a.idNumber, '节日慰问', '2026-09-24', '', '水果', 80, '工会经费', '', '2026中秋', '', ''],
      [a.name, a.idNumber, '节日慰问', '2026-09-25', '', '水果', 80, '工会经费', '', '2026年中秋节', '', '确认：补发遗漏的水果'],
      [c.name, c.idNumber, '生日慰问', '2026-10-01', 500, '', '', '工会经费', '', '2026生日', '是', ''],
      ['赵六', makeValidIdNumber('330106', '1991-01-01', 19), '节日慰问', '2026-09-22', '', '月饼', 200, '', '', '2026中秋', '', ''],
      [c.name, c.idNumber, '慰问', '2026-13-01', 'abc', '', '', '单位经费', '', '', '', ''],
    ]);
    const preview = await json(['visits', 'import', '--db', db, file, '--dry-run']);
    expect(preview.data).toMatchObject({ created: 3, updated: 0 });
    const run = await json(['visits', 'import', '--db', db, file]);
    expect(run.code).toBe(1);
    expect(run.data.created).toBe(3);
    expect(run.data.warnings).toEqual([{ row: 6, message: expect.stringContaining('超过「生日慰问」每次标准 ¥300.00：本次 ¥500.00，超出 ¥200.00') }]);
    const errors = run.data.errors as { row: number; message: string }[];
    expect(errors.map((e) => e.row)).toEqual([3, 4, 7, 8, 8, 8, 8]);
    expect(errors[0].message).toContain('只发实物');
    expect(errors[1].message).toMatch(/同一事件只慰问一次.*请在备注中写「确认：理由」/);
    expect(errors[2].message).toContain('不是本单位在册人员');
    expect(errors.slice(3).map((e) => e.message).join('\n')).toMatch(/慰问日期.*不是有效日期[\s\S]*慰问类型「慰问」无法识别[\s\S]*慰问金额「abc」不是金额[\s\S]*经费来源「单位经费」无法识别/);
    // A new row's event date comes from its event: 2026中秋 → the festival's day, 2026生日 → the
    // person's birthday that year (王五, born 1990-10-01) — the standard in force on it applies.
    // 2026年中秋节, as a clerk types it, is stored as 2026中秋.
    const store = await openLedgerStore(db);
    const eventDates = store.sqlite.prepare('SELECT event, event_date FROM welfare_visit WHERE deleted_at IS NULL ORDER BY event').all();
    store.close();
    expect(eventDates).toEqual([
      { event: '2026中秋', event_date: '2026-09-25' },
      { event: '2026中秋', event_date: '2026-09-25' },
      { event: '2026生日', event_date: '2026-10-01' },
    ]);

    const coverage = await json(['visits', 'coverage', '--db', db, '--festival', '中秋节', '--year', '2026']);
    expect(coverage.data).toEqual({ festival: '中秋', date: '2026-09-25', active: 3, visited: ['张三'], missing: ['李四', '王五'] });

    const exported = join(folder.path, '导出.xlsx');
    expect((await runNuanjingInProcess(['visits', 'export', '--db', db, exported])).code).toBe(0);
    const again = await json(['visits', 'import', '--db', db, exported]);
    expect(again.data).toMatchObject({ created: 0, updated: 0, errors: [] });
  });

  it('imports an export of visits recorded in the app back unchanged: the relative, the event date and the confirmation kept, the budget not counted twice', async () => {
    const [, b, c] = people;
    const store = await openLedgerStore(db);
    try {
      const client = createInProcessClient(createHandlerRegistry(), createAppDeps(store, { userName: '王丽' }));
      const staffId = (idNumber: string) => (store.sqlite.prepare('SELECT id FROM staff WHERE id_number = ?').get(idNumber) as { id: string }).id;
      const spouse = await client.call('family.save', { staffId: staffId(c.idNumber), relation: '配偶', name: '李梅', birthDate: '1991-03-08' });
      await client.call('visits.batch', { staffIds: [staffId(b.idNumber), staffId(c.idNumber)], kind: '节日慰问', date: '2026-09-30', goods: '水果', goodsValueFen: 15000, funding: '工会经费', event: '2026国庆', eventDate: '2026-10-01' });
      await client.call('visits.save', { staffId: staffId(c.idNumber), familyMemberId: spouse.id, kind: '困难帮扶', date: '2026-11-02', cashFen: 50000, funding: '工会经费', note: '家中困难' });
      const spent = (store.sqlite.prepare("SELECT SUM(cash_fen + goods_value_fen) AS fen FROM welfare_visit WHERE deleted_at IS NULL AND funding = '工会经费'").get() as { fen: number }).fen;
      await client.call('visits.setBudget', { year: 2026, funding: '工会经费', amountFen: spent + 100 });
    } finally {
      store.close();
    }
    const rowsOf = async () => {
      const s = await openLedgerStore(db);
      try {
        return s.sqlite.prepare('SELECT id, kind, event_date, family_member_id, confirm_reason, note FROM welfare_visit WHERE deleted_at IS NULL ORDER BY id').all();
      } finally {
        s.close();
      }
    };
    const before = await rowsOf();
    const exported = join(folder.path, '导出-含家属.xlsx');
    expect((await runNuanjingInProcess(['visits', 'export', '--db', db, exported])).code).toBe(0);
    const again = await json(['visits', 'import', '--db', db, exported]);
    expect(again.data).toMatchObject({ created: 0, updated: 0, warnings: [], errors: [] });
    expect(await rowsOf()).toEqual(before);
    expect(before).toContainEqual(expect.objectContaining({ kind: '困难帮扶', family_member_id: expect.any(String), note: '家中困难' }));
    expect(before.filter((r) => (r as { kind: string; event_date: string | null }).kind === '节日慰问' && (r as { event_date: string | null }).event_date === '2026-10-01')).toHaveLength(2);
  });

  it('takes the relative visited from 受慰问家属 (配偶 李梅, or the name alone), and refuses one the person has not registered', async () => {
    const [a, , c] = people;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('慰问记录');
    sheet.addRow(['姓名', '身份证号', '慰问类型', '慰问日期', '慰问金额（元）', '经费来源', '受慰问家属', '备注']);
    sheet.addRow([c.name, c.idNumber, '困难帮扶', '2026-12-01', 300, '工会经费', '配偶 李梅', '冬季帮扶']);
    sheet.addRow([c.name, c.idNumber, '困难帮扶', '2026-12-02', 300, '工会经费', '李梅', '']);
    sheet.addRow([a.name, a.idNumber, '困难帮扶', '2026-12-01', 300, '工会经费', '李雷', '']);
    const file = join(folder.path, '家属慰问.xlsx');
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const run = await json(['visits', 'import', '--db', db, file]);
    expect(run.data).toMatchObject({ created: 2, errors: [{ row: 4, message: expect.stringContaining('受慰问家属「李雷」不是 张三 登记的家属') }] });
    const s = await openLedgerStore(db);
    const rows = s.sqlite
      .prepare("SELECT v.date, f.relation, f.name FROM welfare_visit v JOIN family_member f ON f.id = v.family_member_id WHERE v.date >= '2026-12-01' AND v.deleted_at IS NULL ORDER BY v.date")
      .all();
    s.close();
    expect(rows).toEqual([
      { date: '2026-12-01', relation: '配偶', name: '李梅' },
      { date: '2026-12-02', relation: '配偶', name: '李梅' },
    ]);
    // The export names the relative in the same column, and imports back unchanged.
    const exported = join(folder.path, '导出-受慰问家属.xlsx');
    expect((await runNuanjingInProcess(['visits', 'export', '--db', db, exported])).code).toBe(0);
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(exported);
    const header = (read.worksheets[0].getRow(1).values as unknown[]).indexOf('受慰问家属');
    expect(read.worksheets[0].getColumn(header).values).toContain('配偶 李梅');
    expect((await json(['visits', 'import', '--db', db, exported])).data).toMatchObject({ created: 0, updated: 0, errors: [] });
  });

  it('links a 住院慰问 to its stay in 健康管理: named as the lists show it (住院 2026-11-03) or left blank; a stay not registered is an error, none found a warning', async () => {
    const [a, b, c] = people;
    const store = await openLedgerStore(db);
    const stayOf: Record<string, string> = {};
    try {
      const client = createInProcessClient(createHandlerRegistry(), createAppDeps(store, { userName: '王丽' }));
      const staffId = (idNumber: string) => (store.sqlite.prepare('SELECT id FROM staff WHERE id_number = ?').get(idNumber) as { id: string }).id;
      stayOf.a = (await client.call('health.event.save', { staffId: staffId(a.idNumber), kind: '住院', startDate: '2026-11-01', endDate: '2026-11-08', hospital: '市一医院' })).id;
      stayOf.b = (await client.call('health.event.save', { staffId: staffId(b.idNumber), kind: '住院', startDate: '2026-11-03', hospital: '市二医院' })).id;
      // An earlier stay of 李四's: the date names which one.
      await client.call('health.event.save', { staffId: staffId(b.idNumber), kind: '住院', startDate: '2026-06-10', endDate: '2026-06-20' });
    } finally {
      store.close();
    }
    const file = await sheetFile('住院慰问.xlsx', [
      // Blank 对应事件: the stay the visit falls in (visited two days after discharge).
      [a.name, a.idNumber, '住院慰问', '2026-11-10', 500, '', '', '行政经费', '', '', '是', ''],
      // Named as the lists show it, the date as a clerk writes it.
      [b.name, b.idNumber, '住院慰问', '2026-11-05', 500, '', '', '行政经费', '', '住院 2026/11/3', '', ''],
      // The same stay of 张三's again: one visit per stay.
      [a.name, a.idNumber, '住院慰问', '2026-11-12', 300, '', '', '行政经费', '', '', '', ''],
      // A stay 健康管理 does not have: an error that says what to do.
      [c.name, c.idNumber, '住院慰问', '2026-11-06', 500, '', '', '行政经费', '', '住院 2026-11-02', '', ''],
      // None found for a blank one: imported, with a warning that it is not linked.
      [c.name, c.idNumber, '住院慰问', '2026-11-07', 500, '', '', '行政经费', '', '', '', ''],
      [c.name, c.idNumber, '住院慰问', '2026-11-07', 500, '', '', '行政经费', '', '住院 十一月', '', ''],
    ]);
    const run = await json(['visits', 'import', '--db', db, file]);
    expect(run.data.created).toBe(3);
    const errors = run.data.errors as { row: number; message: string }[];
    expect(errors).toEqual([
      { row: 4, message: expect.stringMatching(/同一次住院[\s\S]*请在备注中写「确认：理由」/) },
      { row: 5, message: expect.stringContaining('王五 在「健康管理」中没有 2026-11-02 开始的住院或因公负伤记录。请先在「健康管理」登记这次住院，或改正日期') },
      { row: 7, message: expect.stringContaining('对应事件「住院 十一月」中的日期无法识别') },
    ]);
    expect(run.data.warnings).toEqual([{ row: 6, message: expect.stringContaining('王五 在「健康管理」中没有 2026-11-07 前后的住院或因公负伤记录：这条住院慰问已导入，但不与哪次住院关联') }]);
    const s = await openLedgerStore(db);
    const linked = s.sqlite.prepare("SELECT event, event_date FROM welfare_visit WHERE deleted_at IS NULL AND kind = '住院慰问' ORDER BY date").all();
    s.close();
    // The stay's first day is the event date: the standard in force on the admission applies.
    expect(linked).toEqual([
      { event: `住院:${stayOf.b}`, event_date: '2026-11-03' },
      { event: null, event_date: null },
      { event: `住院:${stayOf.a}`, event_date: '2026-11-01' },
    ]);
    // The 工作台 no longer reminds of the stays visited.
    const reminders = (await json(['reminders', '--db', db, '--from', '2026-11-10', '--days', '10'])).data as unknown as { kind: string; name: string }[];
    expect(reminders.filter((r) => r.kind === '住院')).toEqual([]);
    // The export names the stays as the lists do, and imports back unchanged.
    const exported = join(folder.path, '导出-住院.xlsx');
    expect((await runNuanjingInProcess(['visits', 'export', '--db', db, exported])).code).toBe(0);
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(exported);
    const column = (read.worksheets[0].getRow(1).values as unknown[]).indexOf('对应事件');
    const events = read.worksheets[0].getColumn(column).values;
    expect(events).toEqual(expect.arrayContaining(['住院 2026-11-01', '住院 2026-11-03']));
    expect(events.some((e) => typeof e === 'string' && (e.startsWith('住院:') || e.includes('医院')))).toBe(false);
    expect((await json(['visits', 'import', '--db', db, exported])).data).toMatchObject({ created: 0, updated: 0, errors: [] });
  });

  it('refuses a receipt sheet of a festival no one was visited for (the PDF itself: tests/e2e/visits.e2e.test.ts)', async () => {
    const nothing = await runNuanjingInProcess(['visits', 'receipt', '--db', db, '--festival', '端午', '--year', '2026', '--out', join(folder.path, '端午.pdf')]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('「2026端午」还没有登记慰问');
    expect((await runNuanjingInProcess(['visits', 'receipt', '--db', db, '--festival', '重阳', '--year', '2026', '--out', 'x.pdf'])).code).toBe(2);
  });

  it('lists reminders with the keys of the issue', async () => {
    const { code, data } = await json(['reminders', '--db', db, '--from', '2026-09-01', '--days', '31']);
    expect(code).toBe(0);
    const reminders = data as unknown as { kind: string; date: string; name: string; idNumber: string; reason: string }[];
    expect(reminders).toContainEqual({ kind: '节日', date: '2026-09-25', name: '中秋', idNumber: '', reason: '2026年中秋：在职 3 人，尚未慰问 2 人' });
    // 王五's birthday (10-01) was visited by the import: no reminder.
    expect(reminders.filter((r) => r.kind === '生日')).toEqual([]);
    expect(reminders.map((r) => r.date)).toEqual([...reminders.map((r) => r.date)].sort());
    // 李四, born on 29 February: the 28th in a common year.
    const spring = (await json(['reminders', '--db', db, '--from', '2027-02-20', '--days', '31'])).data as unknown as { kind: string }[];
    expect(spring.filter((r) => r.kind === '生日')).toEqual([{ kind: '生日', date: '2027-02-28', name: '李四', idNumber: people[1].idNumber, reason: '39岁生日' }]);
  });
});
