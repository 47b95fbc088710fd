import type { HandlerTable } from '../handlers/handler-registry';
import { runLongJob } from '../jobs/job-runner';
import { progressReporter } from '../jobs/task-progress';
import { exportHealthList } from './health-export';
import { healthCoverage, healthOverdue, healthOverview, healthSummary, personHealth } from './health-queries';
import { healthImportTemplate, importHealthSheet } from './health-sheet-import';
import { abnormalVocabulary, addAbnormalItems } from './health-vocabulary';

/**
 * The health handlers (健康管理). Health details are sensitive personal information (个人信息保护法
 * Art. 28), so every read of them is one of these calls, in two groups a later accounts issue can
 * grant by role:
 * - counts only: `health.summary`, `health.coverage` (工作台, the monthly report, the bureau);
 * - details: `health.overview`, `health.person`, `health.overdue`, `health.export`, the vocabulary
 *   and every write (the records' save and delete are in `staff/person-record-kinds.ts`).
 */
export const healthHandlers: HandlerTable = {
  'health.summary': (deps, args) => healthSummary(deps, args.year),
  'health.coverage': (deps, args) => healthCoverage(deps, args.year),
  'health.overview': (deps, args) => healthOverview(deps, args),
  'health.overdue': (deps, args) => healthOverdue(deps, args.on),
  'health.person': (deps, args) => personHealth(deps, args.staffId),
  'health.vocabulary': (deps) => abnormalVocabulary(deps.store),
  'health.addItems': (deps, args) => {
    addAbnormalItems(deps.store, deps.user, args.names);
    return abnormalVocabulary(deps.store);
  },
  'health.importTemplate': () => healthImportTemplate(),
  'health.importPreview': (deps, args) =>
    runLongJob(deps, 'health.importPreview', args, () =>
      importHealthSheet(deps, Buffer.from(args.bytesBase64, 'base64'), { commit: false, progress: progressReporter(deps, args.taskId, '读取体检结果表') }),
    ),
  'health.importCommit': (deps, args) =>
    runLongJob(deps, 'health.importCommit', args, () =>
      importHealthSheet(deps, Buffer.from(args.bytesBase64, 'base64'), {
        commit: true,
        addItems: args.addItems,
        progress: progressReporter(deps, args.taskId, '导入体检结果'),
      }),
    ),
  'health.export': (deps, args) => exportHealthList(deps, args),
};
