import { useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex } from 'antd';
import { useShallow } from 'zustand/react/shallow';
import { filterRoster, hiddenByStatusFilter } from '../../../shared/roster-filter';
import { staffStatuses, type RosterFilter, type StaffListItem } from '../../../shared/staff-record';
import { usePlatform } from '../../api/client-context';
import { defaultRosterFilter } from '../../stores/staff-slice';
import { useAppStore } from '../../stores/store-context';
import { PrintPreviewDialog, type PrintSource } from '../reports/print-preview-dialog';
import { RosterImportDialog } from './roster-import-dialog';
import { RosterTable } from './roster-table';
import { RosterToolbar } from './roster-toolbar';
import { StaffDetailDrawer } from './staff-detail-drawer';
import { StaffFormDrawer } from './staff-form-drawer';
import { excelFileFilter } from './staff-labels';
import './roster-page.css';

/** The filter as the list and the export apply it: no status chosen means every status. */
function effectiveFilter(filter: RosterFilter): RosterFilter {
  return filter.statuses && filter.statuses.length === 0 ? { ...filter, statuses: [...staffStatuses] } : filter;
}

function isDefaultFilter(filter: RosterFilter): boolean {
  const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) => (a ?? []).join('|') === (b ?? []).join('|');
  return (
    !filter.search &&
    same(filter.categories, defaultRosterFilter.categories) &&
    same(filter.statuses, defaultRosterFilter.statuses) &&
    same(filter.positions, defaultRosterFilter.positions) &&
    same(filter.flags, defaultRosterFilter.flags) &&
    same(filter.stationCodes, defaultRosterFilter.stationCodes)
  );
}

/** Positions in the roster, most common first (the filter's and the form's choices). */
function positionsOf(roster: StaffListItem[]): string[] {
  const counts = new Map<string, number>();
  for (const item of roster) if (item.position) counts.set(item.position, (counts.get(item.position) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN')).map(([p]) => p);
}

/** The stations the roster spans, by name (a bureau's 所属单位 filter). */
function stationsOf(roster: StaffListItem[]): { code: string; name: string }[] {
  const names = new Map<string, string>();
  for (const item of roster) if (item.stationCode) names.set(item.stationCode, item.stationName ?? item.stationCode);
  return [...names.entries()].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN')).map(([code, name]) => ({ code, name }));
}

/** The table body's height: what is left of the window below the table's top. */
function useRemainingHeight(ref: React.RefObject<HTMLElement | null>, reserve: number, min = 260): number {
  const [height, setHeight] = useState(min);
  useLayoutEffect(() => {
    function measure() {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(min, Math.floor(window.innerHeight - top - reserve)));
    }
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [ref, reserve, min]);
  return height;
}

/** 人员档案: find anyone in a keystroke, open their file, bring the station's Excel roster in and out. */
export function RosterPage() {
  const { client, files } = usePlatform();
  const { message } = App.useApp();
  const { info, roster, loaded, loading, loadError, filter, selectedId, setFilter, resetFilter, loadRoster, openStaff } = useAppStore(
    useShallow((s) => ({
      info: s.info,
      roster: s.roster,
      loaded: s.rosterLoaded,
      loading: s.rosterLoading,
      loadError: s.rosterError,
      filter: s.rosterFilter,
      selectedId: s.selectedStaffId,
      setFilter: s.setRosterFilter,
      resetFilter: s.resetRosterFilter,
      loadRoster: s.loadRoster,
      openStaff: s.openStaff,
    })),
  );
  const [editing, setEditing] = useState<StaffListItem | null | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [downloadingTemplate, setDownloadingTemplate] = useState(false);
  const [printing, setPrinting] = useState<PrintSource | null>(null);
  const tableTop = useRef<HTMLDivElement>(null);
  const measuredHeight = useRemainingHeight(tableTop, 24 + 16 + 40);

  useEffect(() => {
    void loadRoster(client);
  }, [client, loadRoster]);

  const applied = useMemo(() => effectiveFilter(filter), [filter]);
  // Typing stays instant: the list follows the search box a moment later on a slow PC.
  const deferred = useDeferredValue(applied);
  const rows = useMemo(() => filterRoster(roster, deferred), [roster, deferred]);
  // A retired person searched for under the default 在职 filter: say they exist, one click away.
  const hiddenCount = useMemo(() => hiddenByStatusFilter(roster, deferred).length, [roster, deferred]);
  const onlyActive = (deferred.statuses ?? []).join('|') === '在职';
  const positions = useMemo(() => positionsOf(roster), [roster]);
  const stations = useMemo(() => stationsOf(roster), [roster]);
  const showStation = info?.station?.role === 'bureau';

  async function exportRoster() {
    setExporting(true);
    try {
      const file = await client.call('roster.export', { filter: applied });
      const result = await files.save(file.fileName, file.bytesBase64, excelFileFilter);
      if (result.saved) message.success(`已导出 ${rows.length} 人${result.path ? `：${result.path}` : `（${file.fileName}）`}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  }

  async function downloadTemplate() {
    setDownloadingTemplate(true);
    try {
      const file = await client.call('roster.template', {});
      const result = await files.save(file.fileName, file.bytesBase64, excelFileFilter);
      if (result.saved) message.success(`已保存导入模板${result.path ? `：${result.path}` : `（${file.fileName}）`}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setDownloadingTemplate(false);
    }
  }

  const emptyText = !loaded ? '正在读取名单…' : roster.length === 0 ? '名单还是空的：点「新增人员」逐个录入，或「导入 Excel」一次导入全所人员' : hiddenCount > 0 ? '所选状态中没有符合搜索的人员，见上方提示' : '没有符合条件的人员，可修改搜索词或筛选条件';

  return (
    <Card size="small" styles={{ body: { padding: 12 } }}>
      <Flex vertical gap={12}>
        <RosterToolbar
          filter={filter}
          onFilterChange={setFilter}
          onReset={resetFilter}
          filtered={!isDefaultFilter(filter)}
          positions={positions}
          stations={stations}
          count={rows.length}
          total={roster.length}
          exporting={exporting}
          downloadingTemplate={downloadingTemplate}
          onSearchEnter={() => {
            const matches = filterRoster(roster, applied);
            if (matches.length === 1) void openStaff(client, matches[0].id);
          }}
          onAdd={() => setEditing(null)}
          onImport={() => setImporting(true)}
          onDownloadTemplate={() => void downloadTemplate()}
          onExport={() => void exportRoster()}
          onPrint={() =>
            setPrinting({
              name: '花名册',
              document: () => client.call('roster.sheet', { filter: applied }),
              pdf: () => client.call('roster.sheetPdf', { filter: applied }),
            })
          }
        />
        {loadError && <Alert type="error" showIcon title={`名单读取失败：${loadError}`} />}
        {hiddenCount > 0 && (
          <Alert
            type="info"
            showIcon
            data-testid="roster-hidden-by-status"
            title={
              <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => setFilter({ statuses: [] })}>
                {onlyActive
                  ? `另有 ${hiddenCount} 名非在职人员（退休、调出等）符合搜索，点此显示`
                  : `另有 ${hiddenCount} 名其他状态的人员符合搜索，点此显示全部状态`}
              </Button>
            }
          />
        )}
        <div ref={tableTop}>
          <RosterTable
            rows={rows}
            loading={loading && !loaded}
            height={hiddenCount > 0 ? Math.max(200, measuredHeight - 52) : measuredHeight}
            today={info?.today ?? ''}
            showStation={showStation}
            selectedId={selectedId}
            onOpen={(id) => void openStaff(client, id)}
            emptyText={emptyText}
          />
        </div>
      </Flex>
      <StaffDetailDrawer showStation={showStation} onEdit={(person) => setEditing(person)} />
      <StaffFormDrawer
        open={editing !== undefined}
        person={editing ?? null}
        positions={positions}
        onClose={() => setEditing(undefined)}
        onSaved={(saved, created) => {
          setEditing(undefined);
          if (created) void openStaff(client, saved.id);
        }}
        onOpenExisting={(id) => {
          setEditing(undefined);
          void openStaff(client, id);
        }}
      />
      <RosterImportDialog open={importing} onClose={() => setImporting(false)} />
      <PrintPreviewDialog source={printing} onClose={() => setPrinting(null)} />
    </Card>
  );
}
