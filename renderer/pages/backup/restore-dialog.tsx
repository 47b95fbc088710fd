import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Input, Modal, Space, Table, Typography } from 'antd';
import type { BackupListEntry, RestorePreviewInfo } from '../../../shared/backup-record';
import { usePlatform } from '../../api/client-context';
import type { PickedFile } from '../../api/file-transfer';

/** Which backup to restore: one of the list, or a file picked from a stick. */
export type RestoreSource = { kind: 'listed'; entry: BackupListEntry } | { kind: 'upload'; file: PickedFile };

type CountRow = RestorePreviewInfo['counts'][number];

function sourceArgs(source: RestoreSource, password: string) {
  const base = source.kind === 'listed' ? { fileName: source.entry.fileName } : { upload: { fileName: source.file.name, bytesBase64: source.file.bytesBase64 } };
  return password ? { ...base, password } : base;
}

/**
 * The restore preview: the backup's date and reason, each kind's record count in the backup against
 * today's, what the restore does (today's ledger is backed up first) — then 恢复 and a reload on the
 * restored ledger. An encrypted backup asks for its password first.
 */
export function RestoreDialog({ source, onClose }: { source: RestoreSource; onClose(): void }) {
  const { client } = usePlatform();
  const { message } = App.useApp();
  const [preview, setPreview] = useState<RestorePreviewInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [needsPassword, setNeedsPassword] = useState(false);
  const [password, setPassword] = useState('');
  const [checking, setChecking] = useState(false);
  const [restoring, setRestoring] = useState(false);

  async function check(withPassword: string) {
    setChecking(true);
    setError(null);
    try {
      setPreview(await client.call('backup.preview', sourceArgs(source, withPassword)));
      setNeedsPassword(false);
    } catch (failure) {
      const code = (failure as { code?: string }).code;
      if (code === 'BACKUP_PASSWORD_NEEDED') setNeedsPassword(true);
      else {
        if (code === 'BACKUP_PASSWORD_WRONG') setNeedsPassword(true);
        setError((failure as Error).message);
      }
    } finally {
      setChecking(false);
    }
  }

  useEffect(() => {
    void check('');
    // One check when the dialog opens; later ones come from the password field.
  }, []);

  async function restore() {
    setRestoring(true);
    try {
      const outcome = await client.call('backup.restore', sourceArgs(source, password));
      message.success({ content: `已恢复到 ${outcome.preview.createdAt} 的备份${outcome.safetyBackup ? `；恢复前的台账已备份为「${outcome.safetyBackup}」` : ''}。正在重新打开…`, duration: 8 });
      // The ledger was reopened: every page starts again from it (the desktop app restarts itself).
      setTimeout(() => window.location.reload(), 800);
    } catch (failure) {
      setError((failure as Error).message);
      setRestoring(false);
    }
  }

  const changed = (row: CountRow) => row.current !== null && row.current !== row.backup;
  const rows = (preview?.counts ?? []).filter((row) => row.backup > 0 || (row.current ?? 0) > 0);
  return (
    <Modal
      open
      title="从备份恢复"
      width={640}
      onCancel={restoring ? undefined : onClose}
      footer={
        <Space>
          <Button onClick={onClose} disabled={restoring}>
            取消
          </Button>
          <Button type="primary" danger disabled={!preview} loading={restoring} onClick={() => void restore()}>
            恢复到这个备份
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {needsPassword ? (
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input.Password aria-label="备份密码" placeholder="这份备份已加密，请输入备份时设的密码" value={password} onChange={(e) => setPassword(e.target.value)} onPressEnter={() => void check(password)} />
          <Button loading={checking} onClick={() => void check(password)}>
            检查
          </Button>
        </Space.Compact>
      ) : null}
      {!preview && checking && !needsPassword ? <Typography.Text type="secondary">正在校验备份文件…</Typography.Text> : null}
      {preview ? (
        <>
          <Descriptions column={1} size="small" bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label="备份时间">{preview.createdAt}</Descriptions.Item>
            <Descriptions.Item label="原因">
              {preview.reasonLabel}
              {preview.encrypted ? '（加密）' : ''}
            </Descriptions.Item>
            {preview.stationName ? <Descriptions.Item label="单位">{`${preview.stationName}（${preview.stationCode}）`}</Descriptions.Item> : null}
          </Descriptions>
          <Table<CountRow>
            size="small"
            rowKey="table"
            pagination={false}
            scroll={{ y: 300 }}
            dataSource={rows}
            aria-label="记录数对比"
            columns={[
              { title: '类别', dataIndex: 'label', key: 'label' },
              { title: '备份中', dataIndex: 'backup', key: 'backup', align: 'right' },
              { title: '现在', dataIndex: 'current', key: 'current', align: 'right', render: (value: number | null) => (value === null ? '无法读取' : value) },
              {
                title: '差',
                key: 'difference',
                align: 'right',
                render: (_: unknown, row: CountRow) => (changed(row) ? <Typography.Text type="warning">{row.backup - (row.current ?? 0) > 0 ? `+${row.backup - (row.current ?? 0)}` : row.backup - (row.current ?? 0)}</Typography.Text> : ''),
              },
            ]}
          />
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title="恢复会把现在的台账整体换成这份备份；备份之后录入的内容将不在恢复后的台账里。"
            description="恢复前会先自动备份现在的台账（原因「恢复备份前」），如恢复错了可以再恢复回来。恢复后程序会重新打开台账。"
          />
          {!preview.keysIncluded ? (
            <Alert style={{ marginTop: 12 }} type="info" showIcon title="这个备份不带本机的同步密钥：恢复后要继续同步，请向市局申请重新下发开通文件，在「数据同步」中登记。" />
          ) : !preview.sameInstallation ? (
            <Alert style={{ marginTop: 12 }} type="info" showIcon title="这个备份来自另一台电脑的台账：恢复后如不能同步，请向市局申请重新下发开通文件。" />
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}
