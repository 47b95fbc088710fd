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

/** How many rows of the sheet have an error (a row may have several). */
export function refusedRowCount(errors: { row: number }[]): number {
  return new Set(errors.map((e) => e.row)).size;
}

/** 有错的行, red when there are any. */
export function refusedRowsCount(errors: { row: number }[]): ImportCount {
  const value = refusedRowCount(errors);
  return { title: '有错的行', value, suffix: '行', color: value > 0 ? '#cf1322' : undefined };
}

/** The toast after 确认导入: 导入完成：新增 3 条，更新 1 条，2 行有错未导入. */
export function importedMessage(result: { created: number; updated: number }, refusedRows: number, unit = '条'): string {
  return `导入完成：新增 ${result.created} ${unit}，更新 ${result.updated} ${unit}${refusedRows > 0 ? `，${refusedRows} 行有错未导入` : ''}`;
}
