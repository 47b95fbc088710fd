import { column, syncedBaseColumns, type SyncedTableSpec } from './synced-column';
import { staffTableSpecs } from './staff-tables';

export { column, type ColumnSchema, type FieldValue, type SyncedTableSpec } from './synced-column';

/** Checks a feature's table specs and adds the base columns every synced table has. */
function withBaseColumns(specs: Record<string, SyncedTableSpec>): [string, SyncedTableSpec][] {
  return Object.entries(specs).map(([name, spec]) => {
    if (!/^[a-z_]+$/.test(name)) throw new Error(`bad synced table name: ${name}`);
    for (const col of Object.keys(spec.columns)) {
      if (!/^[a-z_0-9]+$/.test(col) || col === 'id') throw new Error(`bad synced column: ${name}.${col}`);
    }
    return [name, { label: spec.label, columns: { ...syncedBaseColumns, ...spec.columns } }];
  });
}

/** The foundation's synced tables: stations and settings. */
const foundationTableSpecs: Record<string, SyncedTableSpec> = {
  station: {
    label: '单位',
    columns: {
      code: column.text(20),
      name: column.text(40),
      role: column.oneOf(['station', 'bureau']),
      parent_code: column.text(20),
    },
  },
  setting: {
    label: '设置',
    columns: {
      key: column.text(100),
      value: column.text(20000),
    },
  },
};

/**
 * Every synced table, from each feature's spec list. Sync bundles, the write path and audit work
 * from this registry alone, so a new table travels without extra code: add its specs here.
 */
const registry = new Map<string, SyncedTableSpec>();
for (const specs of [foundationTableSpecs, staffTableSpecs]) {
  for (const [name, spec] of withBaseColumns(specs)) {
    if (registry.has(name)) throw new Error(`synced table declared twice: ${name}`);
    registry.set(name, spec);
  }
}

/** The spec of a synced table, or undefined when the name is not one. */
export function syncedTableSpec(name: string): SyncedTableSpec | undefined {
  return registry.get(name);
}

/** Names of every synced table, in declaration order. */
export function syncedTableNames(): string[] {
  return [...registry.keys()];
}
