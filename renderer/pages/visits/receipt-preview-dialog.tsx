import { useEffect, useState } from 'react';
import { Alert, App, Button, Modal, Space, Spin } from 'antd';
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type { receiptSelectionSchema } from '../../../shared/contract/visits-contract';
import type { PrintableDocument } from '../../../shared/visit-record';
import { usePlatform } from '../../api/client-context';
import { createBrowserPrinter } from '../../api/document-printer';

export type ReceiptSelection = z.input<typeof receiptSelectionSchema>;

/**
 * 签领表: the page as it will print (the same HTML, in a frame), 打印 (the print dialog) and
 * 保存 PDF (made by Chromium in the main process, saved where the clerk chooses).
 */
export function ReceiptPreviewDialog({ selection, onClose }: { selection: ReceiptSelection | null; onClose(): void }) {
  const { client, files, printer } = usePlatform();
  const { message } = App.useApp();
  const [document, setDocument] = useState<PrintableDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setDocument(null);
    setError(null);
    if (selection) void client.call('visits.receipt', selection).then(setDocument, (e: Error) => setError(e.message));
  }, [selection, client]);

  async function savePdf() {
    if (!selection) return;
    setSaving(true);
    try {
      const file = await client.call('visits.receiptPdf', selection);
      const result = await files.save(file.fileName, file.bytesBase64, [{ name: 'PDF 文件', extensions: ['pdf'] }]);
      if (result.saved) message.success(`已保存签领表${result.path ? `：${result.path}` : `（${file.fileName}）`}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={selection !== null}
      onCancel={onClose}
      title={document?.title ?? '签领表'}
      width={900}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>关闭</Button>
          <Button icon={<FilePdfOutlined />} loading={saving} disabled={!document} onClick={() => void savePdf()}>
            保存 PDF
          </Button>
          <Button type="primary" icon={<PrinterOutlined />} disabled={!document} onClick={() => document && void (printer ?? createBrowserPrinter()).print(document.html)}>
            打印
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!document && !error && <Spin />}
      {document && <iframe title="签领表预览" srcDoc={document.html} style={{ width: '100%', height: '65vh', border: '1px solid #e5e7eb', background: '#e9ecf1' }} data-testid="receipt-preview" />}
    </Modal>
  );
}
