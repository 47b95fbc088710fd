import { Typography, type TableColumnsType } from 'antd';
import type { HonourItem } from '../../../shared/staff-record';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { HonourFormDialog } from './honour-form-dialog';
import { PersonRecordsTab } from './person-records-tab';

export interface HonoursTabProps {
  staffId: string;
  honours: HonourItem[];
  /** Another station keeps the person now (调动): shown, not changed — no add, edit or delete. */
  readOnly?: boolean;
}

const columns: TableColumnsType<HonourItem> = [
  { title: '日期', dataIndex: 'date', width: 104 },
  { title: '表彰名称', dataIndex: 'title', render: (t: string) => <Typography.Text strong>{t}</Typography.Text> },
  { title: '级别', dataIndex: 'level', width: 72, render: (v: string | null) => v ?? '' },
  { title: '颁发单位', dataIndex: 'issuer', width: 150, ellipsis: true, render: (v: string | null) => v ?? '' },
  { title: '文号', dataIndex: 'documentNo', width: 150, ellipsis: true, render: (v: string | null) => v ?? '' },
  { title: '备注', dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
];

/** 表彰: 季度之星, 三等功, 嘉奖 … newest first. */
export function HonoursTab({ staffId, honours, readOnly = false }: HonoursTabProps) {
  const client = useClient();
  const deletePersonRecord = useAppStore((s) => s.deletePersonRecord);
  const rows = [...honours].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <PersonRecordsTab<HonourItem>
      saveMethod="honour.save"
      records={rows}
      columns={columns}
      readOnly={readOnly}
      addLabel="添加表彰"
      emptyText="还没有表彰记录"
      describe={(h) => `表彰「${h.title}」`}
      remove={(h) => deletePersonRecord(client, 'honour', h.id)}
      dialog={(editing, close) => <HonourFormDialog staffId={staffId} honour={editing} onClose={close} />}
    />
  );
}
