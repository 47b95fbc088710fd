import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Empty, Flex, Popconfirm, Space, Spin, Tag, Timeline, Typography } from 'antd';
import type { CheckupItem, InterventionItem, MedicalEventItem, PersonHealth, ScreeningItem } from '../../../shared/health-record';
import { useClient } from '../../api/client-context';
import { useMayCall } from '../../frame/call-permission';
import type { PersonRecordCallPrefix } from '../../stores/staff-slice';
import { useAppStore } from '../../stores/store-context';
import { CheckupFormDialog } from './checkup-form-dialog';
import { conclusionColors, eventColors, levelColors, yuan } from './health-labels';
import { InterventionFormDialog } from './intervention-form-dialog';
import { MedicalEventFormDialog } from './medical-event-form-dialog';
import { ScreeningFormDialog } from './screening-form-dialog';

type Editing =
  | { kind: 'checkup'; record: CheckupItem | null }
  | { kind: 'screening'; record: ScreeningItem | null }
  | { kind: 'intervention'; record: InterventionItem | null }
  | { kind: 'event'; record: MedicalEventItem | null };

interface Entry {
  key: string;
  date: string;
  color: string;
  body: ReactNode;
  edit: Editing;
  call: PersonRecordCallPrefix;
  what: string;
}

function entriesOf(health: PersonHealth): Entry[] {
  const entries: Entry[] = [
    ...health.checkups.map((c): Entry => ({
      key: c.id,
      date: c.date,
      color: conclusionColors[c.conclusion],
      what: `${c.date} 的体检`,
      call: 'health.checkup',
      edit: { kind: 'checkup', record: c },
      body: (
        <>
          <Space size={6} wrap>
            <Typography.Text strong>年度体检</Typography.Text>
            <Tag color={conclusionColors[c.conclusion]}>{c.conclusion}</Tag>
            {c.institution && <Typography.Text type="secondary">{c.institution}</Typography.Text>}
          </Space>
          {c.abnormalItems.length > 0 && <div>异常项目：{c.abnormalItems.join('、')}</div>}
          {c.followUpDue && (
            <div>
              {c.followUpDoneDate ? `已于 ${c.followUpDoneDate} 复查${c.followUpResult ? `：${c.followUpResult}` : ''}` : <Typography.Text type="warning">应于 {c.followUpDue} 前复查，尚未复查</Typography.Text>}
            </div>
          )}
        </>
      ),
    })),
    ...health.screenings.map((s): Entry => ({
      key: s.id,
      date: s.date,
      color: levelColors[s.level],
      what: `${s.date} 的心理普测`,
      call: 'health.screening',
      edit: { kind: 'screening', record: s },
      body: (
        <Space size={6} wrap>
          <Typography.Text strong>心理健康普测</Typography.Text>
          <Tag color={levelColors[s.level]}>{s.level}</Tag>
          <Typography.Text type="secondary">{`${s.instrument}${s.score !== null ? ` ${s.score} 分` : ''}`}</Typography.Text>
        </Space>
      ),
    })),
    ...health.interventions.map((i): Entry => ({
      key: i.id,
      date: i.date,
      color: 'blue',
      what: `${i.date} 的心理干预`,
      call: 'health.intervention',
      edit: { kind: 'intervention', record: i },
      body: (
        <>
          <Space size={6} wrap>
            <Typography.Text strong>一对一心理干预</Typography.Text>
            <Tag>{i.form}</Tag>
            {i.counsellor && <Typography.Text type="secondary">{i.counsellor}</Typography.Text>}
          </Space>
          {i.summary && <div>{i.summary}</div>}
          {i.nextDate && <Typography.Text type="secondary">下次干预：{i.nextDate}</Typography.Text>}
        </>
      ),
    })),
    ...health.events.map((e): Entry => ({
      key: e.id,
      date: e.startDate,
      color: e.kind === '住院' && !e.endDate ? 'red' : 'purple',
      what: `${e.startDate} 的${e.kind}记录`,
      call: 'health.event',
      edit: { kind: 'event', record: e },
      body: (
        <>
          <Space size={6} wrap>
            <Typography.Text strong>{e.kind}</Typography.Text>
            {e.kind === '住院' && !e.endDate && <Tag color="red">在院</Tag>}
            {e.greenChannel && <Tag color="green">绿色通道</Tag>}
            {e.forcedRest && <Tag color="orange">强制休息</Tag>}
            <Tag color={eventColors[e.kind]}>{e.reimbursement}{e.reimbursedFen !== null ? ` ${yuan(e.reimbursedFen)}` : ''}</Tag>
          </Space>
          <div>
            {[e.hospital, e.endDate ? `${e.startDate} 至 ${e.endDate}` : e.kind === '住院' ? `${e.startDate} 入院，仍在院` : null, e.diagnosis].filter(Boolean).join('；')}
          </div>
        </>
      ),
    })),
  ];
  return entries.sort((a, b) => b.date.localeCompare(a.date));
}

/**
 * 健康: the person's checkups, screenings, interventions and medical events as one timeline,
 * newest first, each with 编辑 and 删除; read through `health.person` (sensitive, never part of
 * `staff.get`). `version` (the open person's detail) changes after every save, so it reloads.
 */
export function PersonHealthTab({ staffId, version, readOnly: otherStations }: { staffId: string; version: unknown; readOnly: boolean }) {
  // Another station keeps the person, or the account may not write health records (查看, no 健康信息权限).
  const readOnly = otherStations || !useMayCall('health.checkup.save', 'health.screening.save', 'health.intervention.save', 'health.event.save');
  const client = useClient();
  const { message } = App.useApp();
  const deletePersonRecord = useAppStore((s) => s.deletePersonRecord);
  const [health, setHealth] = useState<PersonHealth | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | undefined>(undefined);

  const load = useCallback(() => {
    client
      .call('health.person', { staffId })
      .then((h) => {
        setHealth(h);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, [client, staffId]);
  useEffect(load, [load, version]);

  async function remove(entry: Entry) {
    try {
      await deletePersonRecord(client, entry.call, entry.key);
      message.success(`已删除${entry.what}`);
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  const close = () => setEditing(undefined);
  const entries = health ? entriesOf(health) : [];
  return (
    <Flex vertical gap={12} data-testid="person-health">
      {!readOnly && (
        <Space wrap>
          <Button onClick={() => setEditing({ kind: 'checkup', record: null })}>添加体检</Button>
          <Button onClick={() => setEditing({ kind: 'screening', record: null })}>添加心理普测</Button>
          <Button onClick={() => setEditing({ kind: 'intervention', record: null })}>添加心理干预</Button>
          <Button onClick={() => setEditing({ kind: 'event', record: null })}>添加就医</Button>
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} />}
      {!health && !error && <Spin />}
      {health && entries.length === 0 && <Empty description="还没有健康记录" />}
      {entries.length > 0 && (
        <Timeline
          style={{ marginTop: 8 }}
          items={entries.map((entry) => ({
            key: entry.key,
            color: entry.color,
            content: (
              <Flex justify="space-between" align="start" gap={12}>
                <div>
                  <Typography.Text type="secondary" data-timeline-date style={{ display: 'block' }}>
                    {entry.date}
                  </Typography.Text>
                  {entry.body}
                </div>
                {!readOnly && (
                  <Space size={4}>
                    <Button size="small" type="link" onClick={() => setEditing(entry.edit)}>
                      编辑
                    </Button>
                    <Popconfirm title={`删除${entry.what}？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => remove(entry)}>
                      <Button size="small" type="link" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  </Space>
                )}
              </Flex>
            ),
          }))}
        />
      )}
      <CheckupFormDialog staffId={staffId} checkup={editing?.kind === 'checkup' ? editing.record : undefined} onClose={close} />
      <ScreeningFormDialog staffId={staffId} screening={editing?.kind === 'screening' ? editing.record : undefined} onClose={close} />
      <InterventionFormDialog staffId={staffId} session={editing?.kind === 'intervention' ? editing.record : undefined} onClose={close} />
      <MedicalEventFormDialog staffId={staffId} event={editing?.kind === 'event' ? editing.record : undefined} onClose={close} />
    </Flex>
  );
}
