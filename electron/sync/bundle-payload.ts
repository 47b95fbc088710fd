import { z } from 'zod';
import { isSiteId, parseHlc, siteOfHlc } from '../../shared/hybrid-logical-clock';
import { syncedTableSpec } from '../../db/synced-tables';
import type { FieldChange } from '../../db/write-path';
import { fieldLabelOf } from './sync-labels';
import { syncErrors } from './sync-errors';

/**
 * The sealed content of a bundle (JSON, gzipped and encrypted by the envelope):
 * ```
 * { writes: [{ t: table, r: row id, h: hlc, u: user, c: [columns], v: [values],
 *              p?: [prev hlc or null, per column — left out when none had one],
 *              x?: hlc of the wrong-dated write this one replaces (clock repair) }],
 *   changes?: [{ t, r, c: column, v: value, h, p: prev hlc, u, x? }] — the same, one field each,
 *   highWater: …
 *   highWater: { originSiteId: newest hlc this sender holds },
 *   sites?: { siteId: stationId } — the PCs of the sender's subtree (a lower bureau's stations),
 *   sender: { code, name, stationId }, schemaVersion }
 * ```
 * Short keys, and one entry per write of a row (as the change log keeps them): a station's first
 * bundle carries every change it ever made. Both lists are judged field by field on arrival.
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

export const bundlePayloadSchema = z.object({
  writes: z.array(wireWriteSchema).default([]),
  changes: z.array(wireChangeSchema).default([]),
  highWater: z.record(z.string().max(64), hlcText),
  sites: z.record(z.string().max(64), z.string().min(1).max(64)).optional(),
  sender: z.object({ code: z.string().max(20), name: z.string().max(40), stationId: z.string().max(64) }),
  schemaVersion: z.string().max(100),
});

/** A payload as written (either list may be left out). */
export type BundlePayload = z.input<typeof bundlePayloadSchema>;
/** A payload as checked (both lists present). */
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

/** A write's fields as single-field changes, in its column order. */
export function changesOfWrite(write: WireWrite): WireChange[] {
  return write.c.map((column, i) => {
    const change: WireChange = { t: write.t, r: write.r, c: column, v: write.v[i] ?? null, h: write.h, p: write.p?.[i] ?? null, u: write.u };
    if (write.x !== undefined) change.x = write.x;
    return change;
  });
}

/** A payload with its writes spelled out as single-field changes (tests and tools read it so). */
export function withFieldChanges<P extends BundlePayload>(payload: P): P & { writes: []; changes: WireChange[] } {
  return { ...payload, writes: [], changes: [...(payload.writes ?? []).flatMap(changesOfWrite), ...(payload.changes ?? [])] };
}

/**
 * Checks every change against its table's schema — table and column known, value valid, timestamps
 * well formed, a replaced timestamp of the same site and later — and returns them as write-path
 * changes. Whether the sender may write them, and whether they are too far in the future, is for
 * the import to decide change by change (`bundle-authority.ts`, `applyRemoteChanges`).
 * @throws SyncError `BUNDLE_RECORD_INVALID` naming the table, record and field.
 */
export function checkedChanges(payload: ParsedBundlePayload, senderCode: string): FieldChange[] {
  const fields: { change: WireChange; where: string }[] = [];
  payload.writes.forEach((write, index) => {
    for (const change of changesOfWrite(write)) fields.push({ change, where: `第 ${index + 1} 次写入` });
  });
  payload.changes.forEach((change, index) => fields.push({ change, where: `第 ${index + 1} 项变更` }));
  return fields.map(({ change, where }) => {
    const spec = syncedTableSpec(change.t);
    if (!spec) throw syncErrors.recordInvalid(senderCode, `${where}（数据表 ${change.t}）`, '本程序没有这个数据表');
    const record = `${spec.label}（${change.t}）记录 ${change.r}`;
    const schema = spec.columns[change.c];
    if (!schema) throw syncErrors.recordInvalid(senderCode, `${record}`, `没有字段 ${change.c}`);
    const field = `${record} 的「${fieldLabelOf(change.t, change.c)}」（${change.c}）`;
    const checked = schema.safeParse(change.v);
    if (!checked.success) {
      throw syncErrors.recordInvalid(senderCode, field, `值 ${JSON.stringify(change.v).slice(0, 60)} 不合格（${checked.error.issues[0]?.message ?? '格式不正确'}）`);
    }
    const parts = parseHlc(change.h);
    if (!parts) throw syncErrors.recordInvalid(senderCode, field, `修改时间戳 ${change.h.slice(0, 64)} 格式不正确`);
    if (change.p !== null && !parseHlc(change.p)) throw syncErrors.recordInvalid(senderCode, field, `前一版本时间戳 ${change.p.slice(0, 64)} 格式不正确`);
    if (change.x !== undefined && (!parseHlc(change.x) || siteOfHlc(change.x) !== parts.siteId || change.x <= change.h)) {
      throw syncErrors.recordInvalid(senderCode, field, `所更正的时间戳 ${change.x.slice(0, 64)} 不正确（只能更正同一台电脑更晚的修改）`);
    }
    return { table: change.t, rowId: change.r, column: change.c, value: checked.data, hlc: change.h, prevHlc: change.p, userName: change.u, replaces: change.x ?? null };
  });
}
