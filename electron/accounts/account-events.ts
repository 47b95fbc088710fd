import { chinaDateTimeOf } from '../../shared/china-date';
import { accountEventLabels, type AccountEventItem, type AccountEventKind } from '../../shared/account-record';
import type { AccountEventTable } from '../../db/account-schema';
import type { LedgerStore } from '../../db/ledger-store';

/**
 * 登录与查阅记录 (local table `account_event`): sign-ins and failed ones, locks, password changes,
 * account changes, reads of people's health details, restores from 操作记录. Append-only.
 */
export function recordAccountEvent(store: LedgerStore, kind: AccountEventKind, userName: string, extra: { staffId?: string | null; detail?: string } = {}): void {
  const now = store.now();
  store.sqlite
    .prepare('INSERT INTO account_event (at_ms, at, kind, user_name, staff_id, detail) VALUES (?, ?, ?, ?, ?, ?)')
    .run(now, chinaDateTimeOf(now), kind, userName, extra.staffId ?? null, extra.detail ?? '');
}

/** Epoch ms of the start of a China date. */
function chinaDayStart(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

/** The events between two China dates (inclusive), newest first. */
export function listAccountEvents(store: LedgerStore, filter: { from?: string; to?: string; limit: number }): AccountEventItem[] {
  const from = filter.from ? chinaDayStart(filter.from) : Number.MIN_SAFE_INTEGER;
  const to = filter.to ? chinaDayStart(filter.to) + 86_400_000 : Number.MAX_SAFE_INTEGER;
  const rows = store.sqlite
    .prepare(
      `SELECT e.*, s.name AS person_name FROM account_event e LEFT JOIN staff s ON s.id = e.staff_id
       WHERE e.at_ms >= ? AND e.at_ms < ? ORDER BY e.at_ms DESC, e.id DESC LIMIT ?`,
    )
    .all(from, to, filter.limit) as (AccountEventTable & { person_name: string | null })[];
  return rows.map((row) => ({
    at: row.at,
    kind: row.kind as AccountEventKind,
    label: accountEventLabels[row.kind as AccountEventKind] ?? row.kind,
    userName: row.user_name,
    personName: row.person_name,
    detail: row.detail,
  }));
}
