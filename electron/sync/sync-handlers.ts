import { healthDetailTableLabels, healthDetailTables, HIDDEN_HEALTH_VALUE } from '../../shared/health-privacy';
import type { HandlerTable } from '../handlers/handler-registry';
import { runLongJob } from '../jobs/job-runner';
import { importBackupIfDue } from '../backup/app-ledger';
import { progressReporter } from '../jobs/task-progress';
import { exportAll, exportBundleDownload } from './bundle-export';
import { importBundle, releaseHeld } from './bundle-import';
import { clockStatus } from './clock-policy';
import { repairClock } from './clock-repair';
import { dismissWithheld, listWithheld } from './withheld-changes';
import { joinParent, openStationDownload, previewSetupFile, setupFromFile } from './pairing';
import { transferStaff } from './staff-transfer';
import { listConflicts, resolveConflict } from './sync-conflicts';
import { syncHistory, syncStatus } from './sync-status';

function fileBytes(args: { bytesBase64: string }): Buffer {
  return Buffer.from(args.bytesBase64, 'base64');
}

/** The sync handlers (数据同步). The logic lives in this folder's modules; these only adapt. */
export const syncHandlers: HandlerTable = {
  'sync.status': (deps) => syncStatus(deps),

  'sync.openStation': (deps, args) => openStationDownload(deps, args),

  'sync.previewSetupFile': (_deps, args) => previewSetupFile(fileBytes(args)),

  'sync.setupFromFile': (deps, args) => setupFromFile(deps, fileBytes(args), args.operatorName),

  'sync.joinParent': (deps, args) => {
    joinParent(deps, fileBytes(args));
    return syncStatus(deps);
  },

  'sync.exportBundle': (deps, args) =>
    runLongJob(deps, 'sync.exportBundle', args, () => exportBundleDownload(deps, args.peerCode, progressReporter(deps, args.taskId, '生成同步文件'))),

  'sync.exportAll': (deps) =>
    exportAll(deps).map((b) => ({ fileName: b.fileName, bytesBase64: b.bytes.toString('base64'), peerCode: b.peerCode, sequence: b.sequence, changes: b.changes })),

  'sync.importBundle': async (deps, args) => {
    // A backup before the import (one for a batch of files: see importBackupIfDue).
    if (!args.dryRun) await importBackupIfDue(deps.store, deps.appVersion);
    return runLongJob(deps, 'sync.importBundle', args, () =>
      importBundle(deps, fileBytes(args), {
        fileName: args.fileName || '同步文件.njb',
        dryRun: args.dryRun,
        progress: progressReporter(deps, args.taskId, args.dryRun ? '检查同步文件' : '导入同步文件'),
      }),
    );
  },

  'sync.withheld': (deps, args) => {
    const items = listWithheld(deps.store, args.includeDismissed);
    if (deps.caller.health) return items;
    // Without the 健康信息 permission: which record and field, never the health value.
    return items.map((item) =>
      healthDetailTableLabels.has(item.tableLabel) && item.value ? { ...item, value: HIDDEN_HEALTH_VALUE, detail: item.detail.split(item.value).join(HIDDEN_HEALTH_VALUE) } : item,
    );
  },

  'sync.dismissWithheld': (deps, args) => ({ dismissed: dismissWithheld(deps.store, args.ids, deps.user.userName) }),

  'sync.releaseHeld': (deps) => {
    const released = releaseHeld(deps);
    return { released };
  },

  'app.clockStatus': (deps) => clockStatus(deps),

  'sync.repairClock': (deps) => repairClock(deps),

  'sync.history': (deps, args) => syncHistory(deps.store, args.limit),

  'sync.conflicts': (deps, args) => {
    const items = listConflicts(deps.store, args.includeResolved);
    if (deps.caller.health) return items;
    return items.map((item) => (healthDetailTables.has(item.table) ? { ...item, currentValue: HIDDEN_HEALTH_VALUE, otherValue: HIDDEN_HEALTH_VALUE } : item));
  },

  'sync.resolveConflict': (deps, args) => resolveConflict(deps, args.id, args.keep),

  'sync.transferStaff': (deps, args) => transferStaff(deps, args),
};
