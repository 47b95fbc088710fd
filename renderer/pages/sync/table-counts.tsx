import { Table, Typography } from 'antd';
import type { BundleImportSummary, TableSyncCounts } from '../../../shared/sync-record';

const countColumns = [
  { title: '表', dataIndex: 'label', key: 'label' },
  { title: '新增', dataIndex: 'inserted', key: 'inserted', align: 'right' as const, width: 90 },
  { title: '更新', dataIndex: 'updated', key: 'updated', align: 'right' as const, width: 90 },
  { title: '不变', dataIndex: 'unchanged', key: 'unchanged', align: 'right' as const, width: 90 },
  {
    title: '冲突',
    dataIndex: 'conflicts',
    key: 'conflicts',
    align: 'right' as const,
    width: 90,
    render: (n: number) => (n > 0 ? <Typography.Text type="warning" strong>{n}</Typography.Text> : n),
  },
];

/**
 * Per-table counts of an import or dry run (表, 新增, 更新, 不变, 冲突) with a 合计 row. They count
 * records (a person, a family member …); the file's 「N 项变更」 counts fields, so the two differ.
 */
export function TableCounts({ summary, testId }: { summary: BundleImportSummary; testId?: string }) {
  return (
    <Table<TableSyncCounts>
      data-testid={testId}
      size="small"
      bordered
      pagination={false}
      rowKey="table"
      columns={countColumns}
      dataSource={summary.tables}
      locale={{ emptyText: '文件里没有任何记录' }}
      summary={() =>
        summary.tables.length > 1 ? (
          <Table.Summary.Row style={{ fontWeight: 600 }}>
            <Table.Summary.Cell index={0}>{`合计（${summary.totals.inserted + summary.totals.updated + summary.totals.unchanged} 条记录）`}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">{summary.totals.inserted}</Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">{summary.totals.updated}</Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">{summary.totals.unchanged}</Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">{summary.totals.conflicts}</Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
