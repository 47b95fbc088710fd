import { randomBytes } from 'node:crypto';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/contract/api-contract';
import { makeValidIdNumber } from '../../shared/id-number';
import { createAppDeps } from '../../electron/app-deps';
import { createHandlerRegistry } from '../../electron/handlers/all-handlers';
import { createInProcessClient } from '../../electron/transports/in-process-client';
import type { LedgerStore } from '../../db/ledger-store';
import type { FileFilter, FileTransfer, PickedFile } from '../../renderer/api/file-transfer';
import { createAppStore } from '../../renderer/stores/app-store';
import { manualClock, openMemoryLedger, type ManualClock } from '../support/test-ledger';
import { renderApp as renderAppInJsdom } from './render-app';

/** A stand-in for the save / open dialogs: records every save, answers opens with the files queued. */
class RecordingFiles implements FileTransfer {
  readonly saves: { name: string; bytesBase64: string; filters?: FileFilter[] }[] = [];
  readonly opens: { filters?: FileFilter[]; multiple?: boolean }[] = [];
  private readonly queue: PickedFile[][] = [];

  /** The files the clerk will pick at the next open dialog. */
  willPick(...files: PickedFile[]): void {
    this.queue.push(files);
  }

  async save(name: string, bytesBase64: string, filters?: FileFilter[]) {
    this.saves.push({ name, bytesBase64, filters });
    return { saved: true };
  }

  async open(filters?: FileFilter[], multiple?: boolean) {
    this.opens.push({ filters, multiple });
    return this.queue.shift() ?? [];
  }
}

interface Site {
  store: LedgerStore;
  client: ApiClient;
}

const stores: LedgerStore[] = [];

async function openSite(clock?: ManualClock): Promise<Site> {
  const store = await openMemoryLedger(clock);
  stores.push(store);
  return { store, client: createInProcessClient(createHandlerRegistry(), createAppDeps(store, { userName: '王丽' })) };
}

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** A bureau (杭州市公安局) and a station (北山派出所) set up from the bureau's setup file, with two people. */
async function bureauAndStation(clock?: ManualClock): Promise<{ bureau: Site; station: Site }> {
  const bureau = await openSite(clock);
  await bureau.client.call('station.setup', { code: '3301', name: '杭州市公安局', role: 'bureau' });
  const setupFile = await bureau.client.call('sync.openStation', { code: '330102-01', name: '北山派出所' });
  const station = await openSite(clock);
  await station.client.call('sync.setupFromFile', { fileName: '330102-01-开通文件.njsetup', bytesBase64: setupFile.bytesBase64, operatorName: '王丽' });
  await station.client.call('staff.save', { category: '民警', name: '张伟', idNumber: makeValidIdNumber('330106', '1985-03-12', 11) });
  await station.client.call('staff.save', { category: '辅警', name: '李娜', idNumber: makeValidIdNumber('330106', '1992-08-01', 22) });
  return { bureau, station };
}

function renderApp(site: Site, files = new RecordingFiles()) {
  const store = createAppStore();
  renderAppInJsdom({ client: site.client, files }, store);
  return { files, store };
}

async function openSyncPage(): Promise<void> {
  await userEvent.click(await screen.findByRole('menuitem', { name: /数据同步/ }));
  await screen.findByTestId('sync-page');
}

/** Row counts of every table: what "nothing changed" is checked against. */
function tableCounts(store: LedgerStore): Record<string, number> {
  const tables = store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (store.sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

function base64Of(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

describe('数据同步 page (jsdom, real handlers on :memory: SQLite)', () => {
  it('shows a station its parent bureau and the changes waiting to be sent, and exports a bundle to it', async () => {
    const { station } = await bureauAndStation();
    const status = await station.client.call('sync.status', {});
    expect(status.parent?.pendingChanges).toBeGreaterThan(0);
    const { files } = renderApp(station);
    await openSyncPage();

    const card = await screen.findByTestId('sync-parent-card');
    expect(within(card).getByText('杭州市公安局')).toBeInTheDocument();
    expect(within(card).getByText('3301')).toBeInTheDocument();
    const pending = within(card).getByText('待发送变更').closest('.ant-statistic') as HTMLElement;
    expect(pending).toHaveTextContent(String(status.parent?.pendingChanges));

    await userEvent.click(within(card).getByRole('button', { name: /生成同步文件/ }));
    await waitFor(() => expect(files.saves).toHaveLength(1));
    expect(files.saves[0].name).toMatch(/\.njb$/);
    expect(files.saves[0].filters).toEqual([{ name: '暖警台账同步文件', extensions: ['njb'] }]);
    expect(await screen.findByText(new RegExp(`已生成给「杭州市公安局」的同步文件「${files.saves[0].name.replace(/[.]/g, '\\.')}」`))).toBeInTheDocument();
    // The export is in the history, with its number.
    const history = await station.client.call('sync.history', {});
    expect(history).toHaveLength(1);
    expect(await screen.findByRole('cell', { name: files.saves[0].name })).toBeInTheDocument();
  });

  it('marks a county bureau among the units, and re-issues its setup file as a bureau', async () => {
    const { bureau } = await bureauAndStation();
    await bureau.client.call('sync.openStation', { code: '330106', name: '西湖区公安分局', role: 'bureau' });
    const { files } = renderApp(bureau);
    await openSyncPage();

    const card = await screen.findByTestId('sync-stations-card');
    const countyRow = (await within(card).findByText('西湖区公安分局')).closest('tr') as HTMLElement;
    expect(within(countyRow).getByText('县局')).toBeInTheDocument();
    const stationRow = within(card).getByText('北山派出所').closest('tr') as HTMLElement;
    expect(within(stationRow).queryByText('县局')).not.toBeInTheDocument();

    await userEvent.click(within(countyRow).getByRole('button', { name: /重新生成开通文件/ }));
    await userEvent.click(await screen.findByRole('button', { name: /重新生成$/ }));
    await waitFor(() => expect(files.saves).toHaveLength(1));
    const file = JSON.parse(Buffer.from(files.saves[0].bytesBase64, 'base64').toString('utf8')) as { station: { code: string; role: string } };
    expect(file.station).toMatchObject({ code: '330106', role: 'bureau' });
    expect(await screen.findByText(/已重新生成「西湖区公安分局」的开通文件/)).toBeInTheDocument();
    expect((await bureau.client.call('sync.status', {})).children.find((c) => c.code === '330106')?.role).toBe('bureau');
  });

  it('refuses random bytes with the Chinese message, offers nothing to confirm and changes nothing', async () => {
    const { station } = await bureauAndStation();
    const before = tableCounts(station.store);
    const statusBefore = await station.client.call('sync.status', {});
    const files = new RecordingFiles();
    files.willPick({ name: '随机内容.njb', bytesBase64: base64Of(randomBytes(4096)) });
    renderApp(station, files);
    await openSyncPage();

    await userEvent.click(within(await screen.findByTestId('sync-parent-card')).getByRole('button', { name: /导入同步文件/ }));
    const dialog = await screen.findByRole('dialog');
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('不是暖警台账的同步文件');
    expect(alert).toHaveTextContent('BUNDLE_NOT_A_BUNDLE');
    expect(within(dialog).queryByRole('button', { name: /确认导入/ })).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: '关闭' }));

    expect(files.opens[0]).toEqual({ filters: [{ name: '暖警台账同步文件', extensions: ['njb'] }], multiple: false });
    expect(tableCounts(station.store)).toEqual(before);
    expect(await station.client.call('sync.history', {})).toEqual([]);
    expect(await station.client.call('sync.status', {})).toEqual(statusBefore);
  });

  it('lets a bureau import many files at once: one combined preview, then only the good ones are imported, a file picked twice counted once', async () => {
    const { bureau, station } = await bureauAndStation();
    const bundle = await station.client.call('sync.exportBundle', { peerCode: '3301' });
    const files = new RecordingFiles();
    files.willPick(
      { name: bundle.fileName, bytesBase64: bundle.bytesBase64 },
      { name: '人员名单.xlsx', bytesBase64: base64Of(randomBytes(512)) },
      { name: `副本-${bundle.fileName}`, bytesBase64: bundle.bytesBase64 },
    );
    renderApp(bureau, files);
    await openSyncPage();

    const stations = await screen.findByTestId('sync-stations-card');
    expect(within(stations).getByText('北山派出所')).toBeInTheDocument();
    await userEvent.click(within(stations).getByRole('button', { name: /导入同步文件/ }));
    expect(files.opens[0].multiple).toBe(true);

    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('共 2 个文件：1 个可以导入，1 个不能导入（见下方原因）（另有 1 个重复文件，只算一次）。');
    const [good, bad, copy] = within(dialog).getAllByTestId('sync-import-item');
    expect(good).toHaveTextContent('北山派出所（330102-01）');
    expect(within(good).getByText('人员')).toBeInTheDocument();
    expect(bad).toHaveTextContent('不是暖警台账的同步文件');
    expect(copy).toHaveTextContent(`与「${bundle.fileName}」是同一个文件，只导入一次，不重复计算。`);
    // 「N 项变更」 counts fields, the table's 合计 counts records: both said, side by side.
    const preview = await bureau.client.call('sync.importBundle', { fileName: bundle.fileName, bytesBase64: bundle.bytesBase64, dryRun: true });
    const records = preview.totals.inserted + preview.totals.updated + preview.totals.unchanged;
    expect(within(good).getByTestId('sync-change-count')).toHaveTextContent(`${preview.changes} 项（逐项字段计：一条记录改了几个字段就算几项），涉及 ${records} 条记录`);
    expect(within(good).getByText(`合计（${records} 条记录）`)).toBeInTheDocument();
    // A dry run writes nothing.
    expect(await bureau.client.call('staff.list', {})).toHaveLength(0);

    await userEvent.click(within(dialog).getByRole('button', { name: '确认导入（1 个文件）' }));
    await within(dialog).findByText(/^已导入 1 个文件，1 个未导入（另有 1 个重复文件，只算一次）。/);
    expect(within(dialog).getByRole('button', { name: /打印/ })).toBeInTheDocument();
    expect(await bureau.client.call('staff.list', {})).toHaveLength(2);
    const history = await bureau.client.call('sync.history', {});
    expect(history.map((h) => [h.direction, h.fileName])).toEqual([['import', bundle.fileName]]);
  });

  it('lists a concurrent edit as a conflict with both values, and keeping the current value resolves it', async () => {
    const { bureau, station } = await bureauAndStation();
    const first = await station.client.call('sync.exportBundle', { peerCode: '3301' });
    await bureau.client.call('sync.importBundle', { fileName: first.fileName, bytesBase64: first.bytesBase64 });
    // Both sides change 张伟's phone before seeing the other's edit.
    const person = (await bureau.client.call('staff.list', {})).find((p) => p.name === '张伟');
    if (!person) throw new Error('张伟 did not reach the bureau');
    const edit = { id: person.id, category: person.category, name: person.name, idNumber: person.idNumber };
    await bureau.client.call('staff.save', { ...edit, phone: '13900000001' });
    await station.client.call('staff.save', { ...edit, phone: '13800000002' });
    const second = await station.client.call('sync.exportBundle', { peerCode: '3301' });
    await bureau.client.call('sync.importBundle', { fileName: second.fileName, bytesBase64: second.bytesBase64 });
    const [conflict] = await bureau.client.call('sync.conflicts', {});
    expect(conflict).toBeDefined();

    renderApp(bureau);
    await openSyncPage();
    // With a conflict open, the page opens on the 冲突 tab, whose badge counts it.
    expect(await screen.findByTestId('sync-conflict-badge')).toHaveTextContent('1');
    const row = (await screen.findByText('手机号码')).closest('tr') as HTMLElement;
    expect(row).toHaveTextContent(conflict.currentValue);
    expect(row).toHaveTextContent(conflict.otherValue);
    expect([conflict.currentValue, conflict.otherValue].sort()).toEqual(['13800000002', '13900000001']);

    await userEvent.click(within(row).getByRole('button', { name: '保留当前值' }));
    await screen.findByText('没有需要核对的冲突');
    expect(await bureau.client.call('sync.conflicts', {})).toEqual([]);
    const [resolved] = await bureau.client.call('sync.conflicts', { includeResolved: true });
    expect(resolved.resolvedAt).not.toBeNull();
    expect((await bureau.client.call('staff.get', { id: person.id })).staff.phone).toBe(conflict.currentValue);
  });

  it('sets up a new installation from the bureau’s setup file in the first-run wizard', async () => {
    const bureau = await openSite();
    await bureau.client.call('station.setup', { code: '3301', name: '杭州市公安局', role: 'bureau' });
    const setupFile = await bureau.client.call('sync.openStation', { code: '330102-03', name: '灵隐派出所' });
    const bureauStatus = await bureau.client.call('sync.status', {});
    const fresh = await openSite();
    const files = new RecordingFiles();
    files.willPick({ name: '330102-03-开通文件.njsetup', bytesBase64: setupFile.bytesBase64 });
    renderApp(fresh, files);

    await userEvent.click(await screen.findByText('使用市局发放的开通文件'));
    await userEvent.click(screen.getByRole('button', { name: /选择开通文件/ }));
    const preview = await screen.findByTestId('setup-file-preview');
    expect(preview).toHaveTextContent('灵隐派出所');
    expect(preview).toHaveTextContent('杭州市公安局（3301）');
    expect(preview).toHaveTextContent(bureauStatus.fingerprint);
    expect(files.opens[0]).toEqual({ filters: [{ name: '暖警台账开通文件', extensions: ['njsetup'] }], multiple: false });
    // Reading the file wrote nothing.
    expect((await fresh.client.call('app.info', {})).station).toBeNull();

    await userEvent.type(screen.getByLabelText('经办人（选填）'), '赵敏');
    await userEvent.click(screen.getByRole('button', { name: '确认并完成设置' }));
    expect(await screen.findByTestId('station-name')).toHaveTextContent('灵隐派出所');
    const info = await fresh.client.call('app.info', {});
    expect(info.station).toMatchObject({ code: '330102-03', role: 'station' });
    expect(info.operatorName).toBe('赵敏');
    expect((await fresh.client.call('sync.status', {})).parent).toMatchObject({ code: '3301', registered: true });
  });
});

/** Carries one bundle from a site to its peer (code) and imports it there. */
async function carryTo(from: Site, to: Site, peerCode: string) {
  const bundle = await from.client.call('sync.exportBundle', { peerCode });
  return to.client.call('sync.importBundle', { fileName: bundle.fileName, bytesBase64: bundle.bytesBase64 });
}

describe('数据同步 page: QA fixes', () => {
  it('shows the bureau its own key fingerprint and each registered station’s, with a usable summary line', async () => {
    const { bureau, station } = await bureauAndStation();
    await carryTo(station, bureau, '3301');
    const status = await bureau.client.call('sync.status', {});
    const stationFingerprint = (await station.client.call('sync.status', {})).fingerprint;
    expect(status.children[0].fingerprint).toBe(stationFingerprint);
    renderApp(bureau);
    await openSyncPage();

    const card = await screen.findByTestId('sync-stations-card');
    expect(within(card).getByTestId('sync-own-fingerprint')).toHaveTextContent(`本机密钥指纹：${status.fingerprint}`);
    expect(within(card).getByTestId('station-fingerprint-330102-01')).toHaveTextContent(stationFingerprint);
    expect(within(card).getByTestId('sync-stations-summary')).toHaveTextContent('共 1 个所属单位');
    // That the columns fit a 1024 px screen without squeezing the name is checked in Chromium (tests/e2e/narrow-screen.e2e.test.ts).
    expect(card.querySelector('.ant-table-content table, .ant-table-body table')).not.toBeNull();
  });

  it('refuses to open a code already opened, naming 重新生成开通文件, and re-issuing a registered station keeps it working', async () => {
    const { bureau, station } = await bureauAndStation();
    await carryTo(station, bureau, '3301');
    const { files } = renderApp(bureau);
    await openSyncPage();
    const card = await screen.findByTestId('sync-stations-card');

    await userEvent.click(within(card).getByRole('button', { name: /开通派出所/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText('单位代码'), '330102-01');
    await userEvent.type(within(dialog).getByLabelText('单位名称'), '南山派出所');
    await userEvent.click(within(dialog).getByRole('button', { name: /生成开通文件/ }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('已开通为「北山派出所」');
    expect(alert).toHaveTextContent('重新生成开通文件');
    expect(files.saves).toHaveLength(0);
    expect((await bureau.client.call('sync.status', {})).children[0]).toMatchObject({ name: '北山派出所', registered: true, reissuePending: false });
    await userEvent.click(within(dialog).getByRole('button', { name: /取\s*消/ }));

    const row = within(card).getByText('北山派出所').closest('tr') as HTMLElement;
    await userEvent.click(within(row).getByRole('button', { name: /重新生成开通文件/ }));
    expect(await screen.findByText(/现在的电脑不会因此断开/)).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: /重新生成$/ }));
    await waitFor(() => expect(files.saves).toHaveLength(1));
    expect(await within(row).findByText('待新电脑报送')).toBeInTheDocument();
    // The station still working is not cut off.
    await station.client.call('staff.save', { category: '民警', name: '王强', idNumber: makeValidIdNumber('330106', '1990-01-01', 33) });
    await expect(carryTo(station, bureau, '3301')).resolves.toMatchObject({ senderCode: '330102-01' });
  });

  it('flags a setup file issued to another code in the preview, before anything is confirmed', async () => {
    const bureau = await openSite();
    await bureau.client.call('station.setup', { code: '3301', name: '杭州市公安局', role: 'bureau' });
    const other = await bureau.client.call('sync.openStation', { code: '330102-02', name: '灵隐派出所' });
    const station = await openSite();
    await station.client.call('station.setup', { code: '330102-01', name: '北山派出所', role: 'station' });
    const files = new RecordingFiles();
    files.willPick({ name: '330102-02-开通文件.njsetup', bytesBase64: other.bytesBase64 });
    renderApp(station, files);
    await openSyncPage();
    await userEvent.click(within(await screen.findByTestId('sync-no-parent')).getByRole('button', { name: /选择开通文件并登记/ }));
    const flag = await screen.findByTestId('setup-file-wrong-station');
    expect(flag).toHaveTextContent('这个开通文件是发给「灵隐派出所」（330102-02）的，本机单位是「北山派出所」（330102-01），不能使用。');
    const confirm = flag.closest('.ant-modal-confirm') as HTMLElement;
    expect(within(confirm).getByRole('button', { name: /确认登记/ })).toBeDisabled();
    expect((await station.client.call('sync.status', {})).parent).toBeNull();
  });

  it('says the first bundle’s keys WILL be registered in the preview, and were registered after the import', async () => {
    const { bureau, station } = await bureauAndStation();
    const bundle = await station.client.call('sync.exportBundle', { peerCode: '3301' });
    const files = new RecordingFiles();
    files.willPick({ name: bundle.fileName, bytesBase64: bundle.bytesBase64 });
    renderApp(bureau, files);
    await openSyncPage();
    await userEvent.click(within(await screen.findByTestId('sync-stations-card')).getByRole('button', { name: /导入同步文件/ }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('首次报送，确认导入后将登记该单位的密钥')).toBeInTheDocument();
    expect(within(dialog).queryByText('首次报送，已登记该单位的密钥')).toBeNull();
    expect((await bureau.client.call('sync.status', {})).children[0].registered).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: /确认导入/ }));
    expect(await within(dialog).findByText('首次报送，已登记该单位的密钥')).toBeInTheDocument();
  });

  it('names the unit a conflicting value came from, and shows conflict times to the second', async () => {
    const clock = manualClock();
    const { bureau, station } = await bureauAndStation(clock);
    await carryTo(station, bureau, '3301');
    await carryTo(bureau, station, '330102-01');
    const person = (await station.client.call('staff.list', {})).find((p) => p.name === '张伟');
    if (!person) throw new Error('张伟 missing');
    const edit = { id: person.id, category: person.category, name: person.name, idNumber: person.idNumber };
    clock.advance(5_000);
    await bureau.client.call('staff.save', { ...edit, phone: '13900000001' });
    clock.advance(4_000);
    await station.client.call('staff.save', { ...edit, phone: '13800000002' });
    await carryTo(bureau, station, '330102-01');
    const [conflict] = await station.client.call('sync.conflicts', {});
    expect(conflict).toMatchObject({ otherSiteCode: '3301', otherSiteName: '杭州市公安局', otherValue: '13900000001' });
    expect(conflict.otherAt).toMatch(/:\d{2}:\d{2}$/);

    renderApp(station);
    await openSyncPage();
    const row = (await screen.findByText('手机号码')).closest('tr') as HTMLElement;
    expect(row).toHaveTextContent('来自 杭州市公安局（3301）');
    expect(row).toHaveTextContent(conflict.otherAt);
    expect(row).toHaveTextContent(conflict.currentAt);
  });
});
