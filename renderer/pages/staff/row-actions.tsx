import { Button, Popconfirm, Space } from 'antd';

export interface RowActionsProps {
  /** What a deletion asks about, e.g. 家属「张丽」. */
  deleteWhat: string;
  onEdit(): void;
  onDelete(): void;
}

/** 编辑 and 删除 (after a confirmation) in a row of a person's family or honours. */
export function RowActions({ deleteWhat, onEdit, onDelete }: RowActionsProps) {
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
