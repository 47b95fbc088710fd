import { useEffect, useState } from 'react';
import { App, Button, Card, Flex, Input, Space, Tag, Typography } from 'antd';
import { PermittedAction } from '../../frame/call-permission';
import { abnormalItemNameSchema, type AbnormalItemEntry } from '../../../shared/health-record';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';

const sourceColors: Record<AbnormalItemEntry['source'], string | undefined> = { 内置: undefined, 本单位: 'blue', 上级下发: 'purple' };

/**
 * 异常项目词表: the items a checkup's abnormal items are chosen from — built in, this unit's, and
 * those its bureau sent down. A bureau's additions go down to its stations with its sync files.
 */
export function AbnormalVocabularyCard() {
  const client = useClient();
  const { message } = App.useApp();
  const isBureau = useAppStore((s) => s.info?.station?.role === 'bureau');
  const version = useAppStore((s) => s.healthOverview);
  const [items, setItems] = useState<AbnormalItemEntry[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void client.call('health.vocabulary', {}).then(setItems);
  }, [client, version]);

  async function add() {
    const parsed = abnormalItemNameSchema.safeParse(name);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写异常项目');
      return;
    }
    if (items.some((i) => i.name === parsed.data)) {
      setError(`「${parsed.data}」已在词表中`);
      return;
    }
    try {
      setItems(await client.call('health.addItems', { names: [parsed.data] }));
      message.success(`已把「${parsed.data}」加入词表${isBureau ? '，下次同步时下发到各派出所' : ''}`);
      setName('');
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <Card title="异常项目词表" size="small">
      <Flex vertical gap={8}>
        <Flex wrap gap={4}>
          {items.map((item) => (
            <Tag key={item.name} color={sourceColors[item.source]} title={item.source}>
              {item.name}
            </Tag>
          ))}
        </Flex>
        <Space.Compact style={{ maxWidth: 360 }}>
          <Input value={name} onChange={(e) => setName(e.target.value)} onPressEnter={() => void add()} maxLength={20} placeholder="新的异常项目，如 胆囊息肉" status={error ? 'error' : undefined} aria-label="新的异常项目" />
          <PermittedAction method="health.addItems">
            <Button onClick={() => void add()}>加入词表</Button>
          </PermittedAction>
        </Space.Compact>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
        <Typography.Text type="secondary">
          蓝色为本单位添加，紫色为上级下发。{isBureau ? '市局添加的项目随同步文件下发到各派出所。' : '市局添加的项目随同步文件下发到本所。'}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
