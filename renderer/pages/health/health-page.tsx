import { useEffect, useMemo } from 'react';
import { Alert, Card, Flex, Select, Space, Spin, Tabs, Typography } from 'antd';
import { useShallow } from 'zustand/react/shallow';
import { useMayCall } from '../../frame/call-permission';
import { staffCategories, type StaffCategoryName } from '../../../shared/staff-record';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { StaffDetailDrawer } from '../staff/staff-detail-drawer';
import { CheckupLists } from './checkup-lists';
import { MedicalLists } from './medical-lists';
import { PsychLists } from './psych-lists';
import { HealthCountsOnly } from './health-counts-only';

/**
 * 健康管理: 体检 (coverage, overdue, follow-ups, abnormal items), 心理 (watch list, interventions),
 * 就医 (in hospital, injuries, reimbursements), filtered by year and category; a name opens the
 * person's file, whose 健康 tab records checkups, screenings, sessions and medical events.
 */
export function HealthPage() {
  const mayReadDetails = useMayCall('health.overview');
  return mayReadDetails ? <HealthDetails /> : <HealthCountsOnly />;
}

function HealthDetails() {
  const client = useClient();
  const { overview, loading, error, filter, today, isBureau, loadHealth, setHealthFilter, navigate } = useAppStore(
    useShallow((s) => ({
      overview: s.healthOverview,
      loading: s.healthLoading,
      error: s.healthError,
      filter: s.healthFilter,
      today: s.info?.today ?? '',
      isBureau: s.info?.station?.role === 'bureau',
      loadHealth: s.loadHealth,
      setHealthFilter: s.setHealthFilter,
      navigate: s.navigate,
    })),
  );
  useEffect(() => {
    void loadHealth(client);
  }, [client, loadHealth]);
  const thisYear = Number(today.slice(0, 4)) || new Date().getFullYear();
  const years = useMemo(() => Array.from({ length: 5 }, (_, i) => thisYear - i), [thisYear]);
  const overdue = overview ? overview.overdueCheckups.length : 0;
  const watchOverdue = overview ? overview.watch.filter((w) => w.overdue).length : 0;

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Space wrap>
            <span>年度</span>
            <Select
              style={{ width: 110 }}
              value={filter.year ?? thisYear}
              onChange={(year) => void setHealthFilter(client, { year: year === thisYear ? null : year })}
              options={years.map((y) => ({ value: y, label: `${y} 年` }))}
              aria-label="年度"
            />
            <span>人员类别</span>
            <Select<StaffCategoryName[]>
              mode="multiple"
              allowClear
              style={{ minWidth: 220 }}
              placeholder="全部类别"
              value={filter.categories}
              onChange={(categories) => void setHealthFilter(client, { categories })}
              options={staffCategories.map((value) => ({ value }))}
              aria-label="人员类别"
            />
            {loading && <Spin size="small" />}
          </Space>
          <Typography.Text type="secondary">健康信息属于敏感个人信息，仅限经办人查阅，导出文件请妥善保管。</Typography.Text>
        </Flex>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      {overview && (
        <Tabs
          items={[
            { key: 'checkup', label: overdue > 0 ? `体检（逾期 ${overdue}）` : '体检', children: <CheckupLists overview={overview} /> },
            { key: 'psych', label: watchOverdue > 0 ? `心理（逾期 ${watchOverdue}）` : '心理', children: <PsychLists overview={overview} /> },
            { key: 'medical', label: overview.inHospital.length > 0 ? `就医（在院 ${overview.inHospital.length}）` : '就医', children: <MedicalLists overview={overview} /> },
          ]}
        />
      )}
      <StaffDetailDrawer showStation={isBureau} onEdit={() => navigate('staff')} />
    </Flex>
  );
}
