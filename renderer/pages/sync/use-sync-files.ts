import { useState } from 'react';
import { App } from 'antd';
import type { BundleExport } from '../../../shared/sync-record';
import { usePlatform } from '../../api/client-context';
import { useAppStore } from '../../stores/store-context';
import { bundleFileFilters } from './sync-format';

/** The clerk's sentence for a saved (or not saved) bundle. */
function savedMessage(bundle: BundleExport, peerName: string): string {
  const what = bundle.changes > 0 ? `含 ${bundle.changes} 项变更` : '没有新的变更，仅告知对方本机已收到的数据';
  return `已生成给「${peerName}」的同步文件「${bundle.fileName}」（${what}）。请拷贝到 U 盘交给对方导入。`;
}

/** Saves bundles through the platform (save dialog in Electron, download in the browser). */
export function useBundleExport() {
  const { client, files } = usePlatform();
  const { message } = App.useApp();
  const exportBundle = useAppStore((s) => s.exportBundle);
  const exportAllBundles = useAppStore((s) => s.exportAllBundles);
  const [exporting, setExporting] = useState<string | null>(null);

  async function save(bundle: BundleExport, peerName: string): Promise<boolean> {
    const { saved } = await files.save(bundle.fileName, bundle.bytesBase64, bundleFileFilters);
    if (saved) message.success({ content: savedMessage(bundle, peerName), duration: 8 });
    else message.warning({ content: `没有保存给「${peerName}」的同步文件。下次生成的文件会包含这些变更，不会遗漏。`, duration: 8 });
    return saved;
  }

  /** One bundle for one peer. */
  async function exportFor(peerCode: string, peerName: string): Promise<void> {
    setExporting(peerCode);
    try {
      await save(await exportBundle(client, peerCode), peerName);
    } catch (error) {
      message.error({ content: (error as Error).message, duration: 10 });
    } finally {
      setExporting(null);
    }
  }

  /** Bureau: one bundle for every registered station, saved one after the other. */
  async function exportAll(nameOf: (code: string) => string): Promise<void> {
    setExporting('*');
    try {
      const bundles = await exportAllBundles(client);
      if (bundles.length === 0) {
        message.info('还没有已登记的派出所：派出所用开通文件设置并第一次报送后，才能给它生成同步文件。');
        return;
      }
      let saved = 0;
      for (const bundle of bundles) {
        const { saved: ok } = await files.save(bundle.fileName, bundle.bytesBase64, bundleFileFilters);
        if (ok) saved += 1;
      }
      const names = bundles.map((b) => nameOf(b.peerCode)).join('、');
      if (saved === bundles.length) message.success({ content: `已为 ${bundles.length} 个单位生成同步文件：${names}。`, duration: 8 });
      else message.warning({ content: `生成了 ${bundles.length} 个同步文件，保存了 ${saved} 个；未保存的单位下次生成时会补上这些变更。`, duration: 8 });
    } catch (error) {
      message.error({ content: (error as Error).message, duration: 10 });
    } finally {
      setExporting(null);
    }
  }

  return { exporting, exportFor, exportAll };
}

/** Picks bundle files (one, or many for a bureau) and starts their dry run. */
export function useBundleImport(multiple: boolean) {
  const { client, files } = usePlatform();
  const { message } = App.useApp();
  const checkImportFiles = useAppStore((s) => s.checkImportFiles);

  /** The dialog's own progress takes over once files are picked (the picker may never answer if cancelled). */
  async function pickAndCheck(): Promise<void> {
    try {
      const picked = await files.open(bundleFileFilters, multiple);
      if (picked.length > 0) await checkImportFiles(client, picked);
    } catch (error) {
      message.error((error as Error).message);
    }
  }

  return { pickAndCheck };
}
