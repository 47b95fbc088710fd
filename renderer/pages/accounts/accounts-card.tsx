import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { accountNameSchema, accountRoles, passwordSchema, type AccountItem, type AccountRole } from '../../../shared/account-record';
import { useClient } from '../../api/client-context';
import { zodFieldRule } from '../../forms/zod-field-rule';

interface AccountForm {
  name: string;
  role: AccountRole;
  health: boolean;
  password?: string;
}

const roleHelp: Record<AccountRole, string> = {
  管理员: '账号、设置和全部数据',
  录入员: '录入和修改台账，不管理账号和设置',
  查看: '只能查看',
};

/** 账号 (管理员): the accounts of this PC — add, change role and health permission, reset a password, disable. */
export function AccountsCard() {
  const client = useClient();
  const { message } = App.useApp();
  const [accounts, setAccounts] = useState<AccountItem[]>([]);
  const [editing, setEditing] = useState<AccountItem | 'new' | null>(null);
  const [resetting, setResetting] = useState<AccountItem | null>(null);
  const [form] = Form.useForm<AccountForm>();
  const [resetForm] = Form.useForm<{ password: string }>();

  const load = useCallback(async () => setAccounts(await client.call('account.list', {})), [client]);
  useEffect(() => {
    load().catch((e: Error) => message.error(e.message));
  }, [load, message]);

  function open(target: AccountItem | 'new') {
    setEditing(target);
    form.setFieldsValue(target === 'new' ? { name: '', role: '录入员', health: false, password: '' } : { name: target.name, role: target.role, health: target.health });
  }

  async function save() {
    const values = await form.validateFields();
    try {
      const saved = await client.call('account.save', { ...(editing !== 'new' && editing ? { id: editing.id } : {}), ...values, ...(editing === 'new' ? {} : { password: undefined }) });
      message.success(editing === 'new' ? `已新建账号「${saved.name}」，首次登录时须修改密码` : `已保存「${saved.name}」`);
      setEditing(null);
      await load();
    } catch (error) {
      message.error((error as Error).message);
    }
  }

  async function reset() {
    if (!resetting) return;
    const { password } = await resetForm.validateFields();
    try {
      await client.call('account.resetPassword', { id: resetting.id, password });
      message.success(`已重置「${resetting.name}」的密码；TA 下次登录时须设置新密码`);
      setResetting(null);
      resetForm.resetFields();
      await load();
    } catch (error) {
      message.error((error as Error).message);
    }
  }

  async function setDisabled(account: AccountItem, disabled: boolean) {
    try {
      await client.call('account.setDisabled', { id: account.id, disabled });
      message.success(disabled ? `已停用「${account.name}」` : `已启用「${account.name}」`);
      await load();
    } catch (error) {
      message.error((error as Error).message);
    }
  }

  return (
    <Card title="账号" extra={<Button onClick={() => open('new')}>新建账号</Button>}>
      <Table<AccountItem>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={accounts}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '角色', dataIndex: 'role' },
          { title: '健康信息', render: (_, a) => (a.health ? <Tag color="orange">可查看</Tag> : '—') },
          {
            title: '状态',
            render: (_, a) => (a.disabled ? <Tag>已停用</Tag> : a.pausedUntil ? <Tag color="red">{`暂停登录至 ${a.pausedUntil.slice(11, 16)}`}</Tag> : <Tag color="green">可用</Tag>),
          },
          { title: '最近登录', render: (_, a) => a.lastSignInAt ?? '从未' },
          {
            title: '',
            render: (_, a) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => open(a)}>
                  修改
                </Button>
                <Button type="link" size="small" onClick={() => setResetting(a)}>
                  重置密码
                </Button>
                <Popconfirm title={a.disabled ? `启用「${a.name}」？` : `停用「${a.name}」？停用后不能登录，TA 的修改记录保留。`} okText="确定" cancelText="取消" onConfirm={() => void setDisabled(a, !a.disabled)}>
                  <Button type="link" size="small" danger={!a.disabled}>
                    {a.disabled ? '启用' : '停用'}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={editing !== null} title={editing === 'new' ? '新建账号' : '修改账号'} okText="保存" cancelText="取消" onOk={() => void save()} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item label="姓名（登录用，也记入变更记录）" name="name" rules={[zodFieldRule(accountNameSchema)]}>
            <Input aria-label="账号姓名" maxLength={20} />
          </Form.Item>
          <Form.Item label="角色" name="role" extra="管理员：账号、设置和全部数据；录入员：录入和修改；查看：只能查看">
            <Select aria-label="角色" options={accountRoles.map((role) => ({ value: role, label: `${role}（${roleHelp[role]}）` }))} />
          </Form.Item>
          <Form.Item name="health" valuePropName="checked" extra="健康信息（体检、心理、就医的详情）属于敏感个人信息，只开通给确有工作需要的人；没有这项权限时只能看到人数和等级。">
            <Checkbox>可以查看健康信息</Checkbox>
          </Form.Item>
          {editing === 'new' && (
            <Form.Item label="初始密码（首次登录时须修改）" name="password" rules={[zodFieldRule(passwordSchema)]}>
              <Input.Password aria-label="初始密码" autoComplete="new-password" />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal open={resetting !== null} title={`重置「${resetting?.name ?? ''}」的密码`} okText="重置" cancelText="取消" onOk={() => void reset()} onCancel={() => setResetting(null)} destroyOnHidden>
        <Form form={resetForm} layout="vertical" requiredMark={false}>
          <Form.Item label="新密码（告诉本人，TA 登录后须改成自己的密码；登录暂停也一并解除）" name="password" rules={[zodFieldRule(passwordSchema)]}>
            <Input.Password aria-label="重置的新密码" autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
