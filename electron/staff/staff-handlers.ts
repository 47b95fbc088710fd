import { personOwnedTableNames } from '../../db/synced-tables';
import type { HandlerTable } from '../handlers/handler-registry';
import { todayOf, type AppDeps } from '../app-deps';
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

function changed(deps: AppDeps, tables: string[]): void {
  deps.events('data.changed', { tables });
}

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
    changed(deps, ['staff', 'staff_status_change']);
    return staffItem(deps.store, id, today);
  },

  'staff.changeStatus': (deps, args) => {
    const today = todayOf(deps);
    changeStaffStatus(deps.store, deps.user, args, today);
    changed(deps, ['staff', 'staff_status_change']);
    return staffItem(deps.store, args.staffId, today);
  },

  'staff.delete': (deps, args) => {
    const deleted = deleteStaff(deps.store, deps.user, args.id);
    changed(deps, ['staff', ...personOwnedTableNames()]);
    return { deleted };
  },

  'staff.history': (deps, args) => {
    requireLiveStaffRow(deps.store, args.id);
    return staffChangeHistory(deps.store, args.id);
  },

  ...personRecordHandlerTable,

  'roster.template': () => rosterTemplate(),

  'roster.importPreview': (deps, args) => importRosterSheet(deps, Buffer.from(args.bytesBase64, 'base64'), { commit: false }),

  'roster.importCommit': async (deps, args) => {
    const summary = await importRosterSheet(deps, Buffer.from(args.bytesBase64, 'base64'), { commit: true });
    const records = summary.records.filter((r) => r.created + r.updated > 0).map((r) => r.table);
    if (summary.created + summary.updated > 0 || records.length > 0) changed(deps, ['staff', 'staff_status_change', ...records]);
    return summary;
  },

  'roster.export': (deps, args) => exportRoster(deps, args.filter ?? {}),
};
