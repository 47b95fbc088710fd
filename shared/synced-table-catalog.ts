import { settingTable, stationTable } from './foundation-tables';
import { healthAbnormalItemTable, healthCheckupTable, medicalEventTable, psychInterventionTable, psychScreeningTable } from './health-tables';
import { dutyRecordTable, holidayCalendarTable, leaveRecordTable } from './leave-tables';
import { familyMemberTable, honourTable, staffStatusChangeTable, staffTable } from './roster-tables';
import type { SyncedTableDefinition } from './synced-table-definition';
import { visitBudgetTable, visitStandardTable, welfareVisitTable } from './visit-tables';

/**
 * Every synced table's definition, in the order sync bundles carry them (a unit before its people,
 * a person before their records). A new table is one definition in its feature's file and one line
 * here; the sync registry (`db/synced-tables.ts`), the Kysely types, the change history, the
 * cascade of a person's deletion and transfer, and the definition-vs-migration test follow.
 */
export const syncedTableDefinitions = [
  stationTable,
  settingTable,
  staffTable,
  staffStatusChangeTable,
  familyMemberTable,
  honourTable,
  healthAbnormalItemTable,
  healthCheckupTable,
  psychScreeningTable,
  psychInterventionTable,
  medicalEventTable,
  visitStandardTable,
  visitBudgetTable,
  welfareVisitTable,
  holidayCalendarTable,
  leaveRecordTable,
  dutyRecordTable,
] as const;

/** Names of the synced tables. */
export type SyncedTableName = (typeof syncedTableDefinitions)[number]['name'];

/** Names of the tables whose rows belong to a person (`staff_id`). */
export type PersonTableName = Extract<(typeof syncedTableDefinitions)[number], { owner: 'person' }>['name'];

const byName = new Map<string, SyncedTableDefinition>();
for (const definition of syncedTableDefinitions) {
  if (byName.has(definition.name)) throw new Error(`synced table defined twice: ${definition.name}`);
  byName.set(definition.name, definition);
}

/** The definition of a synced table, or undefined when the name is not one. */
export function syncedTableDefinition(name: string): SyncedTableDefinition | undefined {
  return byName.get(name);
}

/** The definitions of the person-owned tables (status history, family, honours …), in catalog order. */
export function personTableDefinitions(): SyncedTableDefinition[] {
  return syncedTableDefinitions.filter((d) => d.owner === 'person');
}

/** The person-owned tables that have a tab in the person's detail drawer, by their order there. */
export function personDetailTabs(): (SyncedTableDefinition & { detail: NonNullable<SyncedTableDefinition['detail']> })[] {
  return personTableDefinitions()
    .filter((d): d is SyncedTableDefinition & { detail: NonNullable<SyncedTableDefinition['detail']> } => d.detail !== undefined)
    .sort((a, b) => a.detail.order - b.detail.order);
}
