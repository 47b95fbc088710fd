import { useState } from 'react';
import { Button, Card, Col, Empty, Flex, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { PermittedAction } from '../../frame/call-permission';
import type { FollowUpDue, HealthOverview, OverdueCheckup } from '../../../shared/health-record';
import { usePlatform } from '../../api/client-context';
import { excelFileFilter } from '../staff/staff-labels';
import { AbnormalVocabularyCard } from './abnormal-vocabulary-card';
import { conclusionColors } from './health-labels';
import { HealthExportButton } from './health-export-button';
import { HealthImportDialog } from './health-import-dialog';
import { PersonLink } from './person-link';

/** 体检: coverage by category with progress bars, the overdue list, follow-ups due, abnormal items ranked; the hospital sheet's import. */
export function CheckupLists({ overview }: { overview: HealthOverview }) {
  const { client, files } = usePlatform();
  const [importing, setImporting] = useState(false);
  const { coverage, rules } = overview;
  const currentYear = overview.year === Number(overview.today.slice(0, 4));
  const notYet = currentYear && Number(overview.today.slice(5, 7)) < rules.overdueFromMonth;
  const maxCount = overview.abnormalRanking[0]?.count ?? 1;

  async function downloadTemplate() {
    const file = await client.call('health.importTemplate', {});
    await files.save(file.fileName, file.bytesBase64, excelFileFilter);
  }

  return (
    <Flex vertical gap={16}>
      <Card
        title={`${overview.year} 年体检覆盖率`}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate()}>
              下载导入模板
            </Button>
            <PermittedAction method="health.importCommit">
              <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                导入医院体检结果
              </Button>
            </PermittedAction>
            <HealthExportButton list="coverage" />
          </Space>
        }
      >
        <Row gutter={[24, 16]} align="middle">
          <Col xs={24} md={6}>
            <Statistic title="全部在职人员" value={coverage.total.percent} suffix="%" />
            <Typography.Text type="secondary" data-testid="coverage-total">{`已体检 ${coverage.total.checked} / ${coverage.total.active} 人`}</Typography.Text>
          </Col>
          <Col xs={24} md={18}>
            {coverage.categories.map((c) => (
              <Flex key={c.category} align="center" gap={12} style={{ marginBottom: 6 }}>
                <span style={{ width: 40 }}>{c.category}</span>
                <Progress percent={c.percent} style={{ flex: 1, margin: 0 }} status={c.percent >= 100 ? 'success' : 'normal'} />
                <Typography.Text type="secondary" style={{ width: 90, textAlign: 'right' }}>{`${c.checked} / ${c.active} 人`}</Typography.Text>
              </Flex>
            ))}
          </Col>
        </Row>
      </Card>
      <Card title={`体检逾期（${overview.overdueCheckups.length} 人）`} extra={<HealthExportButton list="overdueCheckups" disabled={overview.overdueCheckups.length === 0} />} data-testid="overdue-checkups">
        <Table<OverdueCheckup>
          size="small"
          rowKey="staffId"
          dataSource={overview.overdueCheckups}
          pagination={{ pageSize: 10, showSizeChanger: false, showTotal: (n) => `共 ${n} 人` }}
          locale={{ emptyText: <Empty description={notYet ? `${rules.overdueFromMonth} 月 1 日起列出本年度尚未体检的在职人员` : '在职人员本年度都已体检'} /> }}
          columns={[
            { title: '姓名', render: (_, r) => <PersonLink staffId={r.staffId} name={r.name} /> },
            { title: '类别', dataIndex: 'category', width: 70 },
            { title: '逾期天数', dataIndex: 'daysOverdue', width: 90, render: (d: number) => <Typography.Text type="danger">{d} 天</Typography.Text> },
            { title: '上次体检', dataIndex: 'lastCheckupDate', width: 110, render: (d: string | null) => d ?? '无记录' },
            ...(overview.overdueCheckups.some((r) => r.stationName) ? [{ title: '单位', dataIndex: 'stationName' }] : []),
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card title={`待复查（${overview.followUps.length} 项，逾期 ${overview.followUps.filter((f) => f.overdue).length} 项）`} extra={<HealthExportButton list="followUps" disabled={overview.followUps.length === 0} />}>
            <Table<FollowUpDue>
              size="small"
              rowKey="checkupId"
              dataSource={overview.followUps}
              pagination={{ pageSize: 8, showSizeChanger: false }}
              locale={{ emptyText: '没有待复查的体检' }}
              columns={[
                { title: '姓名', width: 80, render: (_, r) => <PersonLink staffId={r.staffId} name={r.name} /> },
                { title: '结论', dataIndex: 'conclusion', width: 100, render: (c: FollowUpDue['conclusion']) => <Tag color={conclusionColors[c]}>{c}</Tag> },
                { title: '异常项目', render: (_, r) => r.abnormalItems.join('、') },
                {
                  title: '复查截止',
                  width: 200,
                  render: (_, r) =>
                    r.overdue ? <Typography.Text type="danger">{`${r.followUpDue}（逾期 ${r.daysOverdue} 天）`}</Typography.Text> : (r.followUpDue ?? <Typography.Text type="warning">未定复查日期</Typography.Text>),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={`${overview.year} 年异常项目排行`} extra={<HealthExportButton list="abnormalRanking" disabled={overview.abnormalRanking.length === 0} />}>
            {overview.abnormalRanking.length === 0 ? (
              <Empty description="本年度体检没有异常项目" />
            ) : (
              overview.abnormalRanking.slice(0, 10).map((r) => (
                <Flex key={r.item} align="center" gap={8} style={{ marginBottom: 4 }}>
                  <span style={{ width: 96 }}>{r.item}</span>
                  <Progress percent={Math.round((r.count / maxCount) * 100)} showInfo={false} style={{ flex: 1, margin: 0 }} />
                  <span style={{ width: 48, textAlign: 'right' }}>{r.count} 人</span>
                </Flex>
              ))
            )}
          </Card>
        </Col>
      </Row>
      <AbnormalVocabularyCard />
      <HealthImportDialog open={importing} onClose={() => setImporting(false)} />
    </Flex>
  );
}
