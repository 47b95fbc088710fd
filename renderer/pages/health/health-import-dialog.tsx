import { useState } from 'react';
import { Alert, App, Checkbox, Flex, Table, Tag, Typography } from 'antd';
import type { HealthImportRow, HealthImportSummary } from '../../../shared/health-record';
import { usePlatform } from '../../api/client-context';
import { importedMessage, ImportCounts } from '../../forms/import-counts';
import { SheetImportModal } from '../../forms/sheet-import-modal';
import { useSheetImport } from '../../forms/use-sheet-import';

const actionTags: Record<HealthImportRow['action'], { label: string; color: string }> = {
  create: { label: '新增', color: 'green' },
  update: { label: '更新', color: 'blue' },
  unchanged: { label: '不变', color: 'default' },
  refused: { label: '拒绝', color: 'red' },
};

/**
 * 导入医院体检结果: pick the hospital's sheet, see per row what would be added, updated or refused
 * (with the reason), tick the unknown abnormal items to add to the vocabulary, then 确认导入.
 * Nothing is written before that.
 */
export function HealthImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { client } = usePlatform();
  const { message } = App.useApp();
  const [addItems, setAddItems] = useState<string[]>([]);
  const sheet = useSheetImport<HealthImportSummary>(open, {
    async preview(sheet) {
      const result = await client.call('health.importPreview', { fileName: sheet.name, bytesBase64: sheet.bytesBase64 });
      setAddItems(result.unknownItems.map((u) => u.name));
      return result;
    },
    async commit(sheet) {
      const result = await client.call('health.importCommit', { fileName: sheet.name, bytesBase64: sheet.bytesBase64, addItems });
      const added = result.addedItems.length > 0 ? `；异常项目词表新增 ${result.addedItems.join('、')}` : '';
      message.success(`${importedMessage(result, result.refused)}${added}`);
    },
  });

  const { summary } = sheet;
  const importable = summary ? summary.created + summary.updated : 0;
  return (
    <SheetImportModal
      title="导入医院体检结果（Excel）"
      open={open}
      onClose={onClose}
      sheet={sheet}
      width={960}
      pickLabel="选择医院的体检结果表…"
      columnsHint="医院给的体检结果表：每行一人一次体检，须有「身份证号」「体检日期」两列；结论、异常项目等按表头识别。"
      importable={importable}
    >
      {summary && (
        <Flex vertical gap={12}>
          <ImportCounts
            counts={[
              { title: '将新增体检', value: summary.created, suffix: '条', color: '#389e0d' },
              { title: '将更新', value: summary.updated, suffix: '条', color: '#1d4f91' },
              { title: '不变', value: summary.unchanged, suffix: '条' },
              { title: '拒绝', value: summary.refused, suffix: '行', color: summary.refused > 0 ? '#cf1322' : undefined },
            ]}
          />
          {summary.ignoredHeaders.length > 0 && <Typography.Text type="secondary">未识别、已忽略的列：{summary.ignoredHeaders.join('、')}</Typography.Text>}
          {summary.unknownItems.length > 0 && (
            <Alert
              type="info"
              showIcon
              title="以下异常项目不在词表中，勾选的将在导入时加入本单位的词表（不勾选也照常导入）："
              description={
                <Checkbox.Group
                  value={addItems}
                  onChange={(v) => setAddItems(v as string[])}
                  options={summary.unknownItems.map((u) => ({ value: u.name, label: `${u.name}（${u.rows.length} 行）` }))}
                />
              }
            />
          )}
          <Table<HealthImportRow>
            size="small"
            rowKey="row"
            dataSource={[...summary.rows].sort((a, b) => Number(b.action === 'refused') - Number(a.action === 'refused') || a.row - b.row)}
            pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
            scroll={{ y: 360 }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 70, render: (r: number) => `第${r}行` },
              { title: '处理', dataIndex: 'action', width: 64, render: (a: HealthImportRow['action']) => <Tag color={actionTags[a].color}>{actionTags[a].label}</Tag> },
              { title: '姓名', dataIndex: 'name', width: 90 },
              { title: '体检日期', dataIndex: 'date', width: 104 },
              {
                title: '说明',
                render: (_, r) => (r.action === 'refused' ? <Typography.Text type="danger">{r.message}</Typography.Text> : r.action === 'update' ? `将修改：${r.changedFields.join('、')}` : ''),
              },
            ]}
          />
        </Flex>
      )}
    </SheetImportModal>
  );
}
