import { Alert, App, Button, Col, Flex, Modal, Row, Spin, Statistic, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { VisitImportSummary } from '../../../shared/visit-record';
import { usePlatform } from '../../api/client-context';
import { SheetRowMessages } from '../../forms/sheet-row-messages';
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
  const { phase, file, summary, error, pick, commit } = useSheetImport<VisitImportSummary>(open, {
    preview: (sheet) => client.call('visits.importPreview', { fileName: sheet.name, bytesBase64: sheet.bytesBase64 }),
    async commit(sheet) {
      const result = await client.call('visits.importCommit', { fileName: sheet.name, bytesBase64: sheet.bytesBase64 });
      const refused = new Set(result.errors.map((e) => e.row)).size;
      message.success(`导入完成：新增 ${result.created} 条，更新 ${result.updated} 条${refused > 0 ? `，${refused} 行有错未导入` : ''}`);
      await loadVisits(client);
    },
  });

  const importable = summary ? summary.created + summary.updated : 0;
  return (
    <Modal
      title="导入慰问记录（Excel）"
      open={open}
      onCancel={() => phase !== 'committing' && onClose()}
      width={900}
      centered
      // A long list of refused rows scrolls inside the dialog: 确认导入 in the footer stays in view.
      styles={{ body: { maxHeight: 'calc(100vh - 180px)', overflowY: 'auto', overflowX: 'hidden' } }}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Flex justify="space-between" align="center" gap={16}>
          <Typography.Text type="secondary" style={{ textAlign: 'left' }}>
            列同「导出 Excel」：姓名、身份证号、慰问类型、慰问日期、金额、物品、经费来源、对应事件（如 2026中秋、2026生日、住院 2026-11-20）等；按身份证号对应人员；同一文件重复导入不会重复登记。
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
            选择慰问记录表…
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
                <Statistic title="有错的行" value={new Set(summary.errors.map((e) => e.row)).size} styles={{ content: { color: summary.errors.length > 0 ? '#cf1322' : undefined } }} />
              </Col>
              <Col span={6}>
                <Statistic title="提示" value={summary.warnings.length} />
              </Col>
            </Row>
            <SheetRowMessages errors={summary.errors} warnings={summary.warnings} />
          </>
        )}
      </Flex>
    </Modal>
  );
}
