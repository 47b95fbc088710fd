import { App, Flex } from 'antd';
import type { LeaveImportSummary } from '../../../shared/leave-record';
import { usePlatform } from '../../api/client-context';
import { SheetRowMessages } from '../../forms/sheet-row-messages';
import { importedMessage, ImportCounts, refusedRowCount, refusedRowsCount } from '../../forms/import-counts';
import { SheetImportModal } from '../../forms/sheet-import-modal';
import { useSheetImport } from '../../forms/use-sheet-import';
import { useAppStore } from '../../stores/store-context';

/**
 * 导入休假记录: pick the sheet (the columns of 导出 Excel), see what would be added and updated and
 * each refused row with its reason, then 确认导入. Nothing is written before that; rows with an
 * error are not imported.
 */
export function LeaveImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { client } = usePlatform();
  const { message } = App.useApp();
  const refreshLeaveFor = useAppStore((s) => s.refreshLeaveFor);
  const sheet = useSheetImport<LeaveImportSummary>(open, {
    preview: (sheet) => client.call('leave.importPreview', { fileName: sheet.name, bytesBase64: sheet.bytesBase64 }),
    async commit(sheet) {
      const result = await client.call('leave.importCommit', { fileName: sheet.name, bytesBase64: sheet.bytesBase64 });
      message.success(importedMessage(result, refusedRowCount(result.errors)));
      await refreshLeaveFor(client, { tables: ['leave_record'], rowIds: { leave_record: null } });
    },
  });

  const { summary } = sheet;
  const importable = summary ? summary.created + summary.updated : 0;
  return (
    <SheetImportModal
      title="导入休假记录（Excel）"
      open={open}
      onClose={onClose}
      sheet={sheet}
      width={860}
      pickLabel="选择休假记录表…"
      columnsHint="列同「导出 Excel」：姓名、身份证号、假别、开始日期、开始时段、结束日期、结束时段、状态、备注。"
      importable={importable}
    >
      {summary && (
        <Flex vertical gap={12}>
          <ImportCounts
            counts={[
              { title: '将新增', value: summary.created, suffix: '条' },
              { title: '将更新', value: summary.updated, suffix: '条' },
              { title: '不变', value: summary.unchanged, suffix: '条' },
              refusedRowsCount(summary.errors),
            ]}
          />
          <SheetRowMessages errors={summary.errors} warnings={summary.warnings} />
        </Flex>
      )}
    </SheetImportModal>
  );
}
