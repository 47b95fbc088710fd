import ExcelJS from 'exceljs';
import { displayFieldValue } from '../../shared/synced-table-definition';
import type { CoverageCount, HealthExportList, HealthFilter, HealthOverview } from '../../shared/health-record';
import type { FileDownload } from '../../shared/staff-record';
import type { AppDeps } from '../app-deps';
import { styleHeaderRow } from '../staff/roster-template';
import { healthOverview } from './health-queries';

/**
 * 导出 Excel of each list of the 健康管理 page, with the page's filters: one sheet, a title row
 * naming the list, the year and the day it was made, then the list as the page shows it.
 */

interface ExportColumn<R> {
  header: string;
  width: number;
  value(row: R): string | number | null;
}

interface ExportSpec<R> {
  title: string;
  rows(overview: HealthOverview): R[];
  columns: ExportColumn<R>[];
}

const yesNo = (v: boolean) => (v ? '是' : '否');
const money = (fen: number | null) => (fen === null ? '' : displayFieldValue(fen, { display: 'money' }));
const person = <R extends { name: string; idNumber: string; category: string }>(): ExportColumn<R>[] => [
  { header: '姓名', width: 10, value: (r) => r.name },
  { header: '人员类别', width: 9, value: (r) => r.category },
  { header: '身份证号', width: 21, value: (r) => r.idNumber },
];

type Rows<L extends HealthExportList> = HealthOverview[L] extends (infer R)[] ? R : CoverageCount & { category: string };

const specs: { [L in HealthExportList]: ExportSpec<Rows<L>> } = {
  coverage: {
    title: '体检覆盖率',
    rows: (o) => [...o.coverage.categories, { category: '合计', ...o.coverage.total }],
    columns: [
      { header: '人员类别', width: 10, value: (r) => r.category },
      { header: '在职人数', width: 10, value: (r) => r.active },
      { header: '已体检', width: 10, value: (r) => r.checked },
      { header: '覆盖率（%）', width: 12, value: (r) => r.percent },
    ],
  },
  overdueCheckups: {
    title: '体检逾期名单',
    rows: (o) => o.overdueCheckups,
    columns: [...person(), { header: '逾期天数', width: 9, value: (r) => r.daysOverdue }, { header: '上次体检', width: 12, value: (r) => r.lastCheckupDate }],
  },
  followUps: {
    title: '待复查名单',
    rows: (o) => o.followUps,
    columns: [
      ...person(),
      { header: '体检日期', width: 12, value: (r) => r.checkupDate },
      { header: '结论', width: 11, value: (r) => r.conclusion },
      { header: '异常项目', width: 30, value: (r) => r.abnormalItems.join('、') },
      { header: '复查截止日期', width: 13, value: (r) => r.followUpDue ?? '未定' },
      { header: '逾期天数', width: 9, value: (r) => (r.overdue ? r.daysOverdue : '') },
    ],
  },
  abnormalRanking: {
    title: '体检异常项目排行',
    rows: (o) => o.abnormalRanking,
    columns: [
      { header: '异常项目', width: 18, value: (r) => r.item },
      { header: '人次', width: 8, value: (r) => r.count },
    ],
  },
  watch: {
    title: '心理重点关注名单',
    rows: (o) => o.watch,
    columns: [
      ...person(),
      { header: '等级', width: 6, value: (r) => r.level },
      { header: '普测日期', width: 12, value: (r) => r.screeningDate },
      { header: '干预截止', width: 12, value: (r) => r.interventionDue },
      { header: '干预次数', width: 9, value: (r) => r.sessions },
      { header: '最近干预', width: 12, value: (r) => r.lastSessionDate },
      { header: '下次干预', width: 12, value: (r) => r.nextSessionDate },
      { header: '逾期未干预（天）', width: 14, value: (r) => (r.overdue ? r.daysOverdue : '') },
    ],
  },
  interventions: {
    title: '一对一心理干预记录',
    rows: (o) => o.interventions,
    columns: [
      ...person(),
      { header: '干预日期', width: 12, value: (r) => r.date },
      { header: '方式', width: 6, value: (r) => r.form },
      { header: '干预人', width: 10, value: (r) => r.counsellor },
      { header: '干预情况', width: 36, value: (r) => r.summary },
      { header: '下次干预', width: 12, value: (r) => r.nextDate },
    ],
  },
  inHospital: {
    title: '在院人员',
    rows: (o) => o.inHospital,
    columns: [
      ...person(),
      { header: '医院', width: 18, value: (r) => r.hospital },
      { header: '入院日期', width: 12, value: (r) => r.startDate },
      { header: '住院天数', width: 9, value: (r) => r.days },
      { header: '绿色通道', width: 9, value: (r) => yesNo(r.greenChannel) },
      { header: '诊断', width: 24, value: (r) => r.diagnosis },
    ],
  },
  injuries: {
    title: '因公负伤',
    rows: (o) => o.injuries,
    columns: [
      ...person(),
      { header: '医院', width: 18, value: (r) => r.hospital },
      { header: '开始日期', width: 12, value: (r) => r.startDate },
      { header: '结束日期', width: 12, value: (r) => r.endDate },
      { header: '诊断', width: 24, value: (r) => r.diagnosis },
      { header: '强制休息', width: 9, value: (r) => yesNo(r.forcedRest) },
    ],
  },
  reimbursementsPending: {
    title: '待报销医疗费用',
    rows: (o) => o.reimbursementsPending,
    columns: [
      ...person(),
      { header: '类别', width: 9, value: (r) => r.kind },
      { header: '医院', width: 18, value: (r) => r.hospital },
      { header: '开始日期', width: 12, value: (r) => r.startDate },
      { header: '报销状态', width: 9, value: (r) => r.reimbursement },
      { header: '金额', width: 12, value: (r) => money(r.reimbursedFen) },
    ],
  },
};

/** Writes one list of the 健康管理 page (with the page's filters) as an .xlsx file. */
export async function exportHealthList(deps: AppDeps, filter: HealthFilter & { list: HealthExportList }): Promise<FileDownload> {
  const overview = healthOverview(deps, filter);
  const spec = specs[filter.list] as ExportSpec<unknown>;
  const rows = spec.rows(overview);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(spec.title);
  const scope = filter.categories && filter.categories.length > 0 ? `（${filter.categories.join('、')}）` : '';
  sheet.getCell(1, 1).value = `${spec.title} · ${overview.year}年${scope} · 制表日期 ${overview.today}`;
  sheet.getCell(1, 1).font = { bold: true, size: 13 };
  sheet.getRow(2).values = spec.columns.map((c) => c.header);
  styleHeaderRow(sheet.getRow(2));
  spec.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  for (const row of rows) sheet.addRow(spec.columns.map((c) => c.value(row) ?? ''));
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `${spec.title}-${overview.year}-${overview.today}.xlsx`, bytesBase64: buffer.toString('base64'), rowCount: rows.length };
}
