import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeValidIdNumber } from '../../shared/id-number';
import { openLedgerStore } from '../../db/ledger-store';
import { writeRosterSheet } from '../support/roster-sheet';
import { makeTempDir } from '../support/web-mode';
import { runNuanjingInProcess } from '../support/cli-in-process';

// The commands run in-process through runCli (the process itself is tested in cli.test.ts).
let dir: string;

beforeAll(() => {
  dir = makeTempDir('nuanjing-roster-cli-');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const people = [
  { 姓名: '周建华', 身份证号: makeValidIdNumber('330102', '1972-11-05', 13), 人员类别: '民警', 警号: '023401' },
  { 姓名: '吴丽娟', 身份证号: makeValidIdNumber('330104', '1985-04-22', 26), 人员类别: '民警', 警号: '023402' },
];

async function initLedger(name: string): Promise<string> {
  const db = join(dir, name);
  const init = await runNuanjingInProcess(['init', '--db', db, '--code', '330106-01', '--name', '北山派出所']);
  expect(init.code, init.stderr).toBe(0);
  return db;
}

async function namesAndIds(db: string): Promise<string[]> {
  const store = await openLedgerStore(db);
  try {
    const rows = store.sqlite.prepare('SELECT name, id_number FROM staff ORDER BY id_number').all() as { name: string; id_number: string }[];
    return rows.map((r) => `${r.name} ${r.id_number}`);
  } finally {
    store.close();
  }
}

describe('nuanjing roster import', () => {
  it('imports a clean sheet (exit 0) and prints the summary as JSON', async () => {
    const db = await initLedger('clean.sqlite');
    const sheet = join(dir, 'clean.xlsx');
    await writeRosterSheet(sheet, people);
    const dry = await runNuanjingInProcess(['roster', 'import', '--db', db, sheet, '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      sheet: '人员名单',
      otherSheets: [],
      sheets: [{ sheet: '人员名单', label: '人员', created: 2, updated: 0, unchanged: 0, refused: 0 }],
      created: 2,
      updated: 0,
      unchanged: 0,
      errors: [],
      committed: false,
    });
    const run = await runNuanjingInProcess(['roster', 'import', '--db', db, sheet, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ created: 2, updated: 0, unchanged: 0, errors: [], committed: true });
    const again = await runNuanjingInProcess(['roster', 'import', '--db', db, sheet]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('新增 0 人，更新 0 人，未变 2 人，拒绝 0 行');
    expect(again.stdout).toContain('读取的工作表：「人员名单」（人员）');
  });

  it('applies the good rows, reports the refused ones by row and exits 1', async () => {
    const db = await initLedger('broken.sqlite');
    const sheet = join(dir, 'broken.xlsx');
    await writeRosterSheet(sheet, [people[0], { 姓名: '孙伟', 身份证号: '330106197901201234', 人员类别: '民警' }, people[1]]);
    const run = await runNuanjingInProcess(['roster', 'import', '--db', db, sheet, '--json']);
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ created: 2, refused: 1, errors: [{ row: 3, field: '身份证号', message: expect.stringContaining('校验位') }] });
    expect(run.stderr).toContain('有 1 行未导入');
    expect(await namesAndIds(db)).toHaveLength(2);
  });

  it('reports a missing sheet (exit 1) and a missing argument (exit 2)', async () => {
    const db = await initLedger('usage.sqlite');
    const missing = await runNuanjingInProcess(['roster', 'import', '--db', db, join(dir, 'nope.xlsx')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到要导入的文件');
    expect((await runNuanjingInProcess(['roster', 'import', '--db', db])).code).toBe(2);
  });
});

describe('nuanjing seed and roster export', () => {
  it('gives the same people for the same seed, different ones for another', async () => {
    const [a, b, c] = ['seed-a.sqlite', 'seed-b.sqlite', 'seed-c.sqlite'].map((f) => join(dir, f));
    const first = await runNuanjingInProcess(['seed', '--db', a, '--staff', '30', '--seed', '7', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ station: { code: 'DEMO-01', name: '演示派出所' }, staff: 30 });
    expect((await runNuanjingInProcess(['seed', '--db', b, '--staff', '30', '--seed', '7'])).code).toBe(0);
    expect((await runNuanjingInProcess(['seed', '--db', c, '--staff', '30', '--seed', '8'])).code).toBe(0);
    const [ra, rb, rc] = await Promise.all([a, b, c].map(namesAndIds));
    expect(ra).toHaveLength(30);
    expect(rb).toEqual(ra);
    expect(rc).not.toEqual(ra);
    // Seeding a station that already has people is refused.
    const twice = await runNuanjingInProcess(['seed', '--db', a, '--staff', '5']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('已有 30 名人员');
  });

  it('exports the roster to an .xlsx with the derived columns', async () => {
    const db = join(dir, 'export.sqlite');
    expect((await runNuanjingInProcess(['seed', '--db', db, '--staff', '25', '--seed', '3'])).code).toBe(0);
    const out = join(dir, 'export.xlsx');
    const run = await runNuanjingInProcess(['roster', 'export', '--db', db, '--out', out, '--all', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ out, rowCount: 25, fileName: expect.stringMatching(/^人员名单-演示派出所-\d{4}-\d{2}-\d{2}\.xlsx$/) });
    expect(existsSync(out)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const headers = (workbook.worksheets[0].getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['姓名', '身份证号', '出生日期', '性别', '年龄', '工龄', '预计退休日期', '状态']));
    expect(workbook.worksheets[0].rowCount).toBe(26);
  });
});
