import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { passwordSchema } from '../../../shared/account-record';
import { useClient } from '../../api/client-context';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { useAppStore } from '../../stores/store-context';

/** 修改密码: the user's own; required (no cancel) after a 管理员 reset it. */
export function ChangePasswordDialog({ open, required, onClose }: { open: boolean; required: boolean; onClose: () => void }) {
  const client = useClient();
  const changePassword = useAppStore((s) => s.changePassword);
  const [form] = Form.useForm<{ current: string; next: string; confirm: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    setError(null);
    const values = await form.validateFields();
    setBusy(true);
    try {
      await changePassword(client, values.current, values.next);
      form.resetFields();
      onClose();
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={required ? '请设置新密码' : '修改密码'}
      okText="保存新密码"
      cancelText="取消"
      onOk={() => void save()}
      confirmLoading={busy}
      closable={!required}
      mask={{ closable: false }}
      keyboard={!required}
      cancelButtonProps={{ style: required ? { display: 'none' } : undefined }}
      onCancel={onClose}
      destroyOnHidden
    >
      {required && <Alert type="warning" showIcon title="管理员重置了您的密码（或这是新账号）：请设置一个只有您自己知道的新密码。" style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item label={required ? '管理员给的密码' : '原密码'} name="current" rules={[{ required: true, message: '请填写原密码' }]}>
          <Input.Password autoComplete="current-password" aria-label="原密码" />
        </Form.Item>
        <Form.Item label="新密码" name="next" rules={[zodFieldRule(passwordSchema)]} extra="至少6位">
          <Input.Password autoComplete="new-password" aria-label="新密码" />
        </Form.Item>
        <Form.Item
          label="再输一次新密码"
          name="confirm"
          dependencies={['next']}
          rules={[({ getFieldValue }) => ({ validator: (_, value) => (value === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))) })]}
        >
          <Input.Password autoComplete="new-password" aria-label="再输一次新密码" onPressEnter={() => void save()} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} role="alert" />}
      </Form>
    </Modal>
  );
}
