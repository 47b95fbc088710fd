import { z, type ZodType } from 'zod';
import { isSiteId, parseHlc, siteOfHlc } from '../../shared/hybrid-logical-clock';
import { syncedTableSpec } from '../../db/synced-tables';
import type { RemoteWrite } from '../../db/write-path';
import type { FieldValue } from '../../db/synced-tables';
import { fieldLabelOf } from './sync-labels';
import { syncErrors } from './sync-errors';

/**
 * The sealed content of a bundle (JSON, gzipped and encrypted by the envelope):
 * ```
 * { writes: [{ t: table, r: row id, h: hlc, u: user, c: [columns] or the index of a list in `columns`, v: [values],
 *              p?: [prev hlc or null, per column — left out when none had one],
 *              x?: hlc of the wrong-dated write this one replaces (clock repair) }],
 *   columns?: [[column, …], …] — each column list once, named by the writes by index,
 *   changes?: [{ t, r, c: column, v: value, h, p: prev hlc, u, x? }] — the same, one field each,
 *   highWater: …
 *   highWater: { originSiteId: newest hlc this sender holds },
 *   sites?: { siteId: stationId } — the PCs of the sender's subtree (a lower bureau's stations),
 *   sender: { code, name, stationId }, schemaVersion }
 * ```
 * Short keys, and one entry per write of a row (as the change log keeps them): a station's first
 * bundle carries every change it ever made, and most of its writes set the same few column lists
 * (a new person, a new relative …): spelled once in `columns`, they are a quarter less to write,
 * compress, carry and parse. Both lists are judged field by field on arrival.
 */

const hlcText = z.string().max(64);

export const wireChangeSchema = z.object({
  t: z.string().min(1).max(64),
  r: z.string().min(1).max(200),
  c: z.string().min(1).max(64),
  v: z.union([z.string(), z.number(), z.null()]),
  h: hlcText,
  p: hlcText.nullable(),
  u: z.string().max(100),
  x: hlcText.optional(),
});

export type WireChange = z.infer<typeof wireChangeSchema>;

/** One write of a row: the columns it set, with their values (and predecessors) in the same order. */
export const wireWriteSchema = z
  .object({
    t: z.string().min(1).max(64),
    r: z.string().min(1).max(200),
    h: hlcText,
    u: z.string().max(100),
    c: z.array(z.string().min(1).max(64)).min(1).max(200),
    v: z.array(z.union([z.string(), z.number(), z.null()])),
    p: z.array(hlcText.nullable()).optional(),
    x: hlcText.optional(),
  })
  .refine((w) => w.v.length === w.c.length && (w.p === undefined || w.p.length === w.c.length), '字段、值和前一版本的个数不一致');

export type WireWrite = z.infer<typeof wireWriteSchema>;
/** A write as it travels: its column list spelled out, or the index of one in the payload's `columns`. */
export type SentWireWrite = Omit<WireWrite, 'c'> & { c: string[] | number };

const columnListSchema = z.array(z.string().min(1).max(64)).min(1).max(200);

export const bundlePayloadSchema = z.object({
  // Each write's shape is checked with its values, in one pass (`checkedWrites`): zod over a first
  // bundle's 30,000 writes of 25 fields took as long as applying them.
  writes: z.array(z.unknown()).default([]),
  columns: z.array(columnListSchema).max(100_000).optional(),
  changes: z.array(wireChangeSchema).default([]),
  highWater: z.record(z.string().max(64), hlcText),
  sites: z.record(z.string().max(64), z.string().min(1).max(64)).optional(),
  sender: z.object({ code: z.string().max(20), name: z.string().max(40), stationId: z.string().max(64) }),
  schemaVersion: z.string().max(100),
});

/** A payload as written (either list may be left out). */
export type BundlePayload = Omit<z.input<typeof bundlePayloadSchema>, 'writes'> & { writes?: SentWireWrite[] };
/** A payload as parsed (both lists present; the writes not yet checked: `checkedWrites`). */
export type ParsedBundlePayload = z.output<typeof bundlePayloadSchema>;

/** Parses the payload JSON and checks its shape. @throws SyncError `BUNDLE_PAYLOAD_INVALID`. */
export function parsePayload(bytes: Buffer, senderCode: string): ParsedBundlePayload {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw syncErrors.payloadInvalid(senderCode, '不是有效的 JSON');
  }
  const parsed = bundlePayloadSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw syncErrors.payloadInvalid(senderCode, `${issue.path.join('.') || '根'}：${issue.message}`);
  }
  for (const [site, hlc] of Object.entries(parsed.data.highWater)) {
    const parts = parseHlc(hlc);
    if (!parts || parts.siteId !== site) throw syncErrors.payloadInvalid(senderCode, `highWater.${site}：时间戳格式不正确`);
  }
  for (const site of Object.keys(parsed.data.sites ?? {})) {
    if (!isSiteId(site)) throw syncErrors.payloadInvalid(senderCode, `sites.${site.slice(0, 20)}：电脑标识格式不正确`);
  }
  return parsed.data;
}

/** A sent write's column list (an index is looked up in the payload's `columns`; [] when it names none). */
function columnsOfSentWrite(write: SentWireWrite, columnLists: string[][] | undefined): string[] {
  return typeof write.c === 'number' ? (columnLists?.[write.c] ?? []) : write.c;
}

/** A write's fields as single-field changes, in its column order. */
export function changesOfWrite(write: SentWireWrite, columnLists?: string[][]): WireChange[] {
  return columnsOfSentWrite(write, columnLists).map((column, i) => {
    const change: WireChange = { t: write.t, r: write.r, c: column, v: write.v[i] ?? null, h: write.h, p: write.p?.[i] ?? null, u: write.u };
    if (write.x !== undefined) change.x = write.x;
    return change;
  });
}

/** A payload with its writes spelled out as single-field changes (tests and tools read it so). */
export function withFieldChanges<P extends BundlePayload>(payload: P): P & { writes: []; changes: WireChange[] } {
  return { ...payload, writes: [], columns: undefined, changes: [...(payload.writes ?? []).flatMap((write) => changesOfWrite(write, payload.columns)), ...(payload.changes ?? [])] };
}

/**
 * Whether a column's schema takes null and keeps it null: then a null value (a field left empty —
 * a third of a first bundle's values) needs no pass through zod. Asked of the schema once.
 */
const nullAsIs = new WeakMap<ZodType, boolean>();

function takesNullAsIs(schema: ZodType): boolean {
  let answer = nullAsIs.get(schema);
  if (answer === undefined) {
    const checked = schema.safeParse(null);
    answer = checked.success && checked.data === null;
    nullAsIs.set(schema, answer);
  }
  return answer;
}

/** Per length, the predecessors of a write that names none (frozen: shared by every such write). */
const noPredecessorLists: (null[] | undefined)[] = [];

function noPredecessors(length: number): null[] {
  return (noPredecessorLists[length] ??= Object.freeze(new Array<null>(length).fill(null)) as null[]);
}

const MAX_NAME = 64;
const MAX_ROW_ID = 200;
const MAX_USER = 100;
const MAX_HLC = 64;
const MAX_COLUMNS = 200;

function isText(value: unknown, max: number, min = 0): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/**
 * One wire write's shape (what {@link wireWriteSchema} states) checked by hand, its column list
 * resolved (an index into the payload's `columns`, already checked by zod there): the values
 * themselves are checked by their columns' schemas next, and a zod pass per write cost as much as
 * the import's writing. Returns the write's columns, or the path and problem of its first fault.
 */
function sentWriteShape(raw: unknown, columnLists: string[][] | undefined): { columns: string[] } | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return '不是对象';
  const w = raw as Record<string, unknown>;
  if (!isText(w.t, MAX_NAME, 1)) return 't：数据表名不正确';
  if (!isText(w.r, MAX_ROW_ID, 1)) return 'r：记录标识不正确';
  if (!isText(w.h, MAX_HLC)) return 'h：时间戳不正确';
  if (!isText(w.u, MAX_USER)) return 'u：用户名不正确';
  let columns: string[];
  if (typeof w.c === 'number') {
    const listed = Number.isInteger(w.c) ? columnLists?.[w.c] : undefined;
    if (!listed) return 'c：字段列表的编号不正确';
    columns = listed;
  } else {
    if (!Array.isArray(w.c) || w.c.length < 1 || w.c.length > MAX_COLUMNS || !w.c.every((c) => isText(c, MAX_NAME, 1))) return 'c：字段列表不正确';
    columns = w.c as string[];
  }
  if (!Array.isArray(w.v) || w.v.length !== columns.length || !w.v.every((v) => v === null || typeof v === 'string' || typeof v === 'number')) return 'v：字段、值的个数不一致或值的类型不正确';
  if (w.p !== undefined && (!Array.isArray(w.p) || w.p.length !== columns.length || !w.p.every((p) => p === null || isText(p, MAX_HLC)))) return 'p：前一版本的个数不一致或格式不正确';
  if (w.x !== undefined && !isText(w.x, MAX_HLC)) return 'x：所更正的时间戳不正确';
  return { columns };
}

/**
 * Checks every write (and single-field change) against its table's schema — table and columns
 * known, each value valid, timestamps well formed, a replaced timestamp of the same site and
 * later — and returns them as write-path writes. Whether the sender may write them, and whether
 * they are too far in the future, is for the import to decide (`bundle-authority.ts`,
 * `applyRemoteWrites`).
 * @throws SyncError `BUNDLE_PAYLOAD_INVALID` for a write that is not one, `BUNDLE_RECORD_INVALID`
 * naming the table, record and field.
 */
export function checkedWrites(payload: ParsedBundlePayload, senderCode: string): RemoteWrite[] {
  const writes: RemoteWrite[] = [];
  const check = (write: WireWrite, where: string): RemoteWrite => {
    const spec = syncedTableSpec(write.t);
    if (!spec) throw syncErrors.recordInvalid(senderCode, `${where}（数据表 ${write.t}）`, '本程序没有这个数据表');
    const record = `${spec.label}（${write.t}）记录 ${write.r}`;
    const fieldOf = (column: string) => `${record} 的「${fieldLabelOf(write.t, column)}」（${column}）`;
    const hlcValid = parseHlc(write.h) !== null;
    if (!hlcValid) throw syncErrors.recordInvalid(senderCode, fieldOf(write.c[0]), `修改时间戳 ${write.h.slice(0, 64)} 格式不正确`);
    if (write.x !== undefined && (!parseHlc(write.x) || siteOfHlc(write.x) !== siteOfHlc(write.h) || write.x <= write.h)) {
      throw syncErrors.recordInvalid(senderCode, fieldOf(write.c[0]), `所更正的时间戳 ${write.x.slice(0, 64)} 不正确（只能更正同一台电脑更晚的修改）`);
    }
    // The values are checked in place: each becomes what its column's schema makes of it.
    const values = write.v as FieldValue[];
    for (let i = 0; i < write.c.length; i += 1) {
      const column = write.c[i];
      const schema = spec.columns[column];
      if (!schema) throw syncErrors.recordInvalid(senderCode, `${record}`, `没有字段 ${column}`);
      if (values[i] !== null || !takesNullAsIs(schema)) {
        const checked = schema.safeParse(values[i]);
        if (!checked.success) {
          throw syncErrors.recordInvalid(senderCode, fieldOf(column), `值 ${JSON.stringify(values[i]).slice(0, 60)} 不合格（${checked.error.issues[0]?.message ?? '格式不正确'}）`);
        }
        values[i] = checked.data as FieldValue;
      }
      const prev = write.p?.[i] ?? null;
      if (prev !== null && !parseHlc(prev)) throw syncErrors.recordInvalid(senderCode, fieldOf(column), `前一版本时间戳 ${prev.slice(0, 64)} 格式不正确`);
    }
    return { table: write.t, rowId: write.r, hlc: write.h, userName: write.u, replaces: write.x ?? null, columns: write.c, values, prevHlcs: write.p ?? noPredecessors(write.c.length) };
  };
  payload.writes.forEach((raw, index) => {
    const shape = sentWriteShape(raw, payload.columns);
    if (typeof shape === 'string') throw syncErrors.payloadInvalid(senderCode, `writes.${index}.${shape}`);
    const write = raw as WireWrite;
    // The write as sent names its column list by index: its columns, resolved, in its place.
    if (write.c !== shape.columns) write.c = shape.columns;
    writes.push(check(write, `第 ${index + 1} 次写入`));
  });
  payload.changes.forEach((change, index) => {
    const write: WireWrite = { t: change.t, r: change.r, h: change.h, u: change.u, c: [change.c], v: [change.v], p: [change.p] };
    if (change.x !== undefined) write.x = change.x;
    writes.push(check(write, `第 ${index + 1} 项变更`));
  });
  return writes;
}
