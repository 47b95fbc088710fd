import { syncedTableDefinitions } from '../shared/synced-table-catalog';
import type { ColumnDefinition } from '../shared/synced-table-definition';
import { specOf, type SyncedTableSpec } from './synced-column';

export { type ColumnSchema, type FieldValue, type SyncedTableSpec } from './synced-column';

/**
 * Every synced table, from the definitions in `shared/synced-table-catalog.ts`. Sync bundles, the
 * write path, audit, the change history and the cascade of a person's records work from this
 * registry alone, so a new table travels without extra code: define it and list it in the catalog.
 */
const registry = new Map<string, SyncedTableSpec>(syncedTableDefinitions.map((definition) => [definition.name, specOf(definition)]));

/** The spec of a synced table, or undefined when the name is not one. */
export function syncedTableSpec(name: string): SyncedTableSpec | undefined {
  return registry.get(name);
}

/** Names of every synced table, in declaration order. */
export function syncedTableNames(): string[] {
  return [...registry.keys()];
}

/**
 * Names of the tables whose rows belong to a person (owner `person`, a `staff_id` column): what
 * follows a person on a transfer (调动) and is tombstoned with them on deletion.
 */
export function personOwnedTableNames(): string[] {
  return [...registry.values()].filter((spec) => spec.owner === 'person').map((spec) => spec.definition.name);
}

/** A column's definition (label, display format), or undefined for a table or column that is not synced. */
export function syncedColumnDefinition(table: string, column: string): ColumnDefinition | undefined {
  const columns: Record<string, ColumnDefinition> | undefined = registry.get(table)?.definition.columns;
  return columns && Object.prototype.hasOwnProperty.call(columns, column) ? columns[column] : undefined;
}
