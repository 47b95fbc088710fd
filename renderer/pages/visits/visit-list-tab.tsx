import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Flex, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined, PrinterOutlined, UploadOutlined } from '@ant-design/icons';
import { useShallow } from 'zustand/react/shallow';
import { PermittedAction, useMayCall } from '../../frame/call-permission';
import { fundingSources, visitKinds, type VisitItem } from '../../../shared/visit-record';
import { usePlatform } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { RowActions } from '../staff/row-actions';
import { excelFileFilter } from '../staff/staff-labels';
import type { ReceiptSelection } from './receipt-preview-dialog';
import { formatFen, visitAmountText } from './visit-labels';
import { VisitFormDialog } from './visit-form-dialog';
import { VisitImportDialog } from './visit-import-dialog';

/** 慰问记录: the list with its filters (kind, year, month, funding, person), totals by kind, record / edit / delete, export. */
export function VisitListTab({ onReceipt }: { onReceipt(selection: ReceiptSelection): void }) {
  const { client, files } = usePlatform();
  const { message } = App.useApp();
  const { list, loading, filter, setFilter, today, roster, openStaff, deletePersonRecord } = useAppStore(
    useShallow((s) => ({
      list: s.visitList,
      loading: s.visitsLoading,
      filter: s.visitsFilter,
      setFilter: s.setVisitsFilter,
      today: s.info?.today ?? '',
      roster: s.roster,
      openStaff: s.openStaff,
      deletePersonRecord: s.deletePersonRecord,
    })),
  );
  const [editing, setEditing] = useState<VisitItem | null | undefined>(undefined);
  const [selected, setSelected] = useState<string[]>([]);
  const [importing, setImporting] = useState(false);
  // A 查看 account has no row actions: no empty 操作 column either.
  const mayEdit = useMayCall('visits.save');
  const thisYear = Number(today.slice(0, 4)) || new Date().getFullYear();
  const years = useMemo(() => Array.from({ length: 5 }, (_, i) => thisYear - i), [thisYear]);
  const people = useMemo(() => roster.map((p) => ({ value: p.id, label: p.name })), [roster]);

  async function exportList() {
    try {
      const file = await client.call('visits.export', { ...filter, year: filter.year ?? thisYear });
      const result = await files.save(file.fileName, file.bytesBase64, excelFileFilter);
      if (result.saved) message.success(`已导出 ${file.rowCount ?? 0} 条慰问记录`);
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" wrap gap={8}>
          <Space wrap>
            <Select aria-label="年度" style={{ width: 100 }} value={filter.year ?? thisYear} onChange={(year) => void setFilter(client, { year })} options={years.map((y) => ({ value: y, label: `${y} 年` }))} />
            <Select aria-label="月份" allowClear placeholder="全年" style={{ width: 90 }} value={filter.month} onChange={(month) => void setFilter(client, { month })} options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 月` }))} />
            <Select aria-label="慰问类型" allowClear placeholder="全部类型" style={{ width: 150 }} value={filter.kind} onChange={(kind) => void setFilter(client, { kind })} options={visitKinds.map((value) => ({ value, label: value }))} />
            <Select aria-label="经费来源" allowClear placeholder="全部经费" style={{ width: 110 }} value={filter.funding} onChange={(funding) => void setFilter(client, { funding })} options={fundingSources.map((value) => ({ value, label: value }))} />
            <Select aria-label="人员" allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="全部人员" style={{ width: 130 }} value={filter.staffId} onChange={(staffId) => void setFilter(client, { staffId })} options={people} />
          </Space>
          <Space wrap>
            <Button icon={<PrinterOutlined />} disabled={selected.length === 0} onClick={() => onReceipt({ ids: selected })}>
              {`签领表（已选 ${selected.length}）`}
            </Button>
            <PermittedAction method="visits.importCommit">
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                导入 Excel
              </Button>
            </PermittedAction>
            <Button icon={<DownloadOutlined />} onClick={() => void exportList()}>
              导出 Excel
            </Button>
            <PermittedAction method="visits.save">
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
                登记慰问
              </Button>
            </PermittedAction>
          </Space>
        </Flex>
      </Card>
      {list && (
        <Row gutter={[12, 12]} data-testid="visit-totals">
          <Col xs={12} lg={6}>
            <Card size="small">
              <Statistic title="慰问人次" value={list.total.count} />
            </Card>
          </Col>
          <Col xs={12} lg={6}>
            <Card size="small">
              <Statistic title="慰问金" value={formatFen(list.total.cashFen)} />
            </Card>
          </Col>
          <Col xs={12} lg={6}>
            <Card size="small">
              <Statistic title="慰问品价值" value={formatFen(list.total.goodsValueFen)} />
            </Card>
          </Col>
          <Col xs={12} lg={6}>
            <Card size="small" title="按类型" styles={{ body: { padding: '6px 12px', maxHeight: 96, overflow: 'auto' } }}>
              {list.totals.map((t) => (
                <div key={t.kind}>{`${t.kind} ${t.count} 人次 ${formatFen(t.cashFen + t.goodsValueFen)}`}</div>
              ))}
            </Card>
          </Col>
        </Row>
      )}
      <Card size="small">
        <Table<VisitItem>
          size="small"
          rowKey="id"
          loading={loading}
          dataSource={list?.items ?? []}
          pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
          data-testid="visit-list"
          columns={[
            { title: '日期', dataIndex: 'date', width: 100 },
            { title: '姓名', dataIndex: 'staffName', width: 90, render: (name: string, v) => <a onClick={() => void openStaff(client, v.staffId)}>{name}</a> },
            { title: '类别', dataIndex: 'category', width: 60 },
            { title: '类型', dataIndex: 'kind', width: 140, render: (kind: string, v) => (v.recipient ? `${kind}（${v.recipient}）` : kind) },
            { title: '金额/物品', key: 'amount', render: (_, v) => visitAmountText(v) },
            { title: '经费', dataIndex: 'funding', width: 86 },
            { title: '事件', dataIndex: 'eventLabel', width: 130 },
            { title: '签领', dataIndex: 'receiptSigned', width: 64, render: (signed: boolean) => (signed ? <Tag color="green">已签</Tag> : <Tag>未签</Tag>) },
            ...(mayEdit
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 100,
                    render: (_: unknown, v: VisitItem) => <RowActions method="visits.save" deleteWhat={`${v.staffName} ${v.date} 的${v.kind}`} onEdit={() => setEditing(v)} onDelete={() => void deletePersonRecord(client, 'visits', v.id).catch((e: Error) => message.error(e.message))} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <VisitFormDialog visit={editing} onClose={() => setEditing(undefined)} />
      <VisitImportDialog open={importing} onClose={() => setImporting(false)} />
    </Flex>
  );
}
