import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PermittedAction } from '../../frame/call-permission';
import { fundingSources, visitKinds, type VisitStandard, type VisitStandardInput } from '../../../shared/visit-record';
import { useClient } from '../../api/client-context';
import { TypedDatePicker } from '../../forms/typed-date-picker';
import { useAppStore } from '../../stores/store-context';
import { dateFieldProps, keyboardSelectProps, refusalMessage, textOrNull } from '../staff/form-support';
import { fenOf, formatFen, yuanOf } from './visit-labels';

interface StandardValues {
  kind?: VisitStandardInput['kind'];
  effectiveFrom?: string | null;
  eventCapYuan?: number | null;
  yearlyCapYuan?: number | null;
  timesPerYear?: number | null;
  inKindOnly?: boolean;
  funding?: VisitStandardInput['funding'];
  note?: string;
}

const money = (fen: number | null) => (fen === null ? '不限' : formatFen(fen));

/**
 * 慰问标准: every kind's default and each version the bureau set, with the date it applies from.
 * The bureau adds and edits versions (they go down in its sync files); a station reads them.
 */
export function StandardsTab() {
  const client = useClient();
  const { message } = App.useApp();
  const isBureau = useAppStore((s) => s.info?.station?.role === 'bureau');
  const [standards, setStandards] = useState<VisitStandard[]>([]);
  const [editing, setEditing] = useState<VisitStandard | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<StandardValues>();
  const load = useCallback(() => void client.call('visits.standards', {}).then(setStandards), [client]);
  useEffect(load, [load]);
  useEffect(() => {
    if (editing === undefined) return;
    setError(null);
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        kind: editing.kind,
        effectiveFrom: editing.id ? editing.effectiveFrom : null,
        eventCapYuan: yuanOf(editing.eventCapFen),
        yearlyCapYuan: yuanOf(editing.yearlyCapFen),
        timesPerYear: editing.timesPerYear,
        inKindOnly: editing.inKindOnly,
        funding: editing.funding,
        note: editing.note ?? undefined,
      });
    }
  }, [editing, form]);

  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await client.call('visits.saveStandard', {
        id: editing?.source === '本单位' ? (editing.id ?? undefined) : undefined,
        kind: v.kind as VisitStandardInput['kind'],
        effectiveFrom: v.effectiveFrom ?? '',
        eventCapFen: fenOf(v.eventCapYuan),
        yearlyCapFen: fenOf(v.yearlyCapYuan),
        timesPerYear: v.timesPerYear ?? null,
        inKindOnly: v.inKindOnly === true,
        funding: v.funding ?? '工会经费',
        note: textOrNull(v.note),
      });
      message.success(`已保存「${v.kind}」标准，${v.effectiveFrom} 起执行`);
      setEditing(undefined);
      load();
    } catch (e) {
      setError(refusalMessage(form, e, ['kind', 'effectiveFrom', 'note']));
    }
  }

  return (
    <Card size="small" title="慰问标准（按事件发生日期执行当日有效的标准）" extra={isBureau ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>新增标准</Button> : <Typography.Text type="secondary">标准由市局/县局制定并随同步文件下发，本所只能查看</Typography.Text>}>
      <Table<VisitStandard>
        size="small"
        rowKey={(s) => s.id ?? `default:${s.kind}`}
        pagination={false}
        dataSource={standards}
        data-testid="visit-standards"
        columns={[
          { title: '慰问类型', dataIndex: 'kind', width: 140 },
          { title: '执行日期', dataIndex: 'effectiveFrom', width: 110, render: (d: string, s) => (s.source === '内置' ? '默认' : d) },
          { title: '每次标准', dataIndex: 'eventCapFen', width: 110, render: money },
          { title: '每人每年', dataIndex: 'yearlyCapFen', width: 110, render: money },
          { title: '每年次数', dataIndex: 'timesPerYear', width: 80, render: (n: number | null) => n ?? '不限' },
          { title: '发放', dataIndex: 'inKindOnly', width: 80, render: (k: boolean) => (k ? <Tag color="blue">只发实物</Tag> : '现金或实物') },
          { title: '经费', dataIndex: 'funding', width: 86 },
          { title: '来源', dataIndex: 'source', width: 86, render: (s: string) => <Tag color={s === '内置' ? 'default' : s === '上级下发' ? 'purple' : 'green'}>{s}</Tag> },
          { title: '依据或说明', dataIndex: 'note' },
          ...(isBureau ? [{ title: '操作', key: 'edit', width: 110, render: (_: unknown, s: VisitStandard) => <PermittedAction method="visits.saveStandard" hide><Button type="link" size="small" onClick={() => setEditing(s)}>{s.source === '本单位' ? '编辑' : '按此新增'}</Button></PermittedAction> }] : []),
        ]}
      />
      <Modal open={editing !== undefined} title={editing?.source === '本单位' ? `编辑标准：${editing.kind}` : '新增慰问标准'} okText="保存" cancelText="取消" onOk={() => void save()} onCancel={() => setEditing(undefined)} destroyOnHidden width={600}>
        <Form form={form} layout="vertical" name="visitStandard" initialValues={{ funding: '工会经费' }}>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item label="慰问类型" name="kind" rules={[{ required: true, message: '请选择慰问类型' }]}>
                <Select {...keyboardSelectProps} options={visitKinds.map((value) => ({ value, label: value }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="执行日期" name="effectiveFrom" rules={[{ required: true, message: '请填写执行日期' }]} {...dateFieldProps}>
                <TypedDatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="每次标准（元）" name="eventCapYuan"><InputNumber min={0} precision={2} style={{ width: '100%' }} placeholder="不限" /></Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="每人每年（元）" name="yearlyCapYuan"><InputNumber min={0} precision={2} style={{ width: '100%' }} placeholder="不限" /></Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="每年次数" name="timesPerYear"><InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} placeholder="不限" /></Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="经费来源" name="funding"><Select options={fundingSources.map((value) => ({ value, label: value }))} /></Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label=" " name="inKindOnly" valuePropName="checked"><Checkbox>只发实物（不得发现金）</Checkbox></Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item label="依据或说明" name="note"><Input maxLength={200} placeholder="如 市局工会〔2026〕8号" /></Form.Item>
            </Col>
          </Row>
          {error && <Alert type="error" showIcon title={error} />}
        </Form>
      </Modal>
    </Card>
  );
}
