import { Card, Flex, Table, Tag, Typography } from 'antd';
import type { HealthOverview, InterventionRow, WatchEntry } from '../../../shared/health-record';
import { levelColors } from './health-labels';
import { HealthExportButton } from './health-export-button';
import { PersonLink } from './person-link';

/** 心理: the watch list (预警 and 危机; overdue interventions highlighted) and the year's sessions. */
export function PsychLists({ overview }: { overview: HealthOverview }) {
  const overdue = overview.watch.filter((w) => w.overdue).length;
  return (
    <Flex vertical gap={16}>
      <Card
        title={`重点关注名单（${overview.watch.length} 人${overdue > 0 ? `，${overdue} 人逾期未干预` : ''}）`}
        extra={<HealthExportButton list="watch" disabled={overview.watch.length === 0} />}
        data-testid="watch-list"
      >
        <Typography.Paragraph type="secondary">
          最近一次心理普测为「危机」的须在 {overview.rules.crisisInterventionDays} 天内、「预警」的须在 {overview.rules.warningInterventionDays} 天内开展一对一心理干预（天数可在「设置」中修改）。
        </Typography.Paragraph>
        <Table<WatchEntry>
          size="small"
          rowKey="staffId"
          dataSource={overview.watch}
          pagination={false}
          locale={{ emptyText: '没有需要重点关注的人员' }}
          onRow={(r) => (r.overdue ? { style: { background: '#fff1f0' } } : {})}
          columns={[
            { title: '姓名', render: (_, r) => <PersonLink staffId={r.staffId} name={r.name} /> },
            { title: '等级', dataIndex: 'level', width: 70, render: (l: WatchEntry['level']) => <Tag color={levelColors[l]}>{l}</Tag> },
            { title: '普测日期', dataIndex: 'screeningDate', width: 110 },
            { title: '干预截止', dataIndex: 'interventionDue', width: 110 },
            { title: '已干预', dataIndex: 'sessions', width: 70, render: (n: number) => `${n} 次` },
            { title: '下次干预', dataIndex: 'nextSessionDate', width: 110, render: (d: string | null) => d ?? '' },
            {
              title: '状态',
              width: 150,
              render: (_, r) => (r.overdue ? <Typography.Text type="danger" strong>{`逾期未干预 ${r.daysOverdue} 天`}</Typography.Text> : r.firstSessionDate ? '已按时干预' : '待干预'),
            },
          ]}
        />
      </Card>
      <Card title={`${overview.year} 年一对一心理干预（${overview.interventions.length} 次）`} extra={<HealthExportButton list="interventions" disabled={overview.interventions.length === 0} />}>
        <Table<InterventionRow>
          size="small"
          rowKey="id"
          dataSource={overview.interventions}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          locale={{ emptyText: '本年度还没有干预记录' }}
          columns={[
            { title: '日期', dataIndex: 'date', width: 110 },
            { title: '姓名', width: 90, render: (_, r) => <PersonLink staffId={r.staffId} name={r.name} /> },
            { title: '方式', dataIndex: 'form', width: 70 },
            { title: '干预人', dataIndex: 'counsellor', width: 100 },
            { title: '干预情况', dataIndex: 'summary', ellipsis: true },
            { title: '下次干预', dataIndex: 'nextDate', width: 110 },
          ]}
        />
      </Card>
    </Flex>
  );
}
