import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { chinaDateOf } from '../../../shared/china-date';
import { staffTransferInputSchema } from '../../../shared/contract/sync-contract';
import type { StaffListItem } from '../../../shared/staff-record';
import type { SyncPeer } from '../../../shared/sync-record';
import { useClient } from '../../api/client-context';
import { TypedDatePicker } from '../../forms/typed-date-picker';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { syncFailureOf } from '../../stores/sync-slice';
import { useAppStore } from '../../stores/store-context';
import { dateFieldProps, showServerFieldErrors, textOrNull } from './form-support';

interface TransferFormValues {
  toStationCode?: string;
  date?: string | null;
  reason?: string;
}

const shape = staffTransferInputSchema.shape;

/** Refusals of `sync.transferStaff` that are about the chosen station: shown under the station field. */
const stationErrorCodes = new Set(['TRANSFER_STATION_UNKNOWN', 'TRANSFER_SAME_STATION']);

/** The units a person can be moved to: this bureau's child units other than where the person is. */
export function transferTargets(children: readonly SyncPeer[], person: Pick<StaffListItem, 'stationCode'>): SyncPeer[] {
  return children.filter((peer) => peer.relation === 'child' && peer.code !== person.stationCode);
}

function unitLabel(peer: SyncPeer): string {
  return `${peer.name}（${peer.code}${peer.role === 'bureau' ? '，县局' : ''}）`;
}

/**
 * 调动 (bureau only): moves a person to another station under this bureau, with the date and
 * reason. The person's whole file (family, honours, history) goes with them: it reaches the new
 * station in the next bundle the bureau writes for it; the old station then shows the person as 调出.
 */
export function TransferDialog({ person, open, onClose }: { person: StaffListItem; open: boolean; onClose(): void }) {
  const client = useClient();
  const { message } = App.useApp();
  const today = useAppStore((s) => s.info?.today) ?? chinaDateOf(Date.now());
  const children = useAppStore((s) => s.syncStatus?.children);
  const loadSyncStatus = useAppStore((s) => s.loadSyncStatus);
  const transferStaff = useAppStore((s) => s.transferStaff);
  const [form] = Form.useForm<TransferFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const targets = useMemo(() => transferTargets(children ?? [], person), [children, person]);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ toStationCode: undefined, date: today, reason: undefined });
    // The stations opened since the page was loaded are offered too.
    void loadSyncStatus(client);
  }, [open, today, form, client, loadSyncStatus]);

  async function submit() {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const target = targets.find((peer) => peer.code === values.toStationCode);
    setSaving(true);
    setError(null);
    try {
      const moved = await transferStaff(client, {
        staffId: person.id,
        toStationCode: values.toStationCode ?? '',
        date: values.date ?? '',
        reason: textOrNull(values.reason) ?? undefined,
      });
      const toName = moved.stationName ?? target?.name ?? values.toStationCode;
      message.success({
        content: `「${moved.name}」已调至${toName}。其档案（家属、表彰、状态历史）将随下一次发给${toName}的同步文件送达；原单位收到同步文件后显示为调出。`,
        duration: 8,
      });
      onClose();
    } catch (e) {
      const failure = syncFailureOf(e);
      if (stationErrorCodes.has(failure.code)) {
        form.setFields([{ name: 'toStationCode', errors: [failure.message] }]);
      } else {
        const unplaced = showServerFieldErrors(form, e, ['toStationCode', 'date', 'reason']);
        setError(unplaced.length > 0 ? unplaced.join('；') : failure.message);
      }
    } finally {
      setSaving(false);
    }
  }

  const from = person.stationName ? `现在${person.stationName}` : '调动';

  return (
    <Modal
      title={`调动：${person.name}（${from}）`}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="确定调动"
      okButtonProps={{ disabled: children !== undefined && targets.length === 0 }}
      confirmLoading={saving}
      destroyOnHidden
      width={480}
    >
      <Form form={form} name="staff-transfer" layout="vertical" validateTrigger="onChange" style={{ marginTop: 12 }}>
        <Form.Item label="调入单位" name="toStationCode" required rules={[{ required: true, message: '请选择调入单位' }]}>
          <Select
            placeholder="选择调入的派出所"
            showSearch={{ optionFilterProp: 'label' }}
            loading={children === undefined}
            options={targets.map((peer) => ({ value: peer.code, label: unitLabel(peer) }))}
            notFoundContent={children === undefined ? '正在读取所属单位…' : '没有其他可调入的单位'}
          />
        </Form.Item>
        <Form.Item label="调动日期" name="date" required rules={[zodFieldRule(shape.date)]} {...dateFieldProps}>
          <TypedDatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="原因" name="reason" rules={[zodFieldRule(shape.reason)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} placeholder="如：工作需要；交流轮岗" maxLength={200} />
        </Form.Item>
        {children !== undefined && targets.length === 0 ? (
          <Alert type="warning" showIcon title="本单位没有其他可调入的派出所。请先在「数据同步」中开通调入单位。" />
        ) : (
          <Alert
            type="info"
            showIcon
            title="此人的档案（家属、表彰、状态历史）随人调动，在下一次发给调入单位的同步文件中送达；原单位收到同步文件后显示为调出，不再收到此人的变化。"
          />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}
