import type { StateCreator } from 'zustand';
import type { ApiClient } from '../../shared/contract/api-contract';
import type { AccountStatus } from '../../shared/account-record';
import type { AppStore } from './app-store';

/** Who is signed in (账号), and whether the screen is locked. */
export interface AccountSlice {
  account: AccountStatus | null;
  loadAccount(client: ApiClient): Promise<void>;
  createFirstAdmin(client: ApiClient, name: string, password: string): Promise<void>;
  signIn(client: ApiClient, name: string, password: string): Promise<void>;
  signOut(client: ApiClient): Promise<void>;
  lockScreen(client: ApiClient): Promise<void>;
  /** The clerk is at the PC (input without calls): the server's session stays open; a session the server locked or ended shows its screen. */
  confirmPresence(client: ApiClient): Promise<void>;
  unlockScreen(client: ApiClient, password: string): Promise<void>;
  changePassword(client: ApiClient, current: string, next: string): Promise<void>;
}

export const createAccountSlice: StateCreator<AppStore, [], [], AccountSlice> = (set, get) => {
  /** After signing in or out, the frame's identity (经办人) follows the user. */
  const settle = async (client: ApiClient, account: AccountStatus) => {
    set({ account });
    if (account.user && !account.locked) await get().loadInfo(client);
  };
  return {
    account: null,
    async loadAccount(client) {
      set({ account: await client.call('account.status', {}) });
    },
    async createFirstAdmin(client, name, password) {
      await settle(client, await client.call('account.createFirstAdmin', { name, password }));
    },
    async signIn(client, name, password) {
      await settle(client, await client.call('account.signIn', { name, password }));
    },
    async signOut(client) {
      set({ account: await client.call('account.signOut', {}), page: 'dashboard' });
    },
    async lockScreen(client) {
      set({ account: await client.call('account.lock', {}) });
    },
    async confirmPresence(client) {
      const status = await client.call('account.status', {});
      const known = get().account;
      if (status.locked !== known?.locked || status.user?.name !== known?.user?.name) set({ account: status });
    },
    async unlockScreen(client, password) {
      set({ account: await client.call('account.unlock', { password }) });
    },
    async changePassword(client, current, next) {
      set({ account: await client.call('account.changePassword', { current, next }) });
    },
  };
};
