import type { z } from 'zod';
import { baseColumns, type ColumnDefinition, type FieldValue, type SyncedTableDefinition, type TableOwner } from '../shared/synced-table-definition';

export type { FieldValue } from '../shared/synced-table-definition';

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

/**
 * How one synced table travels, derived from its definition (`shared/synced-table-catalog.ts`):
 * its Chinese label, the schema of each column but `id` (base columns included), its owner, and
 * the definition itself (column labels and display formats).
 */
export interface SyncedTableSpec {
  label: string;
  columns: Record<string, ColumnSchema>;
  owner: TableOwner;
  definition: SyncedTableDefinition;
}

/** The spec of a table, from its definition. */
export function specOf(definition: SyncedTableDefinition): SyncedTableSpec {
  // No prototype: a column named "constructor" or "__proto__" in a bundle is simply not one of ours.
  const columns = Object.create(null) as Record<string, ColumnSchema>;
  for (const [name, column] of Object.entries(definition.columns as Record<string, ColumnDefinition>)) columns[name] = column.schema;
  return { label: definition.label, columns, owner: definition.owner, definition };
}

/** Columns every synced table has besides `id`. */
export const syncedBaseColumns: Record<string, ColumnSchema> = Object.fromEntries(Object.entries(baseColumns).map(([name, column]) => [name, column.schema]));
