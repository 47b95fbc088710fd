import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useShallow } from 'zustand/react/shallow';
import { accountNameSchema, passwordSchema } from '../../../shared/account-record';
import { useClient } from '../../api/client-context';
import { zodFieldRule } from '../../forms/zod-field-rule';
import { useAppStore } from '../../stores/store-context';

const screenStyle = { minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f3f5f9' } as const;

/**
 * The login screen; on the first start (no account yet) it creates the 管理员 instead. The demo
 * ledger names its demo accounts and their password here (demo only).
 */
export function SignInScreen() {
  const client = useClient();
  const { account, stationName, signIn, createFirstAdmin } = useAppStore(
    useShallow((s) => ({ account: s.account, stationName: s.info?.station?.name ?? null, signIn: s.signIn, createFirstAdmin: s.createFirstAdmin })),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstStart = account?.accountsExist === false;

  async function submit(values: { name: string; password: string; confirm?: string }) {
    setError(null);
    setBusy(true);
    try {
      if (firstStart) await createFirstAdmin(client, values.name.trim(), values.password);
      else await signIn(client, values.name.trim(), values.password);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={screenStyle}>
      <Card style={{ width: 420 }} data-testid={firstStart ? 'first-admin-screen' : 'sign-in-screen'}>
        <Typography.Title level={3} style={{ marginTop: 0, textAlign: 'center', letterSpacing: 2 }}>
          暖警台账
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {firstStart ? '首次使用：请创建管理员账号。管理员管理账号和设置，可查看健康信息。' : (stationName ?? '请登录')}
        </Typography.Paragraph>
        {account?.demoAccounts && account.demoPassword && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="演示台账"
            description={`演示账号：${account.demoAccounts.map((a) => `${a.name}（${a.role}${a.health ? '，含健康信息' : ''}）`).join('、')}，密码都是 ${account.demoPassword}。`}
          />
        )}
        <Form layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
          <Form.Item label={firstStart ? '管理员姓名' : '姓名'} name="name" rules={[zodFieldRule(accountNameSchema)]} extra={firstStart ? '变更记录里记的就是这个姓名' : undefined}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus aria-label={firstStart ? '管理员姓名' : '姓名'} />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={firstStart ? [zodFieldRule(passwordSchema)] : [{ required: true, message: '请填写密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete={firstStart ? 'new-password' : 'current-password'} aria-label="密码" />
          </Form.Item>
          {firstStart && (
            <Form.Item
              label="再输一次密码"
              name="confirm"
              dependencies={['password']}
              rules={[({ getFieldValue }) => ({ validator: (_, value) => (value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) })]}
            >
              <Input.Password autoComplete="new-password" aria-label="再输一次密码" />
            </Form.Item>
          )}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {firstStart ? '创建管理员并登录' : '登录'}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
