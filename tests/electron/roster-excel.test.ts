import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../shared/contract/api-contract';
import { makeValidIdNumber } from '../../shared/id-number';
import { changeLogCount, openRosterTestApp, staffForm, type RosterTestApp } from '../support/roster-client';
import { rosterSheetBytes, type RosterSheetCell } from '../support/roster-sheet';

let app: RosterTestApp;

beforeEach(async () => {
  app = await openRosterTestApp();
});

afterEach(() => app.close());

const ZHOU = makeValidIdNumber('330102', '1972-11-05', 13);
const WU = makeValidIdNumber('330104', '1985-04-22', 26);
const ZHENG = makeValidIdNumber('330105', '1998-09-30', 57);
const good: Record<string, RosterSheetCell>[] = [
  { 姓名: '周建华', 身份证号码: ZHOU, 类别: '民警', 警号: '023401', 岗位: '所长', 参加工作时间: '1993-08-01' },
  { 姓名: '吴丽娟', 身份证号码: WU, 类别: '民警', 警号: '023402', 岗位: '户籍内勤', 参加工作时间: '2007-07-01' },
  { 姓名: '郑小龙', 身份证号码: ZHENG, 类别: '辅警', 警号: 'FJ1301', 岗位: '巡逻', 参加工作时间: '2019-02-15' },
];

async function sheet(rows: Record<string, RosterSheetCell>[], options?: { titleRow?: string }) {
  return { bytesBase64: (await rosterSheetBytes(rows, options)).toString('base64') };
}

async function refusal(action: Promise<unknown>): Promise<ApiCallError> {
  try {
    await action;
  } catch (error) {
    if (error instanceof ApiCallError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

async function openWorkbook(bytesBase64: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytesBase64, 'base64') as unknown as ExcelJS.Buffer);
  return workbook;
}

function rowValues(sheetRow: ExcelJS.Row): unknown[] {
  return (sheetRow.values as unknown[]).slice(1);
}

describe('roster.template', () => {
  it('is a sheet with the expected headers, a grey italic example row and a 填写说明 sheet; filled in, it imports', async () => {
    const template = await app.client.call('roster.template', {});
    expect(template.fileName).toBe('人员导入模板.xlsx');
    const workbook = await openWorkbook(template.bytesBase64);
    const [roster, help] = workbook.worksheets;
    expect(roster.name).toBe('人员名单');
    expect(help.name).toBe('填写说明');
    const headers = rowValues(roster.getRow(1)) as string[];
    expect(headers).toEqual([
      '姓名', '人员类别', '身份证号', '民族', '手机号码', '警号/辅警编号', '岗位', '职级', '辅警层级', '星级', '参加工作时间',
      '认定工龄（月）', '入职时间', '调入本所时间', '学历', '学位', '政治面貌', '入党时间', '工会会员', '困难职工', '英模', '生日按农历', '伤残等级', '备注',
    ]);
    expect(roster.getCell('A2').font).toMatchObject({ italic: true, color: { argb: 'FF808080' } });
    expect(roster.getColumn(3).width).toBeGreaterThanOrEqual(20);
    expect(roster.getColumn(3).numFmt).toBe('@');
    expect(help.getColumn(1).values).toContain('身份证号');

    // The clerk fills two rows under the example and imports the file.
    const at = (header: string) => headers.indexOf(header) + 1;
    const fill = (rowNumber: number, values: Record<string, string | number>) => {
      for (const [header, value] of Object.entries(values)) roster.getCell(rowNumber, at(header)).value = value;
    };
    fill(3, { 姓名: '周建华', 人员类别: '民警', 身份证号: ZHOU, 民族: '汉', 手机号码: '13812345678', '警号/辅警编号': '023401', 参加工作时间: '1993-08-01', 学历: '本科', 学位: '学士学位', 政治面貌: '中共党员', 入党时间: '1998.7', 工会会员: '是' });
    fill(4, { 姓名: '郑小龙', 人员类别: '辅警', 身份证号: ZHENG, 辅警层级: '二级', 星级: '★★★', 调入本所时间: '2019/2/15', 政治面貌: '共青团员', 困难职工: '√' });
    const filled = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');

    const summary = await app.client.call('roster.importCommit', { bytesBase64: filled });
    expect(summary).toMatchObject({ created: 2, updated: 0, unchanged: 0, refused: 0, errors: [], committed: true });
    const list = await app.client.call('staff.list', {});
    expect(list.find((p) => p.name === '周建华')).toMatchObject({
      category: '民警', phone: '13812345678', badgeNo: '023401', partyMember: true, unionMember: true, workStartDate: '1993-08-01', birthDate: '1972-11-05',
      ethnicity: '汉族', education: '大学本科', degree: '学士', partyJoinDate: '1998-07-01',
    });
    expect(list.find((p) => p.name === '郑小龙')).toMatchObject({ category: '辅警', auxLevel: 2, starRating: 3, joinedStationDate: '2019-02-15', partyMember: false, hardship: true, gender: '男' });
  });
});

describe('roster.importPreview / roster.importCommit', () => {
  it('previews without writing anything, then commits the same rows', async () => {
    const before = changeLogCount(app.store);
    const preview = await app.client.call('roster.importPreview', await sheet(good));
    expect(preview).toMatchObject({ created: 3, updated: 0, unchanged: 0, refused: 0, committed: false });
    expect(preview.rows.map((r) => [r.row, r.action, r.name])).toEqual([[2, 'create', '周建华'], [3, 'create', '吴丽娟'], [4, 'create', '郑小龙']]);
    expect(changeLogCount(app.store)).toBe(before);
    expect(await app.client.call('staff.list', {})).toEqual([]);
  });

  it('lists both broken rows by Excel row number and column, and imports the good ones', async () => {
    const bad = makeValidIdNumber('330106', '1979-01-20', 35);
    const rows = [
      good[0],
      { 姓名: '孙伟', 身份证号码: bad.slice(0, 17) + (bad[17] === '1' ? '2' : '1'), 类别: '民警', 警号: '023403' },
      good[1],
      { 姓名: '', 身份证号码: makeValidIdNumber('330106', '1990-12-12', 71), 类别: '辅警', 警号: 'FJ1302' },
      good[2],
    ];
    const preview = await app.client.call('roster.importPreview', await sheet(rows));
    expect(preview).toMatchObject({ created: 3, refused: 2 });
    expect(preview.errors).toEqual([
      { row: 3, field: '身份证号', message: expect.stringContaining('校验位') },
      { row: 5, field: '姓名', message: '姓名未填' },
    ]);
    const commit = await app.client.call('roster.importCommit', await sheet(rows));
    expect(commit).toMatchObject({ created: 3, refused: 2, committed: true });
    expect((await app.client.call('staff.list', {})).map((p) => p.name).sort()).toEqual(['吴丽娟', '周建华', '郑小龙']);
  });

  it('changes nothing when the same sheet is imported again, and updates only changed fields', async () => {
    await app.client.call('roster.importCommit', await sheet(good));
    const before = changeLogCount(app.store);
    const again = await app.client.call('roster.importCommit', await sheet(good));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, refused: 0 });
    expect(changeLogCount(app.store)).toBe(before);

    const edited = [{ ...good[0], 联系电话: '13900001111' }, good[1], { ...good[2], 岗位: '辅警-巡逻' }];
    const update = await app.client.call('roster.importCommit', await sheet(edited));
    expect(update.rows.map((r) => [r.action, r.changedFields])).toEqual([['update', ['手机号码']], ['unchanged', []], ['update', ['岗位']]]);
    const zheng = (await app.client.call('staff.list', {})).find((p) => p.name === '郑小龙');
    expect(zheng).toMatchObject({ position: '辅警-巡逻', workStartDate: '2019-02-15' });
  });

  it('matches people entered by hand by ID number and never erases a value for a blank cell', async () => {
    const saved = await app.client.call('staff.save', staffForm({ name: '周建华', idNumber: ZHOU, workStartDate: '1993-08-01', notes: '骨干' }));
    const summary = await app.client.call('roster.importCommit', await sheet([{ 身份证号: ZHOU.toLowerCase(), 姓名: '周建华', 岗位: '所长', 备注: '' }]));
    expect(summary.rows[0]).toMatchObject({ action: 'update', changedFields: ['岗位'] });
    const [person] = await app.client.call('staff.list', {});
    expect(person).toMatchObject({ id: saved.id, position: '所长', notes: '骨干', phone: saved.phone, category: '民警' });
  });

  it('reads clerks\' own headers and date and yes/no spellings, below a title row', async () => {
    const rows: Record<string, RosterSheetCell>[] = [
      { '姓 名': '周建华', '公民身份号码': ZHOU, '身份': '公安民警', '联系电话': '138 1234 5678', '编号': '023401', '参加工作时间': '1993年8月1日', '调入本所时间': '20150301', '是否党员': '是', '工会会员': 1, 'Ｘ列': '?' },
      { '姓 名': '吴丽娟', '公民身份号码': WU, '身份': '民警', '联系电话': '0571-87654321', '编号': '023402', '参加工作时间': '2007.7', '调入本所时间': new Date(Date.UTC(2016, 2, 1)), '是否党员': '群众', '工会会员': '否' },
      { '姓 名': '郑小龙', '公民身份号码': ZHENG, '身份': '协警', '参加工作时间': 43511, '调入本所时间': '2019/2/15' },
    ];
    const summary = await app.client.call('roster.importCommit', await sheet(rows, { titleRow: '北山派出所人员花名册' }));
    expect(summary).toMatchObject({ created: 3, refused: 0, ignoredHeaders: ['Ｘ列'] });
    const byName = new Map((await app.client.call('staff.list', {})).map((p) => [p.name, p]));
    expect(byName.get('周建华')).toMatchObject({ phone: '13812345678', workStartDate: '1993-08-01', joinedStationDate: '2015-03-01', partyMember: true, unionMember: true });
    expect(byName.get('吴丽娟')).toMatchObject({ phone: '0571-87654321', workStartDate: '2007-07-01', joinedStationDate: '2016-03-01', partyMember: false, unionMember: false });
    expect(byName.get('郑小龙')).toMatchObject({ category: '辅警', workStartDate: '2019-02-15', joinedStationDate: '2019-02-15' });
  });

  it('refuses an ID number Excel turned into a number, telling the clerk to format the column as text', async () => {
    const rows = [
      { 姓名: '周建华', 身份证号: Number(ZHOU), 人员类别: '民警' },
      { 姓名: '吴丽娟', 身份证号: '3.30104E+17', 人员类别: '民警' },
    ];
    const preview = await app.client.call('roster.importPreview', await sheet(rows));
    expect(preview.refused).toBe(2);
    for (const error of preview.errors) {
      expect(error.field).toBe('身份证号');
      expect(error.message).toContain('1.10105E+17');
      expect(error.message).toContain('「文本」');
    }
  });

  it('refuses the second row that repeats an ID number, and bad cells with their reason', async () => {
    const rows = [good[0], { ...good[1], 身份证号码: ZHOU, 姓名: '周建华' }, { ...good[2], 参加工作时间: '2019-02-30', 类别: '保安' }];
    const preview = await app.client.call('roster.importPreview', await sheet(rows));
    expect(preview.errors).toEqual([
      { row: 3, field: '身份证号', message: expect.stringContaining('与第2行重复') },
      { row: 4, field: '人员类别', message: expect.stringContaining('「保安」无法识别') },
      { row: 4, field: '参加工作时间', message: expect.stringContaining('「2019-02-30」不是有效日期') },
    ]);
  });

  it('refuses a file that is not a readable .xlsx, and a sheet without the 身份证号 header', async () => {
    const text = await refusal(app.client.call('roster.importPreview', { bytesBase64: Buffer.from('姓名,身份证号\n张三,1').toString('base64') }));
    expect(text.code).toBe('ROSTER_FILE_UNREADABLE');
    expect(text.message).toContain('不是 Excel 工作簿');
    const legacy = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const locked = await refusal(app.client.call('roster.importPreview', { bytesBase64: legacy.toString('base64') }));
    expect(locked).toMatchObject({ code: 'ROSTER_FILE_UNREADABLE', message: expect.stringContaining('密码') });
    const broken = await refusal(app.client.call('roster.importPreview', { bytesBase64: Buffer.from('PK\u0003\u0004garbage').toString('base64') }));
    expect(broken.code).toBe('ROSTER_FILE_UNREADABLE');
    const headers = await refusal(app.client.call('roster.importPreview', await sheet([{ 姓名: '周建华', 电话: '13812345678' }])));
    expect(headers.code).toBe('ROSTER_HEADERS_MISSING');
    expect(headers.message).toContain('找不到「身份证号」列');
  });
});

describe('roster.export', () => {
  it('writes the current filter with the derived columns, ID numbers as text, and a frozen header', async () => {
    const zhang = await app.client.call('staff.save', staffForm());
    const chen = await app.client.call('staff.save', staffForm({ name: '陈晓燕', category: '辅警', idNumber: makeValidIdNumber('330106', '1990-06-15', 128), badgeNo: 'FJ1001', workStartDate: '2015-03-01', partyMember: false }));
    const retired = await app.client.call('staff.save', staffForm({ name: '赵老', idNumber: makeValidIdNumber('330106', '1964-03-02', 15), badgeNo: '010001', workStartDate: '1984-07-01' }));
    await app.client.call('staff.changeStatus', { staffId: retired.id, status: '退休', date: '2024-03-02' });
    await app.client.call('family.save', { staffId: zhang.id, relation: '配偶', name: '王芳', phone: '13900001111' });
    await app.client.call('honour.save', { staffId: zhang.id, title: '三等功', date: '2025-06-01', issuer: '杭州市公安局', documentNo: '杭公政〔2025〕12号' });
    await app.client.call('honour.save', { staffId: retired.id, title: '嘉奖', date: '2020-01-10' });

    const file = await app.client.call('roster.export', {});
    expect(file).toMatchObject({ fileName: '人员名单-北山派出所-2026-11-23.xlsx', rowCount: 2 });
    const sheet = (await openWorkbook(file.bytesBase64)).worksheets[0];
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const headers = rowValues(sheet.getRow(1)) as string[];
    for (const derived of ['出生日期', '性别', '年龄', '工龄', '预计退休日期', '状态']) expect(headers).toContain(derived);
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, rowValues(row)[i]])));
    });
    expect(rows.map((r) => r['姓名'])).toEqual(['张三', '陈晓燕']);
    expect(rows[1]).toMatchObject({
      身份证号: chen.idNumber,
      出生日期: '1990-06-15',
      性别: '女',
      年龄: 36,
      工龄: 11,
      预计退休日期: '2045-06-15',
      状态: '在职',
      中共党员: '否',
    });
    expect(rows[0]).toMatchObject({ 身份证号: zhang.idNumber, 预计退休日期: '2048-07-04', 中共党员: '是' });

    const all = await app.client.call('roster.export', { filter: { statuses: [], search: 'zl' } });
    expect(all.rowCount).toBe(1);

    // The people's family and honours on their own sheets, under the import template's headers (文号 too).
    const book = await openWorkbook(file.bytesBase64);
    expect(book.worksheets.map((w) => w.name)).toEqual(['人员名单', '家属', '表彰']);
    // Printed as it is: A4 landscape, the header row on every page.
    for (const sheet of book.worksheets) expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '1:1' });
    expect(rowValues(book.getWorksheet('表彰')!.getRow(2)).slice(0, 7)).toEqual(['张三', zhang.idNumber, '三等功', undefined, '2025-06-01', '杭州市公安局', '杭公政〔2025〕12号']);
    expect(book.getWorksheet('表彰')!.rowCount).toBe(2);

    // An exported file imports back unchanged, records included.
    const reimport = await app.client.call('roster.importPreview', { bytesBase64: file.bytesBase64 });
    expect(reimport.rows.flatMap((r) => r.changedFields)).toEqual([]);
    expect(reimport.rows.flatMap((r) => r.warnings ?? [])).toEqual([]);
    expect(reimport).toMatchObject({ unchanged: 2, created: 0, updated: 0, refused: 0, otherSheets: [] });
    expect(reimport.sheets.map((x) => [x.label, x.unchanged, x.created, x.refused])).toEqual([
      ['人员', 2, 0, 0],
      ['家属', 1, 0, 0],
      ['表彰', 1, 0, 0],
    ]);
  });
});

describe('a station\'s own messy roster (issue 9)', () => {
  /**
   * The kind of sheet stations keep: two merged title rows, a 序号 column, a 15-digit old ID number
   * stored as a number, 2012.7 dates, full-width spaces padding two-character names, a 性别 column,
   * a footer with 制表人/审核人, and a second sheet of retired staff.
   */
  async function messyWorkbook(): Promise<{ bytesBase64: string }> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('在职人员');
    sheet.addRow(['北山派出所人员花名册']);
    sheet.mergeCells('A1:I1');
    sheet.addRow(['填报单位：北山派出所', '', '', '', '', '', '', '', '2026年11月']);
    sheet.mergeCells('A2:H2');
    sheet.addRow(['序号', '姓名', '性别', '民族', '身份证号码', '类别', '参加工作时间', '联系电话', '学历']);
    sheet.addRow([1, '王　五', '男', '汉', 330106850704013, '民警', 2012.7, '13812345678', '本科']);
    sheet.addRow([2, '李　娜', '男', '回', makeValidIdNumber('330106', '1990-02-01', 26), '辅警', '2013.07', '1381234567', '大专']);
    sheet.addRow([3, '周建华', '男', '汉族', ZHOU, '民警', '20120701', '13900001111', '研究生']);
    // A blank row, then the footer.
    sheet.getRow(9).values = ['制表人：王丽', '', '', '', '审核人：李明', '', '', '', '2026年11月20日'];
    sheet.mergeCells('A9:D9');
    const retired = book.addWorksheet('退休人员');
    retired.addRow(['姓名', '身份证号码']);
    retired.addRow(['钱老', makeValidIdNumber('330106', '1955-01-01', 11)]);
    book.addWorksheet('说明');
    return { bytesBase64: Buffer.from(await book.xlsx.writeBuffer()).toString('base64') };
  }

  it('says which sheet it read, passes the footer over, upgrades the old ID number, flags a wrong 性别 and leaves out a bad phone', async () => {
    await app.client.call('staff.save', staffForm({ name: '周建华', idNumber: ZHOU, phone: '13812340000', workStartDate: '1993-08-01', education: '大学本科' }));
    const preview = await app.client.call('roster.importPreview', await messyWorkbook());
    expect(preview).toMatchObject({ sheet: '在职人员', otherSheets: ['退休人员', '说明'], created: 2, updated: 1, refused: 0, ignoredHeaders: [] });
    expect(preview.sheets).toEqual([{ sheet: '在职人员', label: '人员', created: 2, updated: 1, unchanged: 0, refused: 0 }]);
    expect(preview.skippedRows).toEqual([{ row: 9, reason: '表尾「制表人」行，不是人员，已跳过' }]);
    const [wang, li, zhou] = preview.rows;
    expect(wang).toMatchObject({ action: 'create', name: '王五', idNumber: makeValidIdNumber('330106', '1985-07-04', 13) });
    expect(wang.warnings).toEqual([{ field: '身份证号', message: `15位旧身份证号 330106850704013 已按国家标准（GB 11643）升为18位 ${makeValidIdNumber('330106', '1985-07-04', 13)}，按18位登记` }]);
    expect(li).toMatchObject({ action: 'create', name: '李娜' });
    expect(li.warnings).toEqual([
      { field: '性别', message: '性别填的是「男」，但身份证号表明是女性：已按身份证号登记为女，请核对身份证号和性别' },
      { field: '手机号码', message: expect.stringMatching(/^「1381234567」电话应为11位手机号.*；这一项未导入，其余信息照常导入$/) },
    ]);
    // 「将修改」 with the value before and after.
    expect(zhou).toMatchObject({ action: 'update', changedFields: ['手机号码', '民族', '学历', '参加工作时间'] });
    expect(zhou.changes).toEqual([
      { field: '手机号码', from: '13812340000', to: '13900001111' },
      { field: '民族', from: '（空）', to: '汉族' },
      { field: '学历', from: '大学本科', to: '研究生' },
      { field: '参加工作时间', from: '1993-08-01', to: '2012-07-01' },
    ]);

    await app.client.call('roster.importCommit', await messyWorkbook());
    const list = await app.client.call('staff.list', {});
    expect(list.find((p) => p.name === '王五')).toMatchObject({ workStartDate: '2012-07-01', ethnicity: '汉族', education: '大学本科', gender: '男' });
    expect(list.find((p) => p.name === '李娜')).toMatchObject({ phone: null, gender: '女', ethnicity: '回族', education: '大学专科', workStartDate: '2013-07-01' });
    expect(list.some((p) => p.name === '钱老')).toBe(false);
    // The name a roster padded is found by its own name.
    expect(list.filter((p) => p.name === '王五')).toHaveLength(1);
  });
});
