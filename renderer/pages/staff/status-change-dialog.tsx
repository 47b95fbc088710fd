import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { staffStatuses, statusChangeInputSchema, type StaffListItem, type StaffStatus } from '../../../shared/staff-record';
import { useClient } from '../../api/client-context';
import { TypedDatePicker } from '../../forms/typed-date-picker';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { useAppStore } from '../../stores/store-context';
import { ApiCallError } from '../../../shared/contract/api-contract';
import { dateFieldProps, keyboardSelectProps, refusalMessage, saveShortcutHandler, textOrNull } from './form-support';

/** The refusal of a 退休 before the statutory date until the clerk confirms it (electron/staff/staff-status.ts). */
const EARLY_RETIREMENT_UNCONFIRMED = 'EARLY_RETIREMENT_UNCONFIRMED';

interface StatusFormValues {
  status?: StaffStatus;
  date?: string | null;
  reason?: string;
}

const shape = statusChangeInputSchema.shape;

/** 变更状态: 退休, 调出, 离职 … with the date and reason; the earlier status stays in the history. */
export function StatusChangeDialog({ person, open, onClose }: { person: StaffListItem; open: boolean; onClose(): void }) {
  const client = useClient();
  const { message, modal } = App.useApp();
  const today = useAppStore((s) => s.info?.today ?? '');
  const changeStaffStatus = useAppStore((s) => s.changeStaffStatus);
  const [form] = Form.useForm<StatusFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ status: undefined, date: today, reason: undefined });
  }, [open, today, form]);

  async function submit(confirmEarlyRetirement = false) {
    if (saving) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await changeStaffStatus(client, {
        staffId: person.id,
        status: values.status as StaffStatus,
        date: values.date ?? '',
        reason: textOrNull(values.reason),
        ...(confirmEarlyRetirement ? { confirmEarlyRetirement: true } : {}),
      });
      message.success(`「${saved.name}」的状态已改为${saved.status}${confirmEarlyRetirement ? '（提前退休）' : ''}`);
      onClose();
    } catch (e) {
      if (e instanceof ApiCallError && e.code === EARLY_RETIREMENT_UNCONFIRMED) {
        // 退休 before the statutory date: the clerk confirms it, and the entry keeps that.
        const [title, ...rest] = e.message.split('？');
        modal.confirm({
          title: `${title}？`,
          content: rest.join('？'),
          okText: '确认提前退休',
          cancelText: '改日期',
          onOk: () => void submit(true),
        });
      } else {
        setError(refusalMessage(form, e, ['status', 'date', 'reason']));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title={`变更状态：${person.name}（现为${person.status}）`}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="确定变更"
      confirmLoading={saving}
      destroyOnHidden
      width={460}
    >
      <Form form={form} name="status-change" layout="vertical" validateTrigger="onChange" style={{ marginTop: 12 }} onKeyDown={saveShortcutHandler(() => void submit())}>
        <Form.Item label="新状态" name="status" required rules={[zodFieldRule(shape.status)]}>
          <Select
            {...keyboardSelectProps}
            placeholder="选择新状态"
            options={staffStatuses.map((s) => ({ value: s, label: s, disabled: s === person.status }))}
          />
        </Form.Item>
        <Form.Item label="变更日期" name="date" required rules={[zodFieldRule(shape.date)]} {...dateFieldProps}>
          <TypedDatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="原因" name="reason" rules={[zodFieldRule(shape.reason)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} placeholder="如：到龄退休；调往××派出所" maxLength={200} />
        </Form.Item>
        <Alert type="info" showIcon title="原状态和日期保留在状态历史中；退休、调出等人员仍留在台账里，名单默认只显示在职人员。" />
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}
