import { useEffect, useState } from 'react';
import { Card, Col, Descriptions, Row, Statistic, Table } from 'antd';
import type { TableCountRow } from '../../../shared/contract/app-contract';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';

/** 工作台: the unit at a glance and how many records the ledger holds. */
export function DashboardPage() {
  const client = useClient();
  const info = useAppStore((s) => s.info);
  const [counts, setCounts] = useState<TableCountRow[]>([]);
  useEffect(() => {
    void client.call('app.stats', {}).then(setCounts);
  }, [client]);
  const byTable = new Map<string, { label: string; rows: number }>();
  for (const row of counts) {
    const entry = byTable.get(row.table) ?? { label: row.label, rows: 0 };
    entry.rows += row.rows;
    byTable.set(row.table, entry);
  }
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card title="本单位">
          <Descriptions column={3} size="small">
            <Descriptions.Item label="单位名称">{info?.station?.name}</Descriptions.Item>
            <Descriptions.Item label="单位代码">{info?.station?.code}</Descriptions.Item>
            <Descriptions.Item label="单位类型">{info?.station?.role === 'bureau' ? '市局/县局' : '派出所'}</Descriptions.Item>
            <Descriptions.Item label="今天">{info?.today}</Descriptions.Item>
            <Descriptions.Item label="程序版本">{info?.appVersion}</Descriptions.Item>
            <Descriptions.Item label="数据结构">{info?.schemaVersion}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      {[...byTable.entries()].map(([table, entry]) => (
        <Col span={6} key={table}>
          <Card>
            <Statistic title={entry.label} value={entry.rows} suffix="条" />
          </Card>
        </Col>
      ))}
      <Col span={24}>
        <Card title="各单位记录数">
          <Table<TableCountRow>
            size="small"
            pagination={false}
            rowKey={(r) => `${r.table}:${r.stationId}`}
            dataSource={counts}
            columns={[
              { title: '数据表', dataIndex: 'label' },
              { title: '单位', render: (_, r) => r.stationName ?? '（市局下发）' },
              { title: '有效记录', dataIndex: 'rows', align: 'right' },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
