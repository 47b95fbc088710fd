import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import { PermittedAction } from '../../frame/call-permission';
import type { VisitBudgetLine } from '../../../shared/visit-record';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { formatFen } from './visit-labels';

/** 慰问预算: per year and funding source — the budget (set here), spent this month and this year, remaining. */
export function BudgetTab() {
  const client = useClient();
  const { message } = App.useApp();
  const today = useAppStore((s) => s.info?.today ?? '');
  const thisYear = Number(today.slice(0, 4)) || new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [lines, setLines] = useState<VisitBudgetLine[]>([]);
  const [drafts, setDrafts] = useState<Record<string, number | null>>({});
  const load = useCallback(() => void client.call('visits.budget', { year }).then(setLines), [client, year]);
  useEffect(load, [load]);
  const years = useMemo(() => [thisYear + 1, thisYear, thisYear - 1, thisYear - 2], [thisYear]);

  async function save(line: VisitBudgetLine) {
    const yuan = drafts[line.funding];
    if (yuan === undefined || yuan === null) return;
    try {
      setLines(await client.call('visits.setBudget', { year, funding: line.funding, amountFen: Math.round(yuan * 100) }));
      message.success(`已设置 ${year} 年${line.funding}慰问预算 ${formatFen(Math.round(yuan * 100))}`);
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  return (
    <Card size="small" title="慰问预算" extra={<Select aria-label="预算年度" style={{ width: 100 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y} 年` }))} />}>
      <Table<VisitBudgetLine>
        size="small"
        rowKey="funding"
        pagination={false}
        dataSource={lines}
        data-testid="visit-budget"
        columns={[
          { title: '经费来源', dataIndex: 'funding', width: 100 },
          { title: '年度预算', dataIndex: 'amountFen', width: 130, render: (fen: number | null) => (fen === null ? <Typography.Text type="secondary">未设置</Typography.Text> : formatFen(fen)) },
          { title: '本月已用', key: 'month', width: 120, render: (_, l) => `${formatFen(l.spentMonthFen)}（${l.month}月）` },
          { title: '全年已用', dataIndex: 'spentYearFen', width: 120, render: (fen: number) => formatFen(fen) },
          { title: '剩余', dataIndex: 'remainingFen', width: 120, render: (fen: number | null) => (fen === null ? '—' : <Typography.Text type={fen < 0 ? 'danger' : undefined}>{formatFen(fen)}</Typography.Text>) },
          {
            title: '设置预算（元）',
            key: 'set',
            render: (_, l) => (
              <Space.Compact>
                <InputNumber min={0} precision={2} style={{ width: 140 }} placeholder={l.amountFen === null ? '金额' : String(l.amountFen / 100)} value={drafts[l.funding] ?? null} onChange={(v) => setDrafts({ ...drafts, [l.funding]: v })} aria-label={`${l.funding}预算`} />
                <PermittedAction method="visits.setBudget">
                  <Button onClick={() => void save(l)} disabled={drafts[l.funding] === undefined || drafts[l.funding] === null}>
                    保存
                  </Button>
                </PermittedAction>
              </Space.Compact>
            ),
          },
        ]}
      />
    </Card>
  );
}
