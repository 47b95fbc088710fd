import { useEffect, useRef, useState } from 'react';
import { usePlatform } from '../api/client-context';
import type { PickedFile } from '../api/file-transfer';
import { excelFileFilter, notAnXlsxMessage } from '../pages/staff/staff-labels';

/** Where an Excel import dialog is: nothing chosen, reading the file, showing the preview, writing. */
export type SheetImportPhase = 'idle' | 'previewing' | 'preview' | 'committing';

export interface SheetImport<Summary> {
  phase: SheetImportPhase;
  file: PickedFile | null;
  summary: Summary | null;
  error: string | null;
  /** Opens the file picker and previews the chosen sheet (nothing written). */
  pick(): Promise<void>;
  /** Imports the sheet previewed; true when done (the dialog then closes). */
  commit(): Promise<boolean>;
}

/**
 * The steps every Excel import dialog takes (人员, 体检结果, 休假, 慰问): pick an .xlsx, preview what
 * would be written and each refused row, then 确认导入 — nothing is written before that. A preview
 * still being read when the clerk picks another file or closes the dialog is dropped, and closing
 * clears everything for the next time.
 */
export function useSheetImport<Summary>(
  open: boolean,
  calls: { preview(file: PickedFile): Promise<Summary>; commit(file: PickedFile): Promise<void> },
): SheetImport<Summary> {
  const { files } = usePlatform();
  const [phase, setPhase] = useState<SheetImportPhase>('idle');
  const [file, setFile] = useState<PickedFile | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
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
      const result = await calls.preview(chosen);
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
    if (!file) return false;
    const ticket = ++request.current;
    setPhase('committing');
    setError(null);
    try {
      await calls.commit(file);
      return ticket === request.current;
    } catch (e) {
      if (ticket === request.current) {
        setError((e as Error).message);
        setPhase('preview');
      }
      return false;
    }
  }

  return { phase, file, summary, error, pick, commit };
}
