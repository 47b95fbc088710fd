import { useState } from 'react';
import { App, Button, Card, Flex, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CloudUploadOutlined, ImportOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { PermittedAction } from '../../frame/call-permission';
import type { SyncPeer, SyncStatus } from '../../../shared/sync-record';
import { usePlatform } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { OpenStationModal, useSaveSetupFile } from './open-station-modal';
import { formatSyncTime, groupFingerprint, sequenceLabel } from './sync-format';

export interface StationsCardProps {
  status: SyncStatus;
  exporting: string | null;
  onExport(peer: SyncPeer): void;
  onExportAll(): void;
  onImport(): void;
}

/** A bureau's stations: last bundle received from each, what waits to be sent, silence warnings. */
export function StationsCard({ status, exporting, onExport, onExportAll, onImport }: StationsCardProps) {
  const { client } = usePlatform();
  const { message } = App.useApp();
  const openSyncStation = useAppStore((s) => s.openSyncStation);
  const saveSetupFile = useSaveSetupFile();
  const [opening, setOpening] = useState(false);
  const [reissuing, setReissuing] = useState<string | null>(null);

  async function reissue(peer: SyncPeer) {
    setReissuing(peer.code);
    try {
      // The unit keeps its role: a county bureau re-issued as a 派出所 would lose its stations.
      const file = await openSyncStation(client, { code: peer.code, name: peer.name, role: peer.role, reissue: true });
      const saved = await saveSetupFile(peer.code, file.bytesBase64);
      if (saved) {
        message.success({
          content: peer.registered
            ? `已重新生成「${peer.name}」的开通文件，旧开通文件已作废。请当面交给该单位，用它重新设置电脑；新电脑第一次报送前，该单位现在的电脑仍可照常报送。`
            : `已重新生成「${peer.name}」的开通文件，旧文件已作废。请当面交给该单位，用它重新设置电脑。`,
          duration: 10,
        });
      }
      else message.warning('没有保存开通文件；旧文件已作废，请再生成一次并保存。');
    } catch (error) {
      message.error({ content: (error as Error).message, duration: 10 });
    } finally {
      setReissuing(null);
    }
  }

  const silent = status.children.filter((c) => c.silentTooLong).length;
  // Sized to fit a 1024 px screen with the menu folded (tests/e2e/narrow-screen.e2e.test.ts): the
  // name takes what is left, and whether the unit has registered shows under its name.
  const columns: ColumnsType<SyncPeer> = [
    { title: '单位代码', dataIndex: 'code', key: 'code', width: 100, ellipsis: true },
    {
      title: '名称 / 登记',
      dataIndex: 'name',
      key: 'name',
      ellipsis: { showTitle: false },
      render: (name: string, peer) => (
        <Flex vertical gap={4} align="start" style={{ minWidth: 0, maxWidth: '100%' }}>
          <Flex gap={6} align="center" style={{ minWidth: 0, maxWidth: '100%' }}>
            <Tooltip title={name} placement="topLeft">
              <Typography.Text ellipsis style={{ minWidth: 0 }}>
                {name}
              </Typography.Text>
            </Tooltip>
            {peer.role === 'bureau' && (
              <Tag color="blue" style={{ marginInlineEnd: 0, flex: 'none' }}>
                县局
              </Tag>
            )}
          </Flex>
          <Flex gap={4} wrap>
            {peer.registered ? <Tag color="green">已登记</Tag> : <Tag>待首次报送</Tag>}
            {peer.registered && peer.reissuePending && (
              <Tooltip title="已重新生成开通文件：用新文件设置的电脑第一次报送后，改用新电脑的密钥；在此之前，现在的电脑仍可照常报送。">
                <Tag color="orange">待新电脑报送</Tag>
              </Tooltip>
            )}
          </Flex>
        </Flex>
      ),
    },
    {
      title: '密钥指纹',
      key: 'fingerprint',
      width: 170,
      render: (_: unknown, peer) =>
        peer.fingerprint ? (
          <Typography.Text code copyable={{ text: peer.fingerprint }} style={{ wordBreak: 'break-all' }} data-testid={`station-fingerprint-${peer.code}`}>
            {groupFingerprint(peer.fingerprint)}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">首次报送后显示</Typography.Text>
        ),
    },
    {
      title: '最后收到',
      key: 'received',
      width: 170,
      render: (_: unknown, peer) => (
        <Flex gap={6} align="center" wrap>
          {peer.lastReceivedAt ? (
            <span>
              {formatSyncTime(peer.lastReceivedAt)}{'\u3000'}{sequenceLabel(peer.lastReceivedSequence)}
            </span>
          ) : (
            <Typography.Text type="secondary">从未收到</Typography.Text>
          )}
          {peer.silentTooLong && <Tag color="red">{peer.silentDays != null ? `已 ${peer.silentDays} 天未报送` : '一直未报送'}</Tag>}
        </Flex>
      ),
    },
    {
      title: '待发送',
      dataIndex: 'pendingChanges',
      key: 'pending',
      width: 72,
      align: 'right',
      render: (n: number) => (n > 0 ? `${n} 项` : <Typography.Text type="secondary">0</Typography.Text>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 160,
      render: (_: unknown, peer) => (
        <Flex vertical align="start">
          <PermittedAction method="sync.exportBundle" hide>
            <Button type="link" size="small" icon={<CloudUploadOutlined />} loading={exporting === peer.code} disabled={!peer.registered} title={peer.registered ? undefined : '该单位第一次报送后才能给它生成同步文件'} onClick={() => onExport(peer)}>
              生成同步文件
            </Button>
          </PermittedAction>
          <PermittedAction method="sync.openStation" hide>
            <Popconfirm
              title={`重新生成「${peer.name}」的开通文件？`}
              description={
                <div style={{ maxWidth: 340 }}>
                  旧的开通文件将立即作废。仅在该单位的电脑重装或损坏、需要重新设置时使用；设置后，它的数据会从市局下一次发给它的同步文件中恢复。
                  {peer.registered &&
                    '该单位现在的电脑不会因此断开：在用新文件设置的电脑第一次报送之前，它仍可照常报送和接收；新电脑报送后，现在的电脑发来的文件将被拒绝。'}
                </div>
              }
              okText="重新生成"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              onConfirm={() => reissue(peer)}
            >
              <Button type="link" size="small" icon={<KeyOutlined />} loading={reissuing === peer.code}>
                重新生成开通文件
              </Button>
            </Popconfirm>
          </PermittedAction>
        </Flex>
      ),
    },
  ];

  return (
    <Card
      title="所属单位"
      styles={{ header: { flexWrap: 'wrap', rowGap: 8, paddingBlock: 8 } }}
      extra={
        <Space wrap style={{ justifyContent: 'flex-end' }}>
          <PermittedAction method="sync.openStation">
            <Button icon={<PlusOutlined />} onClick={() => setOpening(true)}>
              开通派出所
            </Button>
          </PermittedAction>
          <PermittedAction method="sync.exportAll">
            <Button icon={<CloudUploadOutlined />} loading={exporting === '*'} disabled={!status.children.some((c) => c.registered)} onClick={onExportAll}>
              为全部派出所生成同步文件
            </Button>
          </PermittedAction>
          <PermittedAction method="sync.importBundle">
            <Button type="primary" icon={<ImportOutlined />} onClick={onImport}>
              导入同步文件
            </Button>
          </PermittedAction>
        </Space>
      }
      data-testid="sync-stations-card"
    >
      <Flex wrap gap="4px 24px" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" data-testid="sync-stations-summary">
          共 {status.children.length} 个所属单位
          {silent > 0 && <Typography.Text type="danger">，{silent} 个超过 {status.silentWarningDays} 天未报送</Typography.Text>}
        </Typography.Text>
        <Typography.Text type="secondary" data-testid="sync-own-fingerprint">
          本机密钥指纹：
          <Typography.Text code copyable={{ text: status.fingerprint }}>
            {groupFingerprint(status.fingerprint)}
          </Typography.Text>
          <span style={{ marginInlineStart: 8 }}>（派出所设置时会电话核对这一串）</span>
        </Typography.Text>
      </Flex>
      <Table<SyncPeer>
        size="middle"
        rowKey="code"
        tableLayout="fixed"
        scroll={{ x: 842 }}
        columns={columns}
        dataSource={status.children}
        pagination={status.children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: '还没有开通任何派出所。点右上角「开通派出所」生成开通文件。' }}
      />
      <OpenStationModal open={opening} onClose={() => setOpening(false)} />
    </Card>
  );
}
