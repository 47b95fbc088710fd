import { Button, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PrinterOutlined } from '@ant-design/icons';
import { chinaDateTimeOf } from '../../../shared/china-date';
import type { SyncHistoryEntry } from '../../../shared/sync-record';
import { BundleSummaryView } from './import-modal';
import { ImportPrintout, usePrintOnDemand } from './print-sheet';
import { formatSyncTime, sequenceLabel } from './sync-format';

/** 同步记录: every bundle written or read, newest first; an import expands to its summary. */
export function HistoryTab({ history, receiverName, loading }: { history: SyncHistoryEntry[]; receiverName: string; loading: boolean }) {
  const { sheet, print } = usePrintOnDemand();
  const columns: ColumnsType<SyncHistoryEntry> = [
    { title: '时间', dataIndex: 'at', key: 'at', width: 150, render: (at: string) => formatSyncTime(at) },
    {
      title: '方向',
      dataIndex: 'direction',
      key: 'direction',
      width: 80,
      render: (d: SyncHistoryEntry['direction']) => (d === 'export' ? <Tag color="blue">导出</Tag> : <Tag color="green">导入</Tag>),
    },
    {
      title: '对方',
      key: 'peer',
      render: (_: unknown, e) => (
        <span>
          {e.peerName}
          <Typography.Text type="secondary">（{e.peerCode}）</Typography.Text>
        </span>
      ),
    },
    { title: '文件', dataIndex: 'fileName', key: 'file', ellipsis: true },
    { title: '序号', dataIndex: 'sequence', key: 'sequence', width: 90, render: (n: number) => sequenceLabel(n) },
    { title: '变更数', dataIndex: 'changes', key: 'changes', width: 80, align: 'right' },
  ];
  return (
    <>
      <Table<SyncHistoryEntry>
        size="small"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={history}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有导出或导入过同步文件' }}
        expandable={{
          rowExpandable: (e) => e.summary !== null,
          expandedRowRender: (e) =>
            e.summary ? (
              <Flex vertical gap={8} style={{ padding: '4px 8px' }}>
                <BundleSummaryView summary={e.summary} />
                <div>
                  <Button
                    size="small"
                    icon={<PrinterOutlined />}
                    onClick={() =>
                      print(
                        <ImportPrintout
                          receiver={receiverName}
                          printedAt={chinaDateTimeOf(Date.now()).slice(0, 16)}
                          imports={[{ fileName: e.fileName, summary: e.summary, refusal: null }]}
                        />,
                      )
                    }
                  >
                    打印
                  </Button>
                </div>
              </Flex>
            ) : null,
        }}
      />
      {sheet}
    </>
  );
}
