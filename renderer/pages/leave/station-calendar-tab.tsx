import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Calendar, Card, Flex, List, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useShallow } from 'zustand/react/shallow';
import { PermittedAction } from '../../frame/call-permission';
import type { StationDay, StationMonth } from '../../../shared/leave-record';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { LeaveFormDialog } from './leave-form-dialog';
import { leaveStatusColors } from './leave-labels';

const holidayLike = (kind: string) => kind !== '' && kind !== '工作日' && kind !== '休息日' && kind !== '调休上班';

/** One day's cell: its kind, who is on duty against the minimum (red below it), and who is away. */
function DayCell({ day }: { day: StationDay }) {
  return (
    <div data-testid={`day-${day.date}`} style={{ fontSize: 12, lineHeight: '18px' }}>
      <Space size={2} wrap>
        {holidayLike(day.dayKind) && <Tag color="red" style={{ marginInlineEnd: 0 }}>{day.dayKind}</Tag>}
        {day.dayKind === '调休上班' && <Tag color="orange" style={{ marginInlineEnd: 0 }}>调休上班</Tag>}
      </Space>
      <div style={{ color: day.belowMinimum ? '#cf1322' : '#595959', fontWeight: day.belowMinimum ? 600 : 400 }}>{`在岗 ${day.onDuty}/${day.minimum}`}</div>
      {day.away.slice(0, 3).map((a) => (
        <div key={a.leaveId} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{`${a.name} ${a.type}${a.half ? `(${a.half})` : ''}`}</div>
      ))}
      {day.away.length > 3 && <div>{`等 ${day.away.length} 人`}</div>}
    </div>
  );
}

/**
 * 日历: the station's month (antd Calendar) — each day's kind from the official calendar, the
 * number on duty against the minimum strength (red below it), who is away and why. A day picked
 * lists everyone away; 登记休假 plans one.
 */
export function StationCalendarTab() {
  const client = useClient();
  const { today, version } = useAppStore(useShallow((s) => ({ today: s.info?.today ?? '', version: s.leaveVersion })));
  const [value, setValue] = useState<Dayjs>(() => dayjs(today || undefined));
  const [month, setMonth] = useState<StationMonth | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState<null | undefined>(undefined);
  const monthKey = value.format('YYYY-MM');
  const load = useCallback(() => {
    client.call('leave.stationMonth', { month: monthKey }).then(
      (m) => {
        setMonth(m);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [client, monthKey]);
  useEffect(load, [load, version]);

  const byDate = new Map((month?.days ?? []).map((d) => [d.date, d]));
  const selected = byDate.get(value.format('YYYY-MM-DD'));
  const below = (month?.days ?? []).filter((d) => d.belowMinimum);
  return (
    <Flex vertical gap={12}>
      {error && <Alert type="error" showIcon title={error} />}
      {month?.missingCalendarYear && (
        <Alert type="warning" showIcon title={`缺少 ${month.missingCalendarYear} 年的节假日安排：日历不显示节假日，按工作日计算的休假无法登记。请市局在「节假日安排」中导入后下发。`} />
      )}
      {month && (
        <Flex gap={12} wrap align="center">
          <Typography.Text>{`本所警力（民警、辅警在职）${month.strength} 人，最低在岗警力 ${month.minimum} 人（在「设置」中修改）`}</Typography.Text>
          {below.length > 0 ? (
            <Tag color="red" data-testid="below-minimum">{`本月 ${below.length} 天低于最低在岗警力：${below.map((d) => d.date.slice(5)).join('、')}`}</Tag>
          ) : (
            <Tag color="green">本月每天在岗警力都不低于最低要求</Tag>
          )}
          <PermittedAction method="leave.save">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(null)}>
              登记休假
            </Button>
          </PermittedAction>
        </Flex>
      )}
      <Flex gap={12} align="flex-start" wrap>
        <Card size="small" style={{ flex: '3 1 640px' }}>
          <Calendar
            value={value}
            onChange={setValue}
            fullscreen
            cellRender={(date, info) => {
              if (info.type !== 'date') return info.originNode;
              const day = byDate.get(date.format('YYYY-MM-DD'));
              return day ? <DayCell day={day} /> : null;
            }}
          />
        </Card>
        <Card size="small" style={{ flex: '1 1 240px' }} title={selected ? `${selected.date} ${selected.dayKind}` : '选择一天'}>
          {selected && (
            <List
              size="small"
              header={<Typography.Text type={selected.belowMinimum ? 'danger' : undefined}>{`在岗 ${selected.onDuty} 人 / 最低 ${selected.minimum} 人`}</Typography.Text>}
              dataSource={selected.away}
              locale={{ emptyText: '这天没有人休假' }}
              renderItem={(a) => (
                <List.Item>
                  <Space>
                    {a.name}
                    {a.type}
                    {a.half && `（${a.half}）`}
                    <Tag color={leaveStatusColors[a.status]}>{a.status}</Tag>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Flex>
      <LeaveFormDialog leave={adding} preset={{ fromDate: value.format('YYYY-MM-DD'), toDate: value.format('YYYY-MM-DD') }} onClose={() => setAdding(undefined)} />
    </Flex>
  );
}
