import { z } from 'zod';
import { isSiteId, parseHlc, siteOfHlc } from '../../shared/hybrid-logical-clock';
import { syncedTableSpec } from '../../db/synced-tables';
import type { FieldChange } from '../../db/write-path';
import { fieldLabelOf } from './sync-labels';
import { syncErrors } from './sync-errors';

/**
 * The sealed content of a bundle (JSON, gzipped and encrypted by the envelope):
 * ```
 * { changes: [{ t: table, r: row id, c: column, v: value, h: hlc, p: prev hlc, u: user,
 *                x?: hlc of the wrong-dated change this one replaces (clock repair) }],
 *   highWater: { originSiteId: newest hlc this sender holds },
 *   sites?: { siteId: stationId } — the PCs of the sender's subtree (a lower bureau's stations),
 *   sender: { code, name, stationId }, schemaVersion }
 * ```
 * Short keys: a station's first bundle carries every change it ever made.
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

export const bundlePayloadSchema = z.object({
  changes: z.array(wireChangeSchema),
  highWater: z.record(z.string().max(64), hlcText),
  sites: z.record(z.string().max(64), z.string().min(1).max(64)).optional(),
  sender: z.object({ code: z.string().max(20), name: z.string().max(40), stationId: z.string().max(64) }),
  schemaVersion: z.string().max(100),
});

export type BundlePayload = z.infer<typeof bundlePayloadSchema>;

/** Parses the payload JSON and checks its shape. @throws SyncError `BUNDLE_PAYLOAD_INVALID`. */
export function parsePayload(bytes: Buffer, senderCode: string): BundlePayload {
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

/**
 * Checks every change against its table's schema — table and column known, value valid, timestamps
 * well formed, a replaced timestamp of the same site and later — and returns them as write-path
 * changes. Whether the sender may write them, and whether they are too far in the future, is for
 * the import to decide change by change (`bundle-authority.ts`, `applyRemoteChanges`).
 * @throws SyncError `BUNDLE_RECORD_INVALID` naming the table, record and field.
 */
export function checkedChanges(payload: BundlePayload, senderCode: string): FieldChange[] {
  return payload.changes.map((change, index) => {
    const where = `第 ${index + 1} 项变更`;
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
