import type { ReactNode } from 'react';
import type { PageKey } from '../stores/session-slice';
import { BackupPage } from '../pages/backup/backup-page';
import { DashboardPage } from '../pages/dashboard/dashboard-page';
import { HealthPage } from '../pages/health/health-page';
import { LeavePage } from '../pages/leave/leave-page';
import { ReportsPage } from '../pages/reports/reports-page';
import { SettingsPage } from '../pages/settings/settings-page';
import { RosterPage } from '../pages/staff/roster-page';
import { SyncPage } from '../pages/sync/sync-page';
import { VisitsPage } from '../pages/visits/visits-page';
import { AuditPage } from '../pages/audit/audit-page';

/** One entry of the left navigation. */
export interface PageEntry {
  key: PageKey;
  title: string;
  render(): ReactNode;
}

/** The pages of the frame, in menu order. Pages not built yet say so plainly. */
export const pageRegistry: PageEntry[] = [
  { key: 'dashboard', title: '工作台', render: () => <DashboardPage /> },
  { key: 'staff', title: '人员档案', render: () => <RosterPage /> },
  { key: 'health', title: '健康管理', render: () => <HealthPage /> },
  { key: 'leave', title: '休假轮休', render: () => <LeavePage /> },
  { key: 'visits', title: '慰问记录', render: () => <VisitsPage /> },
  { key: 'reports', title: '月报', render: () => <ReportsPage /> },
  { key: 'sync', title: '数据同步', render: () => <SyncPage /> },
  { key: 'audit', title: '操作记录', render: () => <AuditPage /> },
  { key: 'backup', title: '备份', render: () => <BackupPage /> },
  { key: 'settings', title: '设置', render: () => <SettingsPage /> },
];
