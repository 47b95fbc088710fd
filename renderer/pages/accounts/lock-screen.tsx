import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useShallow } from 'zustand/react/shallow';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';

/**
 * The lock screen, over the frame (an unsaved form underneath keeps its input): the signed-in
 * user's password unlocks it; 退出登录 lets someone else sign in.
 */
export function LockScreen() {
  const client = useClient();
  const { name, unlockScreen, signOut } = useAppStore(useShallow((s) => ({ name: s.account?.user?.name ?? '', unlockScreen: s.unlockScreen, signOut: s.signOut })));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function unlock(values: { password: string }) {
    setError(null);
    setBusy(true);
    try {
      await unlockScreen(client, values.password);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      role="dialog"
      aria-label="屏幕已锁定"
      data-testid="lock-screen"
      style={{ position: 'fixed', inset: 0, zIndex: 3000, background: '#1d2b45', display: 'flex', alignItems: 'center', justifyContent: 'center' }}
    >
      <Card style={{ width: 400 }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            <LockOutlined /> 屏幕已锁定
          </Typography.Title>
          <Typography.Text type="secondary">{`「${name}」已登录。为保护台账里的个人信息，离开或长时间未操作时锁定屏幕；请输入密码继续。`}</Typography.Text>
          <Form layout="vertical" onFinish={(values) => void unlock(values)} requiredMark={false}>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
              <Input.Password autoFocus autoComplete="current-password" aria-label="解锁密码" />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>
                解锁
              </Button>
              <Button onClick={() => void signOut(client)}>退出登录，换人使用</Button>
            </Space>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
