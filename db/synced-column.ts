import { z } from 'zod';

/** A value one field of a synced table may hold (SQLite text, integer or null). */
export type FieldValue = string | number | null;

/** A value as the change log and the conflict list store it (JSON text); text that is not JSON as is. */
export function parseLoggedValue(json: string): FieldValue {
  try {
    return JSON.parse(json) as FieldValue;
  } catch {
    return json;
  }
}

/** Schema of one synced column's value, used to check imported changes before they are applied. */
export type ColumnSchema = z.ZodType<FieldValue>;

/** How one synced table travels: its Chinese label and the schema of each column but `id`. */
export interface SyncedTableSpec {
  label: string;
  columns: Record<string, ColumnSchema>;
}

/** Column schema builders: every synced column is nullable (a row may arrive field by field). */
export const column = {
  text: (max = 2000): ColumnSchema => z.string().max(max).nullable(),
  integer: (min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): ColumnSchema =>
    z.number().int().min(min).max(max).nullable(),
  date: (): ColumnSchema => z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  flag: (): ColumnSchema => z.union([z.literal(0), z.literal(1)]).nullable(),
  oneOf: (values: readonly [string, ...string[]]): ColumnSchema => z.enum(values).nullable(),
};

/** Columns every synced table has besides `id`. */
export const syncedBaseColumns: Record<string, ColumnSchema> = {
  station_id: column.text(64),
  deleted_at: column.text(32),
};

