import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeValidIdNumber } from '../../shared/id-number';
import { openRosterTestApp, staffForm, type RosterTestApp } from '../support/roster-client';

/** The 家属 and 表彰 sheets of the roster workbook: one reader for every person-record kind. */

let app: RosterTestApp;

beforeEach(async () => {
  app = await openRosterTestApp();
});

afterEach(() => app.close());

type Cell = string | number;

/** A workbook with one sheet per name, each a header row from the rows' keys, then the rows. */
async function workbook(sheets: Record<string, Record<string, Cell>[]>): Promise<{ bytesBase64: string }> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    const headers = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    sheet.addRow(headers);
    for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? null));
  }
  return { bytesBase64: Buffer.from(await book.xlsx.writeBuffer()).toString('base64') };
}

const ZHANG = makeValidIdNumber('330106', '1985-07-04', 13);
const LI = makeValidIdNumber('330106', '1990-02-01', 25);

describe('the 家属 and 表彰 sheets of the roster workbook', () => {
  it('adds family and honours to a registered person and to one the roster sheet adds, and changes nothing the second time', async () => {
    const zhang = await app.client.call('staff.save', staffForm());
    const file = await workbook({
      人员名单: [{ 姓名: '李娜', 人员类别: '辅警', 身份证号: LI }],
      家属: [
        { 人员身份证号: ZHANG, 人员姓名: '张三', 关系: '配偶', 家属姓名: '王芳', 出生日期: '1987/3/8', 电话: '138 1234 5679' },
        { 人员身份证号: ZHANG, 关系: '子女', 家属姓名: '张小明', 年级: '初三' },
        { 人员身份证号: LI, 关系: '母亲', 家属姓名: '赵敏' },
      ],
      表彰: [{ 人员身份证号: LI, 表彰名称: '优秀辅警', 级别: '市级', 表彰日期: '2025-12-30', 授予单位: '市公安局' }],
    });

    const preview = await app.client.call('roster.importPreview', file);
    expect(preview).toMatchObject({ created: 1, committed: false });
    expect(preview.records.map(({ table, label, sheetName, created, refused }) => ({ table, label, sheetName, created, refused }))).toEqual([
      { table: 'family_member', label: '家属', sheetName: '家属', created: 3, refused: 0 },
      { table: 'honour', label: '表彰', sheetName: '表彰', created: 1, refused: 0 },
    ]);
    expect(preview.records[0].rows[0]).toMatchObject({ row: 2, action: 'create', name: '张三 · 配偶 王芳', idNumber: ZHANG });
    expect((await app.client.call('staff.get', { id: zhang.id })).family).toEqual([]);

    const commit = await app.client.call('roster.importCommit', file);
    expect(commit.records.map((r) => r.created)).toEqual([3, 1]);
    const family = (await app.client.call('staff.get', { id: zhang.id })).family;
    expect(family.map((m) => [m.relation, m.name, m.phone, m.zhongkaoYear])).toEqual(
      expect.arrayContaining([
        ['配偶', '王芳', '13812345679', null],
        ['子女', '张小明', null, 2027],
      ]),
    );
    const li = (await app.client.call('staff.list', {})).find((p) => p.name === '李娜')!;
    expect((await app.client.call('staff.get', { id: li.id })).honours).toMatchObject([{ title: '优秀辅警', date: '2025-12-30', issuer: '市公安局' }]);

    const again = await app.client.call('roster.importCommit', file);
    expect(again.records.map((r) => [r.created, r.updated, r.unchanged])).toEqual([
      [0, 0, 3],
      [0, 0, 1],
    ]);
  });

  it('updates a matching record, keeping what a blank cell leaves', async () => {
    const zhang = await app.client.call('staff.save', staffForm());
    await app.client.call('family.save', { staffId: zhang.id, relation: '配偶', name: '王芳', phone: '13812345679', workOrSchool: '西湖区教育局' });
    const summary = await app.client.call('roster.importCommit', await workbook({ 家属: [{ 人员身份证号: ZHANG, 关系: '配偶', 家属姓名: '王芳', 工作单位: '西湖区人民医院' }] }));
    expect(summary.records[0].rows[0]).toMatchObject({ action: 'update', changedFields: ['工作单位或学校'] });
    expect((await app.client.call('staff.get', { id: zhang.id })).family).toMatchObject([{ name: '王芳', phone: '13812345679', workOrSchool: '西湖区人民医院' }]);
  });

  it('refuses rows by row and column with the form\'s messages, and imports the rest', async () => {
    await app.client.call('staff.save', staffForm());
    const summary = await app.client.call(
      'roster.importCommit',
      await workbook({
        家属: [
          { 人员身份证号: LI, 关系: '配偶', 家属姓名: '王芳' },
          { 人员身份证号: ZHANG, 人员姓名: '张四', 关系: '配偶', 家属姓名: '王芳' },
          { 人员身份证号: ZHANG, 关系: '表哥', 家属姓名: '王强' },
          { 人员身份证号: ZHANG, 关系: '子女', 家属姓名: '张小明', 出生日期: '2030-01-01' },
          { 人员身份证号: ZHANG, 关系: '父亲', 家属姓名: '张大山' },
          { 人员身份证号: ZHANG, 关系: '父亲', 家属姓名: '张大山' },
        ],
        表彰: [{ 人员身份证号: ZHANG, 表彰名称: '嘉奖' }],
      }),
    );
    const [family, honours] = summary.records;
    expect(family).toMatchObject({ created: 1, refused: 5 });
    const reasons = family.rows.filter((r) => r.action === 'refused').map((r) => [r.row, r.errors[0].field, r.errors[0].message]);
    expect(reasons).toEqual([
      [2, '人员身份证号', `身份证号 ${LI} 不在本所人员名单中：请先登记此人（或在本文件的人员名单中一并填写）`],
      [3, '人员姓名', `身份证号 ${ZHANG} 登记的是「张三」，与本行的「张四」不符，请核对`],
      [4, '关系', '关系「表哥」无法识别，请填写 配偶、父亲、母亲、配偶父亲、配偶母亲、子女（也认 妻子、丈夫、爱人、岳父、岳母、儿子、女儿 等）'],
      [5, '出生日期', '出生日期 2030-01-01 晚于今天，请核对'],
      [7, '关系', '与第6行是同一条记录（父亲 张大山），本行未导入，请删除重复行'],
    ]);
    expect(honours.rows[0].errors).toEqual([{ field: '日期', message: '日期未填' }]);
  });

  it('reads a clerk\'s own 家属 and 表彰 sheets: their headers and words, a bad phone left out, one 配偶, per-sheet counts', async () => {
    const zhang = await app.client.call('staff.save', staffForm());
    await app.client.call('family.save', { staffId: zhang.id, relation: '配偶', name: '王芳' });
    const file = await workbook({
      家庭成员: [
        { 民警姓名: '张 三', 身份证号码: ZHANG, 与民警关系: '岳父', 家属姓名: '王大山', 出生年月: '1958.3', 工作单位: '退休', 联系方式: '1381234' },
        { 民警姓名: '张三', 身份证号码: ZHANG, 与民警关系: '儿子', 家属姓名: '张　小明', 出生年月: '2012年5月1日', 联系方式: '13900001111' },
        { 民警姓名: '张三', 身份证号码: ZHANG, 与民警关系: '爱人', 家属姓名: '李娜' },
        { 民警姓名: '张三', 身份证号码: ZHANG, 与民警关系: '配偶父母', 家属姓名: '王氏' },
        { 民警姓名: '制表人：王丽　　审核人：李明' },
      ],
      表彰奖励: [{ 干警姓名: '张三', 身份证号: ZHANG, 荣誉称号: '三等功', 获奖日期: '2025.6.1', 批准机关: '杭州市公安局', 发文字号: '杭公政〔2025〕12号' }],
    });
    const summary = await app.client.call('roster.importCommit', file);
    expect(summary.sheets).toEqual([
      { sheet: '家庭成员', label: '家属', created: 2, updated: 0, unchanged: 0, refused: 2 },
      { sheet: '表彰奖励', label: '表彰', created: 1, updated: 0, unchanged: 0, refused: 0 },
    ]);
    const [family] = summary.records;
    expect(family.rows[0]).toMatchObject({
      action: 'create',
      name: '张三 · 配偶父亲 王大山',
      warnings: [{ field: '联系电话', message: expect.stringContaining('「1381234」电话应为11位手机号') }],
    });
    expect(family.rows[2].errors).toEqual([{ field: '关系', message: '已登记配偶「王芳」，一人只能有一位配偶。如已再婚，请先删除或修改原配偶的记录' }]);
    expect(family.rows[3].errors[0].message).toBe('关系「配偶父母」是两个人：每人一行，分别写「配偶父亲」或「配偶母亲」');
    const detail = await app.client.call('staff.get', { id: zhang.id });
    expect(detail.family.map((m) => [m.relation, m.name, m.birthDate, m.phone])).toEqual([
      ['配偶', '王芳', null, null],
      ['配偶父亲', '王大山', '1958-03-01', null],
      ['子女', '张小明', '2012-05-01', '13900001111'],
    ]);
    expect(detail.honours).toMatchObject([{ title: '三等功', date: '2025-06-01', issuer: '杭州市公安局', documentNo: '杭公政〔2025〕12号' }]);
    // Two spouses in one sheet for a person without one: the second is refused.
    const li = await app.client.call('staff.save', staffForm({ name: '李四', idNumber: LI }));
    const two = await app.client.call('roster.importPreview', await workbook({ 家属: [{ 人员身份证号: LI, 关系: '妻子', 姓名: '赵敏' }, { 人员身份证号: LI, 关系: '配偶', 姓名: '周芷若' }] }));
    expect(two.records[0].rows.map((r) => r.action)).toEqual(['create', 'refused']);
    expect(two.records[0].rows[1].errors[0].message).toContain('已登记配偶「赵敏」');
    expect(li.name).toBe('李四');
  });

  it('offers the 家属 and 表彰 sheets in the template, after 填写说明', async () => {
    const template = await app.client.call('roster.template', {});
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(template.bytesBase64, 'base64') as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['人员名单', '填写说明', '家属', '表彰']);
    expect((book.getWorksheet('家属')!.getRow(1).values as unknown[]).slice(1)).toEqual([
      '人员姓名', '人员身份证号', '关系', '姓名', '出生日期', '工作单位或学校', '联系电话', '年级', '中考年份', '高考年份', '备注',
    ]);
    expect((book.getWorksheet('表彰')!.getRow(1).values as unknown[]).slice(1)).toEqual(['人员姓名', '人员身份证号', '表彰名称', '级别', '日期', '颁发单位', '文号', '备注']);
  });
});
