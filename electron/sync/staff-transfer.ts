import type { StaffListItem } from '../../shared/staff-record';
import { syncedTableNames } from '../../db/synced-tables';
import { writeRecord } from '../../db/write-path';
import { todayOf, type AppDeps } from '../app-deps';
import { requireLocalStation } from '../station/local-station';
import { staffItem } from '../staff/staff-queries';
import { requireLiveStaffRow } from '../staff/staff-rows';
import { fitStatusDate } from '../staff/staff-status';
import { personDetailTables, stationNodes, subtreeOf } from './station-tree';
import { syncErrors } from './sync-errors';

export interface TransferInput {
  staffId: string;
  toStationCode: string;
  date: string;
  reason?: string;
}

/**
 * 调动: the bureau moves a person to another station under it. In one transaction the person and
 * every live row attached to them (every table with a `staff_id` column: family, honours, status
 * history, and what later features add) get the new station as owner, the person's 调入本所时间
 * becomes the transfer date, and the status history records the move for each side: a 调出 entry
 * owned by the old station (「由东所调至西所：原因」) and a 调入 entry owned by the new one (在职,
 * 「由东所调入西所：原因」; the person's status there is 在职 from the transfer date). The records
 * then travel to the new station with its next bundle (routing sends a row whose owner it has not
 * acknowledged with its whole history); the old station receives the change of owner and its own
 * 调出 entry only, shows the person as 调出 from the transfer date, read-only, and hears nothing
 * more about them.
 */
export function transferStaff(deps: AppDeps, input: TransferInput): StaffListItem {
  const { store } = deps;
  const own = requireLocalStation(store);
  if (own.role !== 'bureau') throw syncErrors.bureauOnly('调动人员');
  const nodes = stationNodes(store);
  const managed = subtreeOf(nodes, own.id);
  store.transaction(() => {
    const person = requireLiveStaffRow(store, input.staffId);
    if (person.status !== '在职') throw syncErrors.transferNotActive(person.name ?? '此人', person.status ?? '未填');
    const target = nodes.find((n) => n.code === input.toStationCode && n.deleted_at === null && managed.has(n.id));
    if (!target) throw syncErrors.transferStationUnknown(input.toStationCode);
    if (person.station_id === target.id) throw syncErrors.transferSameStation(target.name ?? target.code ?? '');
    const from = nodes.find((n) => n.id === person.station_id);
    const fromName = from?.name ?? person.station_name ?? '原单位';
    fitStatusDate(store, deps.user, person, input.date);
    const toName = target.name ?? target.code ?? '新单位';
    const because = input.reason ? `：${input.reason}` : '';
    for (const table of personDetailTables(syncedTableNames())) {
      const rows = store.sqlite.prepare(`SELECT id, station_id FROM "${table}" WHERE staff_id = ? AND deleted_at IS NULL`).all(person.id) as {
        id: string;
        station_id: string | null;
      }[];
      for (const row of rows) {
        // An earlier station's own 调出 entry stays with it (its record of the person leaving).
        if (table === 'staff_status_change' && row.station_id !== null && row.station_id !== person.station_id) continue;
        writeRecord(store, deps.user, table, row.id, { station_id: target.id });
      }
    }
    writeRecord(store, deps.user, 'staff', person.id, { station_id: target.id, joined_station_date: input.date, status: '在职', status_date: input.date });
    // Each side reads the move from its own point of view: the old station keeps a 调出 entry of its
    // own (it travels there whole, dating the departure); the new station's history, like the
    // person's status there, reads 在职 from the day they came.
    if (person.station_id !== null) {
      writeRecord(store, deps.user, 'staff_status_change', store.newId(), {
        station_id: person.station_id,
        staff_id: person.id,
        status: '调出',
        date: input.date,
        reason: `由${fromName}调至${toName}${because}`.slice(0, 200),
      });
    }
    writeRecord(store, deps.user, 'staff_status_change', store.newId(), {
      station_id: target.id,
      staff_id: person.id,
      status: '在职',
      date: input.date,
      reason: `由${fromName}调入${toName}${because}`.slice(0, 200),
    });
  });
  return staffItem(store, input.staffId, todayOf(deps));
}
