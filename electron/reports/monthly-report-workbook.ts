import ExcelJS from 'exceljs';
import { coveragePercent, reportSectionTitles, totalCoverage, type MonthlyReport, type ReportFigures } from '../../shared/monthly-report';
import { staffCategories, staffStatuses, type FileDownload } from '../../shared/staff-record';
import { fundingSources, visitKinds } from '../../shared/visit-record';
import { leaveTypeRules, leaveTypes } from '../../shared/leave-record';
import { styleHeaderRow } from '../staff/roster-template';
import { reportTitle } from './monthly-report-document';

/**
 * The monthly report as an Excel workbook: the same numbers as the print, one sheet per section
 * (人员, 健康, 休假, 慰问, 表彰, 下月提醒, and at a bureau 各派出所), each set up for A4 with its
 * title rows repeated on every printed page. Amounts in yuan (元) with two decimals.
 */

type Cell = string | number | null;

const yuan = (fen: number) => fen / 100;

/** A sheet with the report's title, the section's title, then blocks of a header row and rows. */
function addSectionSheet(workbook: ExcelJS.Workbook, report: MonthlyReport, name: string, heading: string, blocks: { header: string[]; rows: Cell[][]; money?: number[] }[]): void {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.6, right: 0.5, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: '第 &P 页 共 &N 页' },
  });
  sheet.addRow([reportTitle(report)]).font = { bold: true, size: 14 };
  sheet.addRow([`${heading}  统计期间：${report.from} 至 ${report.to}`]).font = { bold: true };
  sheet.pageSetup.printTitlesRow = '1:2';
  let widest = 1;
  for (const block of blocks) {
    sheet.addRow([]);
    styleHeaderRow(sheet.addRow(block.header));
    for (const values of block.rows) {
      const added = sheet.addRow(values);
      for (const col of block.money ?? []) added.getCell(col).numFmt = '#,##0.00';
    }
    widest = Math.max(widest, block.header.length);
  }
  for (let col = 1; col <= widest; col += 1) sheet.getColumn(col).width = col === 1 ? 18 : 13;
  // One table (表彰, 各派出所): its header row repeats on every printed page with the titles. A table
  // wider than a portrait page fitted to one page wide would print too small to read: landscape.
  if (blocks.length === 1) sheet.pageSetup.printTitlesRow = '1:4';
  if (widest > 10) sheet.pageSetup.orientation = 'landscape';
}

/** The report as an .xlsx file. */
export async function monthlyReportWorkbook(report: MonthlyReport): Promise<FileDownload> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '暖警台账';
  const f = report.figures;
  const city = report.scope.kind === 'city';
  const station = (name: string) => (city ? [name] : []);

  addSectionSheet(workbook, report, '人员', reportSectionTitles.staff, [
    {
      header: ['类别', ...staffStatuses, '合计'],
      rows: staffCategories.map((c) => [c, ...staffStatuses.map((s) => f.staff.byCategoryStatus[c][s]), staffStatuses.reduce((n, s) => n + f.staff.byCategoryStatus[c][s], 0)]),
    },
    { header: ['月末在职', '新进/调入', '调出', '退休', '离职', '因公牺牲/病故', '今后12个月内退休'], rows: [[f.staff.active, f.staff.movements.joined, f.staff.movements.transferred, f.staff.movements.retired, f.staff.movements.left, f.staff.movements.died, f.staff.retiringIn12Months]] },
    { header: ['日期', '姓名', '类别', '变动', ...station('派出所')], rows: report.lists.movements.map((l) => [l.date, l.name, l.category, l.kind, ...station(l.stationName)]) },
    { header: ['预计退休日期', '姓名', '类别', ...station('派出所')], rows: report.lists.retiringIn12Months.map((l) => [l.date, l.name, l.category, ...station(l.stationName)]) },
  ]);

  const h = f.health;
  addSectionSheet(workbook, report, '健康', reportSectionTitles.health, [
    {
      header: ['类别', '月末在职', '本年已体检', '覆盖率（%）'],
      rows: [...staffCategories.map((c) => [c, h.coverage[c].active, h.coverage[c].checked, coveragePercent(h.coverage[c])]), ['合计', totalCoverage(h.coverage).active, totalCoverage(h.coverage).checked, coveragePercent(totalCoverage(h.coverage))]],
    },
    {
      header: ['本月体检', '异常待复查', '本月预警', '本月危机', '本月心理干预', '月末重点关注', '其中逾期未干预', '月末住院', '本月因公负伤'],
      rows: [[h.checkupsThisMonth, h.abnormalAwaitingFollowUp, h.psych.warningScreenings, h.psych.crisisScreenings, h.psych.interventionsThisMonth, h.psych.watchList, h.psych.watchOverdue, h.inHospitalAtMonthEnd, h.injuriesOnDutyThisMonth]],
    },
  ]);

  const l = f.leave;
  addSectionSheet(workbook, report, '休假', reportSectionTitles.leave, [
    {
      header: ['假别', '计算方式', '本月天数', '本年累计'],
      rows: [...leaveTypes.filter((t) => l.byType[t].yearDays > 0).map((t) => [t, leaveTypeRules[t].counting, l.byType[t].monthDays, l.byType[t].yearDays]), ['合计', null, l.monthDays, l.yearDays]],
    },
    {
      header: ['年休假应休人数', '应休天数', '已休天数', '已计划天数', '一天未休', '已休不足一半', '低于最低在岗警力天数', '本月值班换补休', '月末补休余额', '有补休余额人数'],
      rows: [[l.annual.people, l.annual.dueDays, l.annual.takenDays, l.annual.plannedDays, l.annual.noneTaken, l.annual.underused, l.belowMinimumDays, l.compensatory.earnedDays, l.compensatory.balanceDays, l.compensatory.peopleWithBalance]],
    },
    { header: ['一天未休：姓名', '类别', '应休天数', '已计划天数', ...station('派出所')], rows: report.lists.annualLeaveNoneTaken.map((n) => [n.name, n.category, n.dueDays, n.plannedDays, ...station(n.stationName)]) },
    { header: ['低于最低在岗警力：日期', '在岗', '最低', ...station('派出所')], rows: report.lists.belowMinimumDays.map((d) => [d.date, d.onDuty, d.minimum, ...station(d.stationName)]) },
  ]);

  const v = f.visits;
  addSectionSheet(workbook, report, '慰问', reportSectionTitles.visits, [
    {
      header: ['慰问类型', '本月人次', '本月金额（元）', '本年人次', '本年金额（元）'],
      rows: [...visitKinds.filter((k) => v.byKind[k].year.count > 0).map((k) => [k, v.byKind[k].month.count, yuan(v.byKind[k].month.amountFen), v.byKind[k].year.count, yuan(v.byKind[k].year.amountFen)]), ['合计', v.month.count, yuan(v.month.amountFen), v.year.count, yuan(v.year.amountFen)]],
      money: [3, 5],
    },
    {
      header: ['经费来源', '全年预算（元）', '本月支出（元）', '本年支出（元）', '剩余（元）'],
      rows: fundingSources.map((s) => [s, yuan(v.budget[s].budgetFen), yuan(v.budget[s].spentMonthFen), yuan(v.budget[s].spentYearFen), yuan(v.budget[s].budgetFen - v.budget[s].spentYearFen)]),
      money: [2, 3, 4, 5],
    },
    { header: ['节日', '在职', '已慰问', '未慰问'], rows: Object.entries(v.festivals).map(([name, c]) => [name, c?.active ?? 0, c?.visited ?? 0, (c?.active ?? 0) - (c?.visited ?? 0)]) },
    {
      header: ['姓名', '派出所', '未慰问的情况'],
      rows: [
        ...report.lists.festivalMissing.map((m) => [m.name, m.stationName, `${m.festival}未慰问`]),
        ...report.lists.hospitalNotVisited.map((m) => [m.name, m.stationName, `住院或因公负伤（${m.since} 起）`]),
        ...report.lists.bereavedNotVisited.map((m) => [m.name, m.stationName, m.status === '直系亲属去世' ? `直系亲属去世（${m.date} 起请丧假），未慰问` : `${m.status}（${m.date}），家属未慰问`]),
      ],
    },
  ]);

  addSectionSheet(workbook, report, '表彰', reportSectionTitles.honours, [{ header: ['日期', '姓名', '派出所', '表彰', '级别', '颁发单位'], rows: report.lists.honours.map((l) => [l.date, l.name, l.stationName, l.title, l.level, l.issuer]) }]);

  const n = f.nextMonth;
  addSectionSheet(workbook, report, '下月提醒', reportSectionTitles.nextMonth, [
    { header: ['生日', '退休', '子女中考/高考', '体检逾期（未体检）'], rows: [[n.birthdays, n.retirements, n.exams, n.overdueCheckups]] },
    { header: ['日期', '类别', '姓名/节日', '事项', ...station('派出所')], rows: report.lists.nextMonth.map((i) => [i.date, i.kind, i.name, i.detail, ...station(i.stationName)]) },
  ]);

  if (city) {
    const stationLine = (name: string, f: ReportFigures, lastBundle: string): Cell[] => [
      name,
      f.staff.active,
      ...staffCategories.map((c) => f.staff.activeByCategory[c]),
      f.staff.movements.joined,
      f.staff.movements.transferred,
      f.staff.movements.retired,
      f.staff.movements.left,
      coveragePercent(totalCoverage(f.health.coverage)),
      f.leave.monthDays,
      f.leave.yearDays,
      f.leave.annual.dueDays,
      f.leave.annual.takenDays,
      f.leave.annual.noneTaken,
      f.leave.belowMinimumDays,
      f.leave.compensatory.balanceDays,
      f.visits.month.count,
      yuan(f.visits.month.amountFen),
      f.honours.count,
      lastBundle,
    ];
    addSectionSheet(workbook, report, '各派出所', '各派出所分项', [
      {
        header: ['派出所', '在职', ...staffCategories, '新进', '调出', '退休', '离职', '体检覆盖率（%）', '本月休假天数', '本年休假天数', '年休假应休', '年休假已休', '一天未休', '低于最低警力天数', '补休余额', '本月慰问人次', '本月慰问金额（元）', '表彰', '最近同步'],
        rows: [...report.stations.map((s) => stationLine(s.name, s.figures, s.lastBundleAt ?? '从未')), stationLine('全市合计', report.figures, '')],
        money: [19],
      },
    ]);
  }

  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `月报-${report.scope.name}-${report.month}.xlsx`, bytesBase64: buffer.toString('base64') };
}
