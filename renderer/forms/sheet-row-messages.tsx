import { Table, Tag } from 'antd';

/** A row of an imported sheet and what the import says of it. */
interface RowMessage {
  row: number;
  message: string;
}

/**
 * The rows an import refuses (错误: not written) and those it writes with a remark (提示: a cap
 * exceeded, a stay not linked …), in the sheet's order, each with its 行号 as Excel numbers it.
 */
export function SheetRowMessages({ errors, warnings }: { errors: RowMessage[]; warnings: RowMessage[] }) {
  const rows = [...errors.map((e) => ({ ...e, kind: '错误' as const })), ...warnings.map((w) => ({ ...w, kind: '提示' as const }))].sort((a, b) => a.row - b.row);
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.row}-${r.kind}-${r.message}`}
      dataSource={rows}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: '没有出错或需要提示的行' }}
      columns={[
        { title: '行号', dataIndex: 'row', width: 76, render: (r: number) => `第${r}行` },
        { title: '', dataIndex: 'kind', width: 60, render: (k: string) => <Tag color={k === '错误' ? 'red' : 'orange'}>{k}</Tag> },
        { title: '说明', dataIndex: 'message' },
      ]}
    />
  );
}
