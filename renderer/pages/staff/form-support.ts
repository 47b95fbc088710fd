import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { App, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiCallError } from '../../../shared/contract/api-contract';

export { DATE_FORMAT } from '../../forms/typed-date-picker';

/**
 * Props of a Select the clerk drives with the keyboard: typing filters the options by their label
 * (「三」 finds 三星), and Enter picks only an option the clerk moved to — never the first one
 * silently (typing 「abc」 then Enter leaves the field as it was).
 */
export const keyboardSelectProps = {
  showSearch: { optionFilterProp: 'label' },
  defaultActiveFirstOption: false,
} as const;

/**
 * Keyboard saving of a form dialog: Ctrl+S (⌘S) anywhere in it, and Enter in a text field (not in
 * a multi-line 备注, a drop-down — where Enter picks an option —, a date field — where Enter takes
 * the typed date — or while an input method is composing Chinese). The save runs after the field
 * has taken the key.
 */
export function saveShortcutHandler(save: () => void) {
  return (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      setTimeout(save, 0);
      return;
    }
    if (event.key !== 'Enter' || event.nativeEvent.isComposing || event.shiftKey || event.ctrlKey || event.altKey) return;
    // A drop-down (Enter picks an option) and a date field (Enter takes the typed date) keep Enter.
    if (target.tagName !== 'INPUT' || target.getAttribute('role') === 'combobox' || target.closest('.ant-picker')) return;
    if ((target as HTMLInputElement).type === 'checkbox' || (target as HTMLInputElement).type === 'radio') return;
    event.preventDefault();
    setTimeout(save, 0);
  };
}

/**
 * Form.Item props that keep a date field's value a `YYYY-MM-DD` string (what the shared schemas
 * validate and the handlers store) while the DatePicker inside works with dayjs.
 */
export const dateFieldProps = {
  getValueProps: (value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value, 'YYYY-MM-DD') : null }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null),
};

/** Per-field messages of a refused call (`details.fields`), or null. */
export function fieldErrorsOf(error: unknown): Record<string, string> | null {
  if (!(error instanceof ApiCallError)) return null;
  const details = error.details as { fields?: Record<string, unknown> } | undefined;
  if (!details?.fields || typeof details.fields !== 'object') return null;
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(details.fields)) {
    if (typeof message === 'string') out[field] = message;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * Shows a refused call's per-field messages next to the fields the form has; returns the messages
 * it could not place (for a field the form does not show) so the caller can show them elsewhere.
 */
export function showServerFieldErrors(form: FormInstance, error: unknown, formFields: readonly string[]): string[] {
  const fields = fieldErrorsOf(error);
  if (!fields) return [];
  const unplaced: string[] = [];
  const placed = Object.entries(fields).filter(([field, message]) => {
    if (formFields.includes(field)) return true;
    unplaced.push(message);
    return false;
  });
  form.setFields(placed.map(([field, message]) => ({ name: field, errors: [message] })));
  return unplaced;
}

/**
 * Places a refused save's field messages next to their fields and returns what the dialog's alert
 * should say: the messages it could not place, else the refusal itself.
 */
export function refusalMessage(form: FormInstance, error: unknown, formFields: readonly string[]): string {
  const unplaced = showServerFieldErrors(form, error, formFields);
  return unplaced.length > 0 ? unplaced.join('；') : (error as Error).message;
}

/** Empty text becomes null so a cleared field clears the stored value. */
export function textOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A number from an InputNumber / Select, or null. */
export function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A form value as the dirty check compares it: empty text, undefined and null are all "empty". */
function comparable(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, comparable(v)] as const)
      .filter(([, v]) => v !== null)
      .sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries);
  }
  return value;
}

/** Whether two form snapshots hold the same values (empty text, undefined and null being equal). */
export function sameFormValues(a: unknown, b: unknown): boolean {
  return JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));
}

/**
 * Guards a form dialog's close (Esc, mask click, ×, 取消): when the clerk changed something, asks
 * 「放弃未保存的修改？」 first; when nothing changed, closes at once. While the dialog is `open`,
 * reloading or closing the window (F5, Ctrl+R, the window's ×) with unsaved input asks the browser's
 * own question first (`beforeunload`). Call `markPristine()` right after filling the form with its
 * starting values; `requestClose(onClose)` wherever the dialog closes.
 */
export function useDiscardGuard(form: FormInstance, open: boolean) {
  const { modal } = App.useApp();
  const initial = useRef<unknown>({});
  const asking = useRef(false);

  const markPristine = useCallback(() => {
    initial.current = form.getFieldsValue(true);
  }, [form]);

  const isDirty = useCallback(
    () => form.isFieldsTouched() && !sameFormValues(initial.current, form.getFieldsValue(true)),
    [form],
  );

  useEffect(() => {
    if (!open) return undefined;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!isDirty()) return;
      event.preventDefault();
      // Older Chromium (and Electron) ask only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [open, isDirty]);

  const requestClose = useCallback(
    (close: () => void) => {
      if (asking.current) return;
      if (!isDirty()) {
        close();
        return;
      }
      asking.current = true;
      modal.confirm({
        title: '放弃未保存的修改？',
        content: '填写的内容还没有保存，关闭后将丢失。',
        okText: '确定放弃',
        cancelText: '继续填写',
        okButtonProps: { danger: true },
        onOk: () => {
          asking.current = false;
          close();
        },
        onCancel: () => {
          asking.current = false;
        },
      });
    },
    [isDirty, modal],
  );

  return { markPristine, isDirty, requestClose };
}
