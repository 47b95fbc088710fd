import { createHash } from 'node:crypto';
import { chinaDateTimeOf } from '../../shared/china-date';
import { reportSectionTitles, type IssuedReport, type MonthlyReport, type ReportFigures } from '../../shared/monthly-report';
import type { LedgerStore } from '../../db/ledger-store';
import type { ReportIssueTable } from '../../db/report-schema';

/**
 * 月报签发记录: each issued report is kept — month, scope, who, when, and a fingerprint of its
 * numbers — so regenerating a past month shows whether the numbers changed since it was issued.
 *
 * Local, not synced (like 同步记录): issuing is this unit's own act on the numbers it computes; the
 * bureau receives the stations' records themselves and computes its own reports, and a station's
 * issue log would tell it nothing its bundles do not. The table is plain (db/report-schema.ts) and
 * written here only.
 */

/** The fingerprint of a report's numbers: SHA-256 of its figures and each station's, in the model's fixed key order. */
export function figuresFingerprint(figures: ReportFigures, stations: MonthlyReport['stations']): string {
  const numbers = { figures, stations: stations.map((s) => [s.code, s.figures]) };
  return createHash('sha256').update(JSON.stringify(numbers)).digest('hex');
}

/** The sections whose numbers differ between two figures (人员, 健康 …). */
function changedSections(issued: ReportFigures, now: ReportFigures): string[] {
  return (Object.keys(now) as (keyof ReportFigures)[])
    .filter((key) => JSON.stringify(issued[key]) !== JSON.stringify(now[key]))
    .map((key) => reportSectionTitles[key].replace(/^.、/, ''));
}

function toIssuedReport(row: ReportIssueTable, now: { fingerprint: string; figures: ReportFigures }): IssuedReport {
  const changed = row.fingerprint !== now.fingerprint;
  return {
    id: row.id,
    month: row.month,
    scopeCode: row.scope_code,
    issuedBy: row.issued_by,
    issuedAt: row.issued_at,
    fingerprint: row.fingerprint,
    changed,
    changedSections: changed ? changedSections(JSON.parse(row.figures_json) as ReportFigures, now.figures) : [],
  };
}

/** The issued copies of a month and scope, newest first, each compared with the numbers of now. */
export function issuedReports(store: LedgerStore, month: string, scopeCode: string, now: { fingerprint: string; figures: ReportFigures }): IssuedReport[] {
  const rows = store.sqlite
    .prepare('SELECT * FROM report_issue WHERE month = ? AND scope_code = ? ORDER BY issued_at DESC, id DESC')
    .all(month, scopeCode) as ReportIssueTable[];
  return rows.map((row) => toIssuedReport(row, now));
}

/** Records that a report was issued (签发) by `issuedBy`; returns the record. */
export function recordIssue(store: LedgerStore, report: MonthlyReport, issuedBy: string): IssuedReport {
  const row: ReportIssueTable = {
    id: store.newId(),
    month: report.month,
    scope_kind: report.scope.kind,
    scope_code: report.scope.code,
    issued_by: issuedBy,
    issued_at: chinaDateTimeOf(store.now()),
    fingerprint: report.fingerprint,
    figures_json: JSON.stringify(report.figures),
  };
  store.sqlite
    .prepare('INSERT INTO report_issue (id, month, scope_kind, scope_code, issued_by, issued_at, fingerprint, figures_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(row.id, row.month, row.scope_kind, row.scope_code, row.issued_by, row.issued_at, row.fingerprint, row.figures_json);
  return toIssuedReport(row, report);
}
