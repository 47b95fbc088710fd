import { useEffect, useState } from 'react';
import { Alert, Table, Tag } from 'antd';
import type { AccountEventItem } from '../../../shared/account-record';
import { useClient } from '../../api/client-context';

const warningKinds = new Set(['signInFailed', 'signInPaused', 'unlockFailed']);

/** 登录与查阅记录 (管理员): sign-ins and failed ones, locks, password changes, reads of health details, restores. */
export function AccountEventsTab() {
  const client = useClient();
  const [events, setEvents] = useState<AccountEventItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client
      .call('account.events', { limit: 1000 })
      .then(setEvents)
      .catch((e: Error) => setError(e.message));
  }, [client]);
  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <Table<AccountEventItem>
      size="small"
      rowKey={(e, i) => `${e.at}|${e.kind}|${i}`}
      dataSource={events}
      pagination={{ pageSize: 50, showSizeChanger: false }}
      columns={[
        { title: '时间', dataIndex: 'at', width: 170 },
        { title: '用户', dataIndex: 'userName', width: 120 },
        { title: '事项', width: 200, render: (_, e) => <Tag color={warningKinds.has(e.kind) ? 'red' : e.kind === 'healthRead' ? 'orange' : 'default'}>{e.label}</Tag> },
        { title: '涉及人员', dataIndex: 'personName', width: 100 },
        { title: '说明', dataIndex: 'detail' },
      ]}
    />
  );
}
