import { useEffect, useState } from 'react';
import { Button, Card, InputNumber, List, Space, Tag, Typography } from 'antd';
import type { Reminder, VisitInput } from '../../../shared/visit-record';
import { useClient } from '../../api/client-context';
import { useMayCall } from '../../frame/call-permission';
import { useAppStore } from '../../stores/store-context';
import { VisitFormDialog } from '../visits/visit-form-dialog';

const kindColors: Record<string, string> = { 生日: 'magenta', 节日: 'red', 节日覆盖: 'volcano', 住院: 'purple', 因公负伤: 'purple', 退休: 'gold', 结婚: 'pink', 生育: 'cyan', 中考: 'blue', 高考: 'blue', 金秋助学: 'geekblue' };

/**
 * 提醒 of 工作台: the next days (30 by default, changeable here) — birthdays, festivals and who is
 * not yet visited for them, people in hospital without a visit, retirements, weddings and births,
 * children's exams — each with the one click that records its visit (a festival opens its coverage,
 * where everyone missing is visited in one step).
 */
export function RemindersCard() {
  const client = useClient();
  const openCoverage = useAppStore((s) => s.openCoverage);
  const version = useAppStore((s) => s.visitList);
  // A 查看 account sees the reminders, not the buttons that record visits.
  const mayVisit = useMayCall('visits.save', 'visits.batch');
  const [days, setDays] = useState(30);
  const [reminders, setReminders] = useState<Reminder[] | null>(null);
  const [recording, setRecording] = useState<{ staffId: string; preset: Partial<VisitInput> } | null>(null);
  const load = () => void client.call('reminders.list', { days }).then(setReminders, () => setReminders([]));
  useEffect(load, [client, days, version]);

  function act(r: Reminder) {
    if (r.festival) openCoverage({ name: r.festival.name, year: r.festival.year });
    else if (r.visit && r.staffId) setRecording({ staffId: r.staffId, preset: { kind: r.visit.kind, event: r.visit.event, eventDate: r.visit.eventDate, familyMemberId: r.visit.familyMemberId ?? null } });
  }

  return (
    <Card
      title="提醒"
      data-testid="dashboard-reminders"
      extra={
        <Space size={4}>
          <span>今后</span>
          <InputNumber size="small" min={1} max={366} value={days} onChange={(v) => v && setDays(v)} style={{ width: 64 }} aria-label="提醒天数" />
          <span>天</span>
        </Space>
      }
    >
      <List
        size="small"
        loading={reminders === null}
        dataSource={reminders ?? []}
        locale={{ emptyText: '这段时间没有提醒' }}
        style={{ maxHeight: 360, overflow: 'auto' }}
        renderItem={(r) => (
          <List.Item
            actions={
              r.festival
                ? [<Button key="go" size="small" type={r.festival.missing > 0 && mayVisit ? 'primary' : 'default'} onClick={() => act(r)}>{r.festival.missing > 0 && mayVisit ? `慰问未慰问的 ${r.festival.missing} 人` : '查看'}</Button>]
                : r.visit && r.staffId && mayVisit
                  ? [<Button key="go" size="small" onClick={() => act(r)}>登记慰问</Button>]
                  : []
            }
          >
            <Space size={8} wrap>
              <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>{r.date}</Typography.Text>
              <Tag color={kindColors[r.kind] ?? 'default'}>{r.kind}</Tag>
              <Typography.Text strong>{r.name}</Typography.Text>
              <Typography.Text>{r.reason}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <VisitFormDialog visit={recording ? null : undefined} staffId={recording?.staffId} preset={recording?.preset} onClose={() => { setRecording(null); load(); }} />
    </Card>
  );
}
