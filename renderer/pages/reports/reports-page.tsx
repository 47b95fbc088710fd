import { Tabs } from 'antd';
import { MonthlyReportPage } from './monthly-report-page';
import { StationListsTab } from './station-lists-tab';

/**
 * 月报: the monthly report, and beside it 统计与名单 — the other printed tables and lists a clerk is
 * asked for (the 花名册 prints from 人员档案, as filtered there).
 */
export function ReportsPage() {
  return (
    <Tabs
      defaultActiveKey="monthly"
      items={[
        { key: 'monthly', label: '月报', children: <MonthlyReportPage /> },
        { key: 'lists', label: '统计与名单', children: <StationListsTab /> },
      ]}
    />
  );
}
