import type { StateCreator } from 'zustand';
import type { ApiClient, DataChanged } from '../../shared/contract/api-contract';
import type { AppInfo, StationSetupInput } from '../../shared/contract/app-contract';
import type { SettingsValues } from '../../shared/settings-catalog';
import type { AppStore } from './app-store';

/** Which page of the frame is open. */
export type PageKey = 'dashboard' | 'staff' | 'health' | 'leave' | 'visits' | 'reports' | 'sync' | 'audit' | 'backup' | 'settings';

/** The app's identity and navigation: loaded once, refreshed after setup. */
export interface SessionSlice {
  info: AppInfo | null;
  loadError: string | null;
  page: PageKey;
  settings: SettingsValues | null;
  loadInfo(client: ApiClient): Promise<void>;
  setupStation(client: ApiClient, input: StationSetupInput): Promise<void>;
  loadSettings(client: ApiClient): Promise<void>;
  saveSetting(client: ApiClient, key: keyof SettingsValues, value: unknown): Promise<void>;
  navigate(page: PageKey): void;
  /** The unit (station rows) or settings changed elsewhere: the frame's identity and settings reload. */
  refreshSessionFor(client: ApiClient, change: DataChanged): Promise<void>;
}

export const createSessionSlice: StateCreator<AppStore, [], [], SessionSlice> = (set, get) => ({
  async refreshSessionFor(client, change) {
    const work: Promise<void>[] = [];
    if (change.tables.includes('station') && get().info) work.push(get().loadInfo(client));
    if (change.tables.includes('setting') && get().settings) work.push(get().loadSettings(client).catch(() => undefined));
    await Promise.all(work);
  },
  info: null,
  loadError: null,
  page: 'dashboard',
  settings: null,
  async loadInfo(client) {
    try {
      set({ info: await client.call('app.info', {}), loadError: null });
    } catch (error) {
      set({ loadError: (error as Error).message });
    }
  },
  async setupStation(client, input) {
    await client.call('station.setup', input);
    set({ info: await client.call('app.info', {}), page: 'dashboard' });
  },
  async loadSettings(client) {
    set({ settings: await client.call('settings.get', {}) });
  },
  async saveSetting(client, key, value) {
    set({ settings: await client.call('settings.set', { key, value }) });
  },
  navigate(page) {
    set({ page });
  },
});
