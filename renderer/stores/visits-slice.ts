import type { StateCreator } from 'zustand';
import type { ApiClient, DataChanged } from '../../shared/contract/api-contract';
import type { FestivalName } from '../../shared/festival-dates';
import type { FundingSource, VisitKind, VisitList } from '../../shared/visit-record';
import type { AppStore } from './app-store';

/** The 慰问记录 page's filters (each optional; no year: this year). */
export interface VisitsPageFilter {
  kind?: VisitKind;
  year: number | null;
  month?: number;
  funding?: FundingSource;
  staffId?: string;
}

/**
 * 慰问记录: the list of the page for its filters, and which tab and festival the page shows (工作台's
 * reminders open the festival's coverage directly). The person's 慰问 tab loads its own.
 */
export interface VisitsSlice {
  visitsFilter: VisitsPageFilter;
  visitList: VisitList | null;
  visitsLoading: boolean;
  visitsError: string | null;
  visitsTab: 'list' | 'coverage' | 'standards' | 'budget';
  coverageFestival: { name: FestivalName; year: number } | null;
  setVisitsFilter(client: ApiClient, patch: Partial<VisitsPageFilter>): Promise<void>;
  loadVisits(client: ApiClient): Promise<void>;
  setVisitsTab(tab: VisitsSlice['visitsTab']): void;
  /** Opens 慰问记录 on a festival's coverage (from a reminder). */
  openCoverage(festival: { name: FestivalName; year: number }): void;
  refreshVisitsFor(client: ApiClient, change: DataChanged): Promise<void>;
}

/** The tables the list is computed from. */
const VISIT_TABLES = new Set(['welfare_visit', 'staff', 'family_member', 'medical_event']);

export const createVisitsSlice: StateCreator<AppStore, [], [], VisitsSlice> = (set, get) => ({
  visitsFilter: { year: null },
  visitList: null,
  visitsLoading: false,
  visitsError: null,
  visitsTab: 'list',
  coverageFestival: null,

  async setVisitsFilter(client, patch) {
    set({ visitsFilter: { ...get().visitsFilter, ...patch } });
    await get().loadVisits(client);
  },

  async loadVisits(client) {
    const { year, ...rest } = get().visitsFilter;
    const thisYear = Number(get().info?.today.slice(0, 4)) || undefined;
    set({ visitsLoading: true, visitsError: null });
    try {
      const list = await client.call('visits.list', { ...rest, year: year ?? thisYear });
      set({ visitList: list, visitsLoading: false });
    } catch (e) {
      set({ visitsError: (e as Error).message, visitsLoading: false });
    }
  },

  setVisitsTab(tab) {
    set({ visitsTab: tab });
  },

  openCoverage(festival) {
    set({ coverageFestival: festival, visitsTab: 'coverage', page: 'visits' });
  },

  async refreshVisitsFor(client, change) {
    if (get().visitList && change.tables.some((t) => VISIT_TABLES.has(t))) await get().loadVisits(client);
  },
});
