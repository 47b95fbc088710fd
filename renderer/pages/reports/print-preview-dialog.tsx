import { useEffect, useState } from 'react';
import { Alert, App, Button, Modal, Space, Spin } from 'antd';
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import type { FileDownload } from '../../../shared/staff-record';
import type { PrintableDocument } from '../../../shared/visit-record';
import { usePlatform } from '../../api/client-context';
import { createBrowserPrinter } from '../../api/document-printer';

/** What a print preview shows and saves: the page, and its PDF made in the main process. */
export interface PrintSource {
  /** What the title and the messages call it: 花名册. */
  name: string;
  document(): Promise<PrintableDocument>;
  pdf(): Promise<FileDownload>;
}

/**
 * A printed document before it prints: the page as it will print (the same HTML in a frame), 打印
 * (the print dialog: Electron's, or the browser's in web mode) and 保存 PDF (Chromium in the main
 * process; saved where the clerk chooses).
 */
export function PrintPreviewDialog({
  source,
  onClose,
  width = 1180,
  testId = 'print-preview',
}: {
  source: PrintSource | null;
  onClose(): void;
  /** The dialog's width: a landscape page wants the default, a portrait one less. */
  width?: number;
  testId?: string;
}) {
  const { files, printer } = usePlatform();
  const { message } = App.useApp();
  const [document, setDocument] = useState<PrintableDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setDocument(null);
    setError(null);
    if (source) void source.document().then(setDocument, (e: Error) => setError(e.message));
  }, [source]);

  async function savePdf() {
    if (!source) return;
    setSaving(true);
    try {
      const file = await source.pdf();
      const result = await files.save(file.fileName, file.bytesBase64, [{ name: 'PDF 文件', extensions: ['pdf'] }]);
      if (result.saved) message.success(`已保存${source.name}${result.path ? `：${result.path}` : `（${file.fileName}）`}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={source !== null}
      onCancel={onClose}
      title={document?.title ?? source?.name}
      width={width}
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
      {document && <iframe title={`${source?.name ?? ''}预览`} srcDoc={document.html} style={{ width: '100%', height: '68vh', border: '1px solid #e5e7eb', background: '#e9ecf1' }} data-testid={testId} />}
    </Modal>
  );
}
