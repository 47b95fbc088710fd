import { useCallback, useEffect, useState } from 'react';
import { Alert, Descriptions, Flex, Tag, Typography } from 'antd';
import type { PersonLeave } from '../../../shared/contract/leave-contract';
import { describeLeaveDates, type LeaveItem } from '../../../shared/leave-record';
import { useClient } from '../../api/client-context';
import { PersonRecordsTab } from '../staff/person-records-tab';
import { LeaveFormDialog } from './leave-form-dialog';
import { leaveDaysText, leaveStatusColors } from './leave-labels';

/**
 * 休假: the person's annual leave of this year (with the reason in words) and 补休 balance, and
 * their leave, newest first, recorded and edited here; read through `leave.person`. `version` (the
 * open person's detail) changes after every save, so it reloads.
 */
export function PersonLeaveTab({ staffId, version, readOnly }: { staffId: string; version: unknown; readOnly: boolean }) {
  const client = useClient();
  const [data, setData] = useState<PersonLeave | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    client.call('leave.person', { staffId }).then(
      (d) => {
        setData(d);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [client, staffId]);
  useEffect(load, [load, version]);
  const annual = data?.annual;
  return (
    <Flex vertical gap={10}>
      {error && <Alert type="error" showIcon title={error} />}
      {annual && data && (
        <Descriptions size="small" column={3} bordered data-testid="person-leave-balance">
          <Descriptions.Item label="年休假应休">{annual.entitled} 天</Descriptions.Item>
          <Descriptions.Item label="上年结转">{annual.carried} 天</Descriptions.Item>
          <Descriptions.Item label="剩余">{`${annual.remaining} 天（已休 ${annual.taken}，计划 ${annual.planned}）`}</Descriptions.Item>
          <Descriptions.Item label="说明" span={3}>
            <Typography.Text type={annual.entitled === 0 ? 'danger' : 'secondary'}>{annual.reason}</Typography.Text>
            {annual.underused && <Tag color="orange" style={{ marginInlineStart: 8 }}>应休尽休</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="补休余额" span={3}>
            {`${data.compensatory.remaining} 天（值班换得 ${data.compensatory.earned}，已用 ${data.compensatory.used}，过期 ${data.compensatory.expired}）`}
          </Descriptions.Item>
        </Descriptions>
      )}
      <PersonRecordsTab<LeaveItem>
        saveMethod="leave.save"
        records={data?.leaves ?? []}
        readOnly={readOnly}
        addLabel="登记休假"
        emptyText="还没有休假记录"
        testId="person-leave"
        describe={(l) => `${describeLeaveDates(l)} 的${l.type}`}
        remove={async (l) => {
          await client.call('leave.delete', { id: l.id });
          load();
        }}
        dialog={(editing, close) => (
          <LeaveFormDialog
            leave={editing}
            staffId={staffId}
            onClose={() => {
              close();
              load();
            }}
          />
        )}
        columns={[
          { title: '假别', dataIndex: 'type', width: 90 },
          { title: '日期', key: 'dates', render: (_, l) => describeLeaveDates(l) },
          { title: '天数', dataIndex: 'days', width: 80, render: (_: number, l: LeaveItem) => leaveDaysText(l) },
          { title: '状态', dataIndex: 'status', width: 70, render: (s: LeaveItem['status']) => <Tag color={leaveStatusColors[s]}>{s}</Tag> },
        ]}
      />
    </Flex>
  );
}
