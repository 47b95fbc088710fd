import ExcelJS from 'exceljs';
import type { AuditEntry, AuditFilter } from '../../shared/audit-record';
import type { FileDownload } from '../../shared/staff-record';
import { todayOf, type AppDeps } from '../app-deps';
import { styleHeaderRow } from '../staff/roster-template';
import { auditPage } from './audit-trail';

/** The most rows one export writes (newest first); a longer trail is exported a date range at a time. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

const columns: { header: string; width: number; value(entry: AuditEntry): string }[] = [
  { header: '时间', width: 19, value: (e) => e.at },
  { header: '用户', width: 12, value: (e) => e.userName },
  { header: '来自单位', width: 14, value: (e) => e.origin ?? '本机' },
  { header: '数据表', width: 10, value: (e) => e.tableLabel },
  { header: '记录', width: 22, value: (e) => e.record },
  { header: '人员', width: 10, value: (e) => e.personName ?? '' },
  { header: '操作', width: 6, value: (e) => e.action },
  { header: '项目', width: 14, value: (e) => e.field },
  { header: '原值', width: 24, value: (e) => e.from },
  { header: '新值', width: 24, value: (e) => e.to },
];

/** 导出 Excel of 操作记录 with the page's filters: a title row, then every change, newest first. */
export async function exportAuditTrail(deps: AppDeps, filter: Omit<AuditFilter, 'before' | 'limit'>): Promise<FileDownload> {
  const entries: AuditEntry[] = [];
  let before: string | undefined;
  do {
    const page = auditPage(deps, { ...filter, before, limit: 2000 });
    entries.push(...page.entries);
    before = page.next ?? undefined;
  } while (before && entries.length < AUDIT_EXPORT_MAX_ROWS);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('操作记录');
  const today = todayOf(deps);
  const scope = [filter.userName && `用户 ${filter.userName}`, filter.table && entries[0]?.tableLabel, filter.person && `人员 ${filter.person}`, (filter.from || filter.to) && `${filter.from ?? '…'} 至 ${filter.to ?? '…'}`]
    .filter(Boolean)
    .join('，');
  sheet.getCell(1, 1).value = `操作记录${scope ? `（${scope}）` : ''} · 导出人 ${deps.caller.name || '本机'} · 导出日期 ${today}`;
  sheet.getCell(1, 1).font = { bold: true, size: 13 };
  sheet.getRow(2).values = columns.map((c) => c.header);
  styleHeaderRow(sheet.getRow(2));
  columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  for (const entry of entries.slice(0, AUDIT_EXPORT_MAX_ROWS)) sheet.addRow(columns.map((c) => c.value(entry)));
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `操作记录-${today}.xlsx`, bytesBase64: buffer.toString('base64'), rowCount: Math.min(entries.length, AUDIT_EXPORT_MAX_ROWS) };
}
