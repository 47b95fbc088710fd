import { staffCategories, staffStatuses } from '../../shared/staff-record';
import { formatFen } from '../../shared/synced-table-definition';
import { fundingSources, visitKinds } from '../../shared/visit-record';
import { leaveTypeRules, leaveTypes } from '../../shared/leave-record';
import { coveragePercent, reportSectionTitles, totalCoverage, type MonthlyReport, type ReportFigures } from '../../shared/monthly-report';
import type { PrintableDocument } from '../../shared/visit-record';
import { escapeHtml, printPage } from '../print/print-document';
import { coverageChart, headcountChart, leaveChart, visitsChart } from './report-charts';

/**
 * The monthly report as one printable A4 page (print-document.ts: 「第 N 页 共 M 页」 in the footer,
 * table headers repeated, rows kept whole), read only from the model: the unit and month in every
 * page's header, the six sections with their tables and charts (SVG from ECharts), at a bureau the
 * per-station breakdown and the stations whose numbers may be incomplete, and the signature block
 * (制表人, 审核人 from 设置, the date). The same HTML is the preview, the print and the PDF.
 */

/** 2026年10月. */
export function monthTitle(month: string): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
}

/** The report's title: 北山派出所2026年10月工作月报, or 杭州市公安局全市2026年10月工作月报. */
export function reportTitle(report: MonthlyReport): string {
  return `${report.scope.name}${report.scope.kind === 'city' ? '全市' : ''}${monthTitle(report.month)}工作月报`;
}

const cell = (value: string | number, cls = 'right') => `<td class="${cls}">${escapeHtml(value)}</td>`;
const head = (labels: readonly string[]) => `<thead><tr>${labels.map((l) => `<th>${escapeHtml(l)}</th>`).join('')}</tr></thead>`;
const table = (labels: readonly string[], rows: string[], cls = '') => `<table class="grid ${cls}">${head(labels)}<tbody>${rows.join('\n')}</tbody></table>`;
const row = (cells: string[]) => `<tr>${cells.join('')}</tr>`;
const percent = (figure: { active: number; checked: number }) => `${coveragePercent(figure)}%`;
const none = (text: string) => `<p class="none">${escapeHtml(text)}</p>`;

function staffSection(report: MonthlyReport): string {
  const s = report.figures.staff;
  const statusTotal = (status: (typeof staffStatuses)[number]) => staffCategories.reduce((n, c) => n + s.byCategoryStatus[c][status], 0);
  const headcount = table(
    ['类别', ...staffStatuses, '合计'],
    [
      ...staffCategories.map((c) => row([cell(c, 'center'), ...staffStatuses.map((st) => cell(s.byCategoryStatus[c][st])), cell(staffStatuses.reduce((n, st) => n + s.byCategoryStatus[c][st], 0))])),
      row([cell('合计', 'center'), ...staffStatuses.map((st) => cell(statusTotal(st))), cell(staffStatuses.reduce((n, st) => n + statusTotal(st), 0))]),
    ],
  );
  const m = s.movements;
  const movements = table(['新进/调入', '调出', '退休', '离职', '因公牺牲/病故', '今后12个月内退休'], [row([cell(m.joined), cell(m.transferred), cell(m.retired), cell(m.left), cell(m.died), cell(s.retiringIn12Months)])]);
  const movementList =
    report.lists.movements.length === 0
      ? none('本月无人员变动。')
      : table(['日期', '姓名', '类别', '变动', ...(report.scope.kind === 'city' ? ['派出所'] : [])], report.lists.movements.map((l) => row([cell(l.date, 'center'), cell(l.name, 'center'), cell(l.category, 'center'), cell(l.kind, 'center'), ...(report.scope.kind === 'city' ? [cell(l.stationName, 'center')] : [])])));
  const retiring =
    report.lists.retiringIn12Months.length === 0
      ? none('今后12个月内无人到达退休年龄。')
      : table(['预计退休日期', '姓名', '类别', ...(report.scope.kind === 'city' ? ['派出所'] : [])], report.lists.retiringIn12Months.map((l) => row([cell(l.date, 'center'), cell(l.name, 'center'), cell(l.category, 'center'), ...(report.scope.kind === 'city' ? [cell(l.stationName, 'center')] : [])])));
  return `
<h2>${reportSectionTitles.staff}</h2>
<p>月末在职 <b>${s.active}</b> 人（${staffCategories.map((c) => `${c} ${s.activeByCategory[c]} 人`).join('，')}）。</p>
<h3>月末人数（按类别和状态）</h3>${headcount}
<h3>本月人员变动</h3>${movements}${movementList}
<h3>今后12个月内退休</h3>${retiring}`;
}

function healthSection(report: MonthlyReport): string {
  const h = report.figures.health;
  const coverage = table(
    ['类别', '月末在职', '本年已体检', '覆盖率'],
    [
      ...staffCategories.map((c) => row([cell(c, 'center'), cell(h.coverage[c].active), cell(h.coverage[c].checked), cell(percent(h.coverage[c]))])),
      row([cell('合计', 'center'), cell(totalCoverage(h.coverage).active), cell(totalCoverage(h.coverage).checked), cell(percent(totalCoverage(h.coverage)))]),
    ],
  );
  const counts = table(
    ['本月体检', '异常待复查', '本月预警', '本月危机', '本月心理干预', '月末重点关注', '其中逾期未干预', '月末住院', '本月因公负伤'],
    [row([h.checkupsThisMonth, h.abnormalAwaitingFollowUp, h.psych.warningScreenings, h.psych.crisisScreenings, h.psych.interventionsThisMonth, h.psych.watchList, h.psych.watchOverdue, h.inHospitalAtMonthEnd, h.injuriesOnDutyThisMonth].map((n) => cell(n, 'center')))],
  );
  return `
<h2>${reportSectionTitles.health}</h2>
<p class="note">健康信息只列人数，不列姓名和诊断（个人信息保护法第二十八条）。</p>
<h3>本年体检覆盖率（截至月末）</h3>${coverage}
<h3>体检、心理与就医</h3>${counts}`;
}

/** Days in halves as printed: 3, 2.5. */
export function formatDays(days: number): string {
  return Number.isInteger(days) ? String(days) : days.toFixed(1);
}

function leaveSection(report: MonthlyReport): string {
  const l = report.figures.leave;
  const city = report.scope.kind === 'city';
  const types = leaveTypes.filter((t) => l.byType[t].yearDays > 0);
  const byType =
    types.length === 0
      ? none('本年尚无已批准或已休的假期。')
      : table(
          ['假别', '计算方式', '本月天数', '本年累计'],
          [
            ...types.map((t) => row([cell(t, 'center'), cell(leaveTypeRules[t].counting, 'center'), cell(formatDays(l.byType[t].monthDays)), cell(formatDays(l.byType[t].yearDays))])),
            row([cell('合计', 'center'), cell('', 'center'), cell(formatDays(l.monthDays)), cell(formatDays(l.yearDays))]),
          ],
        );
  const a = l.annual;
  const annual = table(
    ['应休人数', '应休天数', '已休天数', '已计划天数', '使用率', '一天未休', '已休不足一半'],
    [row([cell(a.people, 'center'), cell(formatDays(a.dueDays), 'center'), cell(formatDays(a.takenDays), 'center'), cell(formatDays(a.plannedDays), 'center'), cell(`${usagePercent(a)}%`, 'center'), cell(a.noneTaken, 'center'), cell(a.underused, 'center')])],
  );
  const noneTaken = report.lists.annualLeaveNoneTaken;
  const noneTakenList = city
    ? `<p class="note">全市一天未休 ${a.noneTaken} 人，各派出所人数见「各派出所休假」，名单见各派出所月报或「休假轮休 → 年休假」。</p>`
    : noneTaken.length === 0
      ? none('有年休假的人都已休过。')
      : table(['姓名', '类别', '应休天数', '已计划天数'], noneTaken.map((n) => row([cell(n.name, 'center'), cell(n.category, 'center'), cell(formatDays(n.dueDays)), cell(formatDays(n.plannedDays))])));
  const below = report.lists.belowMinimumDays;
  const belowText = city
    ? `<p>各派出所低于最低在岗警力合计 <b>${l.belowMinimumDays}</b> 所·日（见「各派出所休假」）。</p>`
    : below.length === 0
      ? `<p>本月没有低于最低在岗警力的日子。</p>`
      : `<p>本月有 <b>${below.length}</b> 天在岗民警、辅警少于最低在岗警力：${escapeHtml(below.map((d) => `${Number(d.date.slice(5, 7))}月${Number(d.date.slice(8))}日（在岗 ${d.onDuty}/最低 ${d.minimum}）`).join('、'))}。</p>`;
  const c = l.compensatory;
  const chart = leaveChart(report);
  return `
<h2>${reportSectionTitles.leave}</h2>
<p>本月休假 <b>${formatDays(l.monthDays)}</b> 天，本年累计 ${formatDays(l.yearDays)} 天；年休假应休 ${formatDays(a.dueDays)} 天、已休 ${formatDays(a.takenDays)} 天（${usagePercent(a)}%），一天未休 ${a.noneTaken} 人；月末补休余额 ${formatDays(c.balanceDays)} 天。</p>
<h3>按假别（已批准、已休）</h3>${byType}
${chart ? `<div class="chart wide">${chart}</div>` : ''}
<h3>年休假使用（截至月末）</h3>${annual}
<h3>应休尽休：一天未休</h3>${noneTakenList}
<h3>最低在岗警力</h3>${belowText}
<h3>补休</h3><p>本月值班换补休 ${formatDays(c.earnedDays)} 天；月末补休余额 ${formatDays(c.balanceDays)} 天（${c.peopleWithBalance} 人有余额）。</p>
<p class="note">休假天数按已批准和已休的假期计（计划、取消的不计），工作日按当年节假日安排计算，跨月的假期按各月所占天数分别计入；年休假应休按累计工龄和设置中的规则计算，已休为月末前开始、状态为已休的年休假。${report.leave.notes.map((n) => escapeHtml(n)).join('；')}</p>`;
}

/** Annual leave taken ÷ due, whole per cent (0 when nobody has any due). */
function usagePercent(annual: { dueDays: number; takenDays: number }): number {
  return annual.dueDays === 0 ? 0 : Math.floor((annual.takenDays * 100) / annual.dueDays);
}

function visitsSection(report: MonthlyReport): string {
  const v = report.figures.visits;
  const kinds = visitKinds.filter((k) => v.byKind[k].year.count > 0);
  const byKind =
    kinds.length === 0
      ? none('本年尚无慰问记录。')
      : table(
          ['慰问类型', '本月人次', '本月金额', '本年人次', '本年金额'],
          [
            ...kinds.map((k) => row([cell(k, 'center'), cell(v.byKind[k].month.count), cell(formatFen(v.byKind[k].month.amountFen)), cell(v.byKind[k].year.count), cell(formatFen(v.byKind[k].year.amountFen))])),
            row([cell('合计', 'center'), cell(v.month.count), cell(formatFen(v.month.amountFen)), cell(v.year.count), cell(formatFen(v.year.amountFen))]),
          ],
        );
  const budget = table(
    ['经费来源', '全年预算', '本月支出', '本年支出', '剩余'],
    fundingSources.map((f) => {
      const b = v.budget[f];
      return row([cell(f, 'center'), cell(b.budgetFen > 0 ? formatFen(b.budgetFen) : '未设'), cell(formatFen(b.spentMonthFen)), cell(formatFen(b.spentYearFen)), cell(b.budgetFen > 0 ? formatFen(b.budgetFen - b.spentYearFen) : '—')]);
    }),
  );
  const festivals = Object.entries(v.festivals);
  const coverage =
    festivals.length === 0
      ? none('本月没有节日。')
      : table(['节日', '在职', '已慰问', '未慰问'], festivals.map(([name, f]) => row([cell(name, 'center'), cell(f?.active ?? 0), cell(f?.visited ?? 0), cell((f?.active ?? 0) - (f?.visited ?? 0))])));
  const missing = report.lists.festivalMissing;
  const missingText =
    missing.length === 0 ? '' : report.scope.kind === 'city' ? '' : `<p>未慰问：${escapeHtml(missing.map((m) => `${m.name}（${m.festival}）`).join('、'))}</p>`;
  const notVisited = [
    ...report.lists.hospitalNotVisited.map((l) => row([cell(l.name, 'center'), cell(l.stationName, 'center'), cell(`住院或因公负伤（${l.since} 起），尚未慰问`, '')])),
    ...report.lists.bereavedNotVisited.map((l) =>
      row([cell(l.name, 'center'), cell(l.stationName, 'center'), cell(l.status === '直系亲属去世' ? `直系亲属去世（${l.date} 起请丧假），尚未慰问` : `${l.status}（${l.date}），家属尚未慰问`, '')]),
    ),
  ];
  const chart = visitsChart(report);
  return `
<h2>${reportSectionTitles.visits}</h2>
<p>本月慰问 <b>${v.month.count}</b> 人次，金额 ${formatFen(v.month.amountFen)}；本年累计 ${v.year.count} 人次，${formatFen(v.year.amountFen)}。</p>
<h3>按类型</h3>${byKind}
${chart ? `<div class="chart wide">${chart}</div>` : ''}
<h3>预算执行（按经费来源）</h3>${budget}
<h3>节日慰问覆盖（不遗漏一人）</h3>${coverage}${missingText}
<h3>住院、丧亲未慰问</h3>${notVisited.length === 0 ? none('无。') : table(['姓名', '派出所', '情况'], notVisited)}
<p class="note">丧亲据本人因公牺牲、病故的状态和本人请的丧假得知；家属信息不记生死，未请丧假的直系亲属去世台账无从得知，请另行核对。</p>`;
}

function honoursSection(report: MonthlyReport): string {
  const honours = report.lists.honours;
  return `
<h2>${reportSectionTitles.honours}</h2>
${honours.length === 0 ? none('本月无表彰。') : table(['日期', '姓名', '派出所', '表彰', '级别', '颁发单位'], honours.map((h) => row([cell(h.date, 'center'), cell(h.name, 'center'), cell(h.stationName, 'center'), cell(h.title, ''), cell(h.level ?? '', 'center'), cell(h.issuer ?? '', '')])))}`;
}

function nextMonthSection(report: MonthlyReport): string {
  const n = report.figures.nextMonth;
  const counts = table(['生日', '退休', '子女中考/高考', '体检逾期（未体检）'], [row([n.birthdays, n.retirements, n.exams, n.overdueCheckups].map((x) => cell(x, 'center')))]);
  const items = report.scope.kind === 'city' ? report.lists.nextMonth.filter((i) => i.kind !== '生日') : report.lists.nextMonth;
  const list = items.length === 0 ? none(report.scope.kind === 'city' ? '下月没有逐项列出的节日、退休或子女中考高考（生日和体检逾期见上表的人数）。' : '下月没有需要提醒的事项。') : table(['日期', '类别', '姓名/节日', '事项', ...(report.scope.kind === 'city' ? ['派出所'] : [])], items.map((i) => row([cell(i.date, 'center'), cell(i.kind, 'center'), cell(i.name, 'center'), cell(i.detail, ''), ...(report.scope.kind === 'city' ? [cell(i.stationName, 'center')] : [])])));
  return `
<h2>${reportSectionTitles.nextMonth}</h2>
${counts}
${report.scope.kind === 'city' ? '<p class="note">全市的生日按派出所计数（见上表和各派出所分项），不逐人列出。</p>' : ''}
${list}`;
}

/** The per-station breakdown of a city report. */
function stationsSection(report: MonthlyReport): string {
  const line = (name: string, f: ReportFigures, lastBundle: string) =>
    row([
      cell(name, ''),
      cell(f.staff.active),
      ...staffCategories.map((c) => cell(f.staff.activeByCategory[c])),
      cell(f.staff.movements.joined),
      cell(f.staff.movements.transferred + f.staff.movements.retired + f.staff.movements.left + f.staff.movements.died),
      cell(percent(totalCoverage(f.health.coverage))),
      cell(f.visits.month.count),
      cell(formatFen(f.visits.month.amountFen)),
      cell(f.honours.count),
      cell(lastBundle, 'center small'),
    ]);
  return `
<h2>各派出所分项</h2>
${table(
  ['派出所', '在职', ...staffCategories, '新进', '减少', '体检覆盖率', '本月慰问人次', '本月慰问金额', '表彰', '最近同步'],
  [...report.stations.map((s) => line(s.name, s.figures, s.lastBundleAt?.slice(0, 10) ?? '从未')), line('全市合计', report.figures, '')],
  'stations',
)}`;
}

/** The per-station leave figures of a city report. */
function stationsLeaveSection(report: MonthlyReport): string {
  const line = (name: string, f: ReportFigures) => {
    const l = f.leave;
    return row([
      cell(name, ''),
      cell(formatDays(l.monthDays)),
      cell(formatDays(l.yearDays)),
      cell(formatDays(l.annual.dueDays)),
      cell(formatDays(l.annual.takenDays)),
      cell(`${usagePercent(l.annual)}%`),
      cell(l.annual.noneTaken),
      cell(l.belowMinimumDays),
      cell(formatDays(l.compensatory.balanceDays)),
    ]);
  };
  return `
<h3>各派出所休假</h3>
${table(
  ['派出所', '本月休假天数', '本年休假天数', '年休假应休', '年休假已休', '使用率', '一天未休', '低于最低警力天数', '补休余额'],
  [...report.stations.map((s) => line(s.name, s.figures)), line('全市合计', report.figures)],
  'stations',
)}`;
}

function incompleteNotice(report: MonthlyReport): string {
  if (report.incompleteStations.length === 0) return '';
  const names = report.incompleteStations.map((s) => `${s.name}（${s.lastBundleAt ? `最近同步 ${s.lastBundleAt.slice(0, 10)}` : '从未同步'}）`).join('、');
  return `<div class="warning">以下派出所最近一次报送的同步数据早于月末，本月数字可能不完整：${escapeHtml(names)}。</div>`;
}

const CSS = `
h2 { font-size: 13.5pt; margin: 6mm 0 2mm; border-bottom: 1.2pt solid #000; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 3mm 0 1.5mm; break-after: avoid; }
p { margin: 1.5mm 0; }
p.none { color: #333; }
p.note { font-size: 9.5pt; color: #444; }
table.grid { font-size: 9.5pt; margin-bottom: 2mm; }
table.grid th, table.grid td { padding: 1.1mm 1.2mm; }
table.stations { font-size: 8.5pt; table-layout: auto; }
table.stations td { white-space: nowrap; word-break: keep-all; }
td.small { font-size: 8pt; }
.charts { display: flex; justify-content: space-between; break-inside: avoid; margin: 2mm 0; }
.chart { break-inside: avoid; }
.chart svg { display: block; }
.chart.wide { margin: 2mm 0; }
.warning { border: 1pt solid #b00; color: #900; padding: 2mm 3mm; margin: 2mm 0 3mm; font-size: 10pt; }
.closing { break-inside: avoid; break-before: avoid; }
.signature { display: flex; justify-content: space-between; margin-top: 12mm; font-size: 11pt; break-inside: avoid; }
.signature span { min-width: 50mm; }
.fingerprint { margin-top: 4mm; font-size: 7.5pt; color: #666; word-break: break-all; }
`;

/** The page header's text, escaped for a CSS string. */
function runningHeader(report: MonthlyReport): string {
  return `${report.scope.name}${report.scope.kind === 'city' ? '（全市）' : ''} ${monthTitle(report.month)}月报`.replace(/["\\]/g, '');
}

/** The report as one printable page. */
export function monthlyReportDocument(report: MonthlyReport): PrintableDocument {
  const title = reportTitle(report);
  const body = `
<h1>${escapeHtml(title)}</h1>
<p class="subtitle">统计期间：${report.from} 至 ${report.to}&emsp;&emsp;制表日期：${report.generatedOn}</p>
${incompleteNotice(report)}
<div class="charts"><div class="chart">${headcountChart(report)}</div><div class="chart">${coverageChart(report)}</div></div>
${staffSection(report)}
${healthSection(report)}
${leaveSection(report)}
${visitsSection(report)}
${honoursSection(report)}
${nextMonthSection(report)}
${report.scope.kind === 'city' ? `${stationsSection(report)}${stationsLeaveSection(report)}` : ''}
<div class="closing"><div class="signature"><span>制表人：${escapeHtml(report.preparedBy)}</span><span>审核人：${escapeHtml(report.reviewedBy)}</span><span>日期：${escapeHtml(report.generatedOn)}</span></div>
<p class="fingerprint">数字指纹（SHA-256）：${report.fingerprint}</p></div>`;
  const css = `${CSS}@page { @top-center { content: "${runningHeader(report)}"; font-size: 9pt; color: #333; } }`;
  const fileStem = `${report.scope.name}-${report.month}`;
  return { title, fileName: `月报-${fileStem}.pdf`, html: printPage({ title, body, css }) };
}
