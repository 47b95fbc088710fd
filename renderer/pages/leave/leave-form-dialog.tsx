import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useShallow } from 'zustand/react/shallow';
import { ApiCallError } from '../../../shared/contract/api-contract';
import { halfDays, leaveInputSchema, leaveStatuses, leaveTypeRules, leaveTypes, type HalfDay, type LeaveDayCount, type LeaveInput, type LeaveItem, type LeaveStatus, type LeaveType } from '../../../shared/leave-record';
import { useClient } from '../../api/client-context';
import { TypedDatePicker } from '../../forms/typed-date-picker';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { useAppStore } from '../../stores/store-context';
import { dateFieldProps, keyboardSelectProps, refusalMessage, textOrNull } from '../staff/form-support';
import { describeDayCount } from './leave-labels';

interface LeaveFormValues {
  staffId?: string;
  type?: LeaveType;
  fromDate?: string | null;
  fromHalf?: HalfDay;
  toDate?: string | null;
  toHalf?: HalfDay;
  status?: LeaveStatus;
  approver?: string;
  reason?: string;
  note?: string;
  trip?: string;
  strengthConfirm?: string;
}

const shape = leaveInputSchema.shape;

export interface LeaveFormDialogProps {
  /** The leave to edit, null to add one; undefined keeps the dialog closed. */
  leave: LeaveItem | null | undefined;
  /** The person (the drawer's 休假 tab); absent: the clerk picks one. */
  staffId?: string;
  /** A new leave's starting values (a suggestion's). */
  preset?: Partial<LeaveInput>;
  onClose(): void;
}

/**
 * 登记 / 编辑休假. The days are counted from the official calendar as the clerk types and shown
 * before saving (or why they cannot be: a year without a calendar); a refusal (an overlap, the
 * annual-leave balance) says what to change; a leave that takes the station below its minimum
 * strength shows the days and asks for a 确认说明, saved with it.
 */
export function LeaveFormDialog({ leave, staffId, preset, onClose }: LeaveFormDialogProps) {
  const client = useClient();
  const { message } = App.useApp();
  const { roster, rosterLoaded, loadRoster, today, refreshLeaveFor, refreshDetail } = useAppStore(
    useShallow((s) => ({ roster: s.roster, rosterLoaded: s.rosterLoaded, loadRoster: s.loadRoster, today: s.info?.today ?? '', refreshLeaveFor: s.refreshLeaveFor, refreshDetail: s.loadDetail })),
  );
  const [form] = Form.useForm<LeaveFormValues>();
  const [error, setError] = useState<string | null>(null);
  const [needsReason, setNeedsReason] = useState(false);
  const [saving, setSaving] = useState(false);
  const [count, setCount] = useState<{ result: LeaveDayCount | null; problem: string | null }>({ result: null, problem: null });
  const open = leave !== undefined;

  useEffect(() => {
    if (!open) return;
    setError(null);
    setNeedsReason(Boolean(leave?.strengthConfirm));
    form.resetFields();
    if (leave) {
      form.setFieldsValue({ ...leave, approver: leave.approver ?? undefined, reason: leave.reason ?? undefined, note: leave.note ?? undefined, trip: leave.trip ?? undefined, strengthConfirm: leave.strengthConfirm ?? undefined });
    } else {
      form.setFieldsValue({ staffId, type: '年休假', fromHalf: '上午', toHalf: '下午', status: '计划', ...(preset as LeaveFormValues) });
    }
    if (!staffId && !rosterLoaded) void loadRoster(client);
  }, [open, leave, staffId, preset, form, rosterLoaded, loadRoster, client]);

  const type = Form.useWatch('type', form);
  const fromDate = Form.useWatch('fromDate', form);
  const toDate = Form.useWatch('toDate', form);
  const fromHalf = Form.useWatch('fromHalf', form);
  const toHalf = Form.useWatch('toHalf', form);
  useEffect(() => {
    if (!open || !type || !fromDate || !toDate) return setCount({ result: null, problem: null });
    let current = true;
    client.call('leave.count', { type, fromDate, toDate, fromHalf: fromHalf ?? '上午', toHalf: toHalf ?? '下午' }).then(
      (result) => current && setCount({ result, problem: null }),
      (e: Error) => current && setCount({ result: null, problem: e.message }),
    );
    return () => {
      current = false;
    };
  }, [open, client, type, fromDate, toDate, fromHalf, toHalf]);

  const people = useMemo(() => roster.filter((p) => !p.readOnlyNote && p.status === '在职').map((p) => ({ value: p.id, label: `${p.name}（${p.category}）` })), [roster]);

  async function submit() {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await client.call('leave.save', {
        id: leave?.id,
        staffId: values.staffId ?? staffId ?? '',
        type: values.type as LeaveType,
        fromDate: values.fromDate ?? '',
        fromHalf: values.fromHalf ?? '上午',
        toDate: values.toDate ?? values.fromDate ?? '',
        toHalf: values.toHalf ?? '下午',
        status: values.status ?? '计划',
        approver: textOrNull(values.approver),
        reason: textOrNull(values.reason),
        note: textOrNull(values.note),
        trip: textOrNull(values.trip),
        strengthConfirm: textOrNull(values.strengthConfirm),
        source: leave?.source ?? preset?.source ?? null,
      });
      message.success(`已保存${saved.staffName}的${saved.type}（${saved.days} 天）`);
      await refreshLeaveFor(client, { tables: ['leave_record'], rowIds: { leave_record: [saved.id] } });
      if (staffId) await refreshDetail(client, staffId, true);
      onClose();
    } catch (e) {
      if (e instanceof ApiCallError && e.code === 'LEAVE_NEEDS_CONFIRMATION') setNeedsReason(true);
      setError(refusalMessage(form, e, Object.keys(shape)));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title={leave ? `编辑休假：${leave.staffName} ${leave.type}` : '登记休假'}
      open={open}
      onOk={() => void submit()}
      onCancel={onClose}
      okText="保存"
      confirmLoading={saving}
      destroyOnHidden
      width={720}
    >
      <Form form={form} name="leave" layout="vertical" style={{ marginTop: 12 }}>
        <Row gutter={16}>
          {!staffId && (
            <Col span={12}>
              <Form.Item label="人员" name="staffId" required rules={[{ required: true, message: '请选择人员' }]}>
                <Select {...keyboardSelectProps} options={people} placeholder="输入姓名查找" />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item label="假别" name="type" required rules={[zodFieldRule(shape.type)]} extra={type ? leaveTypeRules[type].basis : undefined}>
              <Select {...keyboardSelectProps} options={leaveTypes.map((value) => ({ value, label: value }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="开始日期" name="fromDate" required rules={[zodFieldRule(shape.fromDate)]} {...dateFieldProps}>
              <TypedDatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item label="开始时段" name="fromHalf">
              <Select aria-label="开始时段" options={halfDays.map((value) => ({ value, label: value === '上午' ? '全天' : '下午起' }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="结束日期" name="toDate" required rules={[zodFieldRule(shape.toDate)]} {...dateFieldProps}>
              <TypedDatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item label="结束时段" name="toHalf">
              <Select aria-label="结束时段" options={halfDays.map((value) => ({ value, label: value === '下午' ? '全天' : '至上午' }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            {count.result && <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="leave-day-count" title={describeDayCount(count.result)} />}
            {count.problem && <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="leave-day-count" title={count.problem} />}
          </Col>
          <Col span={8}>
            <Form.Item label="状态" name="status">
              <Select options={leaveStatuses.map((value) => ({ value, label: value }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="审批人" name="approver" rules={[zodFieldRule(shape.approver)]}>
              <Input maxLength={20} placeholder="如 所长 王建国" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="事由" name="reason" rules={[zodFieldRule(shape.reason)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          {type === '疗休养' && (
            <Col span={12}>
              <Form.Item label="疗休养批次" name="trip" rules={[zodFieldRule(shape.trip)]} tooltip="派出所推荐，市局确认">
                <Input maxLength={60} placeholder={`如 ${today.slice(0, 4)}年优秀民警疗休养（千岛湖）`} />
              </Form.Item>
            </Col>
          )}
          <Col span={type === '疗休养' ? 12 : 24}>
            <Form.Item label="备注" name="note" rules={[zodFieldRule(shape.note)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          {needsReason && (
            <Col span={24}>
              <Form.Item label="确认说明（低于最低在岗警力时必填，随记录保存）" name="strengthConfirm" rules={[{ required: true, message: '请填写确认说明' }, zodFieldRule(shape.strengthConfirm)]}>
                <Input maxLength={200} placeholder="如 已报所长同意，由社区辅警补位" />
              </Form.Item>
            </Col>
          )}
        </Row>
        {error && <Alert type={needsReason ? 'warning' : 'error'} showIcon data-testid="leave-form-error" title={<Typography.Text style={{ whiteSpace: 'pre-line' }}>{error}</Typography.Text>} />}
      </Form>
    </Modal>
  );
}
