import { displayFieldValue } from '../../shared/synced-table-definition';
import { syncedColumnDefinition, type FieldValue } from '../../db/synced-tables';

/**
 * One field an import would change, as the preview shows it: its label and its value before and
 * after, read as the clerk reads them (手机号码：13800000000 → 13900000000; 中共党员：否 → 是).
 */
export function columnChange(table: string, column: string, from: FieldValue | undefined, to: FieldValue | undefined): { field: string; from: string; to: string } {
  const definition = syncedColumnDefinition(table, column);
  const shown = (value: FieldValue | undefined) => (definition ? displayFieldValue(value ?? null, definition) : String(value ?? '')) || '（空）';
  return { field: definition?.label ?? column, from: shown(from), to: shown(to) };
}
