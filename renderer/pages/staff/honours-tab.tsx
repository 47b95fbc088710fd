import { useState } from 'react';
import { App, Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { HonourItem } from '../../../shared/staff-record';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { HonourFormDialog } from './honour-form-dialog';
import { RowActions } from './row-actions';

export interface HonoursTabProps {
  staffId: string;
  honours: HonourItem[];
  /** Another station keeps the person now (调动): shown, not changed — no add, edit or delete. */
  readOnly?: boolean;
}

/** 表彰: 季度之星, 三等功, 嘉奖 … newest first. */
export function HonoursTab({ staffId, honours, readOnly = false }: HonoursTabProps) {
  const client = useClient();
  const { message } = App.useApp();
  const deleteHonour = useAppStore((s) => s.deleteHonour);
  const [editing, setEditing] = useState<HonourItem | null | undefined>(undefined);
  const rows = [...honours].sort((a, b) => b.date.localeCompare(a.date));

  async function remove(honour: HonourItem) {
    try {
      await deleteHonour(client, honour.id);
      message.success(`已删除表彰「${honour.title}」`);
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  const columns: TableColumnsType<HonourItem> = [
    { title: '日期', dataIndex: 'date', width: 104 },
    { title: '表彰名称', dataIndex: 'title', render: (t: string) => <Typography.Text strong>{t}</Typography.Text> },
    { title: '级别', dataIndex: 'level', width: 72, render: (v: string | null) => v ?? '' },
    { title: '授予单位', dataIndex: 'issuer', width: 190, ellipsis: true, render: (v: string | null) => v ?? '' },
    { title: '备注', dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
  ];
  const actionColumns: TableColumnsType<HonourItem> = [
    {
      title: '操作',
      key: 'actions',
      width: 96,
      render: (_, h) => <RowActions deleteWhat={`表彰「${h.title}」`} onEdit={() => setEditing(h)} onDelete={() => remove(h)} />,
    },
  ];

  return (
    <Flex vertical gap={10}>
      {!readOnly && (
        <Flex justify="flex-end">
          <Button type="primary" ghost icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            添加表彰
          </Button>
        </Flex>
      )}
      <Table<HonourItem> size="small" rowKey="id" pagination={false} columns={readOnly ? columns : [...columns, ...actionColumns]} dataSource={rows} locale={{ emptyText: '还没有表彰记录' }} />
      <HonourFormDialog staffId={staffId} honour={editing} onClose={() => setEditing(undefined)} />
    </Flex>
  );
}
