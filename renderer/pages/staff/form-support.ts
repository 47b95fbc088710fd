import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiCallError } from '../../../shared/contract/api-contract';

/** The display and storage format of every date in the ledger. */
export const DATE_FORMAT = 'YYYY-MM-DD';

/**
 * Form.Item props that keep a date field's value a `YYYY-MM-DD` string (what the shared schemas
 * validate and the handlers store) while the DatePicker inside works with dayjs.
 */
export const dateFieldProps = {
  getValueProps: (value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value, DATE_FORMAT) : null }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.format(DATE_FORMAT) : null),
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
