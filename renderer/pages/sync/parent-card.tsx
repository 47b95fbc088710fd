import { Button, Card, Col, Descriptions, Flex, Row, Space, Statistic, Tag, Typography } from 'antd';
import { CloudUploadOutlined, ImportOutlined } from '@ant-design/icons';
import { PermittedAction } from '../../frame/call-permission';
import type { SyncPeer, SyncStatus } from '../../../shared/sync-record';
import { formatSyncTime, groupFingerprint, sequenceLabel } from './sync-format';

export interface ParentCardProps {
  status: SyncStatus;
  parent: SyncPeer;
  exporting: boolean;
  onExport(): void;
  onImport(): void;
}

function LastBundle({ at, sequence }: { at: string | null; sequence: number | null }) {
  if (!at) return <Typography.Text type="secondary">还没有</Typography.Text>;
  return (
    <Flex vertical>
      <span>{formatSyncTime(at)}</span>
      <Typography.Text type="secondary">{sequenceLabel(sequence)}</Typography.Text>
    </Flex>
  );
}

/** A station's one peer, its parent bureau: who it is, what waits to be sent, and the two buttons. */
export function ParentCard({ status, parent, exporting, onExport, onImport }: ParentCardProps) {
  const lastSentAt = parent.lastSentAt ?? status.lastExportAt;
  const lastReceivedAt = parent.lastReceivedAt ?? status.lastImportAt;
  return (
    <Card title="上级单位" data-testid="sync-parent-card">
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={11}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'name', label: '名称', children: <Typography.Text strong>{parent.name}</Typography.Text> },
              { key: 'code', label: '单位代码', children: parent.code },
              {
                key: 'fp',
                label: '密钥指纹',
                children: (
                  <Typography.Text code copyable={{ text: parent.fingerprint ?? '' }}>
                    {groupFingerprint(parent.fingerprint)}
                  </Typography.Text>
                ),
              },
              {
                key: 'registered',
                label: '登记状态',
                children: parent.registered ? <Tag color="green">已登记</Tag> : <Tag color="orange">尚未登记</Tag>,
              },
              { key: 'own', label: '本机密钥指纹', children: <Typography.Text code>{groupFingerprint(status.fingerprint)}</Typography.Text> },
            ]}
          />
        </Col>
        <Col xs={24} lg={13}>
          <Row gutter={16}>
            <Col span={8}>
              <Statistic title="待发送变更" value={parent.pendingChanges} suffix="项" styles={{ content: { color: parent.pendingChanges > 0 ? '#1d4f91' : undefined } }} />
              {parent.pendingChanges > 0 && lastSentAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  含已发出、待确认的
                </Typography.Text>
              )}
            </Col>
            <Col span={8}>
              <Flex vertical gap={4}>
                <Typography.Text type="secondary">上次导出</Typography.Text>
                <LastBundle at={lastSentAt} sequence={parent.lastSentSequence} />
              </Flex>
            </Col>
            <Col span={8}>
              <Flex vertical gap={4}>
                <Typography.Text type="secondary">上次导入</Typography.Text>
                <LastBundle at={lastReceivedAt} sequence={parent.lastReceivedSequence} />
              </Flex>
            </Col>
          </Row>
          <Space wrap style={{ marginTop: 20 }}>
            <PermittedAction method="sync.exportBundle">
              <Button type="primary" size="large" icon={<CloudUploadOutlined />} loading={exporting} onClick={onExport}>
                生成同步文件
              </Button>
            </PermittedAction>
            <PermittedAction method="sync.importBundle">
              <Button size="large" icon={<ImportOutlined />} onClick={onImport}>
                导入同步文件
              </Button>
            </PermittedAction>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            把生成的文件拷贝到 U 盘交给{parent.name}；收到上级发来的文件后，点「导入同步文件」。文件已加密，只有对方能打开。
          </Typography.Paragraph>
        </Col>
      </Row>
    </Card>
  );
}
