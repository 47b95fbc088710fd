import type { StateCreator } from 'zustand';
import type { ApiClient, DataChanged } from '../../shared/contract/api-contract';
import type { LeaveFilter, LeaveItem } from '../../shared/leave-record';
import type { AppStore } from './app-store';

/**
 * 休假轮休: which tab the page shows, the 请休假 list for its filters, and a version the page's
 * other tabs (calendar, balances, 补休) reload on — bumped by any write of leave, duty, people or
 * calendars. The person's 休假 tab loads its own.
 */
export interface LeaveSlice {
  leaveTab: 'calendar' | 'records' | 'annual' | 'compensatory' | 'calendars';
  leaveFilter: LeaveFilter;
  leaveList: LeaveItem[] | null;
  leaveLoading: boolean;
  leaveError: string | null;
  /** Changes after every write that the leave pages show. */
  leaveVersion: number;
  setLeaveTab(tab: LeaveSlice['leaveTab']): void;
  setLeaveFilter(client: ApiClient, patch: Partial<LeaveFilter>): Promise<void>;
  loadLeave(client: ApiClient): Promise<void>;
  refreshLeaveFor(client: ApiClient, change: DataChanged): Promise<void>;
}

/** The tables the leave pages are computed from. */
const LEAVE_TABLES = new Set(['leave_record', 'duty_record', 'holiday_calendar', 'staff', 'setting', 'family_member', 'medical_event']);

export const createLeaveSlice: StateCreator<AppStore, [], [], LeaveSlice> = (set, get) => ({
  leaveTab: 'calendar',
  leaveFilter: {},
  leaveList: null,
  leaveLoading: false,
  leaveError: null,
  leaveVersion: 0,

  setLeaveTab(tab) {
    set({ leaveTab: tab });
  },

  async setLeaveFilter(client, patch) {
    set({ leaveFilter: { ...get().leaveFilter, ...patch } });
    await get().loadLeave(client);
  },

  async loadLeave(client) {
    const filter = get().leaveFilter;
    const year = filter.year ?? (Number(get().info?.today.slice(0, 4)) || undefined);
    set({ leaveLoading: true, leaveError: null });
    try {
      const list = await client.call('leave.list', { ...filter, year });
      set({ leaveList: list, leaveLoading: false });
    } catch (e) {
      set({ leaveError: (e as Error).message, leaveLoading: false });
    }
  },

  async refreshLeaveFor(client, change) {
    if (!change.tables.some((t) => LEAVE_TABLES.has(t))) return;
    set({ leaveVersion: get().leaveVersion + 1 });
    if (get().leaveList) await get().loadLeave(client);
  },
});
