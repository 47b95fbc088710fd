import type { ReactNode } from 'react';
import { Alert, Button, Empty, Flex, Modal, Spin, Typography } from 'antd';
import { FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import type { SheetImport } from './use-sheet-import';

export interface SheetImportModalProps<Summary> {
  title: string;
  open: boolean;
  onClose(): void;
  /** The dialog's state (see {@link useSheetImport}). */
  sheet: SheetImport<Summary>;
  /** The file button before a file is chosen: 选择休假记录表… */
  pickLabel: string;
  /** What the sheet's columns are, under the file button until a file is chosen. */
  columnsHint: ReactNode;
  /** How many records 确认导入 writes, and its label then (default 确认导入（N 条）). */
  importable: number;
  confirmLabel?: string;
  width?: number;
  /** The preview of the summary (counts, refused rows …). */
  children?: ReactNode;
}

/**
 * The dialog every Excel import opens in: the file button and the file's name, the preview (or
 * what the sheet should hold), an error in plain words, and 取消 / 确认导入 in the footer, kept in
 * view while a long preview scrolls. Nothing is written before 确认导入.
 */
export function SheetImportModal<Summary>({ title, open, onClose, sheet, pickLabel, columnsHint, importable, confirmLabel, width = 900, children }: SheetImportModalProps<Summary>) {
  const { phase, file, summary, error, pick, commit } = sheet;
  const busy = phase === 'previewing' || phase === 'committing';
  return (
    <Modal
      title={title}
      open={open}
      onCancel={() => phase !== 'committing' && onClose()}
      width={width}
      centered
      // A long preview scrolls inside the dialog: 确认导入 in the footer stays in view.
      styles={{ body: { maxHeight: 'calc(100vh - 180px)', overflowY: 'auto', overflowX: 'hidden' } }}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Flex justify="space-between" align="center" gap={16}>
          <Typography.Text type="secondary" style={{ textAlign: 'left' }}>
            按身份证号对应人员；确认导入前不会写入任何数据；同一文件重复导入不会重复登记。
          </Typography.Text>
          <Flex gap={8}>
            <Button onClick={onClose} disabled={phase === 'committing'}>
              取消
            </Button>
            <Button type="primary" disabled={importable === 0 || phase !== 'preview'} loading={phase === 'committing'} onClick={() => void commit().then((done) => done && onClose())}>
              {importable > 0 ? (confirmLabel ?? `确认导入（${importable} 条）`) : '确认导入'}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Flex align="center" gap={12} wrap>
          <Button icon={<UploadOutlined />} onClick={() => void pick()} disabled={busy} type={file ? 'default' : 'primary'}>
            {file ? '重新选择文件' : pickLabel}
          </Button>
          {file ? (
            <Typography.Text>
              <FileExcelOutlined style={{ color: '#217346', marginInlineEnd: 6 }} />
              {file.name}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{columnsHint}</Typography.Text>
          )}
        </Flex>
        {error && <Alert type="error" showIcon title={error} />}
        <Spin spinning={busy} description={phase === 'committing' ? '正在导入…' : '正在读取并检查每一行…'}>
          {summary ? children : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={busy ? '正在读取…' : '请选择要导入的 .xlsx 文件'} style={{ padding: '24px 0' }} />}
        </Spin>
      </Flex>
    </Modal>
  );
}
