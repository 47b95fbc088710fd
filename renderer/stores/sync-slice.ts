import type { StateCreator } from 'zustand';
import type { ApiClient, DataChanged } from '../../shared/contract/api-contract';
import type { StationInfo } from '../../shared/contract/app-contract';
import { commonErrorCodes } from '../../shared/contract/api-error';
import type { FileDownload } from '../../shared/staff-record';
import type {
  BundleExport,
  BundleImportSummary,
  ClockRepairResult,
  ClockStatus,
  SetupFilePreview,
  SyncConflictItem,
  SyncHistoryEntry,
  SyncStatus,
  WithheldChange,
} from '../../shared/sync-record';
import type { PickedFile } from '../api/file-transfer';
import type { AppStore } from './app-store';

/** A refusal as the main process returned it: the stable code and the clerk's Chinese message. */
export interface SyncFailure {
  code: string;
  message: string;
}

/** One picked bundle on its way through the import: dry run, then the real import. */
export interface SyncImportItem {
  fileName: string;
  bytesBase64: string;
  /** The dry run's answer (what would change), when the file passed every check. */
  preview: BundleImportSummary | null;
  /** Why the file was refused at the dry run or at the import; nothing of it was imported. */
  error: SyncFailure | null;
  /** What the real import did. */
  result: BundleImportSummary | null;
  /**
   * The name of an earlier file of the same batch with the very same content (a file picked twice,
   * or a copy): this one is neither checked nor imported again, and counted once.
   */
  duplicateOf?: string;
}

/**
 * Where the import is: `checking` dry-runs the picked files one by one, `preview` waits for the
 * clerk's 确认导入, `applying` imports the good ones one by one, `done` shows the summaries.
 */
export type SyncImportStage = 'idle' | 'checking' | 'preview' | 'applying' | 'done';

export interface SyncImportProgress {
  done: number;
  total: number;
}

/** The long job running now (one file's check or import), as its `task.progress` reports it. */
export interface SyncTask {
  taskId: string;
  label: string;
  done: number;
  total: number;
  /** The clerk asked to stop: the job rolls back and ends with TASK_CANCELLED. */
  cancelling: boolean;
}

let taskCounter = 0;
/** A task id for one long call of this window. */
function newTaskId(): string {
  taskCounter += 1;
  return `sync-${Date.now().toString(36)}-${taskCounter}`;
}

/**
 * 数据同步: this installation's peers (status), the history of bundles, the conflicts and the
 * withheld changes to review, the import in progress (picked files → dry run → confirm → summaries),
 * and whether this PC's date looks wrong (the frame's banner).
 */
export interface SyncSlice {
  syncStatus: SyncStatus | null;
  syncHistory: SyncHistoryEntry[];
  syncConflicts: SyncConflictItem[];
  /** 未导入的修改: changes of imported bundles that were rejected or are held, not dismissed. */
  syncWithheld: WithheldChange[];
  /** Whether the conflict list includes the ones already resolved. */
  syncShowResolved: boolean;
  syncLoading: boolean;
  syncError: string | null;

  syncImportStage: SyncImportStage;
  syncImportItems: SyncImportItem[];
  syncImportProgress: SyncImportProgress;
  /** The check or import running now, with its count (null between files). */
  syncTask: SyncTask | null;
  /** Stops the running check or import: nothing of that file is written, the rest are not started. */
  cancelSyncTask(client: ApiClient): Promise<void>;

  /** This PC's clock against the ledger's; null until first checked. */
  clockStatus: ClockStatus | null;

  /** Loads status, history, conflicts, withheld changes and the clock together (the page's refresh). */
  loadSync(client: ApiClient): Promise<void>;
  /**
   * The sync page opens: held changes whose time has come are applied (`sync.releaseHeld`), then
   * everything is loaded. Resolves with how many were released (0 when that call failed).
   */
  openSync(client: ApiClient): Promise<number>;
  /** Rejected: 已知悉，移出列表; held: 放弃 (never applied later). Refreshes the page. */
  dismissWithheld(client: ApiClient, ids: string[]): Promise<number>;
  /** Asks whether this PC's date looks wrong (at start, after imports, after a refused write). */
  loadClockStatus(client: ApiClient): Promise<void>;
  /** 「以电脑当前时间为准」: re-dates this PC's wrong-dated edits to now. */
  repairClock(client: ApiClient): Promise<ClockRepairResult>;
  /** Loads the status alone (parent and children), e.g. for the 调动 dialog's list of stations. */
  loadSyncStatus(client: ApiClient): Promise<void>;
  loadSyncConflicts(client: ApiClient, includeResolved?: boolean): Promise<void>;
  /** Writes a bundle for one peer; refreshes status and history. */
  exportBundle(client: ApiClient, peerCode: string): Promise<BundleExport>;
  /** Bureau: a bundle for every registered station. */
  exportAllBundles(client: ApiClient): Promise<BundleExport[]>;
  /** Dry-runs each picked file, one after the other, and opens the combined preview. */
  checkImportFiles(client: ApiClient, files: PickedFile[]): Promise<void>;
  /** Imports every file that passed the dry run; refreshes status, history and conflicts. */
  applyImportFiles(client: ApiClient): Promise<void>;
  /** Closes the preview or the summaries. */
  closeImport(): void;
  resolveSyncConflict(client: ApiClient, id: string, keep: 'current' | 'other'): Promise<SyncConflictItem>;
  /** Bureau: issues a station's one-time setup file (re-issuing voids the old one; no role keeps the unit's). */
  openSyncStation(client: ApiClient, input: { code: string; name: string; role?: 'station' | 'bureau'; reissue?: boolean }): Promise<FileDownload>;
  /** Reads a setup file without writing anything. */
  previewSetupFile(client: ApiClient, file: PickedFile): Promise<SetupFilePreview>;
  /** An installation already in use registers its parent's setup file. */
  joinSyncParent(client: ApiClient, file: PickedFile): Promise<SyncStatus>;
  /** First run from a setup file; then reloads the app's info as the setup wizard does. */
  setupFromFile(client: ApiClient, file: PickedFile, operatorName?: string): Promise<StationInfo>;
  /** A write anywhere changes what is waiting to be sent: the open sync page's counts reload. */
  refreshSyncFor(client: ApiClient, change: DataChanged): Promise<void>;
}

/** The code and message of a failed call (an `ApiCallError` carries both). */
export function syncFailureOf(error: unknown): SyncFailure {
  const e = error as { code?: unknown; message?: unknown };
  return { code: typeof e?.code === 'string' ? e.code : commonErrorCodes.internal, message: typeof e?.message === 'string' ? e.message : String(error) };
}

/** Lets the browser paint (spinner, progress) between long calls so the window never looks frozen. */
function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs one long call under a fresh task id, mirroring its `task.progress` into `syncTask`. */
async function asTask<T>(client: ApiClient, set: (patch: Partial<SyncSlice>) => void, label: string, call: (taskId: string) => Promise<T>): Promise<T> {
  const taskId = newTaskId();
  set({ syncTask: { taskId, label, done: 0, total: 0, cancelling: false } });
  const unsubscribe = client.on?.('task.progress', (payload) => {
    const progress = payload as { taskId?: string; label?: string; done?: number; total?: number };
    if (progress.taskId !== taskId) return;
    set({ syncTask: { taskId, label: progress.label ?? label, done: progress.done ?? 0, total: progress.total ?? 0, cancelling: false } });
  });
  try {
    return await call(taskId);
  } finally {
    unsubscribe?.();
    set({ syncTask: null });
  }
}

/** Whether a failure is the clerk's own cancel. */
function cancelled(error: unknown): boolean {
  return (error as { code?: unknown })?.code === 'TASK_CANCELLED';
}

export const createSyncSlice: StateCreator<AppStore, [], [], SyncSlice> = (set, get) => ({
  async refreshSyncFor(client, change) {
    if (change.tables.length > 0 && get().syncStatus && get().syncImportStage === 'idle') await get().loadSyncStatus(client);
  },

  syncStatus: null,
  syncHistory: [],
  syncConflicts: [],
  syncWithheld: [],
  syncShowResolved: false,
  syncLoading: false,
  syncError: null,

  syncImportStage: 'idle',
  syncImportItems: [],
  syncImportProgress: { done: 0, total: 0 },
  syncTask: null,

  async cancelSyncTask(client) {
    const task = get().syncTask;
    if (!task || task.cancelling) return;
    set({ syncTask: { ...task, cancelling: true } });
    await client.call('task.cancel', { taskId: task.taskId }).catch(() => undefined);
  },

  clockStatus: null,

  async loadSync(client) {
    set({ syncLoading: true });
    try {
      const [syncStatus, syncHistory, syncConflicts, syncWithheld, clockStatus] = await Promise.all([
        client.call('sync.status', {}),
        client.call('sync.history', {}),
        client.call('sync.conflicts', { includeResolved: get().syncShowResolved }),
        client.call('sync.withheld', {}),
        client.call('app.clockStatus', {}),
      ]);
      set({ syncStatus, syncHistory, syncConflicts, syncWithheld, clockStatus, syncLoading: false, syncError: null });
    } catch (error) {
      set({ syncLoading: false, syncError: (error as Error).message });
    }
  },

  async openSync(client) {
    let released = 0;
    try {
      released = (await client.call('sync.releaseHeld', {})).released;
    } catch (error) {
      // The page still opens; what could not be released stays held and is listed.
      set({ syncError: (error as Error).message });
    }
    await get().loadSync(client);
    return released;
  },

  async dismissWithheld(client, ids) {
    const { dismissed } = await client.call('sync.dismissWithheld', { ids });
    await get().loadSync(client);
    return dismissed;
  },

  async loadClockStatus(client) {
    try {
      set({ clockStatus: await client.call('app.clockStatus', {}) });
    } catch {
      // Only a hint for the banner: the write path refuses with the same message anyway.
    }
  },

  async repairClock(client) {
    const result = await client.call('sync.repairClock', {});
    set({ clockStatus: result.clock });
    // The re-dated edits go to every peer again: the sync page's counts change.
    if (get().syncStatus) await get().loadSync(client);
    return result;
  },

  async loadSyncStatus(client) {
    try {
      set({ syncStatus: await client.call('sync.status', {}) });
    } catch (error) {
      set({ syncError: (error as Error).message });
    }
  },

  async loadSyncConflicts(client, includeResolved = get().syncShowResolved) {
    set({ syncShowResolved: includeResolved });
    const syncConflicts = await client.call('sync.conflicts', { includeResolved });
    set({ syncConflicts });
  },

  async exportBundle(client, peerCode) {
    const bundle = await client.call('sync.exportBundle', { peerCode });
    await get().loadSync(client);
    return bundle;
  },

  async exportAllBundles(client) {
    const bundles = await client.call('sync.exportAll', {});
    await get().loadSync(client);
    return bundles;
  },

  async checkImportFiles(client, files) {
    const firstWith = new Map<string, string>();
    const items: SyncImportItem[] = files.map((f) => {
      const first = firstWith.get(f.bytesBase64);
      if (first === undefined) firstWith.set(f.bytesBase64, f.name);
      return { fileName: f.name, bytesBase64: f.bytesBase64, preview: null, error: null, result: null, ...(first !== undefined ? { duplicateOf: first } : {}) };
    });
    set({ syncImportStage: 'checking', syncImportItems: items, syncImportProgress: { done: 0, total: items.length } });
    for (let i = 0; i < items.length; i += 1) {
      await yieldToBrowser();
      const item = items[i];
      if (item.duplicateOf !== undefined) {
        set({ syncImportItems: [...items], syncImportProgress: { done: i + 1, total: items.length } });
        continue;
      }
      try {
        item.preview = await asTask(client, set, '检查同步文件', (taskId) =>
          client.call('sync.importBundle', { fileName: item.fileName, bytesBase64: item.bytesBase64, dryRun: true, taskId }),
        );
      } catch (error) {
        item.error = syncFailureOf(error);
        if (cancelled(error)) {
          for (const rest of items.slice(i + 1)) rest.error = { code: 'TASK_CANCELLED', message: '已取消，未检查。' };
          set({ syncImportItems: [...items], syncImportProgress: { done: items.length, total: items.length } });
          break;
        }
      }
      set({ syncImportItems: [...items], syncImportProgress: { done: i + 1, total: items.length } });
    }
    set({ syncImportStage: 'preview' });
  },

  async applyImportFiles(client) {
    const items = get().syncImportItems.map((item) => ({ ...item }));
    const good = items.filter((item) => item.preview && !item.error);
    set({ syncImportStage: 'applying', syncImportProgress: { done: 0, total: good.length } });
    let done = 0;
    for (const item of good) {
      await yieldToBrowser();
      try {
        item.result = await asTask(client, set, '导入同步文件', (taskId) =>
          client.call('sync.importBundle', { fileName: item.fileName, bytesBase64: item.bytesBase64, dryRun: false, taskId }),
        );
      } catch (error) {
        item.error = syncFailureOf(error);
        if (cancelled(error)) {
          for (const rest of good.slice(done + 1)) rest.error = { code: 'TASK_CANCELLED', message: '已取消，未导入，本机数据没有改动。' };
          break;
        }
      }
      done += 1;
      set({ syncImportItems: [...items], syncImportProgress: { done, total: good.length } });
    }
    // The file contents are no longer needed once imported; keep only what the summaries show.
    set({ syncImportStage: 'done', syncImportItems: items.map((item) => ({ ...item, bytesBase64: '' })) });
    await get().loadSync(client);
  },

  closeImport() {
    set({ syncImportStage: 'idle', syncImportItems: [], syncImportProgress: { done: 0, total: 0 }, syncTask: null });
  },

  async resolveSyncConflict(client, id, keep) {
    const resolved = await client.call('sync.resolveConflict', { id, keep });
    await get().loadSync(client);
    return resolved;
  },

  async openSyncStation(client, input) {
    const file = await client.call('sync.openStation', input);
    await get().loadSync(client);
    return file;
  },

  previewSetupFile(client, file) {
    return client.call('sync.previewSetupFile', { fileName: file.name, bytesBase64: file.bytesBase64 });
  },

  async joinSyncParent(client, file) {
    const status = await client.call('sync.joinParent', { fileName: file.name, bytesBase64: file.bytesBase64 });
    set({ syncStatus: status });
    await get().loadSync(client);
    return status;
  },

  async setupFromFile(client, file, operatorName) {
    const station = await client.call('sync.setupFromFile', {
      fileName: file.name,
      bytesBase64: file.bytesBase64,
      ...(operatorName?.trim() ? { operatorName: operatorName.trim() } : {}),
    });
    await get().loadInfo(client);
    get().navigate('dashboard');
    return station;
  },
});
