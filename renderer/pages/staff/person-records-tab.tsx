import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { App, Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { MethodName } from '../../../shared/contract/api-contract';
import { useMayCall } from '../../frame/call-permission';
import { RowActions } from './row-actions';

export interface PersonRecordsTabProps<Item extends { id: string }> {
  records: Item[];
  /** The table's columns; 操作 (编辑 / 删除) is added unless read-only. */
  columns: TableColumnsType<Item>;
  /** Another station keeps the person now (调动): shown, not changed — no add, edit or delete. */
  readOnly?: boolean;
  /** The records' save call: a user who may not make it (查看) reads the tab as read-only. */
  saveMethod: MethodName;
  /** 添加家属, 添加表彰 … */
  addLabel: string;
  /** What the table says when there is no record. */
  emptyText: string;
  /** A line of help beside the add button. */
  hint?: string;
  /** How a record is named in the delete confirmation and toast: 家属「张小明」. */
  describe(record: Item): string;
  /** Deletes a record (the store's action). */
  remove(record: Item): Promise<void>;
  /** The record's form dialog: `editing` is the record, null to add, undefined when closed. */
  dialog(editing: Item | null | undefined, close: () => void): ReactNode;
  /** Highlights rows (子女 sitting an exam this year …). */
  onRow?(record: Item): HTMLAttributes<HTMLElement>;
  testId?: string;
}

/**
 * The one tab of person records in the detail drawer (家属, 表彰, and later 体检, 慰问 …): the
 * records in a table, 添加 / 编辑 through the record's dialog, 删除 with a confirmation and a toast.
 */
export function PersonRecordsTab<Item extends { id: string }>(props: PersonRecordsTabProps<Item>) {
  const { records, columns, readOnly: readOnlyRecords = false, saveMethod, addLabel, emptyText, hint, describe, remove, dialog, onRow, testId } = props;
  const { message } = App.useApp();
  const readOnly = readOnlyRecords || !useMayCall(saveMethod);
  const [editing, setEditing] = useState<Item | null | undefined>(undefined);

  async function removeRecord(record: Item) {
    try {
      await remove(record);
      message.success(`已删除${describe(record)}`);
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  const actionColumns: TableColumnsType<Item> = [
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, record) => <RowActions method={saveMethod} deleteWhat={describe(record)} onEdit={() => setEditing(record)} onDelete={() => removeRecord(record)} />,
    },
  ];

  return (
    <Flex vertical gap={10}>
      {(hint || !readOnly) && (
        <Flex justify={hint ? 'space-between' : 'flex-end'} align="center">
          {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
          {!readOnly && (
            <Button type="primary" ghost icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {addLabel}
            </Button>
          )}
        </Flex>
      )}
      <Table<Item>
        size="small"
        rowKey="id"
        pagination={false}
        columns={readOnly ? columns : [...columns, ...actionColumns]}
        dataSource={records}
        locale={{ emptyText }}
        onRow={onRow}
        data-testid={testId}
      />
      {dialog(editing, () => setEditing(undefined))}
    </Flex>
  );
}
