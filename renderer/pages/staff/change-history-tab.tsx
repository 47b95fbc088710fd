import { useMemo } from 'react';
import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { ChangeHistoryEntry } from '../../../shared/staff-record';

const columns: TableColumnsType<ChangeHistoryEntry & { key: number }> = [
  { title: '时间', dataIndex: 'at', width: 150 },
  { title: '经办人', dataIndex: 'userName', width: 96, ellipsis: true, render: (v: string) => v || '—' },
  { title: '记录', dataIndex: 'record', width: 120, ellipsis: true },
  { title: '项目', dataIndex: 'field', width: 116 },
  {
    title: '原值 → 新值',
    key: 'change',
    render: (_, e) => (
      <span>
        <Typography.Text type="secondary" delete={e.from !== ''}>
          {e.from || '（空）'}
        </Typography.Text>
        <ArrowRightOutlined style={{ margin: '0 6px', color: '#bfbfbf', fontSize: 11 }} />
        <Typography.Text>{e.to || '（空）'}</Typography.Text>
      </span>
    ),
  },
  {
    title: '来源',
    key: 'origin',
    width: 150,
    ellipsis: true,
    // A synced change names the unit whose PC made it (checked on import); the 经办人 name is that unit's word.
    render: (_, e) =>
      e.remote ? (
        <Tag color="purple" title="经由同步导入；经办人姓名由报送单位填写">
          据{e.origin ?? '其他单位'}报送
        </Tag>
      ) : (
        <Tag>本机</Tag>
      ),
  },
];

/** 变更记录: who changed which field of this person's records, from what to what, when. */
export function ChangeHistoryTab({ history }: { history: ChangeHistoryEntry[] }) {
  const rows = useMemo(() => history.map((entry, index) => ({ ...entry, key: index })), [history]);
  return (
    <Table<ChangeHistoryEntry & { key: number }>
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={history.length > 50 ? { pageSize: 50, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: '没有变更记录' }}
    />
  );
}
