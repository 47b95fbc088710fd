import { politicalStatusOf } from '../../shared/staff-statistics';
import { rosterFlagLabels, staffStatuses, type RosterFilter, type StaffListItem } from '../../shared/staff-record';
import type { PrintableDocument } from '../../shared/visit-record';
import { escapeHtml, printPage } from '../print/print-document';
import type { ListColumn } from './station-list-columns';

/**
 * The printed 花名册: the roster exactly as the roster page shows it (its filter, its order) on A4
 * landscape through the print path of every printed document — the unit and the filter at the top,
 * the table's header repeated on every page, rows kept whole, 「第 N 页 共 M 页」 at the bottom,
 * 制表人 / 审核人 and the date at the end. Ages, years of work and 政治面貌 are the roster's own
 * derived values (shared/), never computed again.
 */

/** 职级 of a 民警 or 职工; 层级 and 星级 of a 辅警. */
function rankOf(p: StaffListItem): string {
  if (p.category !== '辅警') return p.rank ?? '';
  return [p.auxLevel !== null ? `${p.auxLevel}级` : '', p.starRating !== null ? `${p.starRating}星` : ''].filter(Boolean).join(' ');
}

const baseColumns: ListColumn<StaffListItem>[] = [
  { header: '序号', width: 8, excelWidth: 6, value: (_p, i) => i + 1, align: 'center' },
  { header: '姓名', width: 15, excelWidth: 10, value: (p) => p.name, align: 'center' },
  { header: '性别', width: 9, excelWidth: 6, value: (p) => p.gender, align: 'center' },
  { header: '类别', width: 9, excelWidth: 7, value: (p) => p.category, align: 'center' },
  { header: '身份证号', width: 33, excelWidth: 21, value: (p) => p.idNumber, align: 'center' },
  { header: '出生日期', width: 19, excelWidth: 12, value: (p) => p.birthDate, align: 'center' },
  { header: '年龄', width: 9, excelWidth: 6, value: (p) => p.age, align: 'center' },
  { header: '民族', width: 10, excelWidth: 8, value: (p) => p.ethnicity ?? '', align: 'center' },
  { header: '学历', width: 14, excelWidth: 10, value: (p) => p.education ?? '', align: 'center' },
  { header: '政治面貌', width: 14, excelWidth: 10, value: (p) => politicalStatusOf(p), align: 'center' },
  { header: '参加工作时间', width: 19, excelWidth: 13, value: (p) => p.workStartDate ?? '', align: 'center' },
  { header: '工龄', width: 9, excelWidth: 6, value: (p) => p.workYears, align: 'center' },
  { header: '岗位', width: 21, excelWidth: 12, value: (p) => p.position ?? '' },
  { header: '职级/层级', width: 16, excelWidth: 11, value: rankOf, align: 'center' },
  { header: '警号/编号', width: 14, excelWidth: 11, value: (p) => p.badgeNo ?? '', align: 'center' },
  { header: '联系电话', width: 21, excelWidth: 14, value: (p) => p.phone ?? '', align: 'center' },
];

const statusColumn: ListColumn<StaffListItem> = { header: '状态', width: 10, excelWidth: 7, value: (p) => p.status, align: 'center' };
const stationColumn: ListColumn<StaffListItem> = { header: '所属单位', width: 20, excelWidth: 16, value: (p) => p.stationName ?? '' };

/** The 花名册's columns for these people: 状态 when they are not all 在职, 所属单位 when they span stations. */
export function rosterSheetColumns(people: readonly StaffListItem[]): ListColumn<StaffListItem>[] {
  const manyStatuses = people.some((p) => p.status !== '在职');
  const manyStations = new Set(people.map((p) => p.stationId)).size > 1;
  return [...baseColumns, ...(manyStatuses ? [statusColumn] : []), ...(manyStations ? [stationColumn] : [])];
}

/** The filter in words: 在职 · 民警、辅警 · 党员 · 搜索「张」. */
export function describeRosterFilter(filter: RosterFilter, stationNames: ReadonlyMap<string, string>): string {
  const parts = [
    filter.statuses === undefined ? '在职' : filter.statuses.length === 0 || filter.statuses.length === staffStatuses.length ? '全部状态' : filter.statuses.join('、'),
    filter.categories?.length ? filter.categories.join('、') : '',
    filter.positions?.length ? `岗位：${filter.positions.join('、')}` : '',
    filter.flags?.length ? filter.flags.map((f) => rosterFlagLabels[f]).join('、') : '',
    filter.stationCodes?.length ? filter.stationCodes.map((c) => stationNames.get(c) ?? c).join('、') : '',
    filter.search ? `搜索「${filter.search}」` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

const CSS = `
table.roster { font-size: 8.6pt; }
table.roster th, table.roster td { padding: 1mm 0.8mm; line-height: 1.3; }
table.roster th { font-size: 8.6pt; }
h1 { font-size: 16pt; }
.subtitle { margin-bottom: 3mm; font-size: 10pt; }
`;

/** The 花名册 of these people (already filtered and ordered) as a printable A4 landscape page. */
export function rosterSheetDocument(people: readonly StaffListItem[], options: { unitName: string; filterText: string; today: string; preparedBy: string; reviewedBy: string }): PrintableDocument {
  const columns = rosterSheetColumns(people);
  const total = columns.reduce((n, c) => n + c.width, 0);
  const cols = columns.map((c) => `<col style="width:${((c.width * 100) / total).toFixed(2)}%">`).join('');
  const head = columns.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('');
  const rows = people.map((p, i) => `<tr>${columns.map((c) => `<td class="${c.align ?? ''}">${escapeHtml(c.value(p, i))}</td>`).join('')}</tr>`).join('\n');
  const title = `${options.unitName}花名册`;
  const body = `
<h1>${escapeHtml(title)}</h1>
<p class="subtitle">${escapeHtml(options.filterText)}&emsp;共 ${people.length} 人&emsp;&emsp;制表日期：${escapeHtml(options.today)}</p>
${people.length === 0 ? '<p>没有符合筛选条件的人员。</p>' : `<table class="grid roster"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`}
<div class="footer"><span>制表人：${escapeHtml(options.preparedBy)}</span><span>审核人：${escapeHtml(options.reviewedBy)}</span><span>日期：${escapeHtml(options.today)}</span></div>`;
  const css = `${CSS}@page { @top-center { content: "${title.replace(/["\\]/g, '')}（${options.today}）"; font-size: 9pt; color: #333; } }`;
  return { title, fileName: `花名册-${options.unitName}-${options.today}.pdf`, html: printPage({ title, body, css, orientation: 'landscape' }) };
}
