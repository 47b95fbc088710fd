import { useState } from 'react';
import { App, Button, Flex, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PermittedAction } from '../../frame/call-permission';
import type { SyncConflictItem } from '../../../shared/sync-record';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { formatSyncTime, formatSyncTimeSeconds, unitLabelOf } from './sync-format';

function ValueCell({ value, by, at, from }: { value: string; by: string; at: string; from?: string | null }) {
  return (
    <Flex vertical>
      <Typography.Text strong>{value === '' ? <Typography.Text type="secondary">（空）</Typography.Text> : value}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[by || '未署名', formatSyncTimeSeconds(at), from ? `来自 ${from}` : null].filter(Boolean).join(' · ')}
      </Typography.Text>
    </Flex>
  );
}

/** 冲突: values that lost against a concurrent edit; the clerk keeps one (an ordinary edit that syncs). */
export function ConflictsTab({ conflicts, showResolved, loading, ownCode }: { conflicts: SyncConflictItem[]; showResolved: boolean; loading: boolean; ownCode: string }) {
  const client = useClient();
  const { message } = App.useApp();
  const resolveSyncConflict = useAppStore((s) => s.resolveSyncConflict);
  const loadSyncConflicts = useAppStore((s) => s.loadSyncConflicts);
  const [working, setWorking] = useState<string | null>(null);

  async function resolve(item: SyncConflictItem, keep: 'current' | 'other') {
    setWorking(item.id);
    try {
      await resolveSyncConflict(client, item.id, keep);
      message.success(keep === 'current' ? `已保留「${item.fieldLabel}」的当前值` : `已把「${item.fieldLabel}」改为另一方的值，下次同步时告知对方`);
    } catch (error) {
      message.error({ content: (error as Error).message, duration: 10 });
    } finally {
      setWorking(null);
    }
  }

  const columns: ColumnsType<SyncConflictItem> = [
    {
      title: '记录',
      key: 'record',
      render: (_: unknown, c) => (
        <Flex vertical>
          <span>{c.recordLabel}</span>
          {!c.recordLabel.startsWith(c.tableLabel) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.tableLabel}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: '项目', dataIndex: 'fieldLabel', key: 'field', width: 120 },
    { title: '当前值', key: 'current', render: (_: unknown, c) => <ValueCell value={c.currentValue} by={c.currentBy} at={c.currentAt} /> },
    {
      title: '另一方的值',
      key: 'other',
      render: (_: unknown, c) => <ValueCell value={c.otherValue} by={c.otherBy} at={c.otherAt} from={c.otherSiteCode === ownCode ? '本机' : unitLabelOf(c.otherSiteCode, c.otherSiteName)} />,
    },
    {
      title: '处理',
      key: 'actions',
      width: 230,
      render: (_: unknown, c) =>
        c.resolvedAt ? (
          <Tag color="default">已处理 {formatSyncTime(c.resolvedAt)}</Tag>
        ) : (
          <Space size={4}>
            <PermittedAction method="sync.resolveConflict" hide>
              <Button size="small" loading={working === c.id} onClick={() => void resolve(c, 'current')}>
                保留当前值
              </Button>
            </PermittedAction>
            <PermittedAction method="sync.resolveConflict" hide>
              <Popconfirm
                title={`把「${c.fieldLabel}」改为「${c.otherValue}」？`}
                description="这是一次普通修改，会记入变更记录并同步给对方。"
                okText="改用"
                cancelText="取消"
                onConfirm={() => resolve(c, 'other')}
              >
                <Button size="small" type="primary" ghost disabled={working === c.id}>
                  改用另一方的值
                </Button>
              </Popconfirm>
            </PermittedAction>
          </Space>
        ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          两处同时修改了同一项时，按时间较晚的一方为准；另一方的值保留在这里，请核对后选择。
        </Typography.Text>
        <Space>
          <Typography.Text>显示已处理的</Typography.Text>
          <Switch size="small" checked={showResolved} onChange={(v) => void loadSyncConflicts(client, v)} aria-label="显示已处理的冲突" />
        </Space>
      </Flex>
      <Table<SyncConflictItem>
        size="small"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={conflicts}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: '没有需要核对的冲突' }}
      />
    </Flex>
  );
}
