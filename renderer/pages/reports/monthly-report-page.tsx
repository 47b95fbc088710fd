import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Flex, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { AuditOutlined, FileExcelOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useShallow } from 'zustand/react/shallow';
import { PermittedAction } from '../../frame/call-permission';
import type { IssuedReport, MonthlyReport, ReportScopeOption } from '../../../shared/monthly-report';
import type { PrintableDocument } from '../../../shared/visit-record';
import { usePlatform } from '../../api/client-context';
import { createBrowserPrinter } from '../../api/document-printer';
import { useAppStore } from '../../stores/store-context';

/** The month before today's (the report a clerk usually makes), `YYYY-MM`. */
function lastMonthOf(today: string): string {
  return dayjs(today).subtract(1, 'month').format('YYYY-MM');
}

/**
 * 月报: pick a month (and at a bureau 全市 or a station); the report as it will print (the same
 * page in a frame: tables and charts), 打印, 保存 PDF, 导出 Excel, and 签发 — kept with a fingerprint
 * of its numbers, so coming back to a past month shows whether they have changed since.
 */
export function MonthlyReportPage() {
  const { client, files, printer } = usePlatform();
  const { message } = App.useApp();
  const today = useAppStore(useShallow((s) => s.info?.today ?? dayjs().format('YYYY-MM-DD')));
  const [month, setMonth] = useState(() => lastMonthOf(today));
  const [scopes, setScopes] = useState<ReportScopeOption[]>([]);
  const [station, setStation] = useState<string | null>(null);
  const [report, setReport] = useState<MonthlyReport | null>(null);
  const [document, setDocument] = useState<PrintableDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const args = { month, ...(station ? { station } : {}) };

  useEffect(() => {
    void client.call('report.scopes', {}).then(setScopes, (e: Error) => setError(e.message));
  }, [client]);

  const load = useCallback(async () => {
    setReport(null);
    setDocument(null);
    setError(null);
    try {
      const request = { month, ...(station ? { station } : {}) };
      const [model, page] = await Promise.all([client.call('report.monthly', request), client.call('report.document', request)]);
      setReport(model);
      setDocument(page);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [client, month, station]);

  useEffect(() => {
    void load();
  }, [load]);

  async function save(kind: 'pdf' | 'excel') {
    setBusy(kind);
    try {
      const file = await client.call(kind === 'pdf' ? 'report.pdf' : 'report.excel', args);
      const filter = kind === 'pdf' ? { name: 'PDF 文件', extensions: ['pdf'] } : { name: 'Excel 工作簿', extensions: ['xlsx'] };
      const result = await files.save(file.fileName, file.bytesBase64, [filter]);
      if (result.saved) message.success(`已保存月报${result.path ? `：${result.path}` : `（${file.fileName}）`}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function issue() {
    setBusy('issue');
    try {
      await client.call('report.issue', args);
      message.success('已签发：本月报的数字已记入签发记录');
      await load();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  const latest = report?.history[0];
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <DatePicker
          picker="month"
          allowClear={false}
          aria-label="月份"
          value={dayjs(`${month}-01`)}
          disabledDate={(d: Dayjs) => d.format('YYYY-MM') > today.slice(0, 7)}
          onChange={(d: Dayjs | null) => d && setMonth(d.format('YYYY-MM'))}
        />
        {scopes.length > 1 && (
          <Select
            aria-label="范围"
            style={{ width: 220 }}
            value={station ?? ''}
            onChange={(code: string) => setStation(code || null)}
            options={scopes.map((s) => ({ value: s.code ?? '', label: s.name }))}
          />
        )}
        <Button type="primary" icon={<PrinterOutlined />} disabled={!document} onClick={() => document && void (printer ?? createBrowserPrinter()).print(document.html)}>
          打印
        </Button>
        <Button icon={<FilePdfOutlined />} disabled={!document} loading={busy === 'pdf'} onClick={() => void save('pdf')}>
          保存 PDF
        </Button>
        <Button icon={<FileExcelOutlined />} disabled={!document} loading={busy === 'excel'} onClick={() => void save('excel')}>
          导出 Excel
        </Button>
        <PermittedAction method="report.issue">
          <Button icon={<AuditOutlined />} disabled={!report} loading={busy === 'issue'} onClick={() => void issue()}>
            签发
          </Button>
        </PermittedAction>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {report && report.incompleteStations.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`${report.incompleteStations.length} 个派出所最近一次同步早于月末，数字可能不完整：${report.incompleteStations.map((s) => s.name).join('、')}`}
        />
      )}
      {latest && (
        <Alert
          type={latest.changed ? 'warning' : 'success'}
          showIcon
          title={
            latest.changed
              ? `本月报已于 ${latest.issuedAt} 由 ${latest.issuedBy || '未署名'} 签发，此后数字有变化（${latest.changedSections.join('、')}）`
              : `本月报已于 ${latest.issuedAt} 由 ${latest.issuedBy || '未署名'} 签发，数字与签发时一致`
          }
        />
      )}
      {report && report.history.length > 1 && (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          title={() => <Typography.Text strong>签发记录</Typography.Text>}
          dataSource={report.history}
          columns={[
            { title: '签发时间', dataIndex: 'issuedAt' },
            { title: '签发人', dataIndex: 'issuedBy' },
            { title: '数字', key: 'changed', render: (_: unknown, h: IssuedReport) => <Tag color={h.changed ? 'orange' : 'green'}>{h.changed ? `已变（${h.changedSections.join('、')}）` : '一致'}</Tag> },
            { title: '数字指纹', dataIndex: 'fingerprint', render: (f: string) => <Typography.Text type="secondary" copyable={{ text: f }}>{f.slice(0, 12)}</Typography.Text> },
          ]}
        />
      )}
      {!document && !error && <Spin />}
      {document && <iframe title="月报预览" srcDoc={document.html} data-testid="report-preview" style={{ width: '100%', height: '75vh', border: '1px solid #e5e7eb', background: '#e9ecf1' }} />}
    </Flex>
  );
}
