import { Button, Popconfirm, Space } from 'antd';
import type { MethodName } from '../../../shared/contract/api-contract';
import { useMayCall } from '../../frame/call-permission';

export interface RowActionsProps {
  /** What a deletion asks about, e.g. 家属「张丽」. */
  deleteWhat: string;
  /** The record's save call: without the right to make it (a 查看 account), the row has no actions. */
  method: MethodName;
  onEdit(): void;
  onDelete(): void;
}

/** 编辑 and 删除 (after a confirmation) in a row of a person's family or honours. */
export function RowActions({ deleteWhat, method, onEdit, onDelete }: RowActionsProps) {
  const mayWrite = useMayCall(method);
  if (!mayWrite) return null;
  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={onEdit}>
        编辑
      </Button>
      <Popconfirm title={`删除${deleteWhat}？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={onDelete}>
        <Button type="link" size="small" danger>
          删除
        </Button>
      </Popconfirm>
    </Space>
  );
}
