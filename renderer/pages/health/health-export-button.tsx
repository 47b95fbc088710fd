import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { HealthExportList } from '../../../shared/health-record';
import { usePlatform } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { excelFileFilter } from '../staff/staff-labels';

/** 导出 Excel of one list of the 健康管理 page, with the page's year and categories. */
export function HealthExportButton({ list, disabled }: { list: HealthExportList; disabled?: boolean }) {
  const { client, files } = usePlatform();
  const { message } = App.useApp();
  const filter = useAppStore((s) => s.healthFilter);
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      const file = await client.call('health.export', { list, ...(filter.year ? { year: filter.year } : {}), categories: filter.categories });
      const result = await files.save(file.fileName, file.bytesBase64, excelFileFilter);
      if (result.saved) message.success(`已导出 ${file.rowCount ?? 0} 行${result.path ? `：${result.path}` : `（${file.fileName}）`}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button size="small" icon={<DownloadOutlined />} loading={busy} disabled={disabled} onClick={() => void run()}>
      导出 Excel
    </Button>
  );
}
