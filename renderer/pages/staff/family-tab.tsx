import { useState } from 'react';
import { App, Button, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { FamilyMemberItem } from '../../../shared/staff-record';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { FamilyFormDialog } from './family-form-dialog';
import { RowActions } from './row-actions';

/** The exam a child sits this year (中考/高考), for the highlight. */
function examsThisYear(member: FamilyMemberItem, year: number): string[] {
  const exams: string[] = [];
  if (member.zhongkaoYear === year) exams.push('中考');
  if (member.gaokaoYear === year) exams.push('高考');
  return exams;
}

export interface FamilyTabProps {
  staffId: string;
  family: FamilyMemberItem[];
  /** Another station keeps the person now (调动): shown, not changed — no add, edit or delete. */
  readOnly?: boolean;
}

/** 家属: spouse, parents, parents-in-law, children with their exam years. */
export function FamilyTab({ staffId, family, readOnly = false }: FamilyTabProps) {
  const client = useClient();
  const { message } = App.useApp();
  const today = useAppStore((s) => s.info?.today ?? '');
  const deleteFamilyMember = useAppStore((s) => s.deleteFamilyMember);
  const [editing, setEditing] = useState<FamilyMemberItem | null | undefined>(undefined);
  const year = Number(today.slice(0, 4));

  async function remove(member: FamilyMemberItem) {
    try {
      await deleteFamilyMember(client, member.id);
      message.success(`已删除家属「${member.name}」`);
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  const columns: TableColumnsType<FamilyMemberItem> = [
    { title: '关系', dataIndex: 'relation', width: 76 },
    { title: '姓名', dataIndex: 'name', width: 88, render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    {
      title: '出生日期',
      dataIndex: 'birthDate',
      width: 148,
      render: (d: string | null, m) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {d ?? ''}
          {m.age !== null && <Typography.Text type="secondary">{` · ${m.age}岁`}</Typography.Text>}
        </span>
      ),
    },
    { title: '电话', dataIndex: 'phone', width: 112, render: (v: string | null) => v ?? '' },
    {
      title: '工作单位/学校',
      dataIndex: 'workOrSchool',
      ellipsis: true,
      render: (v: string | null, m) => [v, m.grade].filter(Boolean).join(' · '),
    },
    {
      title: '中考 / 高考',
      key: 'exams',
      width: 112,
      render: (_, m) => {
        if (m.relation !== '子女' || (!m.zhongkaoYear && !m.gaokaoYear)) return '';
        const exams = examsThisYear(m, year);
        return (
          <Flex vertical gap={2} align="flex-start">
            <span style={{ whiteSpace: 'nowrap' }}>{`${m.zhongkaoYear ?? '—'} / ${m.gaokaoYear ?? '—'}`}</span>
            {exams.map((exam) => (
              <Tag key={exam} color="volcano" style={{ marginInlineEnd: 0 }}>
                {`今年${exam}`}
              </Tag>
            ))}
          </Flex>
        );
      },
    },
  ];
  const actionColumns: TableColumnsType<FamilyMemberItem> = [
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, m) => <RowActions deleteWhat={`家属「${m.name}」`} onEdit={() => setEditing(m)} onDelete={() => remove(m)} />,
    },
  ];

  return (
    <Flex vertical gap={10}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">慰问直系亲属丧事、子女中考高考、家属就业帮扶都从这里查找。</Typography.Text>
        {!readOnly && (
          <Button type="primary" ghost icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            添加家属
          </Button>
        )}
      </Flex>
      <Table<FamilyMemberItem>
        size="small"
        rowKey="id"
        pagination={false}
        columns={readOnly ? columns : [...columns, ...actionColumns]}
        dataSource={family}
        locale={{ emptyText: '还没有登记家属' }}
        onRow={(m) => (examsThisYear(m, year).length > 0 ? { style: { background: '#fff7e6' } } : {})}
        data-testid="family-table"
      />
      <FamilyFormDialog staffId={staffId} member={editing} onClose={() => setEditing(undefined)} />
    </Flex>
  );
}
