import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Row, Statistic, Table, Typography } from 'antd';
import type { TableCountRow } from '../../../shared/contract/app-contract';
import type { HealthSummary } from '../../../shared/health-record';
import { summarizeRoster, type RosterSummary } from '../../../shared/roster-summary';
import type { SyncStatus } from '../../../shared/sync-record';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { RemindersCard } from './reminders-card';

/** 工作台: the unit at a glance — its people, the reminders (visits to record), what sync is waiting for, and the ledger's size. */
export function DashboardPage() {
  const client = useClient();
  const info = useAppStore((s) => s.info);
  const navigate = useAppStore((s) => s.navigate);
  const [counts, setCounts] = useState<TableCountRow[]>([]);
  const [roster, setRoster] = useState<RosterSummary | null>(null);
  const [sync, setSync] = useState<SyncStatus | null>(null);
  // Counts only (health.summary): 工作台 names no one's health (个人信息保护法 Art. 28); 健康管理 does.
  const [health, setHealth] = useState<HealthSummary | null>(null);
  const today = info?.today;
  useEffect(() => {
    void client.call('app.stats', {}).then(setCounts);
    void client.call('sync.status', {}).then(setSync);
    void client.call('health.summary', {}).then(setHealth);
  }, [client]);
  useEffect(() => {
    if (today) void client.call('staff.list', {}).then((people) => setRoster(summarizeRoster(people, today)));
  }, [client, today]);

  const silentStations = sync?.children.filter((c) => c.silentTooLong) ?? [];
  const pending = sync?.parent?.pendingChanges ?? null;

  return (
    <Row gutter={[16, 16]}>
      {health && health.crisis > 0 && (
        <Col span={24}>
          <Alert
            type="error"
            showIcon
            data-testid="crisis-alert"
            title={`心理危机：${health.crisis} 人最近一次心理普测为「危机」${health.watchOverdue > 0 ? `，${health.watchOverdue} 人逾期未开展一对一干预` : ''}，请立即安排一对一心理干预并做好记录`}
            action={<Button size="small" danger onClick={() => navigate('health')}>去处理</Button>}
          />
        </Col>
      )}
      {silentStations.length > 0 && (
        <Col span={24}>
          <Alert
            type="warning"
            showIcon
            title={`${silentStations.length} 个单位超过 ${sync?.silentWarningDays} 天没有报送同步文件：${silentStations.map((s) => s.name).join('、')}`}
            action={<Button size="small" onClick={() => navigate('sync')}>去数据同步</Button>}
          />
        </Col>
      )}
      {(sync?.openConflicts ?? 0) > 0 && (
        <Col span={24}>
          <Alert
            type="info"
            showIcon
            title={`有 ${sync?.openConflicts} 项同步冲突等待核对`}
            action={<Button size="small" onClick={() => navigate('sync')}>去核对</Button>}
          />
        </Col>
      )}
      <Col xs={12} lg={6}>
        <Card>
          <Statistic title="在职人员" value={roster?.active ?? '—'} suffix="人" />
          <Typography.Text type="secondary">{roster ? `民警 ${roster.police} · 辅警 ${roster.auxiliary} · 职工 ${roster.civilian}` : ' '}</Typography.Text>
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card>
          <Statistic title="一年内到退休年龄" value={roster?.retiringWithinAYear ?? '—'} suffix="人" />
          <Typography.Text type={roster && roster.pastRetirementAge > 0 ? 'warning' : 'secondary'}>
            {roster ? `已到退休年龄仍在职 ${roster.pastRetirementAge} 人` : ' '}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card>
          <Statistic title="困难职工" value={roster?.hardship ?? '—'} suffix="人" />
          <Typography.Text type="secondary">{roster ? `因公伤残 ${roster.disabled} 人` : ' '}</Typography.Text>
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card>
          {sync?.role === 'bureau' ? (
            <>
              <Statistic title="所属单位" value={sync.children.length} suffix="个" />
              <Typography.Text type="secondary">{`超过 ${sync.silentWarningDays} 天未报送 ${silentStations.length} 个`}</Typography.Text>
            </>
          ) : (
            <>
              <Statistic title="待报送的修改" value={pending ?? '—'} suffix={pending === null ? undefined : '项'} />
              <Typography.Text type="secondary">
                {sync?.parent ? (sync.lastExportAt ? `上次导出 ${sync.lastExportAt}` : '还没有导出过同步文件') : '尚未登记上级单位'}
              </Typography.Text>
            </>
          )}
        </Card>
      </Col>
      {health && (
        <>
          <Col xs={12} lg={6}>
            <Card data-testid="dashboard-in-hospital">
              <Statistic title="住院中" value={health.inHospital} suffix="人" styles={{ content: { color: health.inHospital > 0 ? '#cf1322' : undefined } }} />
              <Typography.Link onClick={() => navigate('health')}>{health.inHospital > 0 ? '查看在院人员，安排住院慰问' : `本年度因公负伤 ${health.injuriesThisYear} 人次`}</Typography.Link>
            </Card>
          </Col>
          <Col xs={12} lg={6}>
            <Card>
              <Statistic title={`${health.year} 年体检覆盖率`} value={health.coverage.total.percent} suffix="%" />
              <Typography.Text type={health.overdueCheckups > 0 ? 'warning' : 'secondary'}>
                {health.overdueCheckups > 0 ? `体检逾期 ${health.overdueCheckups} 人` : `已体检 ${health.coverage.total.checked} / ${health.coverage.total.active} 人`}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={12} lg={6}>
            <Card>
              <Statistic title="待复查" value={health.followUpsOpen} suffix="项" />
              <Typography.Text type={health.overdueFollowUps > 0 ? 'warning' : 'secondary'}>{`逾期 ${health.overdueFollowUps} 项`}</Typography.Text>
            </Card>
          </Col>
          <Col xs={12} lg={6}>
            <Card>
              <Statistic title="心理重点关注" value={health.levels['预警'] + health.levels['危机']} suffix="人" />
              <Typography.Text type={health.watchOverdue > 0 ? 'danger' : 'secondary'}>{`危机 ${health.levels['危机']} · 预警 ${health.levels['预警']} · 逾期未干预 ${health.watchOverdue}`}</Typography.Text>
            </Card>
          </Col>
        </>
      )}
      <Col span={24}>
        <RemindersCard />
      </Col>
      <Col span={24}>
        <Card title="本单位">
          <Descriptions column={3} size="small">
            <Descriptions.Item label="单位名称">{info?.station?.name}</Descriptions.Item>
            <Descriptions.Item label="单位代码">{info?.station?.code}</Descriptions.Item>
            <Descriptions.Item label="单位类型">{info?.station?.role === 'bureau' ? '市局/县局' : '派出所'}</Descriptions.Item>
            <Descriptions.Item label="今天">{info?.today}</Descriptions.Item>
            <Descriptions.Item label="经办人">{info?.operatorName || '未填'}</Descriptions.Item>
            <Descriptions.Item label="程序版本">{info?.appVersion}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col span={24}>
        <Card title="台账记录数（按单位）">
          <Table<TableCountRow>
            size="small"
            pagination={false}
            rowKey={(r) => `${r.table}:${r.stationId}`}
            dataSource={counts.filter((r) => r.table !== 'station' && r.table !== 'setting')}
            columns={[
              { title: '记录', dataIndex: 'label' },
              { title: '单位', render: (_, r) => r.stationName ?? '（市局下发）' },
              { title: '条数', dataIndex: 'rows', align: 'right' },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
