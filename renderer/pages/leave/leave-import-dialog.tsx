import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Col, Flex, Modal, Row, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { LeaveImportSummary } from '../../../shared/leave-record';
import { usePlatform } from '../../api/client-context';
import type { PickedFile } from '../../api/file-transfer';
import { useAppStore } from '../../stores/store-context';
import { excelFileFilter, notAnXlsxMessage } from '../staff/staff-labels';

type Phase = 'idle' | 'previewing' | 'preview' | 'committing';

/**
 * 导入休假记录: pick the sheet (the columns of 导出 Excel), see what would be added and updated and
 * each refused row with its reason, then 确认导入. Nothing is written before that; rows with an
 * error are not imported.
 */
export function LeaveImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { client, files } = usePlatform();
  const { message } = App.useApp();
  const refreshLeaveFor = useAppStore((s) => s.refreshLeaveFor);
  const [phase, setPhase] = useState<Phase>('idle');
  const [file, setFile] = useState<PickedFile | null>(null);
  const [summary, setSummary] = useState<LeaveImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);

  useEffect(() => {
    if (open) return;
    request.current += 1;
    setPhase('idle');
    setFile(null);
    setSummary(null);
    setError(null);
  }, [open]);

  async function pick() {
    const chosen = (await files.open(excelFileFilter, false))[0];
    if (!chosen) return;
    const notXlsx = notAnXlsxMessage(chosen.name);
    if (notXlsx) return setError(notXlsx);
    const ticket = ++request.current;
    setFile(chosen);
    setSummary(null);
    setError(null);
    setPhase('previewing');
    try {
      const result = await client.call('leave.importPreview', { fileName: chosen.name, bytesBase64: chosen.bytesBase64 });
      if (ticket !== request.current) return;
      setSummary(result);
      setPhase('preview');
    } catch (e) {
      if (ticket !== request.current) return;
      setError((e as Error).message);
      setPhase('idle');
    }
  }

  async function commit() {
    if (!file) return;
    setPhase('committing');
    try {
      const result = await client.call('leave.importCommit', { fileName: file.name, bytesBase64: file.bytesBase64 });
      message.success(`导入完成：新增 ${result.created} 条，更新 ${result.updated} 条${result.errors.length > 0 ? `，${new Set(result.errors.map((e) => e.row)).size} 行有错未导入` : ''}`);
      await refreshLeaveFor(client, { tables: ['leave_record'], rowIds: { leave_record: null } });
      onClose();
    } catch (e) {
      setError((e as Error).message);
      setPhase('preview');
    }
  }

  const importable = summary ? summary.created + summary.updated : 0;
  const rows = summary ? [...summary.errors.map((e) => ({ ...e, kind: '错误' as const })), ...summary.warnings.map((w) => ({ ...w, kind: '提示' as const }))].sort((a, b) => a.row - b.row) : [];
  return (
    <Modal
      title="导入休假记录（Excel）"
      open={open}
      onCancel={() => phase !== 'committing' && onClose()}
      width={860}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">列：姓名、身份证号、假别、开始日期、开始时段、结束日期、结束时段、状态、备注；按身份证号对应人员；重复导入不会重复登记。</Typography.Text>
          <Button type="primary" disabled={importable === 0 || phase !== 'preview'} loading={phase === 'committing'} onClick={() => void commit()}>
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
            <Table
              size="small"
              rowKey={(r) => `${r.row}-${r.kind}-${r.message}`}
              dataSource={rows}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: '行号', dataIndex: 'row', width: 70, render: (r: number) => `第${r}行` },
                { title: '', dataIndex: 'kind', width: 60, render: (k: string) => <Tag color={k === '错误' ? 'red' : 'orange'}>{k}</Tag> },
                { title: '说明', dataIndex: 'message' },
              ]}
            />
          </>
        )}
      </Flex>
    </Modal>
  );
}
