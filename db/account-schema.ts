/**
 * Kysely interfaces of the accounts' local tables (not synced): see
 * db/migrations/2026-12-28-accounts.ts.
 */
export interface AccountTable {
  id: string;
  name: string;
  role: string;
  health: number;
  /** `scrypt$N$r$p$salt$hash` (base64 salt and hash). */
  password_hash: string;
  must_change_password: number;
  disabled_at: string | null;
  failed_sign_ins: number;
  paused_until: number | null;
  created_at: string;
  last_sign_in_at: string | null;
}

export interface AccountEventTable {
  id: number;
  at_ms: number;
  at: string;
  kind: string;
  user_name: string;
  staff_id: string | null;
  detail: string;
}

export interface AccountTables {
  account: AccountTable;
  account_event: AccountEventTable;
}
