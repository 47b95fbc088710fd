import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthlyReport, ReportFigures } from '../../shared/monthly-report';
import { addFigures } from '../../electron/reports/figure-sum';
import { monthlyReportDocument } from '../../electron/reports/monthly-report-document';
import { emptyReportFigures } from '../../shared/monthly-report';
import { samplePerson } from '../support/hospital-sheet';
import { carry, createBureau, openStationFile, pairStation, type Site } from '../support/sync-sites';
import { runNuanjingInProcess } from '../support/cli-in-process';
import { manualClock, tempFolder } from '../support/test-ledger';

/**
 * The monthly report against a hand-computed ledger (every section), then the city against the sum
 * of its stations. The clock stands at 2026-11-23; the report month is October 2026.
 *
 * 第一派出所 (A), October: 甲 民警 (checkup 10-10, 嘉奖 10-15, 生日慰问 ¥300 10-05, 国庆 goods ¥100
 * 09-30); 乙 民警 (checkup 03-01 异常需复查 due 04-01 not done, 预警 10-08, session 10-12, in
 * hospital from 10-20, 国庆 goods ¥100 09-30); 丙 辅警 came 10-09; 丁 辅警 retired 10-31; 戊 职工
 * left 09-15; 己 民警 (born in November) moved out 11-05 — still 在职 at October's end.
 * 第二派出所 (B): 庚 民警 (困难帮扶 ¥500 行政经费 10-20), 辛 辅警, moved by the bureau to A on 11-10.
 * 第三派出所 (C) was opened and never sent a file.
 *
 * 休假 at A (2026 calendar: 国庆 10-01–10-07, 10-10 a Saturday worked; minimum on duty 4, set at A):
 * 甲 年休假 09-28–10-09 已休 (3 + 2 working days), 值班 10-03 8 h (1 day), 轮休/补休 10-16 已休 (uses
 * it), 丧假 10-20–10-22 已休 (3 days; no 直系亲属去世慰问); 乙 病假 10-20–11-05 批准 (calendar days: 12 in
 * October), 值班 10-04 4 h (½ day); 己 值班 09-27 8 h (1 day), 事假 10-12 上午 计划 (not counted, but
 * away for the strength), 事假 10-13 下午–10-14 已休 (1.5), 年休假 10-26–10-27 批准 (2, planned).
 * Strength (甲 乙 己 丁, 丙 from 10-09, 丁 retired 10-31): below 4 on 10-01–10-08 (甲 away), 10-20–22
 * (甲, 乙), 10-26–27 (乙, 己) and 10-31 (乙; 丁 gone) — 14 days. B: 庚 丧假 10-12–10-14 with a
 * 直系亲属去世慰问 the same day.
 */

let bureau: Site;
let a: Site;
let b: Site;
const ids: Record<string, string> = {};

async function person(site: Site, key: string, n: number, overrides: Parameters<typeof samplePerson>[1]): Promise<string> {
  ids[key] = (await site.client.call('staff.save', samplePerson(n, { joinedStationDate: '2020-01-01', ...overrides }))).id;
  return ids[key];
}

beforeAll(async () => {
  const clock = manualClock();
  bureau = await createBureau('330100', '杭州市公安局', { clock });
  a = await pairStation(bureau, '330102-01', '第一派出所', { clock });
  b = await pairStation(bureau, '330102-02', '第二派出所', { clock });
  await openStationFile(bureau, '330102-03', '第三派出所');

  const jia = await person(a, '甲', 1, { category: '民警' });
  const yi = await person(a, '乙', 3, { category: '民警' });
  await person(a, '丙', 4, { category: '辅警', joinedStationDate: '2026-10-09', workStartDate: '2026-10-09' });
  const ding = await person(a, '丁', 6, { category: '辅警' });
  const wu = await person(a, '戊', 8, { category: '职工' });
  const ji = await person(a, '己', 10, { category: '民警' });
  await a.client.call('health.checkup.save', { staffId: jia, date: '2026-10-10', conclusion: '正常' });
  await a.client.call('health.checkup.save', { staffId: yi, date: '2026-03-01', conclusion: '异常需复查', followUpDue: '2026-04-01' });
  await a.client.call('health.screening.save', { staffId: yi, date: '2026-10-08', instrument: 'SCL-90', level: '预警' });
  await a.client.call('health.intervention.save', { staffId: yi, date: '2026-10-12', form: '面谈' });
  await a.client.call('health.event.save', { staffId: yi, kind: '住院', startDate: '2026-10-20', hospital: '市一医院' });
  await a.client.call('honour.save', { staffId: jia, title: '嘉奖', level: '市级', date: '2026-10-15', issuer: '杭州市公安局' });
  await a.client.call('visits.setBudget', { year: 2026, funding: '工会经费', amountFen: 100_000 });
  await a.client.call('visits.save', { staffId: jia, kind: '生日慰问', date: '2026-10-05', cashFen: 30_000, funding: '工会经费', event: '2026生日' });
  for (const staffId of [jia, yi]) await a.client.call('visits.save', { staffId, kind: '节日慰问', date: '2026-09-30', goods: '月饼', goodsValueFen: 10_000, funding: '工会经费', event: '2026国庆' });
  await a.client.call('staff.changeStatus', { staffId: ding, status: '退休', date: '2026-10-31', confirmEarlyRetirement: true });
  await a.client.call('staff.changeStatus', { staffId: wu, status: '离职', date: '2026-09-15' });
  await a.client.call('staff.changeStatus', { staffId: ji, status: '调出', date: '2026-11-05' });
  const leave = (staffId: string, type: string, fromDate: string, toDate: string, status: string, halves: { fromHalf?: string; toHalf?: string } = {}) =>
    a.client.call('leave.save', { staffId, type, fromDate, toDate, status, strengthConfirm: '所内已协调', ...halves } as never);
  await leave(jia, '年休假', '2026-09-28', '2026-10-09', '已休');
  await a.client.call('duty.save', { staffId: jia, date: '2026-10-03', hours: 8 });
  await a.client.call('duty.save', { staffId: yi, date: '2026-10-04', hours: 4 });
  await a.client.call('duty.save', { staffId: ji, date: '2026-09-27', hours: 8 });
  await leave(jia, '轮休/补休', '2026-10-16', '2026-10-16', '已休');
  await leave(jia, '丧假', '2026-10-20', '2026-10-22', '已休');
  await leave(yi, '病假', '2026-10-20', '2026-11-05', '批准');
  await leave(ji, '事假', '2026-10-12', '2026-10-12', '计划', { toHalf: '上午' });
  await leave(ji, '事假', '2026-10-13', '2026-10-14', '已休', { fromHalf: '下午' });
  await leave(ji, '年休假', '2026-10-26', '2026-10-27', '批准');
  await a.client.call('settings.set', { key: 'station.minimumOnDuty', value: 4 });

  const geng = await person(b, '庚', 12, { category: '民警' });
  await person(b, '辛', 14, { category: '辅警' });
  await b.client.call('visits.save', { staffId: geng, kind: '困难帮扶', date: '2026-10-20', cashFen: 50_000, funding: '行政经费' });
  await b.client.call('leave.save', { staffId: geng, type: '丧假', fromDate: '2026-10-12', toDate: '2026-10-14', status: '已休', strengthConfirm: '所内已协调' });
  await b.client.call('visits.save', { staffId: geng, kind: '直系亲属去世慰问', date: '2026-10-12', cashFen: 100_000, funding: '工会经费', event: '母亲去世' });

  await carry(a, bureau);
  await carry(b, bureau);
  await bureau.client.call('sync.transferStaff', { staffId: ids['辛'], toStationCode: '330102-01', date: '2026-11-10' });
}, 60_000);

/** Every number of a report's figures with its path, for comparisons that name what differs. */
function numbersOf(figures: ReportFigures): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'number') out[path] = value;
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(figures, '');
  return out;
}

describe('monthly report (月报): a station against the hand-computed ledger', () => {
  let report: MonthlyReport;
  beforeAll(async () => {
    report = await a.client.call('report.monthly', { month: '2026-10' });
  });

  it('人员: month-end headcount by category and status, the month’s movements, retirements ahead', () => {
    const s = report.figures.staff;
    expect(report.scope).toEqual({ kind: 'station', code: '330102-01', name: '第一派出所' });
    expect([report.from, report.to]).toEqual(['2026-10-01', '2026-10-31']);
    expect(s.byCategoryStatus.民警.在职).toBe(3); // 甲, 乙, 己 (moved out only in November)
    expect(s.byCategoryStatus.辅警).toMatchObject({ 在职: 1, 退休: 1 });
    expect(s.byCategoryStatus.职工).toMatchObject({ 在职: 0, 离职: 1 });
    expect(s.active).toBe(4);
    expect(s.activeByCategory).toEqual({ 民警: 3, 辅警: 1, 职工: 0 });
    expect(s.movements).toEqual({ joined: 1, transferred: 0, retired: 1, left: 0, died: 0 });
    expect(report.lists.movements.map((m) => [m.date, m.name, m.kind])).toEqual([
      ['2026-10-09', samplePerson(4).name, '新进/调入'],
      ['2026-10-31', samplePerson(6).name, '退休'],
    ]);
    expect(s.retiringIn12Months).toBe(0);
  });

  it('健康: checkups, coverage by category, follow-ups, 预警 and sessions, in hospital — counts only', () => {
    const h = report.figures.health;
    expect(h.checkupsThisMonth).toBe(1);
    expect(h.coverage).toEqual({ 民警: { active: 3, checked: 2 }, 辅警: { active: 1, checked: 0 }, 职工: { active: 0, checked: 0 } });
    expect(h.abnormalAwaitingFollowUp).toBe(1);
    expect(h.psych).toEqual({ warningScreenings: 1, crisisScreenings: 0, interventionsThisMonth: 1, watchList: 1, watchOverdue: 0 });
    expect(h.inHospitalAtMonthEnd).toBe(1);
    expect(h.injuriesOnDutyThisMonth).toBe(0);
  });

  it('休假: days by type (month, year), annual leave due and taken, who took none, strength, 补休', () => {
    const l = report.figures.leave;
    const used = Object.fromEntries(Object.entries(l.byType).filter(([, d]) => d.yearDays > 0));
    expect(used).toEqual({
      年休假: { monthDays: 4, yearDays: 7 }, // 甲 2 of 5 in October, 己 2 (批准)
      '轮休/补休': { monthDays: 1, yearDays: 1 },
      事假: { monthDays: 1.5, yearDays: 1.5 }, // the 计划 half day not counted
      病假: { monthDays: 12, yearDays: 12 }, // 10-20–10-31 of a leave to 11-05
      丧假: { monthDays: 3, yearDays: 3 },
    });
    expect([l.monthDays, l.yearDays]).toEqual([21.5, 24.5]);
    // 甲 乙 己 15 days each (丙 under a year of work); 甲 took 5; 乙 and 己 none (己 has 2 planned); all under half after 10-01.
    expect(l.annual).toEqual({ people: 3, dueDays: 45, takenDays: 5, plannedDays: 2, noneTaken: 2, underused: 3 });
    expect(report.lists.annualLeaveNoneTaken.map((n) => [n.name, n.dueDays, n.plannedDays])).toEqual(
      [[samplePerson(3).name, 15, 0], [samplePerson(10).name, 15, 2]].sort((x, y) => String(x[0]).localeCompare(String(y[0]), 'zh-CN')),
    );
    expect(l.belowMinimumDays).toBe(14);
    expect(report.lists.belowMinimumDays.map((d) => d.date.slice(8))).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '20', '21', '22', '26', '27', '31']);
    expect(report.lists.belowMinimumDays[0]).toMatchObject({ onDuty: 3, minimum: 4 });
    // Earned in October: 甲 1 (used on 10-16), 乙 ½; 己's day of 09-27 still there.
    expect(l.compensatory).toEqual({ earnedDays: 1.5, balanceDays: 1.5, peopleWithBalance: 2 });
    expect(report.leave.notes).toEqual([]);
  });

  it('慰问: by kind, month and year, budget, 国庆 coverage, in hospital not visited', () => {
    const v = report.figures.visits;
    expect(v.byKind.生日慰问).toEqual({ month: { count: 1, amountFen: 30_000 }, year: { count: 1, amountFen: 30_000 } });
    expect(v.byKind.节日慰问).toEqual({ month: { count: 0, amountFen: 0 }, year: { count: 2, amountFen: 20_000 } });
    expect([v.month, v.year]).toEqual([{ count: 1, amountFen: 30_000 }, { count: 3, amountFen: 50_000 }]);
    expect(v.budget.工会经费).toEqual({ budgetFen: 100_000, spentMonthFen: 30_000, spentYearFen: 50_000 });
    // On 10-01: 甲, 乙, 丁 (retired only on 10-31) and 己; 丙 came on 10-09, 戊 had left.
    expect(v.festivals).toEqual({ 国庆: { active: 4, visited: 2 } });
    expect(report.lists.festivalMissing.map((m) => m.name).sort()).toEqual([samplePerson(6).name, samplePerson(10).name].sort());
    expect(v.hospitalNotVisited).toBe(1);
    expect(report.lists.hospitalNotVisited).toEqual([{ name: samplePerson(3).name, category: '民警', stationName: '第一派出所', since: '2026-10-20' }]);
    expect(v.bereavedNotVisited).toBe(0);
    // 甲's 丧假 of 10-20 with no 直系亲属去世慰问 (庚's at B was visited the day it began).
    expect(v.relativeDeathNotVisited).toBe(1);
    expect(report.lists.bereavedNotVisited).toEqual([{ name: samplePerson(1).name, category: '民警', stationName: '第一派出所', date: '2026-10-20', status: '直系亲属去世' }]);
  });

  it('表彰 and 下月提醒: the month’s honours; November’s birthdays, festivals and overdue checkups', () => {
    expect(report.figures.honours.count).toBe(1);
    expect(report.lists.honours[0]).toMatchObject({ name: samplePerson(1).name, title: '嘉奖', date: '2026-10-15' });
    expect(report.figures.nextMonth).toEqual({ birthdays: 1, retirements: 0, exams: 0, overdueCheckups: 2 });
    expect(report.lists.nextMonth.find((i) => i.kind === '生日')).toMatchObject({ name: samplePerson(10).name, date: '2026-11-11' });
  });

  it('the bureau computes the same numbers for the station from the station’s bundle', async () => {
    const atBureau = await bureau.client.call('report.monthly', { month: '2026-10', station: '330102-01' });
    expect(numbersOf(atBureau.figures)).toEqual(numbersOf(report.figures));
  });
});

describe('monthly report (月报): the city is the sum of its stations', () => {
  for (const month of ['2026-10', '2026-11']) {
    it(`sums every count and amount of ${month} exactly, and lists the stations whose numbers may be incomplete`, async () => {
      const city = await bureau.client.call('report.monthly', { month });
      expect(city.scope.kind).toBe('city');
      const reports = await Promise.all(['330102-01', '330102-02', '330102-03'].map((station) => bureau.client.call('report.monthly', { month, station })));
      const sum = reports.reduce((total, r) => addFigures(total, r.figures), emptyReportFigures(Object.keys(city.figures.visits.festivals) as never));
      expect(numbersOf(city.figures)).toEqual(numbersOf(sum));
      expect(city.stations.map((s) => s.code)).toEqual(['330102-01', '330102-02', '330102-03']);
      expect(city.stations.map((s) => numbersOf(s.figures))).toEqual(reports.map((r) => numbersOf(r.figures)));
      if (month === '2026-10') {
        // 休假 too: A's days and B's 丧假; A below its 4 on 14 days, B (2 people, the default 10) on all 31; C has no people.
        expect([city.figures.leave.monthDays, city.figures.leave.yearDays, city.figures.leave.belowMinimumDays]).toEqual([24.5, 27.5, 45]);
        // B: 庚 and 辛, 15 days each, none taken.
        expect(city.figures.leave.annual).toEqual({ people: 5, dueDays: 75, takenDays: 5, plannedDays: 2, noneTaken: 4, underused: 5 });
        expect(city.figures.visits.relativeDeathNotVisited).toBe(1);
      }
      // A and B sent on 11-23: complete for October, not for November (not yet over); C never sent.
      const incomplete = city.incompleteStations.map((s) => s.code);
      expect(incomplete).toEqual(month === '2026-10' ? ['330102-03'] : ['330102-01', '330102-02', '330102-03']);
    });
  }

  it('a 调动 counts at the old station before it and at the new one after it', async () => {
    const october = await bureau.client.call('report.monthly', { month: '2026-10' });
    const november = await bureau.client.call('report.monthly', { month: '2026-11' });
    const active = (r: MonthlyReport, code: string) => r.stations.find((s) => s.code === code)?.figures.staff.active;
    expect([active(october, '330102-01'), active(october, '330102-02')]).toEqual([4, 2]);
    expect(november.stations.find((s) => s.code === '330102-02')?.figures.staff.movements.transferred).toBe(1);
    expect(november.stations.find((s) => s.code === '330102-01')?.figures.staff.movements.joined).toBe(1);
    expect(active(november, '330102-02')).toBe(1);
    expect(october.figures.staff.active).toBe(6);
  });
});

describe('monthly report (月报): refusals, history, renderings', () => {
  it('refuses a month not yet begun and a station it does not know, in Chinese', async () => {
    await expect(a.client.call('report.monthly', { month: '2026-12' })).rejects.toMatchObject({ code: 'MONTH_IN_FUTURE', message: expect.stringContaining('2026年12月还没有到') });
    await expect(a.client.call('report.monthly', { month: '2026-10', station: '330102-02' })).rejects.toMatchObject({ code: 'UNKNOWN_REPORT_STATION', message: expect.stringContaining('只能生成本所的月报') });
    await expect(bureau.client.call('report.monthly', { month: '2026-10', station: '999' })).rejects.toMatchObject({ code: 'UNKNOWN_REPORT_STATION', message: expect.stringContaining('没有代码为「999」的派出所') });
    await expect(a.client.call('report.monthly', { month: '2026-13' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('keeps each issued report with its fingerprint and tells, later, which sections changed', async () => {
    const issued = await a.client.call('report.issue', { month: '2026-10' });
    expect(issued).toMatchObject({ month: '2026-10', scopeCode: '330102-01', changed: false, changedSections: [] });
    expect(issued.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect((await a.client.call('report.monthly', { month: '2026-10' })).history[0]).toMatchObject({ id: issued.id, changed: false });
    await a.client.call('honour.save', { staffId: ids['乙'], title: '三等功', date: '2026-10-28' });
    const again = await a.client.call('report.monthly', { month: '2026-10' });
    expect(again.fingerprint).not.toBe(issued.fingerprint);
    expect(again.history[0]).toMatchObject({ id: issued.id, changed: true, changedSections: ['表彰'] });
  });

  it('prints one A4 page with the headings, numbers, page footer, charts and signature block', async () => {
    await a.client.call('settings.set', { key: 'report.preparedBy', value: '王丽' });
    await a.client.call('settings.set', { key: 'report.reviewedBy', value: '李所长' });
    const html = (await a.client.call('report.document', { month: '2026-10' })).html;
    for (const text of ['第一派出所2026年10月工作月报', '一、人员', '二、健康', '三、休假', '本月休假 <b>21.5</b> 天', '一天未休 2 人', '10月31日（在岗 3/最低 4）', '直系亲属去世（2026-10-20 起请丧假），尚未慰问', '四、慰问', '五、表彰', '六、下月提醒', '制表人：王丽', '审核人：李所长', '¥300.00', '第一派出所 2026年10月月报']) {
      expect(html).toContain(text);
    }
    expect(html).toContain('content: "第 " counter(page) " 页 共 " counter(pages) " 页"');
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(4);
    expect(html).toContain('休假天数（按假别）');
    const city = monthlyReportDocument(await bureau.client.call('report.monthly', { month: '2026-10' })).html;
    expect(city).toContain('各派出所分项');
    expect(city).toContain('各派出所休假');
    expect(city).toContain('第三派出所（从未同步）');
    // Printed pages looked at: the fingerprint stays with the signature block (it once fell alone
    // onto a last page), and the per-station table keeps amounts and dates on one line.
    expect(html).toMatch(/<div class="closing"><div class="signature">.*制表人：王丽.*<\/div>\s*<p class="fingerprint">数字指纹[^<]*<\/p><\/div>/s);
    expect(html).toContain('.closing { break-inside: avoid; break-before: avoid; }');
    expect(city).toContain('table.stations td { white-space: nowrap;');
    expect(city).toContain('下月没有逐项列出的节日、退休或子女中考高考（生日和体检逾期见上表的人数）。');
  });

  it('exports the same numbers to Excel, one sheet per section, A4 with repeated title rows', async () => {
    const file = await bureau.client.call('report.excel', { month: '2026-10' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.bytesBase64, 'base64') as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['人员', '健康', '休假', '慰问', '表彰', '下月提醒', '各派出所']);
    const staff = workbook.getWorksheet('人员');
    expect(staff?.pageSetup).toMatchObject({ paperSize: 9, printTitlesRow: '1:2' });
    // The per-station table (21 columns, one row per station) prints landscape with its header on every page.
    expect(workbook.getWorksheet('各派出所')?.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '1:4' });
    const stations = (workbook.getWorksheet('各派出所')?.getSheetValues() ?? []).map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(stations.at(-1)?.slice(0, 2)).toEqual(['全市合计', 6]);
    const values = (staff?.getSheetValues() ?? []).map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(values).toContainEqual(['民警', 4, 0, 0, 0, 0, 0, 4]);
  });
});

describe('nuanjing report (CLI, in process)', () => {
  const folder = tempFolder('nuanjing-report-cli-');
  const station = join(folder.path, 'station.sqlite');
  const city = join(folder.path, 'bureau.sqlite');
  const lastMonth = (() => {
    const now = new Date(Date.now() + 8 * 3_600_000);
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  })();
  afterAll(() => folder.remove());

  it('writes the report as JSON or Excel; exits 1 in Chinese for a month not yet begun or an unknown station', async () => {
    expect((await runNuanjingInProcess(['init', '--db', station, '--code', '330102-01', '--name', '北山派出所'])).code).toBe(0);
    expect((await runNuanjingInProcess(['init', '--db', city, '--code', '3301', '--name', '杭州市局', '--role', 'bureau'])).code).toBe(0);
    const future = await runNuanjingInProcess(['report', '--db', station, '--month', '2099-01', '--json']);
    expect([future.code, future.stderr]).toEqual([1, expect.stringContaining('2099年1月还没有到')]);
    const unknown = await runNuanjingInProcess(['report', '--db', city, '--month', lastMonth, '--station', '999', '--out', join(folder.path, 'x.pdf')]);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('没有代码为「999」的派出所')]);
    const json = await runNuanjingInProcess(['report', '--db', city, '--month', lastMonth, '--city', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ month: lastMonth, scope: { kind: 'city', code: '3301' }, staff: { active: 0, byCategory: { 民警: 0 } }, health: { coverage: { 民警: { active: 0 } } }, leave: { monthDays: 0, annual: { noneTaken: 0 }, belowMinimumDays: 0, notes: [] }, visits: { count: 0, amountFen: 0 }, stations: [] });
    const xlsx = join(folder.path, '月报.xlsx');
    expect((await runNuanjingInProcess(['report', '--db', station, '--month', lastMonth, '--out', xlsx])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['人员', '健康', '休假', '慰问', '表彰', '下月提醒']);
  });
});
