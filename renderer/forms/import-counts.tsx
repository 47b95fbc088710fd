import { Card, Col, Row, Statistic } from 'antd';

/** One figure of an import's preview: 将新增 12 人, 拒绝 2 行 … */
export interface ImportCount {
  title: string;
  value: number;
  /** Its unit after the number (人, 条, 行). */
  suffix?: string;
  color?: string;
}

/** The figures of an import's preview in a row of small cards, as every import dialog shows them. */
export function ImportCounts({ counts }: { counts: ImportCount[] }) {
  return (
    <Row gutter={12}>
      {counts.map((c) => (
        <Col span={Math.floor(24 / counts.length)} key={c.title}>
          <Card size="small">
            <Statistic title={c.title} value={c.value} suffix={c.suffix} styles={{ content: { color: c.color } }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
