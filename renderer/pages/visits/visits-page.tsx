import { useEffect, useState } from 'react';
import { Alert, Flex, Tabs } from 'antd';
import { useShallow } from 'zustand/react/shallow';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { StaffDetailDrawer } from '../staff/staff-detail-drawer';
import { BudgetTab } from './budget-tab';
import { FestivalCoverageTab } from './festival-coverage-tab';
import { ReceiptPreviewDialog, type ReceiptSelection } from './receipt-preview-dialog';
import { StandardsTab } from './standards-tab';
import { VisitListTab } from './visit-list-tab';

/**
 * 慰问记录: the visits with their filters and totals, the festival coverage (不遗漏一人) with its
 * batch and receipt sheet, the standards (the bureau's), the budget. A name opens the person's
 * file, whose 慰问 tab records visits too.
 */
export function VisitsPage() {
  const client = useClient();
  const { tab, setTab, error, loadVisits, loadRoster, rosterLoaded, isBureau, navigate } = useAppStore(
    useShallow((s) => ({
      tab: s.visitsTab,
      setTab: s.setVisitsTab,
      error: s.visitsError,
      loadVisits: s.loadVisits,
      loadRoster: s.loadRoster,
      rosterLoaded: s.rosterLoaded,
      isBureau: s.info?.station?.role === 'bureau',
      navigate: s.navigate,
    })),
  );
  const [receipt, setReceipt] = useState<ReceiptSelection | null>(null);
  useEffect(() => {
    void loadVisits(client);
    if (!rosterLoaded) void loadRoster(client);
  }, [client, loadVisits, loadRoster, rosterLoaded]);
  return (
    <Flex vertical gap={12}>
      {error && <Alert type="error" showIcon title={error} />}
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as typeof tab)}
        items={[
          { key: 'list', label: '慰问记录', children: <VisitListTab onReceipt={setReceipt} /> },
          { key: 'coverage', label: '节日覆盖', children: <FestivalCoverageTab onReceipt={setReceipt} /> },
          { key: 'standards', label: '慰问标准', children: <StandardsTab /> },
          { key: 'budget', label: '预算', children: <BudgetTab /> },
        ]}
      />
      <ReceiptPreviewDialog selection={receipt} onClose={() => setReceipt(null)} />
      <StaffDetailDrawer showStation={isBureau} onEdit={() => navigate('staff')} />
    </Flex>
  );
}
