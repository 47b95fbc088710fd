import type { StateCreator } from 'zustand';
import type { ApiClient, DataChanged } from '../../shared/contract/api-contract';
import type { HealthOverview } from '../../shared/health-record';
import type { StaffCategoryName } from '../../shared/staff-record';
import type { AppStore } from './app-store';

/** The 健康管理 page's filters: a year (default this year) and categories (none: all). */
export interface HealthPageFilter {
  year: number | null;
  categories: StaffCategoryName[];
}

/**
 * 健康管理: the lists of the page (`health.overview`, the sensitive details) for its filters. The
 * person's 健康 tab loads its own (`health.person`); 工作台 only counts (`health.summary`).
 */
export interface HealthSlice {
  healthFilter: HealthPageFilter;
  healthOverview: HealthOverview | null;
  healthLoading: boolean;
  healthError: string | null;
  setHealthFilter(client: ApiClient, patch: Partial<HealthPageFilter>): Promise<void>;
  loadHealth(client: ApiClient): Promise<void>;
  /** Reloads the lists when a table they show changed (health records, people, settings). */
  refreshHealthFor(client: ApiClient, change: DataChanged): Promise<void>;
}

/** The tables the page's lists are computed from. */
const HEALTH_TABLES = new Set(['health_checkup', 'psych_screening', 'psych_intervention', 'medical_event', 'health_abnormal_item', 'staff', 'setting']);

export const createHealthSlice: StateCreator<AppStore, [], [], HealthSlice> = (set, get) => ({
  healthFilter: { year: null, categories: [] },
  healthOverview: null,
  healthLoading: false,
  healthError: null,

  async setHealthFilter(client, patch) {
    set({ healthFilter: { ...get().healthFilter, ...patch } });
    await get().loadHealth(client);
  },

  async loadHealth(client) {
    const { year, categories } = get().healthFilter;
    set({ healthLoading: true, healthError: null });
    try {
      const overview = await client.call('health.overview', { ...(year ? { year } : {}), categories });
      set({ healthOverview: overview, healthLoading: false });
    } catch (e) {
      set({ healthError: (e as Error).message, healthLoading: false });
    }
  },

  async refreshHealthFor(client, change) {
    if (get().healthOverview && change.tables.some((t) => HEALTH_TABLES.has(t))) await get().loadHealth(client);
  },
});
