import { useMemo } from 'react';
import type { z } from 'zod';
import type { receiptSelectionSchema } from '../../../shared/contract/visits-contract';
import { usePlatform } from '../../api/client-context';
import { PrintPreviewDialog, type PrintSource } from '../reports/print-preview-dialog';

export type ReceiptSelection = z.input<typeof receiptSelectionSchema>;

/**
 * 签领表: the page as it will print (the same HTML, in a frame), 打印 (the print dialog) and
 * 保存 PDF (made by Chromium in the main process, saved where the clerk chooses).
 */
export function ReceiptPreviewDialog({ selection, onClose }: { selection: ReceiptSelection | null; onClose(): void }) {
  const { client } = usePlatform();
  const source = useMemo<PrintSource | null>(
    () => selection && { name: '签领表', document: () => client.call('visits.receipt', selection), pdf: () => client.call('visits.receiptPdf', selection) },
    [selection, client],
  );
  return <PrintPreviewDialog source={source} onClose={onClose} width={900} testId="receipt-preview" />;
}
