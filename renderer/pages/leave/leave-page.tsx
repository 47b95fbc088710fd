import { useEffect } from 'react';
import { Alert, Flex, Tabs } from 'antd';
import { useShallow } from 'zustand/react/shallow';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { StaffDetailDrawer } from '../staff/staff-detail-drawer';
import { AnnualLeaveTab } from './annual-leave-tab';
import { CompensatoryTab } from './compensatory-tab';
import { HolidayCalendarsTab } from './holiday-calendars-tab';
import { LeaveRecordsTab } from './leave-records-tab';
import { StationCalendarTab } from './station-calendar-tab';

/**
 * 休假轮休: the station calendar (who is away, the strength against its minimum), the leave
 * records, annual leave with 应休尽休 and the suggestions (陪考轮休, 强制休息), the 补休 ledger, and
 * the official calendars. A name opens the person's file, whose 休假 tab records leave too.
 */
export function LeavePage() {
  const client = useClient();
  const { tab, setTab, error, loadLeave, loadRoster, rosterLoaded, isBureau, navigate } = useAppStore(
    useShallow((s) => ({
      tab: s.leaveTab,
      setTab: s.setLeaveTab,
      error: s.leaveError,
      loadLeave: s.loadLeave,
      loadRoster: s.loadRoster,
      rosterLoaded: s.rosterLoaded,
      isBureau: s.info?.station?.role === 'bureau',
      navigate: s.navigate,
    })),
  );
  useEffect(() => {
    void loadLeave(client);
    if (!rosterLoaded) void loadRoster(client);
  }, [client, loadLeave, loadRoster, rosterLoaded]);
  return (
    <Flex vertical gap={12}>
      {error && <Alert type="error" showIcon title={error} />}
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as typeof tab)}
        items={[
          { key: 'calendar', label: '日历', children: <StationCalendarTab /> },
          { key: 'records', label: '请休假', children: <LeaveRecordsTab /> },
          { key: 'annual', label: '年休假', children: <AnnualLeaveTab /> },
          { key: 'compensatory', label: '补休', children: <CompensatoryTab /> },
          { key: 'calendars', label: '节假日安排', children: <HolidayCalendarsTab /> },
        ]}
      />
      <StaffDetailDrawer showStation={isBureau} onEdit={() => navigate('staff')} />
    </Flex>
  );
}
