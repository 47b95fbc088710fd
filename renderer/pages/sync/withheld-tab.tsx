import { useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PermittedAction } from '../../frame/call-permission';
import type { WithheldChange } from '../../../shared/sync-record';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { formatSyncTime } from './sync-format';

type KindFilter = 'all' | WithheldChange['kind'];

/** How the clerk names the two kinds: 拒收 (the sender may not write it), 暂缓 (dated too far ahead). */
export const withheldKindLabel: Record<WithheldChange['kind'], string> = { rejected: '拒收', held: '暂缓' };

/** A kind as a coloured tag. */
export function WithheldKindTag({ kind }: { kind: WithheldChange['kind'] }) {
  return (
    <Tag color={kind === 'rejected' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
      {withheldKindLabel[kind]}
    </Tag>
  );
}

/** The sender's name alone (the listing may carry it as 「名称（代码）」; the code goes on its own line). */
function peerNameOf(w: WithheldChange): string {
  const suffix = `（${w.peerCode}）`;
  const name = w.peerName.endsWith(suffix) ? w.peerName.slice(0, -suffix.length) : w.peerName;
  return name || w.peerCode;
}

const columns: ColumnsType<WithheldChange> = [
  {
    title: '来源单位',
    key: 'peer',
    width: 120,
    render: (_: unknown, w) => (
      <Flex vertical>
        <span>{peerNameOf(w)}</span>
        {peerNameOf(w) !== w.peerCode && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {w.peerCode}
          </Typography.Text>
        )}
      </Flex>
    ),
  },
  { title: '记录', dataIndex: 'tableLabel', key: 'table', width: 90 },
  { title: '字段', dataIndex: 'fieldLabel', key: 'field', width: 110 },
  {
    title: '值',
    dataIndex: 'value',
    key: 'value',
    width: 130,
    render: (value: string) => (
      <Typography.Text ellipsis={{ tooltip: value }} style={{ maxWidth: 118 }}>
        {value}
      </Typography.Text>
    ),
  },
  { title: '修改时间', dataIndex: 'changedAt', key: 'changedAt', width: 100, render: (at: string) => formatSyncTime(at) },
  {
    title: '修改人（对方填写）',
    dataIndex: 'userName',
    key: 'user',
    width: 110,
    render: (name: string) => name || <Typography.Text type="secondary">未署名</Typography.Text>,
  },
  {
    title: '原因',
    key: 'detail',
    minWidth: 300,
    render: (_: unknown, w) => (
      <Flex gap={6} align="start">
        <WithheldKindTag kind={w.kind} />
        <Typography.Paragraph style={{ marginBottom: 0, fontSize: 13 }} ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (open) => (open ? '收起' : '展开') }}>
          {w.detail}
        </Typography.Paragraph>
      </Flex>
    ),
  },
  { title: '收到时间', dataIndex: 'receivedAt', key: 'receivedAt', width: 100, render: (at: string) => formatSyncTime(at) },
];

/**
 * 未导入的修改: changes of imported bundles that were not applied. 拒收 ones the sender may not
 * write (they stay out; the clerk removes them once they have phoned the unit); 暂缓 ones are dated
 * too far ahead of this PC (applied by themselves when the time comes, or given up here).
 */
export function WithheldTab({ withheld, loading }: { withheld: WithheldChange[]; loading: boolean }) {
  const client = useClient();
  const { message } = App.useApp();
  const dismissWithheld = useAppStore((s) => s.dismissWithheld);
  const [filter, setFilter] = useState<KindFilter>('all');
  const [selected, setSelected] = useState<string[]>([]);
  const [working, setWorking] = useState<WithheldChange['kind'] | null>(null);
  // The counts a confirmation was opened with (its text must not change while it fades out).
  const [asked, setAsked] = useState({ rejected: 0, held: 0 });

  const rejectedCount = withheld.filter((w) => w.kind === 'rejected').length;
  const heldCount = withheld.length - rejectedCount;
  // 拒收 first (they need a phone call); otherwise as listed, newest file first.
  const shown = useMemo(() => {
    const kept = filter === 'all' ? withheld : withheld.filter((w) => w.kind === filter);
    return [...kept.filter((w) => w.kind === 'rejected'), ...kept.filter((w) => w.kind === 'held')];
  }, [withheld, filter]);
  // Only what is still listed and shown counts as selected (a refresh or the filter may hide rows).
  const shownIds = new Set(shown.map((w) => w.id));
  const chosen = withheld.filter((w) => selected.includes(w.id) && shownIds.has(w.id));
  const chosenRejected = chosen.filter((w) => w.kind === 'rejected');
  const chosenHeld = chosen.filter((w) => w.kind === 'held');

  async function dismiss(items: WithheldChange[], kind: WithheldChange['kind']) {
    setWorking(kind);
    try {
      const n = await dismissWithheld(
        client,
        items.map((w) => w.id),
      );
      const ids = new Set(items.map((w) => w.id));
      setSelected((s) => s.filter((id) => !ids.has(id)));
      message.success(kind === 'rejected' ? `已将 ${n} 项拒收的修改移出列表` : `已放弃 ${n} 项暂缓的修改，到时也不会再导入`);
    } catch (error) {
      message.error({ content: (error as Error).message, duration: 10 });
    } finally {
      setWorking(null);
    }
  }

  return (
    <Flex vertical gap={12} data-testid="sync-withheld">
      <Alert
        type="info"
        showIcon
        title="这里列出导入同步文件时没有采用的修改，文件里的其余内容已照常导入。"
        description={
          <Flex vertical gap={2}>
            <span>
              <Typography.Text strong>拒收</Typography.Text>
              ：发送单位无权修改这些内容（例如修改别的单位的人员、人员调走后原单位又改了档案、改动单位设置等），不会导入。请打电话与该单位核实；确实需要更正的，请由负责该记录的单位修改。核实后点「已知悉，移出列表」。
            </span>
            <span>
              <Typography.Text strong>暂缓</Typography.Text>
              ：修改时间比本机电脑现在晚得太多，对方或本机的电脑日期可能设错了。请先看本机右下角的日期是否正确，再打电话请对方核对电脑日期。暂不导入：到了那个时间会自动导入；对方改正日期并点「以电脑当前时间为准」后，更正后的修改会自动替换它。确定不要的可以「放弃」。
            </span>
          </Flex>
        }
      />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Segmented<KindFilter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: `全部 ${withheld.length}` },
            { value: 'rejected', label: `拒收 ${rejectedCount}` },
            { value: 'held', label: `暂缓 ${heldCount}` },
          ]}
          aria-label="按类别筛选未导入的修改"
        />
        <Space wrap>
          {chosen.length > 0 && <Typography.Text type="secondary">已选 {chosen.length} 项</Typography.Text>}
          <PermittedAction method="sync.dismissWithheld" hide>
            <Popconfirm
              title={`将 ${asked.rejected} 项拒收的修改移出列表？`}
              onOpenChange={(open) => open && setAsked((a) => ({ ...a, rejected: chosenRejected.length }))}
              description={
                <div style={{ maxWidth: 320 }}>这些修改仍然不会导入，只是不再显示在这里。请确认已经与对方单位核实过。对方再次发来同样的修改也不会重新列出。</div>
              }
              okText="移出列表"
              cancelText="取消"
              disabled={chosenRejected.length === 0}
              onConfirm={() => dismiss(chosenRejected, 'rejected')}
            >
              <Button disabled={chosenRejected.length === 0} loading={working === 'rejected'}>
                已知悉，移出列表{chosenRejected.length > 0 ? `（${chosenRejected.length}）` : ''}
              </Button>
            </Popconfirm>
          </PermittedAction>
          <PermittedAction method="sync.dismissWithheld" hide>
            <Popconfirm
              title={`放弃 ${asked.held} 项暂缓的修改？`}
              onOpenChange={(open) => open && setAsked((a) => ({ ...a, held: chosenHeld.length }))}
              description={
                <div style={{ maxWidth: 320 }}>放弃后，即使到了修改时间也不会再导入，对方重发也不会再列出。只有确定这些修改不需要时才放弃；如果只是对方电脑日期设错了，请让对方改正日期后点「以电脑当前时间为准」，不必放弃。</div>
              }
              okText="放弃"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              disabled={chosenHeld.length === 0}
              onConfirm={() => dismiss(chosenHeld, 'held')}
            >
              <Button danger disabled={chosenHeld.length === 0} loading={working === 'held'}>
                放弃{chosenHeld.length > 0 ? `（${chosenHeld.length}）` : ''}
              </Button>
            </Popconfirm>
          </PermittedAction>
        </Space>
      </Flex>
      <Table<WithheldChange>
        size="small"
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={shown}
        // Below ~1366 px the table scrolls sideways rather than squeezing the reason to nothing.
        scroll={{ x: 1090 }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(String)),
          selections: [Table.SELECTION_ALL, Table.SELECTION_INVERT, Table.SELECTION_NONE],
        }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: filter === 'all' ? '没有未导入的修改' : `没有${withheldKindLabel[filter]}的修改` }}
      />
    </Flex>
  );
}
