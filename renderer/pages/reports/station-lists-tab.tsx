import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Flex, Segmented, Select, Space, Spin } from 'antd';
import { FileExcelOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useShallow } from 'zustand/react/shallow';
import type { ReportScopeOption } from '../../../shared/monthly-report';
import { stationListKinds, type StationListArgs, type StationListKind } from '../../../shared/station-lists';
import type { PrintableDocument } from '../../../shared/visit-record';
import { usePlatform } from '../../api/client-context';
import { createBrowserPrinter } from '../../api/document-printer';
import { useAppStore } from '../../stores/store-context';

/** What each list is, in the clerk's words (the switch's labels). */
const kindLabels: Record<StationListKind, string> = {
  人员统计: '人员统计表',
  中考高考子女: '中考高考子女',
  一年内退休: '一年内退休',
  本月生日: '生日名单',
};

/**
 * 统计与名单: the summary tables (by category, age band, 政治面貌, 学历) and the station-wide lists
 * (children sitting 中考/高考 in a year, retirements in the next twelve months, a month's birthdays)
 * — previewed as they print, 打印, 保存 PDF, 导出 Excel; at a bureau for the whole city or a station.
 */
export function StationListsTab() {
  const { client, files, printer } = usePlatform();
  const { message } = App.useApp();
  const today = useAppStore(useShallow((s) => s.info?.today ?? dayjs().format('YYYY-MM-DD')));
  const thisYear = Number(today.slice(0, 4));
  const [kind, setKind] = useState<StationListKind>('人员统计');
  const [scopes, setScopes] = useState<ReportScopeOption[]>([]);
  const [station, setStation] = useState<string | null>(null);
  const [year, setYear] = useState(thisYear + 1);
  const [month, setMonth] = useState(today.slice(0, 7));
  const [document, setDocument] = useState<PrintableDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'pdf' | 'excel' | null>(null);
  const args: StationListArgs = { kind, ...(station ? { station } : {}), ...(kind === '中考高考子女' ? { year } : {}), ...(kind === '本月生日' ? { month } : {}) };
  const argsKey = JSON.stringify(args);

  useEffect(() => {
    void client.call('report.scopes', {}).then(setScopes, (e: Error) => setError(e.message));
  }, [client]);

  useEffect(() => {
    setDocument(null);
    setError(null);
    void client.call('lists.document', JSON.parse(argsKey) as StationListArgs).then(setDocument, (e: Error) => setError(e.message));
  }, [client, argsKey]);

  async function save(what: 'pdf' | 'excel') {
    setBusy(what);
    try {
      const file = await client.call(what === 'pdf' ? 'lists.pdf' : 'lists.excel', args);
      const filter = what === 'pdf' ? { name: 'PDF 文件', extensions: ['pdf'] } : { name: 'Excel 工作簿', extensions: ['xlsx'] };
      const result = await files.save(file.fileName, file.bytesBase64, [filter]);
      if (result.saved) message.success(`已保存${result.path ? `：${result.path}` : `（${file.fileName}）`}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <Segmented<StationListKind> aria-label="名单" value={kind} onChange={setKind} options={stationListKinds.map((k) => ({ value: k, label: kindLabels[k] }))} />
        {scopes.length > 1 && (
          <Select aria-label="范围" style={{ width: 220 }} value={station ?? ''} onChange={(code: string) => setStation(code || null)} options={scopes.map((s) => ({ value: s.code ?? '', label: s.name }))} />
        )}
        {kind === '中考高考子女' && (
          <Select
            aria-label="考试年份"
            style={{ width: 170 }}
            value={year}
            onChange={setYear}
            options={[thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: y, label: `${y}年${y === thisYear ? '（今年）' : y === thisYear + 1 ? '（明年）' : ''}` }))}
          />
        )}
        {kind === '本月生日' && (
          <DatePicker picker="month" allowClear={false} aria-label="生日月份" value={dayjs(`${month}-01`)} onChange={(d: Dayjs | null) => d && setMonth(d.format('YYYY-MM'))} />
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
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {!document && !error && <Spin />}
      {document && <iframe title="名单预览" srcDoc={document.html} data-testid="list-preview" style={{ width: '100%', height: '72vh', border: '1px solid #e5e7eb', background: '#e9ecf1' }} />}
    </Flex>
  );
}
