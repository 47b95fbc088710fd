import { Alert, Flex, List, Typography } from 'antd';
import type { BundleImportSummary } from '../../../shared/sync-record';
import { WithheldKindTag } from './withheld-tab';

/**
 * What of one bundle is not (or, in the preview, will not be) imported: the rejected and held
 * counts and the first entries' sentences. The rest of the file imports normally.
 */
export function WithheldSummary({ summary }: { summary: BundleImportSummary }) {
  // Summaries kept in the history by an older version have none of these fields.
  const rejected = summary.rejected ?? 0;
  const held = summary.held ?? 0;
  const entries = summary.withheld ?? [];
  const released = summary.released ?? 0;
  if (rejected + held === 0) {
    return released > 0 ? (
      <Alert type="info" showIcon title={`另有 ${released} 项以前暂缓的修改已到修改时间，${summary.dryRun ? '导入时将一并导入' : '已一并导入'}。`} />
    ) : null;
  }
  const parts = [rejected > 0 ? `${rejected} 项对方无权修改（拒收）` : null, held > 0 ? `${held} 项修改时间比本机晚得太多（暂缓）` : null].filter(Boolean);
  const total = rejected + held;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="sync-import-withheld"
      title={`有 ${total} 项修改${summary.dryRun ? '不会导入' : '没有导入'}：${parts.join('，')}。文件里的其余内容${summary.dryRun ? '照常导入' : '已照常导入'}。`}
      description={
        <Flex vertical gap={6}>
          <List
            size="small"
            style={{ maxHeight: 180, overflowY: 'auto', background: '#fff', borderRadius: 6 }}
            dataSource={entries.slice(0, 10)}
            renderItem={(w) => (
              <List.Item style={{ padding: '4px 8px' }}>
                <Flex gap={6} align="start">
                  <WithheldKindTag kind={w.kind} />
                  <Typography.Text style={{ fontSize: 13 }}>{w.detail}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
          <Typography.Text type="secondary">
            {total > Math.min(entries.length, 10) ? `以上是前 ${Math.min(entries.length, 10)} 项。` : ''}
            {summary.dryRun ? '导入后全部列在本页「未导入的修改」标签中。' : '全部列在本页「未导入的修改」标签中。'}
            {rejected > 0 ? '拒收的请打电话与对方单位核实；' : ''}
            {held > 0 ? '暂缓的请核对本机和对方的电脑日期，到时会自动导入。' : ''}
            {released > 0 ? `另有 ${released} 项以前暂缓的修改已到修改时间，${summary.dryRun ? '将一并导入' : '已一并导入'}。` : ''}
          </Typography.Text>
        </Flex>
      }
    />
  );
}
