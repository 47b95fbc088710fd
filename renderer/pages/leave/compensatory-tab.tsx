import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useShallow } from 'zustand/react/shallow';
import { PermittedAction, useMayCall } from '../../frame/call-permission';
import { dutyInputSchema, type CompensatoryBalance, type DutyItem } from '../../../shared/leave-record';
import { useClient } from '../../api/client-context';
import { TypedDatePicker } from '../../forms/typed-date-picker';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { useAppStore } from '../../stores/store-context';
import { RowActions } from '../staff/row-actions';
import { dateFieldProps, keyboardSelectProps, refusalMessage, textOrNull } from '../staff/form-support';

const shape = dutyInputSchema.shape;

/**
 * 补休: the ledger of duty on rest days and holidays (each earns 补休: 4 hours half a day, 8 hours a
 * day) and each person's balance — earned, used, lapsed, left, and what lapses next.
 */
export function CompensatoryTab() {
  const client = useClient();
  const { message } = App.useApp();
  // A 查看 account has no row actions: no empty 操作 column either.
  const mayEdit = useMayCall('duty.save');
  const { roster, version, settings, refreshLeaveFor } = useAppStore(useShallow((s) => ({ roster: s.roster, version: s.leaveVersion, settings: s.settings, refreshLeaveFor: s.refreshLeaveFor })));
  const [data, setData] = useState<{ duty: DutyItem[]; balances: CompensatoryBalance[] }>({ duty: [], balances: [] });
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<string | undefined>(undefined);
  const [formError, setFormError] = useState<string | null>(null);
  const [form] = Form.useForm<{ staffId?: string; date?: string; hours?: number; note?: string }>();
  useEffect(() => {
    client.call('duty.list', {}).then(setData, (e: Error) => setError(e.message));
  }, [client, version]);
  const people = useMemo(() => roster.filter((p) => !p.readOnlyNote && p.status === '在职').map((p) => ({ value: p.id, label: `${p.name}（${p.category}）` })), [roster]);

  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const saved = await client.call('duty.save', { id: editingId, staffId: v.staffId ?? '', date: v.date ?? '', hours: v.hours ?? 8, note: textOrNull(v.note) });
      message.success(`已登记${saved.staffName} ${saved.date}（${saved.dayKind}）值班，换得补休 ${saved.days} 天`);
      setAdding(false);
      await refreshLeaveFor(client, { tables: ['duty_record'], rowIds: { duty_record: [saved.id] } });
    } catch (e) {
      setFormError(refusalMessage(form, e, Object.keys(shape)));
    }
  }

  async function remove(d: DutyItem) {
    await client.call('duty.delete', { id: d.id }).catch((e: Error) => message.error(e.message));
    await refreshLeaveFor(client, { tables: ['duty_record'], rowIds: { duty_record: [d.id] } });
  }

  return (
    <Flex vertical gap={12}>
      {error && <Alert type="error" showIcon title={error} />}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{`休息日、节假日值班换得补休（4小时半天，8小时一天），${settings?.['leave.compensatoryExpiryMonths'] ?? 12} 个月内有效；请「轮休/补休」时扣减，先到期的先用。`}</Typography.Text>
        <PermittedAction method="duty.save">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setFormError(null);
              setEditingId(undefined);
              setAdding(true);
            }}
          >
            登记值班
          </Button>
        </PermittedAction>
      </Flex>
      <Card size="small" title="补休余额">
        <Table<CompensatoryBalance>
          size="small"
          rowKey="staffId"
          dataSource={data.balances}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 100 },
            { title: '类别', dataIndex: 'category', width: 60 },
            { title: '换得', dataIndex: 'earned', width: 70 },
            { title: '已用', dataIndex: 'used', width: 70 },
            { title: '已过期', dataIndex: 'expired', width: 70 },
            { title: '剩余', dataIndex: 'remaining', width: 70, render: (r: number) => <Typography.Text strong>{r}</Typography.Text> },
            { title: '最近到期', key: 'next', render: (_, b) => (b.nextExpiry ? `${b.nextExpiry.days} 天于 ${b.nextExpiry.date} 到期` : '') },
          ]}
        />
      </Card>
      <Card size="small" title="值班记录">
        <Table<DutyItem>
          size="small"
          rowKey="id"
          dataSource={data.duty}
          pagination={{ pageSize: 30, hideOnSinglePage: true }}
          columns={[
            { title: '日期', dataIndex: 'date', width: 100 },
            { title: '姓名', dataIndex: 'staffName', width: 90 },
            { title: '当天', dataIndex: 'dayKind', width: 90 },
            { title: '小时', dataIndex: 'hours', width: 60 },
            { title: '换得补休', dataIndex: 'days', width: 80, render: (d: number) => `${d} 天` },
            { title: '有效期至', dataIndex: 'expiresOn', width: 100 },
            { title: '备注', dataIndex: 'note' },
            ...(mayEdit ? [{ title: '操作', key: 'actions', width: 100, render: (_: unknown, d: DutyItem) => (
                <RowActions
                  method="duty.save"
                  deleteWhat={`${d.staffName} ${d.date} 的值班`}
                  onEdit={() => {
                    form.setFieldsValue({ staffId: d.staffId, date: d.date, hours: d.hours, note: d.note ?? undefined });
                    setFormError(null);
                    setEditingId(d.id);
                    setAdding(true);
                  }}
                  onDelete={() => void remove(d)}
                />
              ),
            }] : []),
          ]}
        />
      </Card>
      <Modal title="登记休息日、节假日值班" open={adding} onOk={() => void save()} onCancel={() => setAdding(false)} okText="保存" destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ hours: 8 }}>
          <Form.Item label="人员" name="staffId" rules={[{ required: true, message: '请选择人员' }]}>
            <Select {...keyboardSelectProps} options={people} placeholder="输入姓名查找" />
          </Form.Item>
          <Form.Item label="值班日期" name="date" rules={[zodFieldRule(shape.date)]} {...dateFieldProps}>
            <TypedDatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="值班小时数" name="hours" rules={[zodFieldRule(shape.hours)]}>
            <InputNumber min={4} max={24} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="备注" name="note" rules={[zodFieldRule(shape.note)]}>
            <Input maxLength={200} />
          </Form.Item>
          {formError && <Alert type="error" showIcon title={formError} />}
        </Form>
      </Modal>
    </Flex>
  );
}
