import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Input, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { PermittedAction } from '../../frame/call-permission';
import type { AuditEntry, AuditFilter, AuditPage as AuditPageData } from '../../../shared/audit-record';
import { usePlatform } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { excelFileFilter } from '../staff/staff-labels';
import { AccountEventsTab } from './account-events-tab';

type Filter = Pick<AuditFilter, 'userName' | 'table' | 'from' | 'to' | 'person'>;

const actionColors = { 修改: 'blue', 删除: 'red', 恢复: 'green' } as const;

/**
 * 操作记录: every change of the ledger — who, when, which record and field, from → to — filtered by
 * user, table, date and person (deleted people too), exported to Excel; a deletion still in force
 * can be undone (恢复). A 管理员 also sees 登录与查阅记录.
 */
export function AuditPage() {
  const { client, files } = usePlatform();
  const { message } = App.useApp();
  const isAdmin = useAppStore((s) => s.account?.user?.role === '管理员');
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState<AuditPageData | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);

  const load = useCallback(
    async (next: Filter, before?: string) => {
      setLoading(true);
      try {
        const result = await client.call('audit.changes', { ...next, ...(before ? { before } : {}) });
        setPage((current) => (before && current ? { ...result, entries: [...current.entries, ...result.entries] } : result));
      } catch (error) {
        message.error((error as Error).message);
      } finally {
        setLoading(false);
      }
    },
    [client, message],
  );
  useEffect(() => {
    void load(filter);
  }, [filter, load]);

  const change = (patch: Filter) => setFilter((current) => ({ ...current, ...patch }));

  async function exportExcel() {
    setExporting(true);
    try {
      const file = await client.call('audit.export', filter);
      const result = await files.save(file.fileName, file.bytesBase64, excelFileFilter);
      if (result.saved) message.success(`已导出 ${file.rowCount ?? 0} 条操作记录${result.path ? `：${result.path}` : `（${file.fileName}）`}`);
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setExporting(false);
    }
  }

  async function restore(entry: AuditEntry) {
    try {
      const result = await client.call('audit.restore', { table: entry.table, rowId: entry.rowId });
      message.success(`已恢复${result.record}${result.restored > 1 ? `，连同一起删除的 ${result.restored - 1} 条记录` : ''}`);
      await load(filter);
    } catch (error) {
      message.error((error as Error).message);
    }
  }

  const changes = (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" wrap gap={12}>
          <Space wrap>
            <Select
              allowClear
              showSearch
              style={{ width: 150 }}
              placeholder="全部用户"
              aria-label="用户"
              value={filter.userName}
              onChange={(userName?: string) => change({ userName })}
              options={(page?.users ?? []).map((name) => ({ value: name, label: name }))}
            />
            <Select
              allowClear
              style={{ width: 150 }}
              placeholder="全部数据表"
              aria-label="数据表"
              value={filter.table}
              onChange={(table?: string) => change({ table })}
              options={(page?.tables ?? []).map((t) => ({ value: t.name, label: t.label }))}
            />
            <DatePicker.RangePicker
              aria-label="日期"
              onChange={(range: [Dayjs | null, Dayjs | null] | null) => change({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
            />
            <Input.Search allowClear style={{ width: 180 }} placeholder="人员姓名（含已删除）" aria-label="人员" onSearch={(person) => change({ person: person.trim() || undefined })} />
          </Space>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()}>
            导出 Excel
          </Button>
        </Flex>
      </Card>
      <Table<AuditEntry>
        size="small"
        loading={loading}
        rowKey={(e, i) => `${e.at}|${e.table}|${e.rowId}|${e.field}|${i}`}
        dataSource={page?.entries ?? []}
        pagination={false}
        scroll={{ x: 960 }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 160 },
          { title: '用户', width: 110, render: (_, e) => (e.origin ? `${e.userName}（${e.origin}）` : e.userName || '—') },
          { title: '记录', dataIndex: 'record', width: 180 },
          { title: '人员', width: 90, dataIndex: 'personName' },
          { title: '项目', width: 120, render: (_, e) => <Tag color={actionColors[e.action]}>{e.field}</Tag> },
          { title: '原值 → 新值', render: (_, e) => (e.action === '修改' ? `${e.from || '（空）'} → ${e.to || '（空）'}` : `${e.from || '—'} → ${e.to}`) },
          {
            title: '',
            width: 80,
            render: (_, e) =>
              e.restorable ? (
                <PermittedAction method="audit.restore" hide>
                  <Popconfirm
                    title={`恢复${e.record}？`}
                    description={e.table === 'staff' ? '删除这个人时一并删除的家属、表彰、健康、慰问等记录也会一起恢复。' : '恢复后这条记录重新有效。'}
                    okText="恢复"
                    cancelText="取消"
                    onConfirm={() => void restore(e)}
                  >
                    <Button size="small" type="link">
                      恢复
                    </Button>
                  </Popconfirm>
                </PermittedAction>
              ) : null,
          },
        ]}
      />
      {page?.next && (
        <Button onClick={() => void load(filter, page.next ?? undefined)} loading={loading}>
          加载更早的记录
        </Button>
      )}
      <Typography.Text type="secondary">操作记录来自台账的变更记录，不能修改或删除；删除的记录可在这里恢复（恢复同样记入操作记录）。</Typography.Text>
    </Flex>
  );

  if (!isAdmin) return changes;
  return (
    <Tabs
      items={[
        { key: 'changes', label: '数据修改', children: changes },
        { key: 'events', label: '登录与查阅记录', children: <AccountEventsTab /> },
      ]}
    />
  );
}
