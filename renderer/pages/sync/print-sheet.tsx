import { useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { BundleImportSummary } from '../../../shared/sync-record';
import { formatSyncTime, sequenceLabel } from './sync-format';

/**
 * While mounted, the printer gets only this sheet: a plain black-on-white A4 page rendered straight
 * under `<body>`, so the navigation, the dialog and the buttons around it never reach the paper.
 */
export function PrintSheet({ children }: { children: ReactNode }) {
  return createPortal(
    <div className="nj-print-sheet">
      <style>{printCss}</style>
      {children}
    </div>,
    document.body,
  );
}

const printCss = `
@media screen { .nj-print-sheet { display: none; } }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body > *:not(.nj-print-sheet) { display: none !important; }
  body { background: #fff !important; }
  .nj-print-sheet { display: block; color: #000; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 11pt; }
  .nj-print-sheet h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
  .nj-print-sheet h2 { font-size: 12pt; margin: 6mm 0 2mm; }
  .nj-print-sheet .meta { margin: 0 0 2mm; }
  .nj-print-sheet table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; page-break-inside: avoid; }
  .nj-print-sheet th, .nj-print-sheet td { border: 1px solid #000; padding: 1.5mm 2mm; }
  .nj-print-sheet td.num, .nj-print-sheet th.num { text-align: right; width: 14%; }
  .nj-print-sheet tr.total td { font-weight: bold; }
  .nj-print-sheet .refused { border: 1px solid #000; padding: 2mm; }
  .nj-print-sheet .sign { margin-top: 12mm; display: flex; justify-content: space-between; }
}
`;

/** One file of a printed import record: its summary, or why it was refused. */
export interface PrintedImport {
  fileName: string;
  summary: BundleImportSummary | null;
  refusal: string | null;
}

/** The printed record of an import (导入同步文件记录): per file, sender, sequence and per-table counts. */
export function ImportPrintout({ receiver, printedAt, imports }: { receiver: string; printedAt: string; imports: PrintedImport[] }) {
  return (
    <div>
      <h1>暖警台账 同步文件导入记录</h1>
      <p className="meta">
        接收单位：{receiver}{'\u3000'}{'\u3000'}打印时间：{printedAt}
      </p>
      {imports.map((item, i) => (
        <section key={`${item.fileName}-${i}`}>
          <h2>
            {i + 1}. 文件 {item.fileName}
          </h2>
          {item.summary ? (
            <>
              <p className="meta">
                发送单位：{item.summary.senderName}（{item.summary.senderCode}）{'\u3000'}序号：{sequenceLabel(item.summary.sequence)}{'\u3000'}生成时间：
                {formatSyncTime(item.summary.createdAt)}{'\u3000'}变更：{item.summary.changes} 项{item.summary.dryRun ? '\u3000（预览，未导入）' : ''}
              </p>
              <table>
                <thead>
                  <tr>
                    <th>表</th>
                    <th className="num">新增</th>
                    <th className="num">更新</th>
                    <th className="num">不变</th>
                    <th className="num">冲突</th>
                  </tr>
                </thead>
                <tbody>
                  {item.summary.tables.map((t) => (
                    <tr key={t.table}>
                      <td>{t.label}</td>
                      <td className="num">{t.inserted}</td>
                      <td className="num">{t.updated}</td>
                      <td className="num">{t.unchanged}</td>
                      <td className="num">{t.conflicts}</td>
                    </tr>
                  ))}
                  <tr className="total">
                    <td>合计</td>
                    <td className="num">{item.summary.totals.inserted}</td>
                    <td className="num">{item.summary.totals.updated}</td>
                    <td className="num">{item.summary.totals.unchanged}</td>
                    <td className="num">{item.summary.totals.conflicts}</td>
                  </tr>
                </tbody>
              </table>
              {(item.summary.rejected ?? 0) + (item.summary.held ?? 0) > 0 && (
                <p className="meta">
                  未导入的修改：拒收 {item.summary.rejected ?? 0} 项（对方无权修改），暂缓 {item.summary.held ?? 0} 项（修改时间比本机晚得太多）；文件其余内容已照常导入。
                </p>
              )}
            </>
          ) : (
            <p className="refused">未导入：{item.refusal}</p>
          )}
        </section>
      ))}
      <div className="sign">
        <span>经办人（签字）：＿＿＿＿＿＿＿＿</span>
        <span>日期：＿＿＿＿年＿＿月＿＿日</span>
      </div>
    </div>
  );
}

/**
 * Prints a sheet on demand: `print(node)` mounts it, lets the browser lay it out, calls
 * `window.print()` and unmounts it afterwards. Render `sheet` somewhere in the component.
 */
export function usePrintOnDemand(): { sheet: ReactNode; print(content: ReactNode): void } {
  const [content, setContent] = useState<ReactNode>(null);
  useEffect(() => {
    if (!content) return;
    const timer = setTimeout(() => {
      window.print();
      setContent(null);
    }, 50);
    return () => clearTimeout(timer);
  }, [content]);
  return { sheet: content ? <PrintSheet>{content}</PrintSheet> : null, print: setContent };
}
