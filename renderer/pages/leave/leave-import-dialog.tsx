import { Alert, App, Button, Col, Flex, Modal, Row, Spin, Statistic, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { LeaveImportSummary } from '../../../shared/leave-record';
import { usePlatform } from '../../api/client-context';
import { SheetRowMessages } from '../../forms/sheet-row-messages';
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
  const { phase, file, summary, error, pick, commit } = useSheetImport<LeaveImportSummary>(open, {
    preview: (sheet) => client.call('leave.importPreview', { fileName: sheet.name, bytesBase64: sheet.bytesBase64 }),
    async commit(sheet) {
      const result = await client.call('leave.importCommit', { fileName: sheet.name, bytesBase64: sheet.bytesBase64 });
      message.success(`导入完成：新增 ${result.created} 条，更新 ${result.updated} 条${result.errors.length > 0 ? `，${new Set(result.errors.map((e) => e.row)).size} 行有错未导入` : ''}`);
      await refreshLeaveFor(client, { tables: ['leave_record'], rowIds: { leave_record: null } });
    },
  });

  const importable = summary ? summary.created + summary.updated : 0;
  return (
    <Modal
      title="导入休假记录（Excel）"
      open={open}
      onCancel={() => phase !== 'committing' && onClose()}
      width={860}
      centered
      // A long list of refused rows scrolls inside the dialog: 确认导入 in the footer stays in view.
      styles={{ body: { maxHeight: 'calc(100vh - 180px)', overflowY: 'auto', overflowX: 'hidden' } }}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Flex justify="space-between" align="center" gap={16}>
          <Typography.Text type="secondary" style={{ textAlign: 'left' }}>
            列：姓名、身份证号、假别、开始日期、开始时段、结束日期、结束时段、状态、备注；按身份证号对应人员；重复导入不会重复登记。
          </Typography.Text>
          <Button type="primary" disabled={importable === 0 || phase !== 'preview'} loading={phase === 'committing'} onClick={() => void commit().then((done) => done && onClose())}>
            {importable > 0 ? `确认导入（${importable} 条）` : '确认导入'}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Flex align="center" gap={12}>
          <Button icon={<UploadOutlined />} onClick={() => void pick()} disabled={phase === 'previewing' || phase === 'committing'}>
            选择休假记录表…
          </Button>
          {file && <Typography.Text>{file.name}</Typography.Text>}
        </Flex>
        {error && <Alert type="error" showIcon title={error} />}
        {phase === 'previewing' && <Spin description="正在读取…" />}
        {summary && (
          <>
            <Row gutter={16}>
              <Col span={6}>
                <Statistic title="新增" value={summary.created} />
              </Col>
              <Col span={6}>
                <Statistic title="更新" value={summary.updated} />
              </Col>
              <Col span={6}>
                <Statistic title="不变" value={summary.unchanged} />
              </Col>
              <Col span={6}>
                <Statistic title="有错的行" value={new Set(summary.errors.map((e) => e.row)).size} />
              </Col>
            </Row>
            <SheetRowMessages errors={summary.errors} warnings={summary.warnings} />
          </>
        )}
      </Flex>
    </Modal>
  );
}
