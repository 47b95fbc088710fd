import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import { useShallow } from 'zustand/react/shallow';
import { PermittedAction } from '../../frame/call-permission';
import type { AnnualLeaveBalance, LeaveSuggestion } from '../../../shared/leave-record';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { LeaveFormDialog } from './leave-form-dialog';

/**
 * 年休假: each person's balance of a year — entitled, carried over, taken, planned, remaining, and
 * in words why (0 days: why none) — with 应休尽休 (none or less than half taken by the check day);
 * and the leave to plan in one click: 陪考轮休 and 强制休息.
 */
export function AnnualLeaveTab() {
  const client = useClient();
  const { message } = App.useApp();
  const { today, version, settings, isBureau, openStaff, refreshLeaveFor } = useAppStore(
    useShallow((s) => ({ today: s.info?.today ?? '', version: s.leaveVersion, settings: s.settings, isBureau: s.info?.station?.role === 'bureau', openStaff: s.openStaff, refreshLeaveFor: s.refreshLeaveFor })),
  );
  const thisYear = Number(today.slice(0, 4)) || new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [balances, setBalances] = useState<AnnualLeaveBalance[]>([]);
  const [suggestions, setSuggestions] = useState<LeaveSuggestion[]>([]);
  const [onlyUnderused, setOnlyUnderused] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<LeaveSuggestion | null>(null);
  useEffect(() => {
    Promise.all([client.call('leave.entitlement', { year }), client.call('leave.suggestions', { year })]).then(
      ([b, s]) => {
        setBalances(b);
        setSuggestions(s);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [client, year, version]);
  const underused = useMemo(() => balances.filter((b) => b.underused), [balances]);

  async function planNow(s: LeaveSuggestion) {
    try {
      await client.call('leave.save', { staffId: s.staffId, type: s.type, fromDate: s.fromDate, toDate: s.toDate, status: '计划', reason: s.reason, source: s.source });
      message.success(`已为${s.name}安排${s.type}（${s.fromDate} 至 ${s.toDate}）`);
      await refreshLeaveFor(client, { tables: ['leave_record'], rowIds: { leave_record: null } });
    } catch (e) {
      // A warning (below the minimum strength) or a refusal: open the form to see and answer it.
      message.warning((e as Error).message.split('\n')[0]);
      setEditing(s);
    }
  }

  return (
    <Flex vertical gap={12}>
      {error && <Alert type="error" showIcon title={error} />}
      {suggestions.length > 0 && (
        <Card size="small" title="建议安排（子女中考高考陪考轮休、责令强制休息）" data-testid="leave-suggestions">
          <Flex vertical gap={6}>
            {suggestions.map((s) => (
              <Flex key={s.source} justify="space-between" align="center" gap={8} wrap>
                <Space wrap>
                  <Tag color={s.type === '强制休息' ? 'red' : 'purple'}>{s.type}</Tag>
                  <a onClick={() => void openStaff(client, s.staffId)}>{s.name}</a>
                  <Typography.Text>{`${s.fromDate} 至 ${s.toDate}`}</Typography.Text>
                  <Typography.Text type="secondary">{s.reason}</Typography.Text>
                </Space>
                <PermittedAction method="leave.save">
                  <Button size="small" onClick={() => void planNow(s)}>
                    一键安排
                  </Button>
                </PermittedAction>
              </Flex>
            ))}
          </Flex>
        </Card>
      )}
      <Card size="small">
        <Flex justify="space-between" wrap gap={8} align="center">
          <Space wrap>
            <Select aria-label="年度" style={{ width: 100 }} value={year} onChange={setYear} options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y} 年` }))} />
            <Checkbox checked={onlyUnderused} onChange={(e) => setOnlyUnderused(e.target.checked)}>
              {`只看应休尽休（${underused.length} 人）`}
            </Checkbox>
          </Space>
          <Typography.Text type="secondary">
            {`按累计工龄：满1年5天、满10年10天、满20年15天（条例第三条），满周年次月起适用新档；年中跨档：${settings?.['leave.tierChangeRule'] ?? '按月折算'}；应休尽休检查日：${settings?.['leave.underusedCheckDay'] ?? '10-01'}（在「设置」中修改）`}
          </Typography.Text>
        </Flex>
      </Card>
      <Card size="small">
        <Table<AnnualLeaveBalance>
          size="small"
          rowKey="staffId"
          dataSource={onlyUnderused ? underused : balances}
          pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 人` }}
          data-testid="annual-balances"
          columns={[
            { title: '姓名', dataIndex: 'name', width: 90, render: (name: string, b) => <a onClick={() => void openStaff(client, b.staffId)}>{name}</a> },
            ...(isBureau ? [{ title: '单位', dataIndex: 'stationName', width: 120 }] : []),
            { title: '类别', dataIndex: 'category', width: 60 },
            { title: '工龄', dataIndex: 'workYears', width: 60, render: (y: number) => `${y}年` },
            { title: '应休', dataIndex: 'entitled', width: 60 },
            { title: '结转', dataIndex: 'carried', width: 60 },
            { title: '已休', dataIndex: 'taken', width: 60 },
            { title: '已计划', dataIndex: 'planned', width: 70 },
            { title: '剩余', dataIndex: 'remaining', width: 60, render: (r: number) => <Typography.Text strong>{r}</Typography.Text> },
            { title: '应休尽休', dataIndex: 'underused', width: 90, render: (u: boolean, b) => (u ? <Tag color="orange">{b.taken === 0 ? '一天未休' : '未过半'}</Tag> : null) },
            { title: '说明', dataIndex: 'reason', render: (reason: string, b) => <Typography.Text type={b.entitled === 0 ? 'danger' : 'secondary'}>{reason}</Typography.Text> },
          ]}
        />
      </Card>
      <LeaveFormDialog
        leave={editing ? null : undefined}
        preset={editing ? { staffId: editing.staffId, type: editing.type, fromDate: editing.fromDate, toDate: editing.toDate, reason: editing.reason, source: editing.source } : undefined}
        onClose={() => setEditing(null)}
      />
    </Flex>
  );
}
