import type { HandlerTable } from '../handlers/handler-registry';
import { todayOf } from '../app-deps';
import { requireLocalStation } from '../station/local-station';
import { staffChangeHistory } from './change-history';
import { personRecordHandlerTable } from './person-record-kinds';
import { exportRoster } from './roster-excel-export';
import { importRosterSheet } from './roster-excel-import';
import { rosterTemplate } from './roster-template';
import { listStaff, staffDetail, staffItem } from './staff-queries';
import { liveStaffRow, refuseIfHeldElsewhere, requireLiveStaffRow } from './staff-rows';
import { applyStaffPlan, planStaffSave, staffProblemsError, storeStaffLookup } from './staff-save';
import { changeStaffStatus, deleteStaff } from './staff-status';
import { runLongJob } from '../jobs/job-runner';
import { progressReporter } from '../jobs/task-progress';

/** The roster's handlers (人员档案): people, status history, family, honours, Excel in and out. */
export const staffHandlers: HandlerTable = {
  'staff.list': (deps) => listStaff(deps.store, todayOf(deps)),

  'staff.get': (deps, args) => staffDetail(deps.store, args.id, todayOf(deps)),

  'staff.save': (deps, args) => {
    const today = todayOf(deps);
    const station = requireLocalStation(deps.store);
    const id = deps.store.transaction(() => {
      if (args.id) refuseIfHeldElsewhere(deps.store, liveStaffRow(deps.store, args.id));
      const result = planStaffSave(args, { lookup: storeStaffLookup(deps.store), today, localStationId: station.id, newId: deps.store.newId });
      if (!result.ok) throw staffProblemsError(result.problems);
      applyStaffPlan(deps.store, deps.user, result.plan, '新增人员');
      return result.plan.id;
    });
    return staffItem(deps.store, id, today);
  },

  'staff.changeStatus': (deps, args) => {
    const today = todayOf(deps);
    changeStaffStatus(deps.store, deps.user, args, today);
    return staffItem(deps.store, args.staffId, today);
  },

  'staff.delete': (deps, args) => {
    const deleted = deleteStaff(deps.store, deps.user, args.id);
    return { deleted };
  },

  'staff.history': (deps, args) => {
    requireLiveStaffRow(deps.store, args.id);
    return staffChangeHistory(deps.store, args.id, { hideHealth: !deps.caller.health });
  },

  ...personRecordHandlerTable,

  'roster.template': () => rosterTemplate(),

  'roster.importPreview': (deps, args) =>
    runLongJob(deps, 'roster.importPreview', args, () =>
      importRosterSheet(deps, Buffer.from(args.bytesBase64, 'base64'), { commit: false, progress: progressReporter(deps, args.taskId, '读取 Excel 名单') }),
    ),

  'roster.importCommit': (deps, args) =>
    runLongJob(deps, 'roster.importCommit', args, () =>
      importRosterSheet(deps, Buffer.from(args.bytesBase64, 'base64'), { commit: true, progress: progressReporter(deps, args.taskId, '导入 Excel 名单') }),
    ),

  'roster.export': (deps, args) => exportRoster(deps, args.filter ?? {}),
};
