import type { AccountRole } from '../../shared/account-record';
import { getMeta, writeMeta, type LedgerStore } from '../../db/ledger-store';
import { accountsExist, createAccount } from './account-store';

/** Meta key of the demo ledger's accounts, shown on its login screen (a demo ledger only). */
export const META_DEMO_ACCOUNTS = 'demo_accounts';

/** The demo's password: printed in the README and on the demo's login screen. Demo only. */
export const DEMO_PASSWORD = 'demo1234';

/** The demo ledger's accounts: one per role, only the 管理员 with the health permission. */
export const demoAccounts: { name: string; role: AccountRole; health: boolean }[] = [
  { name: '演示管理员', role: '管理员', health: true },
  { name: '演示录入员', role: '录入员', health: false },
  { name: '演示查看员', role: '查看', health: false },
];

/** Creates the demo accounts on a demo ledger that has none, and notes them for the login screen. */
export function seedDemoAccounts(store: LedgerStore): void {
  if (accountsExist(store)) return;
  for (const account of demoAccounts) createAccount(store, { ...account, password: DEMO_PASSWORD });
  writeMeta(store, META_DEMO_ACCOUNTS, JSON.stringify({ password: DEMO_PASSWORD, accounts: demoAccounts }));
}

/** The demo accounts and password for the login screen, or null on a real ledger. */
export function demoAccountsHint(store: LedgerStore): { password: string; accounts: typeof demoAccounts } | null {
  const text = getMeta(store, META_DEMO_ACCOUNTS);
  return text ? (JSON.parse(text) as { password: string; accounts: typeof demoAccounts }) : null;
}
