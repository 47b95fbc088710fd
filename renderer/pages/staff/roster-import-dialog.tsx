import { Alert, App, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ImportRowResult, RecordSheetImportSummary, RosterImportSummary } from '../../../shared/staff-record';
import { usePlatform } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { importedMessage, ImportCounts, type ImportCount } from '../../forms/import-counts';
import { SheetImportModal } from '../../forms/sheet-import-modal';
import { useSheetImport } from '../../forms/use-sheet-import';

const actionTags: Record<ImportRowResult['action'], { label: string; color: string }> = {
  create: { label: '新增', color: 'green' },
  update: { label: '更新', color: 'blue' },
  unchanged: { label: '不变', color: 'default' },
  refused: { label: '拒绝', color: 'red' },
};

const columns: TableColumnsType<ImportRowResult> = [
  { title: '行号', dataIndex: 'row', width: 64, render: (row: number) => `第${row}行` },
  {
    title: '处理',
    dataIndex: 'action',
    width: 64,
    render: (action: ImportRowResult['action']) => (
      <Tag color={actionTags[action].color} style={{ marginInlineEnd: 0 }}>
        {actionTags[action].label}
      </Tag>
    ),
  },
  { title: '姓名', dataIndex: 'name', width: 90 },
  { title: '身份证号', dataIndex: 'idNumber', width: 176 },
  {
    title: '说明',
    key: 'note',
    width: 420,
    render: (_, r) => <RowNote row={r} />,
  },
];

/** What happens to a row: why it is refused, or each change as 旧值 → 新值, and what the clerk should check. */
export function RowNote({ row }: { row: ImportRowResult }) {
  const warnings = row.warnings ?? [];
  return (
    <Flex vertical gap={2}>
      {row.action === 'refused' && <Typography.Text type="danger">{row.errors.map((e) => `${e.field}：${e.message}`).join('；')}</Typography.Text>}
      {row.action === 'update' && (
        <span data-testid="import-changes">
          将修改：
          {(row.changes ?? row.changedFields.map((field) => ({ field, from: '', to: '' }))).map((c, i) => (
            <span key={c.field}>
              {i > 0 && '；'}
              {c.from || c.to ? `${c.field} ${c.from} → ${c.to}` : c.field}
            </span>
          ))}
        </span>
      )}
      {warnings.map((w) => (
        <Typography.Text key={`${w.field}-${w.message}`} type="warning">{`${w.field}：${w.message}`}</Typography.Text>
      ))}
    </Flex>
  );
}

/**
 * 导入 Excel: pick a workbook, see what would be created, updated and refused (with row numbers and
 * reasons), then confirm. Nothing is written before 确认导入.
 */
export function RosterImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { client } = usePlatform();
  const { message } = App.useApp();
  const loadRoster = useAppStore((s) => s.loadRoster);
  const sheet = useSheetImport<RosterImportSummary>(open, {
    preview: (sheet) => client.call('roster.importPreview', { fileName: sheet.name, bytesBase64: sheet.bytesBase64 }),
    async commit(sheet) {
      const result = await client.call('roster.importCommit', { fileName: sheet.name, bytesBase64: sheet.bytesBase64 });
      await loadRoster(client);
      const records = result.records.map((r) => `；${r.label}新增 ${r.created} 条，更新 ${r.updated} 条${r.refused > 0 ? `，${r.refused} 行有错未导入` : ''}`).join('');
      message.success(`${importedMessage(result, result.refused, '人')}${records}`);
    },
  });

  const { summary } = sheet;
  const people = summary ? summary.created + summary.updated : 0;
  const records = summary ? summary.records.reduce((n, r) => n + r.created + r.updated, 0) : 0;
  const importable = people + records;
  const importLabel = records > 0 ? `确认导入（${people} 人，${records} 条记录）` : `确认导入（${people} 人）`;

  return (
    <SheetImportModal
      title="导入人员名单（Excel）"
      open={open}
      onClose={onClose}
      sheet={sheet}
      width={920}
      pickLabel="选择 Excel 文件"
      columnsHint="每行一人。表头可写「姓名」「身份证号」（或身份证号码、公民身份号码）「类别」「警号」「岗位」等，可先下载导入模板对照；已有的人员按身份证号更新。"
      importable={importable}
      confirmLabel={importLabel}
    >
      {summary && <ImportPreview summary={summary} />}
    </SheetImportModal>
  );
}

function ImportPreview({ summary }: { summary: RosterImportSummary }) {
  const counts: ImportCount[] = [
    { title: '将新增', value: summary.created, suffix: '人', color: '#389e0d' },
    { title: '将更新', value: summary.updated, suffix: '人', color: '#1d4f91' },
    { title: '不变', value: summary.unchanged, suffix: '人', color: '#8c8c8c' },
    { title: '拒绝', value: summary.refused, suffix: '行', color: summary.refused > 0 ? '#cf1322' : '#8c8c8c' },
  ];
  const errors = [...summary.errors].sort((a, b) => a.row - b.row);
  return (
    <Flex vertical gap={12}>
      <ImportCounts counts={counts} />
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={`${summary.refused} 行不能导入，请在 Excel 中改正后重新选择文件（其余行可以先导入）：`}
          description={
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 18, maxHeight: 140, overflowY: 'auto' }} data-testid="import-errors">
              {errors.map((e, i) => (
                <li key={`${e.row}-${e.field}-${i}`}>
                  <Typography.Text strong>{`第${e.row}行`}</Typography.Text>
                  {` · ${e.field}：${e.message}`}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Typography.Text data-testid="import-sheets">
        {summary.sheet ? `读取的工作表：「${summary.sheet}」（人员）` : '没有人员名单工作表'}
        {summary.records.map((r) => `、「${r.sheetName}」（${r.label}）`).join('')}
        {summary.otherSheets.length > 0 && (
          <Typography.Text type="secondary">{`；未读取：${summary.otherSheets.map((name) => `「${name}」`).join('、')}（只读取人员名单、家属、表彰，其他工作表请另存为单独的文件或复制到人员名单中）`}</Typography.Text>
        )}
      </Typography.Text>
      {summary.skippedRows.length > 0 && (
        <Typography.Text type="secondary" data-testid="import-skipped">
          {summary.skippedRows.map((r) => `第${r.row}行：${r.reason}`).join('；')}
        </Typography.Text>
      )}
      {summary.ignoredHeaders.length > 0 && (
        <Alert type="warning" showIcon title={`以下表头未能识别，这些列没有导入：${summary.ignoredHeaders.join('、')}`} />
      )}
      {summary.records.map((sheet) => (
        <RecordSheetPreview key={sheet.table} sheet={sheet} />
      ))}
      <Table<ImportRowResult>
        virtual
        size="small"
        rowKey="row"
        columns={columns}
        dataSource={summary.rows}
        pagination={false}
        scroll={{ x: 814, y: 240 }}
        locale={{ emptyText: '表格中没有数据行' }}
      />
    </Flex>
  );
}

/** One person-record sheet of the workbook (家属, 表彰): its counts and the rows it refuses. */
function RecordSheetPreview({ sheet }: { sheet: RecordSheetImportSummary }) {
  const refusedRows = sheet.rows.filter((r) => r.action === 'refused');
  const notedRows = sheet.rows.filter((r) => r.action === 'update' || (r.warnings ?? []).length > 0);
  return (
    <Alert
      type={sheet.refused > 0 ? 'warning' : 'info'}
      showIcon
      title={`${sheet.label}（工作表「${sheet.sheetName}」）：将新增 ${sheet.created} 条，将更新 ${sheet.updated} 条，不变 ${sheet.unchanged} 条，拒绝 ${sheet.refused} 行`}
      description={
        refusedRows.length > 0 || notedRows.length > 0 || sheet.ignoredHeaders.length > 0 ? (
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 18, maxHeight: 120, overflowY: 'auto' }} data-testid={`import-errors-${sheet.table}`}>
            {refusedRows.map((r) => (
              <li key={r.row}>
                <Typography.Text strong>{`第${r.row}行`}</Typography.Text>
                {` · ${r.errors.map((e) => `${e.field}：${e.message}`).join('；')}`}
              </li>
            ))}
            {notedRows.map((r) => (
              <li key={`note-${r.row}`}>
                <Typography.Text strong>{`第${r.row}行`}</Typography.Text>
                {` · ${r.name}：`}
                <RowNote row={r} />
              </li>
            ))}
            {sheet.ignoredHeaders.length > 0 && <li>{`未能识别、没有导入的列：${sheet.ignoredHeaders.join('、')}`}</li>}
          </ul>
        ) : undefined
      }
    />
  );
}
