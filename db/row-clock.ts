/**
 * A row's clock: the current version (integer timestamp and site number) of each of its fields,
 * packed into one small BLOB in `row_version.clock` — the one B-tree that answers "the current
 * version of this field" (cr-sqlite keeps one `__crsql_clock` row per field instead; one per row
 * costs one B-tree entry per written row, not one per field).
 *
 * Fields written together share a version, so the blob is a list of groups:
 *
 *   groupCount · { zigzag(hlc) · siteNo · columnCount · columnNo… }…   (all unsigned LEB128 varints)
 *
 * A whole new row is one group (≈ 10 bytes + one byte per column); each later edit of some fields
 * moves those columns to a group of their own.
 */

/** The current version of one field. */
export interface FieldVersion {
  hlc: number;
  site: number;
}

/** Column number → its current version. */
export type RowClock = Map<number, FieldVersion>;

function pushVarint(out: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

const zigzag = (value: number): number => (value >= 0 ? value * 2 : -value * 2 - 1);
const unzigzag = (value: number): number => (value % 2 === 0 ? value / 2 : -(value + 1) / 2);

/** The value of one hex digit (SQLite's `hex()` writes 0-9 and A-F). */
function hexDigit(code: number): number {
  return code <= 57 ? code - 48 : (code & ~32) - 55;
}

/** Byte `index` of a blob spelled by SQLite's `hex()`. */
export function hexByteAt(hex: string, index: number): number {
  return hexDigit(hex.charCodeAt(index * 2)) * 16 + hexDigit(hex.charCodeAt(index * 2 + 1));
}

/** Reads unsigned LEB128 varints from a blob, in order. */
function varintReader(blob: Uint8Array, what: string): { read(): number; done(): boolean } {
  let at = 0;
  return {
    read() {
      let value = 0;
      let scale = 1;
      for (;;) {
        const byte = blob[at];
        at += 1;
        if (byte === undefined) throw new Error(`${what} truncated`);
        value += (byte & 0x7f) * scale;
        if (byte < 0x80) return value;
        scale *= 0x80;
      }
    },
    done: () => at >= blob.length,
  };
}

/** Packs a row clock (fields grouped by shared version). */
export function encodeRowClock(clock: RowClock): Buffer {
  const out: number[] = [];
  const first = clock.values().next().value;
  let shared = first !== undefined;
  for (const version of clock.values()) {
    if (version.hlc !== first?.hlc || version.site !== first.site) {
      shared = false;
      break;
    }
  }
  if (first && shared) {
    // One version for every field (a new row, or one written whole): a single group.
    out.push(1);
    pushVarint(out, zigzag(first.hlc));
    pushVarint(out, first.site);
    pushVarint(out, clock.size);
    for (const column of clock.keys()) pushVarint(out, column);
    return Buffer.from(out);
  }
  const groups = new Map<string, { version: FieldVersion; columns: number[] }>();
  for (const [column, version] of clock) {
    const key = `${version.hlc}:${version.site}`;
    let group = groups.get(key);
    if (!group) {
      group = { version, columns: [] };
      groups.set(key, group);
    }
    group.columns.push(column);
  }
  pushVarint(out, groups.size);
  for (const { version, columns } of groups.values()) {
    pushVarint(out, zigzag(version.hlc));
    pushVarint(out, version.site);
    pushVarint(out, columns.length);
    for (const column of columns) pushVarint(out, column);
  }
  return Buffer.from(out);
}

/** Packs the clock of a row written whole at one version (a new row): one group, as {@link encodeRowClock} would. */
export function encodeSingleVersionClock(version: FieldVersion, columns: number[]): Buffer {
  const out: number[] = [1];
  pushVarint(out, zigzag(version.hlc));
  pushVarint(out, version.site);
  pushVarint(out, columns.length);
  for (const column of columns) pushVarint(out, column);
  return Buffer.from(out);
}

/** Unpacks a row clock; an empty or missing blob is an empty clock. */
export function decodeRowClock(blob: Uint8Array | null | undefined): RowClock {
  const clock: RowClock = new Map();
  if (!blob || blob.length === 0) return clock;
  const { read } = varintReader(blob, 'row clock');
  const groups = read();
  for (let g = 0; g < groups; g += 1) {
    const hlc = unzigzag(read());
    const site = read();
    const count = read();
    for (let c = 0; c < count; c += 1) clock.set(read(), { hlc, site });
  }
  return clock;
}

/**
 * The current version of one field, read straight from a packed clock without unpacking the rest
 * (the routing of a bundle needs only each row's owner): undefined when the field has none.
 */
export function fieldVersionInClock(blob: Uint8Array | null | undefined, column: number): FieldVersion | undefined {
  if (!blob || blob.length === 0) return undefined;
  return versionInClock(varintReader(blob, 'row clock').read, column);
}

/**
 * {@link fieldVersionInClock} of a clock read as `hex(clock)`: a query over thousands of rows gets
 * a short string per row from the driver much more cheaply than a Buffer.
 */
export function fieldVersionInHexClock(hex: string | null | undefined, column: number): FieldVersion | undefined {
  if (!hex) return undefined;
  // Called for every row of a bundle: one loop over the hex digits, no reader objects.
  const length = hex.length / 2;
  let at = 0;
  const read = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (at >= length) throw new Error('row clock truncated');
      const byte = hexByteAt(hex, at);
      at += 1;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  };
  return versionInClock(read, column);
}

/** Unpacks {@link decodeRecordKeys} of keys read as `hex(history)`. */
export function decodeHexRecordKeys(hex: string | null | undefined): RecordKey[] {
  return hex ? decodeRecordKeys(Buffer.from(hex, 'hex')) : [];
}

function versionInClock(read: () => number, column: number): FieldVersion | undefined {
  const groups = read();
  for (let g = 0; g < groups; g += 1) {
    const hlc = unzigzag(read());
    const site = read();
    const count = read();
    for (let c = 0; c < count; c += 1) if (read() === column) return { hlc, site };
  }
  return undefined;
}

/** The key of one change-log record of a row: its origin site number and integer timestamp. */
export interface RecordKey {
  site: number;
  hlc: number;
}

/**
 * Packs the keys of a row's change-log records (in the order they were logged), kept in
 * `row_version.history`: a row's history is then found by the log's own key, with no index of the
 * log on rows (one B-tree entry less per write).
 */
export function encodeRecordKeys(keys: RecordKey[]): Buffer {
  const out: number[] = [];
  for (const key of keys) {
    pushVarint(out, key.site);
    pushVarint(out, zigzag(key.hlc));
  }
  return Buffer.from(out);
}

/** Unpacks {@link encodeRecordKeys}. */
export function decodeRecordKeys(blob: Uint8Array | null | undefined): RecordKey[] {
  const keys: RecordKey[] = [];
  if (!blob) return keys;
  const { read, done } = varintReader(blob, 'record keys');
  while (!done()) {
    const site = read();
    keys.push({ site, hlc: unzigzag(read()) });
  }
  return keys;
}
