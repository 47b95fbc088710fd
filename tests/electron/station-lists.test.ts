import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeValidIdNumber } from '../../shared/id-number';
import type { ArgsOf } from '../../shared/contract/api-contract';
import type { StationList } from '../../shared/station-lists';
import { runNuanjingInProcess } from '../support/cli-in-process';
import { siteOf, type Site } from '../support/sync-sites';
import { manualClock, openMemoryLedger, tempFolder } from '../support/test-ledger';

/**
 * The printed lists besides the monthly report, against a hand-computed station (the clock at
 * 2026-11-23):
 * - 周建国 民警 男 1966-12-20, 大学本科, 党员 — 59 (56岁及以上); retires at 60 years 6 months
 *   (born 24 months after 1964-12: +6) on 2027-06-20; a child who sat 高考 in 2026;
 * - 吴丽 民警 女 1990-03-15, 研究生, 党员 — 36; a child with 中考 2027 recorded;
 * - 郑小兵 辅警 男 1998-11-30, 大学专科 — 27 (birthday on 11-30);
 * - 王芳 辅警 女 1985-02-14, 高中 — 41; a child in 高三 (高考 2027, stored from the grade when saved)
 *   and one born 2012-01-20 with nothing else (中考 2027 from the birth date);
 * - 冯强 职工 男 1975-06-01, no 学历 — 51;
 * - 陈守业 民警 男 1963-12-02, 退休 on 2023-12-02 — a retiree's birthday in December;
 * - 何离 辅警 男 2000-11-10, 离职 — in no list.
 */

let site: Site;
const ids: Record<string, string> = {};

async function person(key: string, birthDate: string, sequence: number, fields: Partial<ArgsOf<'staff.save'>>): Promise<string> {
  const saved = await site.client.call('staff.save', { name: key, idNumber: makeValidIdNumber('110105', birthDate, sequence), workStartDate: `${Number(birthDate.slice(0, 4)) + 20}-07-01`, ...fields } as ArgsOf<'staff.save'>);
  ids[key] = saved.id;
  return saved.id;
}

const list = (args: ArgsOf<'lists.data'>) => site.client.call('lists.data', args);

beforeAll(async () => {
  const store = await openMemoryLedger(manualClock());
  site = siteOf(store, '330102-01', '北山派出所', '王丽');
  await site.client.call('station.setup', { code: '330102-01', name: '北山派出所', role: 'station', operatorName: '王丽' });
  const zhou = await person('周建国', '1966-12-20', 101, { category: '民警', education: '大学本科', partyMember: true, position: '所长', rank: '一级警长' });
  const wu = await person('吴丽', '1990-03-15', 102, { category: '民警', education: '研究生', partyMember: true, phone: '13800000002' });
  await person('郑小兵', '1998-11-30', 103, { category: '辅警', education: '大学专科' });
  const wang = await person('王芳', '1985-02-14', 104, { category: '辅警', education: '高中', phone: '13800000004' });
  await person('冯强', '1975-06-01', 105, { category: '职工' });
  const chen = await person('陈守业', '1963-12-02', 107, { category: '民警' });
  const he = await person('何离', '2000-11-10', 109, { category: '辅警' });
  await site.client.call('staff.changeStatus', { staffId: chen, status: '退休', date: '2023-12-02' });
  await site.client.call('staff.changeStatus', { staffId: he, status: '离职', date: '2025-01-01' });
  await site.client.call('family.save', { staffId: zhou, relation: '子女', name: '周小周', birthDate: '2008-10-01', gaokaoYear: 2026, zhongkaoYear: 2023 });
  await site.client.call('family.save', { staffId: wu, relation: '子女', name: '吴小吴', birthDate: '2012-05-01', zhongkaoYear: 2027, gaokaoYear: 2030, workOrSchool: '北山中学', grade: '初三' });
  await site.client.call('family.save', { staffId: wang, relation: '子女', name: '王大宝', birthDate: '2009-03-10', grade: '高三', workOrSchool: '杭州二中' });
  await site.client.call('family.save', { staffId: wang, relation: '子女', name: '王小宝', birthDate: '2012-01-20' });
}, 60_000);

describe('人员统计: the people in service by category, age band, 政治面貌 and 学历', () => {
  let statistics: Extract<StationList, { kind: '人员统计' }>['statistics'];
  beforeAll(async () => {
    const result = await list({ kind: '人员统计' });
    if (result.kind !== '人员统计') throw new Error(result.kind);
    statistics = result.statistics;
    expect(result.title).toBe('北山派出所人员统计表');
  });

  it('by category: people, men and women, average age, party members', () => {
    expect(statistics.people).toBe(5);
    expect(statistics.byCategory).toEqual([
      { category: '民警', people: 2, men: 1, women: 1, averageAge: 47.5, partyMembers: 2 },
      { category: '辅警', people: 2, men: 1, women: 1, averageAge: 34, partyMembers: 0 },
      { category: '职工', people: 1, men: 1, women: 0, averageAge: 51, partyMembers: 0 },
      { category: '合计', people: 5, men: 3, women: 2, averageAge: 42.8, partyMembers: 2 },
    ]);
  });

  it('age bands, 政治面貌 and 学历 across the categories, each with its 合计', () => {
    const table = (title: string) => {
      const t = statistics.tables.find((x) => x.title === title);
      return Object.fromEntries([...(t?.rows ?? []), ...(t ? [t.sum] : [])].filter((r) => r.total > 0).map((r) => [r.label, [r.byCategory.民警, r.byCategory.辅警, r.byCategory.职工]]));
    };
    expect(table('年龄结构')).toEqual({ '30岁及以下': [0, 1, 0], '36—40岁': [1, 0, 0], '41—45岁': [0, 1, 0], '51—55岁': [0, 0, 1], '56岁及以上': [1, 0, 0], 合计: [2, 2, 1] });
    expect(table('政治面貌')).toEqual({ 中共党员: [2, 0, 0], 群众等: [0, 2, 1], 合计: [2, 2, 1] });
    expect(table('学历结构')).toEqual({ 研究生: [1, 0, 0], 大学本科: [1, 0, 0], 大学专科: [0, 1, 0], 高中: [0, 1, 0], 未填: [0, 0, 1], 合计: [2, 2, 1] });
  });
});

describe('station-wide lists', () => {
  it('children sitting 中考/高考 next year: recorded, from the grade (stored on saving) and from the birth date', async () => {
    const result = await list({ kind: '中考高考子女' });
    if (result.kind !== '中考高考子女') throw new Error(result.kind);
    expect(result.year).toBe(2027);
    expect(result.rows.map((r) => [r.exam, r.childName, r.name, r.yearFrom])).toEqual([
      ['高考', '王大宝', '王芳', '登记'],
      ...[
        ['中考', '吴小吴', '吴丽', '登记'],
        ['中考', '王小宝', '王芳', '出生日期'],
      ].sort((a, b) => a[2].localeCompare(b[2], 'zh-CN')),
    ]);
    expect(result.rows.find((r) => r.childName === '吴小吴')).toMatchObject({ school: '北山中学 初三', phone: '13800000002', category: '民警' });
    const thisYear = await list({ kind: '中考高考子女', year: 2026 });
    expect(thisYear.kind === '中考高考子女' && thisYear.rows.map((r) => r.childName)).toEqual(['周小周']);
  });

  it('retirements in the next twelve months by the 2025 rules', async () => {
    const result = await list({ kind: '一年内退休' });
    expect(result.kind === '一年内退休' && result.rows).toEqual([
      { name: '周建国', category: '民警', stationName: '北山派出所', gender: '男', birthDate: '1966-12-20', age: 59, position: '所长 一级警长', expectedRetirementDate: '2027-06-20', tag: '一年内退休', overridden: false },
    ]);
  });

  it('birthdays of a month, retirees included (solar), nobody who has left', async () => {
    const november = await list({ kind: '本月生日' });
    expect(november.kind === '本月生日' && [november.month, november.rows.map((r) => [r.date, r.name, r.age, r.status])]).toEqual(['2026-11', [['2026-11-30', '郑小兵', 28, '在职']]]);
    const december = await list({ kind: '本月生日', month: '2026-12' });
    expect(december.kind === '本月生日' && december.rows.map((r) => [r.date, r.name, r.age, r.status])).toEqual([
      ['2026-12-02', '陈守业', 63, '退休'],
      ['2026-12-20', '周建国', 60, '在职'],
    ]);
  });

  it('prints a list on A4 with its signature line and exports it to Excel with the same rows', async () => {
    await site.client.call('settings.set', { key: 'report.preparedBy', value: '王丽' });
    const page = await site.client.call('lists.document', { kind: '本月生日', month: '2026-12' });
    for (const text of ['北山派出所2026年12月生日名单', '陈守业', '2026-12-20', '制表人：王丽', 'size: A4 portrait', 'counter(pages)']) expect(page.html).toContain(text);
    // The signature line takes the last row with it rather than stand alone on a last page (seen in a printed 花名册).
    expect(page.html).toMatch(/\.footer \{[^}]*break-inside: avoid; break-before: avoid;/);
    const file = await site.client.call('lists.excel', { kind: '中考高考子女' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.bytesBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, printTitlesRow: '1:4' });
    const rows = (sheet.getSheetValues() ?? []).map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(rows[1]).toEqual(['北山派出所2027年中考、高考子女名单']);
    expect(rows).toContainEqual([1, '高考', '王大宝', '2009-03-10', '杭州二中 高三', '王芳', '辅警', '13800000004', '登记']);
  });
});

describe('花名册: the roster as filtered, A4 landscape', () => {
  const folder = tempFolder('nuanjing-lists-');
  afterAll(() => folder.remove());

  it('prints the filter and only the people it selects', async () => {
    const page = await site.client.call('roster.sheet', { filter: { categories: ['民警'] } });
    expect(page.title).toBe('北山派出所花名册');
    expect(page.html).toContain('在职 · 民警');
    expect(page.html).toContain('共 2 人');
    expect(page.html).toContain('size: A4 landscape');
    expect(page.html).toContain(makeValidIdNumber('110105', '1990-03-15', 102));
    expect(page.html).not.toContain('郑小兵');
  });

  it('repeats the table header on every page and keeps rows whole (the PDF over pages: tests/e2e/monthly-report)', async () => {
    const page = await site.client.call('roster.sheet', { filter: { statuses: [] } });
    expect(page.html).toContain('全部状态');
    expect(page.html).toContain('<th>状态</th>');
    expect(page.html).toMatch(/table\.grid thead \{ display: table-header-group; \}/);
    expect(page.html).toMatch(/table\.grid tr \{ break-inside: avoid;/);
    expect(page.html).toContain('"第 " counter(page) " 页 共 " counter(pages) " 页"');
  });

  it('nuanjing lists (CLI, in process) writes a list as Excel and prints its model with --json', async () => {
    const db = join(folder.path, 'station.sqlite');
    expect((await runNuanjingInProcess(['init', '--db', db, '--code', '330102-01', '--name', '北山派出所'])).code).toBe(0);
    const run = await runNuanjingInProcess(['lists', '--db', db, '--kind', '人员统计', '--out', join(folder.path, '统计.xlsx'), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: '人员统计', title: '北山派出所人员统计表', statistics: { people: 0 } });
    const wrong = await runNuanjingInProcess(['lists', '--db', db, '--kind', '花名册', '--out', join(folder.path, 'x.xlsx')]);
    expect([wrong.code, wrong.stderr]).toEqual([2, expect.stringContaining('nuanjing roster export')]);
  });
});
