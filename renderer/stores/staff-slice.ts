import type { StateCreator } from 'zustand';
import type { ApiClient, ArgsOf, DataChanged, MethodName } from '../../shared/contract/api-contract';
import type { StaffTransferInput } from '../../shared/contract/sync-contract';
import type {
  ChangeHistoryEntry,
  RosterFilter,
  StaffDetail,
  StaffInput,
  StaffListItem,
  StatusChangeInput,
} from '../../shared/staff-record';
import type { AppStore } from './app-store';
import { personTableDefinitions } from '../../shared/synced-table-catalog';

/**
 * A kind of person record by the prefix of its calls (`family.save` / `family.delete` …): one
 * save and one delete action serve them all. Every prefix of the contract with both calls but
 * `staff` itself, so a new kind's calls are enough.
 */
export type PersonRecordCallPrefix = Exclude<
  { [M in MethodName]: M extends `${infer P}.save` ? (`${P}.delete` extends MethodName ? P : never) : never }[MethodName],
  'staff'
>;

/** The roster page's default view: active staff only (DOMAIN.md: retired and deceased stay in the ledger). */
export const defaultRosterFilter: RosterFilter = { statuses: ['在职'] };

/**
 * 人员档案: the whole roster (filtered in the renderer, instant on 5,000 rows), the page's filter,
 * and the person open in the detail drawer with their family, honours and change history.
 */
export interface StaffSlice {
  roster: StaffListItem[];
  /** False until the first `staff.list` has answered. */
  rosterLoaded: boolean;
  rosterLoading: boolean;
  rosterError: string | null;
  rosterFilter: RosterFilter;
  /** The person whose detail drawer is open. */
  selectedStaffId: string | null;
  staffDetail: StaffDetail | null;
  staffHistory: ChangeHistoryEntry[];
  detailLoading: boolean;
  detailError: string | null;

  setRosterFilter(patch: Partial<RosterFilter>): void;
  resetRosterFilter(): void;
  loadRoster(client: ApiClient): Promise<void>;
  /** Opens the detail drawer on a person and loads their record. */
  openStaff(client: ApiClient, id: string): Promise<void>;
  closeStaff(): void;
  /** Loads a person's record; `quiet` (a refresh after a write elsewhere) shows no loading state. */
  loadDetail(client: ApiClient, id: string, quiet?: boolean): Promise<void>;
  /** Creates or updates a person; refreshes the roster and the open detail. */
  saveStaff(client: ApiClient, input: StaffInput): Promise<StaffListItem>;
  changeStaffStatus(client: ApiClient, input: StatusChangeInput): Promise<StaffListItem>;
  /** Bureau: 调动 — moves a person to another of its stations; refreshes the roster and the open detail. */
  transferStaff(client: ApiClient, input: StaffTransferInput): Promise<StaffListItem>;
  /** Deletes a person entered by mistake and closes their drawer. */
  deleteStaff(client: ApiClient, id: string): Promise<void>;
  /** Adds or edits a person record (家属, 表彰 …); refreshes the open detail. */
  savePersonRecord<K extends PersonRecordCallPrefix>(client: ApiClient, kind: K, input: ArgsOf<`${K}.save`>): Promise<void>;
  /** Deletes a person record; refreshes the open detail. */
  deletePersonRecord(client: ApiClient, kind: PersonRecordCallPrefix, id: string): Promise<void>;
  /**
   * A write elsewhere (the CLI, another window, a bundle import): reloads the roster when people
   * changed and the open person's record when any of the person's tables did — nothing else.
   */
  refreshStaffFor(client: ApiClient, change: DataChanged): Promise<void>;
}

/** The tables the roster list shows. */
const ROSTER_TABLES = ['staff', 'station'];
/** The tables of a person's detail drawer: the person's and every person-owned table (from the definitions). */
const DETAIL_TABLES = ['staff', ...personTableDefinitions().map((definition) => definition.name)];

export const createStaffSlice: StateCreator<AppStore, [], [], StaffSlice> = (set, get) => {
  /** Reloads the roster and, when a drawer is open, that person's record (after any change). */
  async function refresh(client: ApiClient): Promise<void> {
    const id = get().selectedStaffId;
    await Promise.all([get().loadRoster(client), id ? get().loadDetail(client, id) : Promise.resolve()]);
  }

  /** Reloads only the open person's record (a family member or honour changed, not the list). */
  async function refreshDetail(client: ApiClient): Promise<void> {
    const id = get().selectedStaffId;
    if (id) await get().loadDetail(client, id);
  }

  /**
   * Writes of this window, in flight: their own refresh follows them, so the `data.changed` they
   * cause is not loaded a second time.
   */
  let ownWrites = 0;
  /** Until then a `data.changed` is taken as the echo of this window's last write (web mode's event stream may lag its reply). */
  let echoUntil = 0;
  const ECHO_MS = 1500;
  async function ownWrite<T>(work: () => Promise<T>): Promise<T> {
    ownWrites += 1;
    try {
      return await work();
    } finally {
      ownWrites -= 1;
      echoUntil = Date.now() + ECHO_MS;
    }
  }

  return {
    roster: [],
    rosterLoaded: false,
    rosterLoading: false,
    rosterError: null,
    rosterFilter: defaultRosterFilter,
    selectedStaffId: null,
    staffDetail: null,
    staffHistory: [],
    detailLoading: false,
    detailError: null,

    setRosterFilter(patch) {
      set({ rosterFilter: { ...get().rosterFilter, ...patch } });
    },
    resetRosterFilter() {
      set({ rosterFilter: defaultRosterFilter });
    },

    async loadRoster(client) {
      set({ rosterLoading: true });
      try {
        const roster = await client.call('staff.list', {});
        set({ roster, rosterLoaded: true, rosterLoading: false, rosterError: null });
      } catch (error) {
        set({ rosterLoading: false, rosterError: (error as Error).message });
      }
    },

    async openStaff(client, id) {
      set({ selectedStaffId: id, staffDetail: null, staffHistory: [], detailError: null });
      await get().loadDetail(client, id);
    },

    closeStaff() {
      set({ selectedStaffId: null, staffDetail: null, staffHistory: [], detailError: null });
    },

    async loadDetail(client, id, quiet = false) {
      if (!quiet) set({ detailLoading: true });
      try {
        const [detail, history] = await Promise.all([client.call('staff.get', { id }), client.call('staff.history', { id })]);
        // A late answer for a drawer the clerk has already closed or switched is dropped.
        if (get().selectedStaffId !== id) return;
        set({ staffDetail: detail, staffHistory: history, detailLoading: false, detailError: null });
      } catch (error) {
        if (get().selectedStaffId === id) set({ detailLoading: false, detailError: (error as Error).message });
      }
    },

    async saveStaff(client, input) {
      return ownWrite(async () => {
        const saved = await client.call('staff.save', input);
        await refresh(client);
        return saved;
      });
    },

    async changeStaffStatus(client, input) {
      return ownWrite(async () => {
        const saved = await client.call('staff.changeStatus', input);
        await refresh(client);
        return saved;
      });
    },

    async transferStaff(client, input) {
      return ownWrite(async () => {
        const moved = await client.call('sync.transferStaff', input);
        await refresh(client);
        return moved;
      });
    },

    async deleteStaff(client, id) {
      await ownWrite(async () => {
        await client.call('staff.delete', { id });
        if (get().selectedStaffId === id) get().closeStaff();
        await get().loadRoster(client);
      });
    },

    // A person record changes no roster row: only the open detail is reloaded.
    async savePersonRecord(client, kind, input) {
      await ownWrite(async () => {
        await client.call(`${kind}.save`, input);
        await refreshDetail(client);
      });
    },

    async deletePersonRecord(client, kind, id) {
      await ownWrite(async () => {
        await client.call(`${kind}.delete`, { id });
        await refreshDetail(client);
      });
    },

    async refreshStaffFor(client, change) {
      if (ownWrites > 0 || Date.now() < echoUntil) return;
      const touched = (tables: string[]) => change.tables.some((table) => tables.includes(table));
      const id = get().selectedStaffId;
      await Promise.all([
        get().rosterLoaded && touched(ROSTER_TABLES) ? get().loadRoster(client) : Promise.resolve(),
        id && touched(DETAIL_TABLES) ? get().loadDetail(client, id, true) : Promise.resolve(),
      ]);
    },
  };
};
