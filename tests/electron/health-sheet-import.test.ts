import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLedgerStore } from '../../db/ledger-store';
import { createAppDeps } from '../../electron/app-deps';
import { createHandlerRegistry } from '../../electron/handlers/all-handlers';
import { createInProcessClient } from '../../electron/transports/in-process-client';
import { runNuanjingInProcess } from '../support/cli-in-process';
import { HOSPITAL_SAMPLE_PEOPLE, hospitalSampleSheet, samplePerson, type HospitalSample } from '../support/hospital-sheet';
import { openRosterTestApp, ROSTER_TEST_NOW, type RosterTestApp } from '../support/roster-client';
import { tempFolder } from '../support/test-ledger';

/**
 * The hospital's sheet (体检结果表): a realistic 200-row sample with broken rows of every kind,
 * imported through the in-process transport (the same handlers as the app and the CLI).
 */

async function stationWithPeople(app: RosterTestApp, count: number): Promise<void> {
  for (let n = 0; n < count; n += 1) await app.client.call('staff.save', samplePerson(n));
}

const checkupCount = (app: RosterTestApp) => (app.store.sqlite.prepare('SELECT count(*) AS n FROM health_checkup WHERE deleted_at IS NULL').get() as { n: number }).n;

describe('importing the hospital sheet', () => {
  let app: RosterTestApp;
  let sample: HospitalSample;
  const sheet = () => ({ fileName: '体检结果.xlsx', bytesBase64: sample.bytes.toString('base64') });

  beforeAll(async () => {
    app = await openRosterTestApp();
    await stationWithPeople(app, HOSPITAL_SAMPLE_PEOPLE);
    sample = await hospitalSampleSheet();
  });

  it('previews: every good row new, every broken row refused with its row number and a reason that says what to do; nothing written', async () => {
    const preview = await app.client.call('health.importPreview', sheet());
    expect(preview.committed).toBe(false);
    expect(preview.rows).toHaveLength(200);
    expect(preview.created).toBe(sample.goodRows);
    expect(preview.refused).toBe(sample.broken.length);
    expect(preview.errors.map((e) => e.row)).toEqual(sample.broken.map((b) => b.row));
    for (const broken of sample.broken) {
      const error = preview.errors.find((e) => e.row === broken.row);
      expect(error?.message, broken.kind).toMatch(broken.message);
    }
    // A 序号 column is a sheet's row count, passed over quietly (as in the roster's import).
    expect(preview.ignoredHeaders).toEqual([]);
    expect(preview.unknownItems.map((u) => u.name).sort()).toEqual([...sample.unknownItems].sort());
    expect(checkupCount(app)).toBe(0);
  });

  it('the overdue list shrinks by the people the sheet covers; importing again changes nothing', async () => {
    const before = await app.client.call('health.overdue', {});
    expect(before.checkups).toHaveLength(HOSPITAL_SAMPLE_PEOPLE);
    expect(before.checkups[0].daysOverdue).toBe(54); // 2026-10-01 is day 1, the tests' today 2026-11-23 day 54

    const result = await app.client.call('health.importCommit', { ...sheet(), addItems: ['胆囊息肉'] });
    expect(result).toMatchObject({ committed: true, created: sample.goodRows, updated: 0, refused: sample.broken.length, addedItems: ['胆囊息肉'] });
    expect(checkupCount(app)).toBe(sample.goodRows);
    const after = await app.client.call('health.overdue', {});
    expect(after.checkups).toHaveLength(HOSPITAL_SAMPLE_PEOPLE - sample.checkedPeople.size);

    const vocabulary = await app.client.call('health.vocabulary', {});
    expect(vocabulary.find((e) => e.name === '胆囊息肉')).toEqual({ name: '胆囊息肉', source: '本单位' });
    expect(vocabulary.some((e) => e.name === '窦性心动过缓')).toBe(false);

    const again = await app.client.call('health.importCommit', sheet());
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: sample.goodRows, refused: sample.broken.length });
    expect(again.unknownItems.map((u) => u.name)).toEqual(['窦性心动过缓']);
    expect(checkupCount(app)).toBe(sample.goodRows);
  });

  it('stores the hospital\'s words as the four conclusions and the items split at every separator', async () => {
    const person = (await app.client.call('staff.list', {})).find((p) => p.idNumber === samplePerson(61).idNumber)!;
    const health = await app.client.call('health.person', { staffId: person.id });
    expect(health.checkups).toHaveLength(1);
    expect(health.checkups[0]).toMatchObject({ conclusion: '异常需复查', abnormalItems: ['高血压', '脂肪肝', '甲状腺结节', '胆囊息肉'], followUpDue: '2026-12-31', institution: '市公安医院' });
  });

  it('a changed row updates the same checkup (the fields that changed named); a blank cell keeps what is stored', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheetOf = workbook.addWorksheet('体检');
    const p = samplePerson(0);
    sheetOf.addRow(['姓名', '身份证号', '体检日期', '结论', '体检机构']);
    const stored = (await app.client.call('health.person', { staffId: (await app.client.call('staff.list', {})).find((s) => s.idNumber === p.idNumber)!.id })).checkups[0];
    sheetOf.addRow([p.name, p.idNumber, stored.date, '重大疾病', '']);
    const bytesBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const result = await app.client.call('health.importCommit', { bytesBase64 });
    expect(result.rows[0]).toMatchObject({ action: 'update', changedFields: ['结论'] });
    const after = (await app.client.call('health.person', { staffId: stored.staffId })).checkups[0];
    expect(after).toMatchObject({ id: stored.id, conclusion: '重大疾病', institution: stored.institution });
  });

  it('refuses a sheet without 身份证号 and 体检日期 headers, and a file that is not a workbook, saying what to do', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['姓名', '电话']);
    const bytesBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    await expect(app.client.call('health.importPreview', { bytesBase64 })).rejects.toMatchObject({ code: 'HEALTH_HEADERS_MISSING', message: expect.stringContaining('下载体检结果导入模板') });
    await expect(app.client.call('health.importPreview', { bytesBase64: Buffer.from('姓名,身份证号').toString('base64') })).rejects.toMatchObject({ code: 'ROSTER_FILE_UNREADABLE' });
  });

  it('gives a template whose headers the import reads back', async () => {
    const template = await app.client.call('health.importTemplate', {});
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(template.bytesBase64, 'base64') as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['体检结果', '填写说明']);
    const preview = await app.client.call('health.importPreview', { bytesBase64: template.bytesBase64 });
    expect(preview).toMatchObject({ created: 0, refused: 0, ignoredHeaders: [] });
  });
});

describe('nuanjing health import | overdue | coverage', () => {
  it('prints exactly the keys the issue names; import exits 1 when a row is refused and imports the others', async () => {
    const folder = tempFolder();
    try {
      const db = join(folder.path, '北山.sqlite');
      const store = await openLedgerStore(db, { wallClock: () => ROSTER_TEST_NOW });
      const client = createInProcessClient(createHandlerRegistry(), createAppDeps(store));
      await client.call('station.setup', { code: '330106-01', name: '北山派出所', role: 'station' });
      for (let n = 0; n < 4; n += 1) await client.call('staff.save', samplePerson(n));
      store.close();
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('体检');
      sheet.addRow(['姓名', '身份证号', '体检日期', '结论', '异常项目']);
      sheet.addRow([samplePerson(0).name, samplePerson(0).idNumber, '2026-05-01', '异常需复查', '高血压']);
      sheet.addRow([samplePerson(1).name, samplePerson(1).idNumber, '2026-05-01', '正常', '']);
      sheet.addRow(['错名字', samplePerson(2).idNumber, '2026-05-01', '正常', '']);
      const file = join(folder.path, '体检结果.xlsx');
      writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));

      const dry = await runNuanjingInProcess(['health', 'import', '--db', db, file, '--dry-run', '--json']);
      expect(dry.code).toBe(1);
      expect(JSON.parse(dry.stdout)).toEqual({ created: 2, updated: 0, unchanged: 0, errors: [{ row: 4, message: expect.stringContaining('不符') }] });

      const imported = await runNuanjingInProcess(['health', 'import', '--db', db, file, '--json']);
      expect(imported.code).toBe(1);
      expect(imported.stderr).toContain('有 1 行未导入');
      expect(JSON.parse(imported.stdout)).toMatchObject({ created: 2 });

      const overdue = await runNuanjingInProcess(['health', 'overdue', '--db', db, '--on', '2026-11-23', '--json']);
      expect(overdue.code).toBe(0);
      const report = JSON.parse(overdue.stdout);
      expect(Object.keys(report)).toEqual(['checkups', 'followUps', 'watch']);
      expect(report.checkups.map((c: { name: string }) => c.name).sort()).toEqual([samplePerson(2).name, samplePerson(3).name].sort());
      expect(report.checkups[0]).toMatchObject({ idNumber: expect.any(String), daysOverdue: 54 });
      expect(JSON.parse((await runNuanjingInProcess(['health', 'overdue', '--db', db, '--on', '2026-09-30', '--json'])).stdout).checkups).toEqual([]);

      const coverage = await runNuanjingInProcess(['health', 'coverage', '--db', db, '--year', '2026', '--json']);
      expect(JSON.parse(coverage.stdout)).toEqual({
        year: 2026,
        categories: [
          { category: '民警', active: 2, checked: 1, percent: 50 },
          { category: '辅警', active: 1, checked: 0, percent: 0 },
          { category: '职工', active: 1, checked: 1, percent: 100 },
        ],
        total: { active: 4, checked: 2, percent: 50 },
      });
      expect((await runNuanjingInProcess(['health', 'coverage', '--db', db, '--year', 'abc'])).code).toBe(2);
    } finally {
      folder.remove();
    }
  });
});
