/**
 * Kysely interface of the monthly report's local table (not synced): the reports this installation
 * issued (see db/migrations/2026-12-21-report-issue.ts).
 */
export interface ReportIssueTable {
  id: string;
  /** `YYYY-MM`. */
  month: string;
  scope_kind: 'station' | 'city';
  /** The station's code, or the bureau's for the city report. */
  scope_code: string;
  issued_by: string;
  /** China date-time `YYYY-MM-DD HH:mm:ss`. */
  issued_at: string;
  /** SHA-256 (hex) of the figures. */
  fingerprint: string;
  /** The figures as issued (JSON), to tell which sections changed since. */
  figures_json: string;
}

export interface ReportTables {
  report_issue: ReportIssueTable;
}
