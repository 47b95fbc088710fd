import { z } from 'zod';
import { normalisePersonName } from './person-name';

/**
 * The one definition of a synced table (ARCHITECTURE.md, Data: "One definition per synced table"):
 * its columns with their SQL type, value schema, Chinese label and display format, its owner (the
 * station, or a person through `staff_id`) and its place in the person's detail. Everything else —
 * the Kysely row types, the sync registry and its labels, the change history, what follows a person
 * on a transfer or deletion, and the definition-vs-migration test — is derived from it.
 *
 * Pure data (zod only), so the renderer reads the same definitions (tab labels and order) as `db/`
 * and `electron/`.
 */

/** A value one field of a synced table may hold (SQLite text, integer or null). */
export type FieldValue = string | number | null;

/** The SQLite type a column is created with in its migration (`PRAGMA table_info` reports it). */
export type SqlType = 'text' | 'integer';

/**
 * How a stored value reads to the clerk (change history, conflict and withheld lists):
 * `flag` 是/否, `stars` 三星, `level` 七级, `enum` through `valueLabels`, `money` fen as ¥1,234.00,
 * `internal` not shown at all (a reference such as `staff_id`, the owner, the tombstone).
 */
export type ColumnDisplay = 'text' | 'date' | 'flag' | 'enum' | 'stars' | 'level' | 'money' | 'internal';

/** One column of a synced table. Every synced column is nullable: a row may arrive field by field. */
export interface ColumnDefinition<S extends SqlType = SqlType> {
  sql: S;
  /** Checks a value before it is stored — also every value of an imported sync bundle. */
  schema: z.ZodType<FieldValue>;
  /** The column's Chinese name (变更记录, 同步冲突, 未导入的修改). */
  label: string;
  display: ColumnDisplay;
  /** For `enum`: the words shown for a stored value (male60 → 男性60周岁); absent values show as stored. */
  valueLabels?: Readonly<Record<string, string>>;
}

/** Who owns a table's rows: the station (`station_id`), or a person (`staff_id`, the person's station). */
export type TableOwner = 'station' | 'person';

/** Where a person-owned table shows in the person's detail drawer. */
export interface DetailPlace {
  /** The tab's label (家属, 表彰 …). */
  tab: string;
  /** Tabs are shown by ascending order, after 基本信息. */
  order: number;
}

type OwnerColumns<O extends TableOwner> = O extends 'person' ? { staff_id: ColumnDefinition<'text'> } & BaseColumns : BaseColumns;

/** The columns every synced table has besides `id` (its TEXT primary key, a UUIDv7). */
export type BaseColumns = { station_id: ColumnDefinition<'text'>; deleted_at: ColumnDefinition<'text'> };

/** A synced table's definition, with the base columns (and `staff_id` for person-owned tables) added. */
export interface SyncedTableDefinition<
  Name extends string = string,
  Owner extends TableOwner = TableOwner,
  Columns extends Record<string, ColumnDefinition> = Record<string, ColumnDefinition>,
> {
  name: Name;
  /** The table's Chinese name (人员, 家属, 表彰 …). */
  label: string;
  owner: Owner;
  /** Every column but `id`, in order: `station_id`, `deleted_at`, `staff_id` (person-owned), then the table's own. */
  columns: Columns & OwnerColumns<Owner>;
  /** The column whose value names a row (家属「张小明」); rows are named by the table label alone without one. */
  nameColumn?: string;
  /** Person-owned tables shown in the person's detail drawer. */
  detail?: DetailPlace;
  /**
   * `bureau`: reference data only a bureau writes (慰问标准): a station may not save a row of it,
   * and a station's bundle carrying one is refused (electron/sync/bundle-authority.ts).
   */
  writtenBy?: 'bureau';
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function definitionOf<S extends SqlType>(sql: S, schema: z.ZodType<FieldValue>, label: string, display: ColumnDisplay): ColumnDefinition<S> {
  return { sql, schema, label, display };
}

/** Column builders: each gives the SQL type, the nullable value schema, the label and the display. */
export const col = {
  text: (label: string, max = 2000) => definitionOf('text', z.string().max(max).nullable(), label, 'text'),
  /**
   * A person's name: stored without a roster's padding spaces (「王\u3000五」 → 王五, `person-name.ts`),
   * whichever way it comes in — also in a sync bundle, whose values are the schema's output.
   */
  personName: (label: string, max = 20) => definitionOf('text', z.string().overwrite(normalisePersonName).max(max).nullable(), label, 'text'),
  date: (label: string) => definitionOf('text', z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(), label, 'date'),
  integer: (label: string, min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) =>
    definitionOf('integer', z.number().int().min(min).max(max).nullable(), label, 'text'),
  /** 0/1, shown 是/否. */
  flag: (label: string) => definitionOf('integer', z.union([z.literal(0), z.literal(1)]).nullable(), label, 'flag'),
  /** One of a list of words; `valueLabels` for values stored as codes. */
  oneOf: (label: string, values: readonly [string, ...string[]], valueLabels?: Readonly<Record<string, string>>): ColumnDefinition<'text'> => ({
    ...definitionOf('text', z.enum(values).nullable(), label, 'enum'),
    ...(valueLabels ? { valueLabels } : {}),
  }),
  /** 1–`max` shown as 一级 … (辅警层级, 伤残等级). */
  level: (label: string, max: number) => definitionOf('integer', z.number().int().min(1).max(max).nullable(), label, 'level'),
  /** 1–5 shown as 一星 … (星级辅警). */
  stars: (label: string) => definitionOf('integer', z.number().int().min(1).max(5).nullable(), label, 'stars'),
  /** Integer fen (分), shown ¥1,234.00 (DOMAIN.md, Money and dates). */
  money: (label: string) => definitionOf('integer', z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(), label, 'money'),
  /** A reference to another row (`staff_id`) or other bookkeeping the clerk never reads. */
  internal: (label: string, max = 64) => definitionOf('text', z.string().max(max).nullable(), label, 'internal'),
};

/** The base columns every synced table has besides `id`. */
export const baseColumns: BaseColumns = {
  station_id: col.internal('所属单位'),
  deleted_at: col.internal('删除', 32),
};

const staffIdColumn = col.internal('人员');

/**
 * Defines a synced table. Adds the base columns, and `staff_id` for a person-owned table (a
 * station-owned table may not have one: `staff_id` is what makes rows follow a person).
 *
 * @throws Error on a bad table or column name, or an own column named like a base column.
 */
export function defineSyncedTable<const Name extends string, const Owner extends TableOwner, const Columns extends Record<string, ColumnDefinition>>(definition: {
  name: Name;
  label: string;
  owner: Owner;
  columns: Columns;
  nameColumn?: keyof Columns & string;
  detail?: DetailPlace;
  writtenBy?: 'bureau';
}): SyncedTableDefinition<Name, Owner, Columns> {
  const { name, owner, columns } = definition;
  if (!/^[a-z_]+$/.test(name)) throw new Error(`bad synced table name: ${name}`);
  for (const column of Object.keys(columns)) {
    if (!/^[a-z_0-9]+$/.test(column) || column === 'id' || column in baseColumns || column === 'staff_id') {
      throw new Error(`bad synced column: ${name}.${column} (id, station_id, deleted_at and staff_id come from the owner)`);
    }
  }
  if (definition.detail && owner !== 'person') throw new Error(`${name}: only a person-owned table has a place in the person's detail`);
  if (definition.writtenBy && owner !== 'station') throw new Error(`${name}: only a station-owned table (reference data) can be the bureau's alone`);
  const ownerColumns = owner === 'person' ? { ...baseColumns, staff_id: staffIdColumn } : baseColumns;
  return { ...definition, columns: { ...ownerColumns, ...columns } as Columns & OwnerColumns<Owner> };
}

/** Integer fen as the clerk reads money: ¥1,234.00 (DOMAIN.md, Money and dates). */
export function formatFen(fen: number): string {
  const yuan = (Math.abs(fen) / 100).toFixed(2);
  const [whole, cents] = yuan.split('.');
  return `${fen < 0 ? '-' : ''}¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** A stored value as the clerk reads it: 是/否, 三星, 七级, an enum's words, ¥1,234.00; '' when empty. */
export function displayFieldValue(value: FieldValue, column: Pick<ColumnDefinition, 'display' | 'valueLabels'>): string {
  if (value === null || value === '') return '';
  switch (column.display) {
    case 'flag':
      return value === 1 ? '是' : '否';
    case 'stars':
      return `${CHINESE_DIGITS[Number(value)] ?? value}星`;
    case 'level':
      return `${CHINESE_DIGITS[Number(value)] ?? value}级`;
    case 'money':
      return typeof value === 'number' ? formatFen(value) : String(value);
    case 'enum':
      return column.valueLabels?.[String(value)] ?? String(value);
    default:
      return String(value);
  }
}
