import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, LockOutlined } from '@ant-design/icons';
import { PermittedAction } from '../../frame/call-permission';
import type { BackupListEntry, BackupListing } from '../../../shared/backup-record';
import { usePlatform } from '../../api/client-context';
import type { PickedFile } from '../../api/file-transfer';
import { RestoreDialog, type RestoreSource } from './restore-dialog';
import { backupFileFilters, sizeText } from './backup-format';

/**
 * 备份: the backups beside the ledger (date, reason, size, verified), a backup now, a backup to a
 * stick (optionally encrypted), and a restore with its preview. Taking and restoring backups are
 * 管理员 actions (see shared/contract/backup-contract.ts).
 */
export function BackupPage() {
  const { client, files } = usePlatform();
  const { message } = App.useApp();
  const [listing, setListing] = useState<BackupListing | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'now' | 'stick' | null>(null);
  const [stickOpen, setStickOpen] = useState(false);
  const [restoring, setRestoring] = useState<RestoreSource | null>(null);

  const load = useCallback(async () => {
    try {
      setListing(await client.call('backup.list', {}));
      setLoadError(null);
    } catch (error) {
      setLoadError((error as Error).message);
    }
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);

  async function backupNow() {
    setBusy('now');
    try {
      const entry = await client.call('backup.create', {});
      message.success(`已备份并通过完整性检查：${entry.fileName}（${sizeText(entry.bytes)}）`);
      await load();
    } catch (error) {
      message.error({ content: (error as Error).message, duration: 10 });
    } finally {
      setBusy(null);
    }
  }

  async function pickFromStick() {
    let picked: PickedFile[];
    try {
      picked = await files.open(backupFileFilters, false);
    } catch (error) {
      message.error((error as Error).message);
      return;
    }
    if (picked[0]) setRestoring({ kind: 'upload', file: picked[0] });
  }

  const columns = [
    { title: '备份时间', dataIndex: 'createdAt', key: 'createdAt', render: (value: string, entry: BackupListEntry) => value || entry.fileName },
    { title: '原因', dataIndex: 'reasonLabel', key: 'reason' },
    { title: '大小', dataIndex: 'bytes', key: 'bytes', render: (bytes: number) => sizeText(bytes) },
    {
      title: '校验',
      key: 'verified',
      render: (_: unknown, entry: BackupListEntry) =>
        entry.verified ? (
          <Tag icon={<CheckCircleOutlined />} color="success">
            已校验
          </Tag>
        ) : (
          <Typography.Text type="danger">
            <CloseCircleOutlined /> {entry.problem}
          </Typography.Text>
        ),
    },
    { title: '加密', dataIndex: 'encrypted', key: 'encrypted', render: (encrypted: boolean) => (encrypted ? <LockOutlined aria-label="已加密" /> : null) },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, entry: BackupListEntry) => (
        <PermittedAction method="backup.restore" hide>
          <Button size="small" disabled={!entry.verified} onClick={() => setRestoring({ kind: 'listed', entry })}>
            恢复…
          </Button>
        </PermittedAction>
      ),
    },
  ];

  if (loadError) return <Alert type="error" showIcon title="无法读取备份列表" description={loadError} />;
  const retention = listing?.retention;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="备份"
        extra={
          listing ? (
            listing.backedUpToday ? (
              <Tag color="success">今天已备份</Tag>
            ) : (
              <Tag color="warning">今天还没有备份</Tag>
            )
          ) : null
        }
      >
        <Typography.Paragraph>
          每天第一次打开、导入同步文件前、升级数据结构前和恢复备份前，暖警台账都会自动备份到台账旁的文件夹，每份备份都经过完整性检查。
          {retention ? `自动备份保留最近 ${retention.daily} 天每天一份、${retention.weekly} 周每周一份、${retention.monthly} 个月每月一份（可在「设置」中修改），` : ''}
          最新一份完好的备份永远不会被删除；手动备份不会被自动删除。
        </Typography.Paragraph>
        <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label="备份文件夹">{listing?.folder}</Descriptions.Item>
          <Descriptions.Item label="同步密钥保护">{listing ? listing.keyProtection.join('、') || '尚未生成同步密钥' : ''}</Descriptions.Item>
        </Descriptions>
        <Space wrap>
          <PermittedAction method="backup.create">
            <Button type="primary" loading={busy === 'now'} onClick={() => void backupNow()}>
              立即备份
            </Button>
          </PermittedAction>
          <PermittedAction method="backup.download">
            <Button loading={busy === 'stick'} onClick={() => setStickOpen(true)}>
              备份到U盘…
            </Button>
          </PermittedAction>
          <PermittedAction method="backup.restore">
            <Button onClick={() => void pickFromStick()}>从U盘上的备份恢复…</Button>
          </PermittedAction>
        </Space>
      </Card>
      <Card title="备份列表">
        <Table<BackupListEntry> rowKey="fileName" size="small" columns={columns} dataSource={listing?.entries ?? []} loading={!listing} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: '还没有备份' }} />
      </Card>
      <StickBackupDialog
        open={stickOpen}
        onClose={() => setStickOpen(false)}
        onBusy={(value) => setBusy(value ? 'stick' : null)}
      />
      {restoring ? <RestoreDialog source={restoring} onClose={() => setRestoring(null)} /> : null}
    </Space>
  );
}

/** 备份到U盘: a backup file saved where the clerk chooses, encrypted with a password when asked. */
function StickBackupDialog({ open, onClose, onBusy }: { open: boolean; onClose(): void; onBusy(busy: boolean): void }) {
  const { client, files } = usePlatform();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ encrypt: boolean; password: string; repeat: string }>();
  const encrypt = Form.useWatch('encrypt', form);
  const [saving, setSaving] = useState(false);

  async function save() {
    const values = await form.validateFields();
    setSaving(true);
    onBusy(true);
    try {
      const file = await client.call('backup.download', values.encrypt ? { password: values.password } : {});
      const { saved } = await files.save(file.fileName, file.bytesBase64, backupFileFilters);
      if (saved) {
        message.success({ content: `已保存备份「${file.fileName}」${values.encrypt ? '（已加密，恢复时需要这个密码，请另行妥善保管）' : ''}。`, duration: 8 });
        form.resetFields();
        onClose();
      }
    } catch (error) {
      message.error({ content: (error as Error).message, duration: 10 });
    } finally {
      setSaving(false);
      onBusy(false);
    }
  }

  return (
    <Modal title="备份到U盘" open={open} onCancel={onClose} onOk={() => void save()} okText="生成并保存" cancelText="取消" confirmLoading={saving} destroyOnHidden>
      <Typography.Paragraph>生成一份经完整性检查的备份文件（.njbak），保存到你选择的位置（例如U盘）。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ encrypt: true }}>
        <Form.Item name="encrypt" valuePropName="checked">
          <Checkbox>加密（U盘会离开派出所时请务必加密）</Checkbox>
        </Form.Item>
        {encrypt ? (
          <>
            <Form.Item name="password" label="备份密码" rules={[{ required: true, message: '请设置备份密码' }, { min: 8, message: '备份密码至少8个字符' }]}>
              <Input.Password aria-label="备份密码" autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="repeat"
              label="再输一次"
              dependencies={['password']}
              rules={[
                { required: true, message: '请再输一次备份密码' },
                ({ getFieldValue }) => ({ validator: (_, value) => (value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) }),
              ]}
            >
              <Input.Password aria-label="再输一次备份密码" autoComplete="new-password" />
            </Form.Item>
            <Typography.Text type="secondary">忘记密码就无法恢复这份备份，暖警台账也无法找回。</Typography.Text>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
