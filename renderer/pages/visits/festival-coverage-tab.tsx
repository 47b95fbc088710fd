import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Progress, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useShallow } from 'zustand/react/shallow';
import { PermittedAction } from '../../frame/call-permission';
import { ApiCallError } from '../../../shared/contract/api-contract';
import { festivalNames, type FestivalName } from '../../../shared/festival-dates';
import { festivalEvent, fundingSources, type FestivalCoverage, type FundingSource } from '../../../shared/visit-record';
import { useClient } from '../../api/client-context';
import { TypedDatePicker } from '../../forms/typed-date-picker';
import { useAppStore } from '../../stores/store-context';
import { dateFieldProps, textOrNull } from '../staff/form-support';
import type { ReceiptSelection } from './receipt-preview-dialog';
import { fenOf } from './visit-labels';

interface BatchValues {
  date?: string | null;
  goods?: string;
  goodsValueYuan?: number | null;
  funding?: FundingSource;
  visitors?: string;
  confirmReason?: string;
}

/**
 * 节日覆盖 (不遗漏一人): for a festival of a year, who in service was visited and who was not; 全选
 * the missing → one visit for each in one step (the standard applied and the budget checked once),
 * then the batch's 签领表.
 */
export function FestivalCoverageTab({ onReceipt }: { onReceipt(selection: ReceiptSelection): void }) {
  const client = useClient();
  const { message } = App.useApp();
  const { today, chosen, openStaff } = useAppStore(useShallow((s) => ({ today: s.info?.today ?? '', chosen: s.coverageFestival, openStaff: s.openStaff })));
  const thisYear = Number(today.slice(0, 4)) || new Date().getFullYear();
  const [festival, setFestival] = useState<FestivalName>(chosen?.name ?? '中秋');
  const [year, setYear] = useState<number>(chosen?.year ?? thisYear);
  const [coverage, setCoverage] = useState<FestivalCoverage | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [warning, setWarning] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<BatchValues>();
  useEffect(() => {
    if (chosen) {
      setFestival(chosen.name);
      setYear(chosen.year);
    }
  }, [chosen]);
  const load = useCallback(() => {
    void client.call('visits.coverage', { festival, year }).then((c) => {
      setCoverage(c);
      setSelected([]);
      setWarning(null);
      form.setFieldsValue({ date: c.date < today ? c.date : today });
    });
  }, [client, festival, year, today, form]);
  useEffect(load, [load]);
  const years = useMemo(() => [thisYear + 1, thisYear, thisYear - 1, thisYear - 2], [thisYear]);

  async function record() {
    const values = await form.validateFields().catch(() => null);
    if (!values || !coverage) return;
    setBusy(true);
    try {
      const result = await client.call('visits.batch', {
        staffIds: selected,
        kind: '节日慰问',
        date: values.date ?? coverage.date,
        goods: textOrNull(values.goods),
        goodsValueFen: fenOf(values.goodsValueYuan) ?? 0,
        funding: values.funding ?? '工会经费',
        visitors: textOrNull(values.visitors),
        event: festivalEvent(festival, year),
        eventDate: coverage.date,
        confirmReason: textOrNull(values.confirmReason),
      });
      message.success(`已为 ${result.created} 人登记${year}年${festival}慰问${result.skipped.length > 0 ? `（${result.skipped.length} 人已登记过，未重复）` : ''}`);
      load();
    } catch (e) {
      if (e instanceof ApiCallError && e.code === 'VISIT_NEEDS_CONFIRMATION') setWarning(e.message);
      else message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const percent = coverage && coverage.active > 0 ? Math.round((coverage.visited.length / coverage.active) * 100) : 0;
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" wrap gap={8} align="center">
          <Space wrap>
            <Select aria-label="节日" style={{ width: 150 }} value={festival} onChange={setFestival} options={festivalNames.map((value) => ({ value, label: value }))} />
            <Select aria-label="年份" style={{ width: 100 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y} 年` }))} />
            {coverage && <Typography.Text>{`${coverage.date}：在职 ${coverage.active} 人，已慰问 ${coverage.visited.length} 人，`}<Typography.Text type={coverage.missing.length > 0 ? 'danger' : 'success'} strong>{`未慰问 ${coverage.missing.length} 人`}</Typography.Text></Typography.Text>}
          </Space>
          <Space>
            {coverage && <Progress type="circle" size={40} percent={percent} />}
            <Button icon={<PrinterOutlined />} disabled={!coverage || coverage.visited.length === 0} onClick={() => onReceipt({ event: festivalEvent(festival, year) })}>
              打印签领表
            </Button>
          </Space>
        </Flex>
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={14}>
          <Card size="small" title={`未慰问（${coverage?.missing.length ?? 0} 人）`} extra={<Button size="small" disabled={!coverage || coverage.missing.length === 0} onClick={() => setSelected(coverage?.missing.map((m) => m.staffId) ?? [])}>全选</Button>}>
            <Table
              size="small"
              rowKey="staffId"
              pagination={false}
              scroll={{ y: 360 }}
              data-testid="coverage-missing"
              dataSource={coverage?.missing ?? []}
              rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
              locale={{ emptyText: '在职人员都已慰问' }}
              columns={[
                { title: '姓名', dataIndex: 'name', render: (name: string, m) => <a onClick={() => void openStaff(client, m.staffId)}>{name}</a> },
                { title: '类别', dataIndex: 'category', width: 80 },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={`为所选 ${selected.length} 人登记${festival}慰问`}>
            <Form form={form} layout="vertical" name="festivalBatch" initialValues={{ funding: '工会经费' }}>
              <Form.Item label="慰问日期" name="date" rules={[{ required: true, message: '请填写慰问日期' }]} {...dateFieldProps}>
                <TypedDatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item label="慰问物品（节日慰问只发实物）" name="goods" rules={[{ required: true, message: '请填写慰问物品，如 月饼礼盒' }]}>
                <Input maxLength={100} placeholder="如 月饼礼盒" />
              </Form.Item>
              <Space.Compact block>
                <Form.Item label="每人物品价值（元）" name="goodsValueYuan" style={{ width: '50%' }}>
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item label="经费来源" name="funding" style={{ width: '50%' }}>
                  <Select options={fundingSources.map((value) => ({ value, label: value }))} />
                </Form.Item>
              </Space.Compact>
              <Form.Item label="慰问人" name="visitors">
                <Input maxLength={60} placeholder="如 所长 王建国" />
              </Form.Item>
              {warning && (
                <>
                  <Alert type="warning" showIcon title={<span style={{ whiteSpace: 'pre-line' }}>{warning}</span>} style={{ marginBottom: 12 }} />
                  <Form.Item label="确认说明" name="confirmReason" rules={[{ required: true, message: '请填写确认说明' }]}>
                    <Input maxLength={200} placeholder="如 年度节日慰问计划，已报批" />
                  </Form.Item>
                </>
              )}
              <PermittedAction method="visits.batch">
                <Button type="primary" block loading={busy} disabled={selected.length === 0} onClick={() => void record()}>
                  {`登记（${selected.length} 人）`}
                </Button>
              </PermittedAction>
            </Form>
          </Card>
          {coverage && coverage.visited.length > 0 && (
            <Card size="small" title={`已慰问（${coverage.visited.length} 人）`} style={{ marginTop: 12 }}>
              <Space size={[4, 4]} wrap>
                {coverage.visited.map((v) => (
                  <Tag key={v.staffId} color="green">
                    {v.name}
                  </Tag>
                ))}
              </Space>
            </Card>
          )}
        </Col>
      </Row>
    </Flex>
  );
}
