import { Card, Flex, Table, Tag, type TableColumnsType } from 'antd';
import type { HealthExportList, HealthOverview, MedicalEventRow } from '../../../shared/health-record';
import { eventColors, yuan } from './health-labels';
import { HealthExportButton } from './health-export-button';
import { PersonLink } from './person-link';

const name: TableColumnsType<MedicalEventRow>[number] = { title: '姓名', width: 90, render: (_, r) => <PersonLink staffId={r.staffId} name={r.name} /> };

function EventCard({ title, list, rows, columns, empty, testId }: { title: string; list: HealthExportList; rows: MedicalEventRow[]; columns: TableColumnsType<MedicalEventRow>; empty: string; testId?: string }) {
  return (
    <Card title={`${title}（${rows.length}）`} extra={<HealthExportButton list={list} disabled={rows.length === 0} />} data-testid={testId}>
      <Table<MedicalEventRow> size="small" rowKey="id" dataSource={rows} columns={columns} pagination={{ pageSize: 8, showSizeChanger: false, hideOnSinglePage: true }} locale={{ emptyText: empty }} />
    </Card>
  );
}

/** 就医: who is in hospital now, injuries on duty this year, reimbursements pending. */
export function MedicalLists({ overview }: { overview: HealthOverview }) {
  return (
    <Flex vertical gap={16}>
      <EventCard
        title="在院人员"
        list="inHospital"
        rows={overview.inHospital}
        empty="目前没有住院的人员"
        testId="in-hospital"
        columns={[
          name,
          { title: '医院', dataIndex: 'hospital' },
          { title: '入院日期', dataIndex: 'startDate', width: 110 },
          { title: '住院天数', dataIndex: 'days', width: 90, render: (d: number) => `${d} 天` },
          { title: '绿色通道', dataIndex: 'greenChannel', width: 90, render: (g: boolean) => (g ? <Tag color="green">已走</Tag> : '') },
          { title: '诊断', dataIndex: 'diagnosis', ellipsis: true },
        ]}
      />
      <EventCard
        title={`${overview.year} 年因公负伤`}
        list="injuries"
        rows={overview.injuries}
        empty="本年度没有因公负伤记录"
        columns={[
          name,
          { title: '医院', dataIndex: 'hospital' },
          { title: '日期', width: 200, render: (_, r) => (r.endDate ? `${r.startDate} 至 ${r.endDate}` : `${r.startDate} 起`) },
          { title: '诊断', dataIndex: 'diagnosis', ellipsis: true },
          { title: '强制休息', dataIndex: 'forcedRest', width: 90, render: (f: boolean) => (f ? <Tag color="orange">是</Tag> : '') },
        ]}
      />
      <EventCard
        title="待报销"
        list="reimbursementsPending"
        rows={overview.reimbursementsPending}
        empty="没有待报销的医疗费用"
        columns={[
          name,
          { title: '类别', dataIndex: 'kind', width: 90, render: (k: MedicalEventRow['kind']) => <Tag color={eventColors[k]}>{k}</Tag> },
          { title: '医院', dataIndex: 'hospital' },
          { title: '开始日期', dataIndex: 'startDate', width: 110 },
          { title: '报销状态', dataIndex: 'reimbursement', width: 90 },
          { title: '金额', dataIndex: 'reimbursedFen', width: 110, align: 'right', render: (f: number | null) => yuan(f) },
        ]}
      />
    </Flex>
  );
}
