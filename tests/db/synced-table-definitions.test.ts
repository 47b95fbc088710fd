import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedgerStore, type LedgerStore } from '../../db/ledger-store';
import { personOwnedTableNames, syncedTableNames, syncedTableSpec } from '../../db/synced-tables';
import { personDetailTabs, syncedTableDefinitions } from '../../shared/synced-table-catalog';
import { col, defineSyncedTable, displayFieldValue, type ColumnDefinition } from '../../shared/synced-table-definition';

/** Each synced table's definition against the columns its migrations really create, both ways. */

let store: LedgerStore;

beforeAll(async () => {
  store = await openLedgerStore(':memory:');
});

afterAll(() => store.close());

function migratedColumns(table: string): Map<string, string> {
  const rows = store.sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string }[];
  return new Map(rows.map((row) => [row.name, row.type.toLowerCase()]));
}

describe.each(syncedTableDefinitions.map((d) => [d.name, d] as const))('the definition of %s', (name, definition) => {
  const defined = Object.entries(definition.columns as Record<string, ColumnDefinition>);

  it('names a table the migrations create, keyed by a TEXT id', () => {
    const migrated = migratedColumns(name);
    expect(migrated.size, `no table ${name}: add its migration`).toBeGreaterThan(0);
    expect(migrated.get('id')).toBe('text');
  });

  it('has every defined column in the migrated table, with its SQL type', () => {
    const migrated = migratedColumns(name);
    for (const [column, def] of defined) expect(migrated.get(column), `${name}.${column}`).toBe(def.sql);
  });

  it('defines every migrated column (nothing the sync registry would not carry)', () => {
    const undefinedColumns = [...migratedColumns(name).keys()].filter((column) => column !== 'id' && !(column in definition.columns));
    expect(undefinedColumns, `${name}: columns the migrations create but the definition lacks`).toEqual([]);
  });

  it('labels every column in Chinese and registers its schema for sync', () => {
    for (const [column, def] of defined) expect(def.label, `${name}.${column}`).toMatch(/[\u4e00-\u9fff]/);
    expect(Object.keys(syncedTableSpec(name)!.columns)).toEqual(defined.map(([column]) => column));
    expect(syncedTableSpec(name)!.label).toBe(definition.label);
  });
});

describe('the catalog', () => {
  it('has no table of the synced shape (id, station_id, deleted_at) that no definition covers', () => {
    const tables = (store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    const syncedShaped = tables.filter((t) => ['id', 'station_id', 'deleted_at'].every((c) => migratedColumns(t).has(c)));
    expect(syncedShaped.sort()).toEqual([...syncedTableNames()].sort());
  });

  it('makes exactly the person-owned tables follow a person (staff_id)', () => {
    expect(personOwnedTableNames()).toEqual(['staff_status_change', 'family_member', 'honour', 'health_checkup', 'psych_screening', 'psych_intervention', 'medical_event', 'welfare_visit', 'leave_record', 'duty_record']);
    for (const name of syncedTableNames()) expect('staff_id' in syncedTableSpec(name)!.columns, name).toBe(personOwnedTableNames().includes(name));
  });

  it('places family, honours, health, leave and visits in the person\'s detail, in order', () => {
    expect(personDetailTabs().map((d) => d.detail.tab)).toEqual(['家属', '表彰', '健康', '休假', '慰问']);
  });
});

describe('defining a table', () => {
  it('adds the owner columns and refuses what the owner provides', () => {
    const checkups = defineSyncedTable({ name: 'health_checkup', label: '体检', owner: 'person', columns: { date: col.date('体检日期') } });
    expect(Object.keys(checkups.columns)).toEqual(['station_id', 'deleted_at', 'staff_id', 'date']);
    expect(() => defineSyncedTable({ name: 'x', label: 'x', owner: 'station', columns: { staff_id: col.text('人员') } })).toThrow(/staff_id/);
    expect(() => defineSyncedTable({ name: 'x', label: 'x', owner: 'station', detail: { tab: 'x', order: 1 }, columns: {} })).toThrow(/person/);
  });

  it('shows values in the clerk\'s words', () => {
    expect(displayFieldValue(1, col.flag('党员'))).toBe('是');
    expect(displayFieldValue(0, col.flag('党员'))).toBe('否');
    expect(displayFieldValue(3, col.stars('星级'))).toBe('三星');
    expect(displayFieldValue(7, col.level('伤残等级', 10))).toBe('七级');
    expect(displayFieldValue(123456, col.money('金额'))).toBe('¥1,234.56');
    expect(displayFieldValue('female55', syncedTableSpec('staff')!.definition.columns.retirement_base)).toBe('女干部/女民警（原法定退休年龄55周岁）');
    expect(displayFieldValue(null, col.text('备注'))).toBe('');
  });
});
