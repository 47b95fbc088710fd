import { Button, Descriptions, Flex, Space, Tag, Timeline, Typography, type DescriptionsProps } from 'antd';
import { DeleteOutlined, EditOutlined, SwapOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { PermittedAction } from '../../frame/call-permission';
import { retirementTagOn } from '../../../shared/person-derivations';
import { computeRetirement, formatRetirementAge, RETIREMENT_BASE_LABELS } from '../../../shared/retirement-date';
import type { StaffDetail } from '../../../shared/staff-record';
import { badgeLabel, disabilityLabel, retirementTagColors, starLabel, statusColors } from './staff-labels';

export interface StaffBasicTabProps {
  detail: StaffDetail;
  today: string;
  showStation: boolean;
  onEdit(): void;
  onChangeStatus(): void;
  /** 调动 to another station; only given where the person can be transferred (a bureau's station staff). */
  onTransfer?: () => void;
  onDelete(): void;
}

const yesNo = (value: boolean) => (value ? '是' : '否');

/** 基本信息: the record with everything derived from it, and the status history. */
export function StaffBasicTab({ detail, today, showStation, onEdit, onChangeStatus, onTransfer, onDelete }: StaffBasicTabProps) {
  const s = detail.staff;
  const retirement = computeRetirement(s.birthDate, s.retirementBase);
  const retirementTag = retirementTagOn(s.status, s.expectedRetirementDate, today);
  // At a station, a person another station keeps now (调动) is history only: no changes here.
  const readOnly = Boolean(s.readOnlyNote);
  // Someone who has left is described as they were on the day they left.
  const left = s.status !== '在职';
  const flags = [s.hardship && '困难职工', s.heroModel && '英模', s.lunarBirthday && '生日按农历', s.disabilityLevel && `因公伤残${disabilityLabel(s.disabilityLevel)}`].filter(Boolean);

  const items: DescriptionsProps['items'] = [
    { key: 'name', label: '姓名', children: s.name },
    { key: 'category', label: '类别', children: s.category },
    { key: 'idNumber', label: '身份证号', children: <Typography.Text copyable>{s.idNumber}</Typography.Text> },
    { key: 'phone', label: '电话', children: s.phone ?? '' },
    { key: 'birthDate', label: '出生日期', children: s.birthDate },
    { key: 'genderAge', label: left ? '性别 / 离开时年龄' : '性别 / 年龄', children: `${s.gender} / ${s.age}岁` },
    { key: 'ethnicity', label: '民族', children: s.ethnicity ?? '' },
    { key: 'education', label: '学历 / 学位', children: [s.education, s.degree].filter(Boolean).join(' / ') },
    { key: 'badgeNo', label: badgeLabel(s.category), children: s.badgeNo ?? '' },
    { key: 'position', label: '岗位', children: s.position ?? '' },
    s.category === '辅警'
      ? {
          key: 'aux',
          label: '层级 / 星级',
          children: `${s.auxLevel ? `${s.auxLevel}级` : '—'} / ${s.starRating ? starLabel(s.starRating) : '—'}`,
        }
      : { key: 'rank', label: '职级', children: s.rank ?? '' },
    { key: 'workStartDate', label: '参加工作时间', children: s.workStartDate ?? '未填' },
    {
      key: 'workYears',
      label: '工龄',
      children: s.workStartDate
        ? `${s.workYears}年${s.priorServiceMonths ? `（含认定工龄${s.priorServiceMonths}个月）` : ''}${left && s.statusDate ? `（算至 ${s.statusDate} ${s.status}）` : ''}`
        : '需先填参加工作时间',
    },
    { key: 'hire', label: '入职时间', children: s.hireDate ?? '' },
    { key: 'joined', label: '调入本所时间', children: s.joinedStationDate ?? '' },
    { key: 'base', label: '退休年龄基准', span: 2, children: `${RETIREMENT_BASE_LABELS[s.retirementBase]}，按渐进式延迟退休为${formatRetirementAge(retirement.retirementAge)}` },
    {
      key: 'retirement',
      label: '预计退休日期',
      span: 2,
      children: left ? (
        <Typography.Text type="secondary">{`已${s.status}，不再计算`}</Typography.Text>
      ) : (
        <Space size={6}>
          <span>{s.expectedRetirementDate}</span>
          {s.retirementDateOverride && <Tag>手工指定（政策计算为 {retirement.retirementDate}）</Tag>}
          {retirementTag && <Tag color={retirementTagColors[retirementTag]}>{retirementTag}</Tag>}
        </Space>
      ),
    },
    {
      key: 'status',
      label: '状态',
      children: (
        <Space size={6}>
          <Tag color={statusColors[s.status]} style={{ marginInlineEnd: 0 }}>
            {s.status}
          </Tag>
          {s.statusDate && <Typography.Text type="secondary">{`自 ${s.statusDate}`}</Typography.Text>}
        </Space>
      ),
    },
    { key: 'party', label: '党员 / 工会会员', children: `${yesNo(s.partyMember)}${s.partyJoinDate ? `（${s.partyJoinDate} 入党）` : ''} / ${yesNo(s.unionMember)}` },
    { key: 'care', label: '关爱标记', span: 2, children: flags.length > 0 ? flags.join('、') : '无' },
    ...(showStation ? [{ key: 'station', label: '所属单位', span: 2, children: `${s.stationName ?? ''}（${s.stationCode ?? ''}）` }] : []),
    { key: 'notes', label: '备注', span: 2, children: s.notes ?? '' },
  ];

  // Newest first; on the same day the later entry first (the history comes oldest first).
  const history = detail.statusHistory
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.date.localeCompare(a.entry.date) || b.index - a.index)
    .map(({ entry }) => entry);

  return (
    <Flex vertical gap={14}>
      {!readOnly && (
        <Space>
          <PermittedAction method="staff.save">
            <Button type="primary" icon={<EditOutlined />} onClick={onEdit}>
              编辑
            </Button>
          </PermittedAction>
          <PermittedAction method="staff.changeStatus">
            <Button icon={<SwapOutlined />} onClick={onChangeStatus}>
              变更状态
            </Button>
          </PermittedAction>
          {onTransfer && (
            <PermittedAction method="sync.transferStaff">
              <Button icon={<UserSwitchOutlined />} onClick={onTransfer}>
                调动
              </Button>
            </PermittedAction>
          )}
          <PermittedAction method="staff.delete">
            <Button danger icon={<DeleteOutlined />} onClick={onDelete}>
              删除
            </Button>
          </PermittedAction>
        </Space>
      )}
      <Descriptions bordered size="small" column={2} items={items} styles={{ label: { width: 124, whiteSpace: 'nowrap' } }} />
      <div>
        <Typography.Title level={5} style={{ marginTop: 4 }}>
          状态历史
        </Typography.Title>
        {history.length === 0 ? (
          <Typography.Text type="secondary">没有状态变更记录</Typography.Text>
        ) : (
          <Timeline
            items={history.map((h, index) => ({
              key: h.id,
              color: index === 0 ? 'blue' : 'gray',
              content: (
                <Space size={8}>
                  <Typography.Text>{h.date}</Typography.Text>
                  <Tag color={statusColors[h.status]}>{h.status}</Tag>
                  {h.earlyRetirement && <Tag color="orange">提前退休（已确认）</Tag>}
                  {h.reason && <Typography.Text type="secondary">{h.reason}</Typography.Text>}
                </Space>
              ),
            }))}
          />
        )}
      </div>
    </Flex>
  );
}
