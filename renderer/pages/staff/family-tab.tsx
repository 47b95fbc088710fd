import { Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { examsAheadThisYear } from '../../../shared/person-derivations';
import type { FamilyMemberItem } from '../../../shared/staff-record';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { FamilyFormDialog } from './family-form-dialog';
import { PersonRecordsTab } from './person-records-tab';


export interface FamilyTabProps {
  staffId: string;
  family: FamilyMemberItem[];
  /** Another station keeps the person now (调动): shown, not changed — no add, edit or delete. */
  readOnly?: boolean;
}

/** 家属: spouse, parents, parents-in-law, children with their exam years. */
export function FamilyTab({ staffId, family, readOnly = false }: FamilyTabProps) {
  const client = useClient();
  const today = useAppStore((s) => s.info?.today ?? '');
  const zhongkaoLastDay = useAppStore((s) => s.settings?.['family.zhongkaoLastDay']);
  const deletePersonRecord = useAppStore((s) => s.deletePersonRecord);
  // 今年中考 / 今年高考 until the exam is over (not all year).
  const examsAhead = (m: FamilyMemberItem) => (m.relation === '子女' ? examsAheadThisYear(m, today, zhongkaoLastDay) : []);

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
        const exams = examsAhead(m);
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

  return (
    <PersonRecordsTab<FamilyMemberItem>
      saveMethod="family.save"
      records={family}
      columns={columns}
      readOnly={readOnly}
      addLabel="添加家属"
      emptyText="还没有登记家属"
      hint="慰问直系亲属丧事、子女中考高考、家属就业帮扶都从这里查找。"
      describe={(m) => `家属「${m.name}」`}
      remove={(m) => deletePersonRecord(client, 'family', m.id)}
      dialog={(editing, close) => <FamilyFormDialog staffId={staffId} member={editing} onClose={close} />}
      onRow={(m) => (examsAhead(m).length > 0 ? { style: { background: '#fff7e6' } } : {})}
      testId="family-table"
    />
  );
}
