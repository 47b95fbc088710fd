import type { ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Modal, Progress, Spin, Steps, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useShallow } from 'zustand/react/shallow';
import { chinaDateTimeOf } from '../../../shared/china-date';
import type { BundleImportSummary } from '../../../shared/sync-record';
import { useClient } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import type { SyncImportItem, SyncImportStage } from '../../stores/sync-slice';
import { ImportPrintout, PrintSheet } from './print-sheet';
import { RegistrantFingerprint } from './registrant-fingerprint';
import { formatSyncTime, sequenceLabel } from './sync-format';
import { TableCounts } from './table-counts';
import { WithheldSummary } from './withheld-summary';

const stepOf: Record<SyncImportStage, number> = { idle: 0, checking: 0, preview: 1, applying: 2, done: 2 };
const titleOf: Record<SyncImportStage, string> = {
  idle: '',
  checking: '导入同步文件：正在检查',
  preview: '导入同步文件：预览（确认后才会写入）',
  applying: '导入同步文件：正在导入',
  done: '导入同步文件：完成',
};

/**
 * Who sent a bundle, its number and what it carries, above the per-table counts; a new unit's key
 * fingerprint to compare by phone first, and what of the file is not imported (拒收 / 暂缓).
 */
export function BundleSummaryView({ summary, testId }: { summary: BundleImportSummary; testId?: string }) {
  return (
    <Flex vertical gap={10}>
      {summary.registrant && <RegistrantFingerprint registrant={summary.registrant} dryRun={summary.dryRun} />}
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'sender', label: '发送单位', children: `${summary.senderName}（${summary.senderCode}）` },
          { key: 'sequence', label: '序号', children: sequenceLabel(summary.sequence) },
          { key: 'created', label: '生成时间', span: 2, children: formatSyncTime(summary.createdAt) },
          {
            key: 'changes',
            label: '变更',
            span: 2,
            children: (
              <span data-testid="sync-change-count">
                {`${summary.changes} 项（逐项字段计：一条记录改了几个字段就算几项），涉及 ${summary.totals.inserted + summary.totals.updated + summary.totals.unchanged} 条记录（下表按记录计，见「合计」）`}
                {summary.registeredSender && (
                  <Tag color="blue" style={{ marginLeft: 8 }}>
                    {summary.dryRun ? '首次报送，确认导入后将登记该单位的密钥' : '首次报送，已登记该单位的密钥'}
                  </Tag>
                )}
              </span>
            ),
          },
        ]}
      />
      <TableCounts summary={summary} testId={testId} />
      <WithheldSummary summary={summary} />
      {summary.totals.conflicts > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`有 ${summary.totals.conflicts} 项与本机的修改冲突`}
          description={summary.dryRun ? '导入后两个值都会保留，请到「冲突」页逐项核对。' : '两个值都已保留，请到本页「冲突」标签逐项核对。'}
        />
      )}
    </Flex>
  );
}

function ItemCard({ item, stage }: { item: SyncImportItem; stage: SyncImportStage }) {
  const summary = stage === 'done' ? item.result : item.preview;
  if (item.duplicateOf !== undefined) {
    return (
      <Card size="small" title={<Typography.Text style={{ fontWeight: 500 }}>{item.fileName}</Typography.Text>} extra={<Tag>重复</Tag>} data-testid="sync-import-item">
        <Typography.Text type="secondary">{`与「${item.duplicateOf}」是同一个文件，只导入一次，不重复计算。`}</Typography.Text>
      </Card>
    );
  }
  let tag = <Tag>等待检查</Tag>;
  if (item.error) tag = <Tag color="red">{item.result || stage === 'done' ? '未导入' : '不能导入'}</Tag>;
  else if (stage === 'done' && item.result) tag = <Tag color="green">已导入</Tag>;
  else if (item.preview) tag = <Tag color="green">可以导入</Tag>;
  return (
    <Card size="small" title={<Typography.Text style={{ fontWeight: 500 }}>{item.fileName}</Typography.Text>} extra={tag} data-testid="sync-import-item">
      {item.error ? (
        <Alert type="error" showIcon title={item.error.message} description={`此文件没有导入，本机数据未被改动。（错误代码 ${item.error.code}）`} />
      ) : summary ? (
        <BundleSummaryView summary={summary} testId="sync-import-counts" />
      ) : (
        <Typography.Text type="secondary">正在检查…</Typography.Text>
      )}
    </Card>
  );
}

/**
 * The import of one or many bundles as one dialog in three steps: every file is checked (dry run),
 * the clerk sees what each would change (or why it is refused), confirms, and reads the summaries.
 */
export function ImportModal({ receiverName }: { receiverName: string }) {
  const client = useClient();
  const { stage, items, progress, task, applyImportFiles, closeImport, cancelSyncTask } = useAppStore(
    useShallow((s) => ({
      stage: s.syncImportStage,
      items: s.syncImportItems,
      progress: s.syncImportProgress,
      task: s.syncTask,
      applyImportFiles: s.applyImportFiles,
      closeImport: s.closeImport,
      cancelSyncTask: s.cancelSyncTask,
    })),
  );
  const good = items.filter((item) => item.preview && !item.error).length;
  const busy = stage === 'checking' || stage === 'applying';
  const imported = items.filter((item) => item.result).length;
  // A file picked twice (or a copy of one) counts once.
  const duplicates = items.filter((item) => item.duplicateOf !== undefined).length;
  const distinct = items.length - duplicates;
  const duplicateNote = duplicates > 0 ? `（另有 ${duplicates} 个重复文件，只算一次）` : '';

  let footer: ReactNode = null;
  if (busy) {
    footer = [
      <Button key="stop" danger disabled={!task || task.cancelling} onClick={() => void cancelSyncTask(client)}>
        {task?.cancelling ? '正在取消…' : stage === 'applying' ? '取消导入' : '取消检查'}
      </Button>,
    ];
  } else if (stage === 'preview') {
    footer =
      good > 0
        ? [
            <Button key="cancel" onClick={closeImport}>
              取消
            </Button>,
            <Button key="ok" type="primary" onClick={() => void applyImportFiles(client)}>
              {items.length > 1 ? `确认导入（${good} 个文件）` : '确认导入'}
            </Button>,
          ]
        : [
            <Button key="close" type="primary" onClick={closeImport}>
              关闭
            </Button>,
          ];
  } else if (stage === 'done') {
    footer = [
      <Button key="print" icon={<PrinterOutlined />} onClick={() => window.print()}>
        打印
      </Button>,
      <Button key="close" type="primary" onClick={closeImport}>
        完成
      </Button>,
    ];
  }

  return (
    <Modal
      open={stage !== 'idle'}
      title={titleOf[stage]}
      width={800}
      style={{ top: 32 }}
      footer={footer}
      closable={!busy}
      mask={{ closable: false }}
      keyboard={!busy}
      onCancel={closeImport}
      destroyOnHidden
    >
      <Steps size="small" current={stepOf[stage]} status={stage === 'done' ? 'finish' : 'process'} style={{ margin: '8px 0 20px' }} items={[{ title: '检查文件' }, { title: '确认导入' }, { title: '导入结果' }]} />
      {busy && (
        <Flex vertical align="center" gap={8} style={{ marginBottom: 16 }} data-testid="sync-import-progress">
          <Spin />
          <Typography.Text>
            {stage === 'checking' ? '正在检查' : '正在导入'}第 {Math.min(progress.done + 1, progress.total)} / {progress.total} 个文件…
          </Typography.Text>
          <Progress percent={progress.total ? Math.round((progress.done / progress.total) * 100) : 0} style={{ width: 360 }} />
          {task && task.total > 0 && (
            <Flex vertical align="center" data-testid="sync-task-progress">
              <Typography.Text type="secondary">
                {task.label}：{task.done.toLocaleString('zh-CN')} / {task.total.toLocaleString('zh-CN')} 项修改
              </Typography.Text>
              <Progress size="small" percent={Math.floor((task.done / task.total) * 100)} style={{ width: 360 }} />
            </Flex>
          )}
          <Typography.Text type="secondary">导入在后台进行，窗口可以照常使用；取消后这个文件的修改全部撤回。</Typography.Text>
        </Flex>
      )}
      {stage === 'preview' && items.length > 1 && (
        <Alert
          style={{ marginBottom: 12 }}
          type={good === distinct ? 'info' : 'warning'}
          showIcon
          title={`共 ${distinct} 个文件：${good} 个可以导入${distinct - good > 0 ? `，${distinct - good} 个不能导入（见下方原因）` : ''}${duplicateNote}。`}
        />
      )}
      {stage === 'done' && (
        <Alert
          style={{ marginBottom: 12 }}
          type={imported === distinct ? 'success' : imported > 0 ? 'warning' : 'error'}
          showIcon
          title={
            imported > 0
              ? `已导入 ${imported} 个文件${distinct > imported ? `，${distinct - imported} 个未导入` : ''}${duplicateNote}。结果已记入「同步记录」，可随时展开查看或打印。`
              : '没有导入任何文件，本机数据未被改动。'
          }
        />
      )}
      <Flex vertical gap={12} style={{ maxHeight: busy ? 'calc(100vh - 430px)' : 'calc(100vh - 330px)', minHeight: 120, overflowY: 'auto' }}>
        {items.map((item, i) => (
          <ItemCard key={`${item.fileName}-${i}`} item={item} stage={stage} />
        ))}
      </Flex>
      {stage === 'done' && (
        <PrintSheet>
          <ImportPrintout
            receiver={receiverName}
            printedAt={chinaDateTimeOf(Date.now()).slice(0, 16)}
            imports={items.filter((item) => item.duplicateOf === undefined).map((item) => ({ fileName: item.fileName, summary: item.result, refusal: item.error?.message ?? null }))}
          />
        </PrintSheet>
      )}
    </Modal>
  );
}
