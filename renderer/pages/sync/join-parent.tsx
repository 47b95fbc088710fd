import { Alert, App, Button, Descriptions, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { PermittedAction } from '../../frame/call-permission';
import { usePlatform } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { groupFingerprint, setupFileFilters } from './sync-format';

/**
 * Registers the parent bureau on an installation already in use: pick the bureau's setup file,
 * read it (nothing written), compare the fingerprint, confirm → `sync.joinParent`.
 */
export function JoinParentButton({ primary, label = '登记上级单位的开通文件' }: { primary?: boolean; label?: string }) {
  const { client, files } = usePlatform();
  const { message, modal } = App.useApp();
  const previewSetupFile = useAppStore((s) => s.previewSetupFile);
  const joinSyncParent = useAppStore((s) => s.joinSyncParent);
  const ownStation = useAppStore((s) => s.info?.station);
  const [reading, setReading] = useState(false);

  async function pick() {
    const [file] = await files.open(setupFileFilters, false);
    if (!file) return;
    setReading(true);
    try {
      const preview = await previewSetupFile(client, file);
      // A file issued to another code is flagged here, before anything is confirmed (the call would refuse it).
      const wrongStation = ownStation && preview.stationCode !== ownStation.code ? ownStation : null;
      modal.confirm({
        title: wrongStation ? '这个开通文件不是发给本单位的' : '登记上级单位',
        width: 520,
        okText: '确认登记',
        cancelText: wrongStation ? '关闭' : '取消',
        okButtonProps: wrongStation ? { disabled: true } : undefined,
        content: (
          <>
            {wrongStation && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 12 }}
                data-testid="setup-file-wrong-station"
                title={`这个开通文件是发给「${preview.stationName}」（${preview.stationCode}）的，本机单位是「${wrongStation.name}」（${wrongStation.code}），不能使用。`}
                description={`请向上级单位索取为本单位（${wrongStation.code}）生成的开通文件；如本机单位代码填错了，请先与上级单位核对。`}
              />
            )}
            <Descriptions
              size="small"
              column={1}
              style={{ marginTop: 12 }}
              items={[
                { key: 'bureau', label: '上级单位', children: `${preview.bureauName}（${preview.bureauCode}）` },
                { key: 'station', label: '开通给', children: `${preview.stationName}（${preview.stationCode}）` },
                { key: 'fp', label: '上级密钥指纹', children: <Typography.Text code>{groupFingerprint(preview.bureauFingerprint)}</Typography.Text> },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              请打电话与上级单位核对密钥指纹，一致后再确认。
            </Typography.Paragraph>
          </>
        ),
        onOk: async () => {
          try {
            await joinSyncParent(client, file);
            message.success(`已登记上级单位「${preview.bureauName}」，现在可以生成同步文件了。`);
          } catch (error) {
            message.error({ content: (error as Error).message, duration: 10 });
          }
        },
      });
    } catch (error) {
      message.error({ content: (error as Error).message, duration: 10 });
    } finally {
      setReading(false);
    }
  }

  return (
    <PermittedAction method="sync.previewSetupFile">
      <Button type={primary ? 'primary' : 'link'} icon={<SafetyCertificateOutlined />} loading={reading} onClick={() => void pick()}>
        {label}
      </Button>
    </PermittedAction>
  );
}
