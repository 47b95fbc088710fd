import type { ReactNode } from 'react';
import type { StaffDetail } from '../../../shared/staff-record';
import type { PersonTableName } from '../../../shared/synced-table-catalog';
import { PersonHealthTab } from '../health/person-health-tab';
import { PersonLeaveTab } from '../leave/person-leave-tab';
import { PersonVisitsTab } from '../visits/person-visits-tab';
import { FamilyTab } from './family-tab';
import { HonoursTab } from './honours-tab';

/** How one person-record table shows in the detail drawer. */
export interface PersonRecordTab {
  /** How many records the person has (the tab reads 家属（2）). */
  count(detail: StaffDetail): number;
  render(detail: StaffDetail, readOnly: boolean): ReactNode;
}

/**
 * The person-record tabs of the detail drawer, by table. The tab's label and its place come from
 * the table's definition (`detail` in `shared/roster-tables.ts`); a table without an entry here
 * has no tab.
 */
export const personRecordTabs: Partial<Record<PersonTableName, PersonRecordTab>> = {
  family_member: {
    count: (detail) => detail.family.length,
    render: (detail, readOnly) => <FamilyTab staffId={detail.staff.id} family={detail.family} readOnly={readOnly} />,
  },
  honour: {
    count: (detail) => detail.honours.length,
    render: (detail, readOnly) => <HonoursTab staffId={detail.staff.id} honours={detail.honours} readOnly={readOnly} />,
  },
  // 健康 holds all four health tables (the tab is placed by health_checkup's definition); its records
  // are read through health.person, not staff.get (sensitive: 个人信息保护法 Art. 28), so no count.
  health_checkup: {
    count: () => 0,
    render: (detail, readOnly) => <PersonHealthTab staffId={detail.staff.id} version={detail} readOnly={readOnly} />,
  },
  // 休假: read through leave.person (with the balances), so no count.
  leave_record: {
    count: () => 0,
    render: (detail, readOnly) => <PersonLeaveTab staffId={detail.staff.id} version={detail} readOnly={readOnly} />,
  },
  // 慰问: read through visits.person, so no count.
  welfare_visit: {
    count: () => 0,
    render: (detail, readOnly) => <PersonVisitsTab staffId={detail.staff.id} version={detail} readOnly={readOnly} />,
  },
};
