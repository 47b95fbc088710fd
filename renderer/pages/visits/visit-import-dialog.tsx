import { App, Flex } from 'antd';
import type { VisitImportSummary } from '../../../shared/visit-record';
import { usePlatform } from '../../api/client-context';
import { SheetRowMessages } from '../../forms/sheet-row-messages';
import { importedMessage, ImportCounts, refusedRowCount, refusedRowsCount } from '../../forms/import-counts';
import { SheetImportModal } from '../../forms/sheet-import-modal';
import { useSheetImport } from '../../forms/use-sheet-import';
import { useAppStore } from '../../stores/store-context';

/**
 * 导入慰问记录: pick the sheet (the columns of 导出 Excel), see how many visits would be added and
 * updated, each refused row with its reason (a duplicate for the same event, cash for an in-kind
 * kind, a stay 健康管理 does not have …) and each remark (a cap or the budget exceeded, a 住院慰问 not
 * linked to a stay), then 确认导入. Nothing is written before that; rows with an error are not imported.
 */
export function VisitImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { client } = usePlatform();
  const { message } = App.useApp();
  const loadVisits = useAppStore((s) => s.loadVisits);
  const sheet = useSheetImport<VisitImportSummary>(open, {
    preview: (sheet) => client.call('visits.importPreview', { fileName: sheet.name, bytesBase64: sheet.bytesBase64 }),
    async commit(sheet) {
      const result = await client.call('visits.importCommit', { fileName: sheet.name, bytesBase64: sheet.bytesBase64 });
      message.success(importedMessage(result, refusedRowCount(result.errors)));
      await loadVisits(client);
    },
  });

  const { summary } = sheet;
  const importable = summary ? summary.created + summary.updated : 0;
  return (
    <SheetImportModal
      title="导入慰问记录（Excel）"
      open={open}
      onClose={onClose}
      sheet={sheet}
      width={900}
      pickLabel="选择慰问记录表…"
      columnsHint="列同「导出 Excel」：姓名、身份证号、慰问类型、慰问日期、金额、物品、经费来源、对应事件（如 2026中秋、2026生日、住院 2026-11-20）等。"
      importable={importable}
    >
      {summary && (
        <Flex vertical gap={12}>
          <ImportCounts
            counts={[
              { title: '将新增', value: summary.created, suffix: '条' },
              { title: '将更新', value: summary.updated, suffix: '条' },
              refusedRowsCount(summary.errors),
              { title: '提示', value: summary.warnings.length, suffix: '条' },
            ]}
          />
          <SheetRowMessages errors={summary.errors} warnings={summary.warnings} />
        </Flex>
      )}
    </SheetImportModal>
  );
}
