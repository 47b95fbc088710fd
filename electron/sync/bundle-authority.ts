import { chinaDateTimeOf } from '../../shared/china-date';
import { parseHlc, siteOfHlc } from '../../shared/hybrid-logical-clock';
import type { WithheldReason } from '../../shared/sync-record';
import { loggedColumnsAt, ownerHistoryOf, rowVersionOf } from '../../db/change-log';
import { ledgerCatalog } from '../../db/ledger-catalog';
import type { LedgerStore } from '../../db/ledger-store';
import type { FieldValue } from '../../db/synced-tables';
import { writeWithColumns, type FieldChange, type RemoteWrite } from '../../db/write-path';
import { syncedTableDefinition } from '../../shared/synced-table-catalog';
import { readRow } from './row-reader';
import { ancestorsOf, isPersonTable, stationNodes, subtreeOf, type StationNode } from './station-tree';
import { fieldLabelOf, tableLabelOf } from './sync-labels';

/**
 * AUTHORITY: what a sender may write, decided change by change on the tree AS IT WAS BEFORE the
 * import (never on the tree its own changes would make), and only for changes this installation
 * does not hold yet (a duplicate changes nothing, whoever sends it). A station's PC is its clerk's:
 * anything its bundle can say, assume it will say — so nothing a bundle claims about itself (its
 * origin, its owner, its place in the tree) is taken on its word.
 *
 * From a CHILD (a station, or a lower bureau with its subtree S, the units under it as this
 * installation knew them before the import):
 * - Origin: a change's timestamp names the PC that made it. It must be the sender's PC, or a PC the
 *   sender (a lower bureau) vouched for as one of its subtree's (`sync_site`). A change stamped
 *   with this installation's own site id that it does not hold is forged.
 * - Rows: every change to a row is judged by who owned the row AT THE TIME OF THE CHANGE (its
 *   owner history in the change log): owned by S, or it is refused. So after 调动 A→B, A's edits
 *   made before the move-out still count and later ones do not — and never its `station_id`.
 * - Owners: a `station_id` may only be set to a unit of S; moving a row between units of S is a
 *   lower bureau's business, never a station's (a station only ever re-asserts its own).
 * - New rows: created with an owner in S; a detail row (`staff_id`) only for a person S owned at
 *   that time.
 * - Bureau-only tables (`writtenBy: 'bureau'`, the visit standards): never from a station, not even
 *   rows with its own `station_id` — the standards a station works by are its bureau's.
 * - Units (`station` rows): `code`, `parent_code`, `role`, `station_id` and the tombstone are the
 *   bureau's. The sender's own unit row may only carry the values this installation gave it (its
 *   code, role, this bureau as parent — the values a setup or join writes); a lower bureau may add
 *   and arrange units under itself, with codes no unit outside S uses; nobody touches a unit
 *   outside S, this bureau's own row or the tree above.
 *
 * From the PARENT (defence in depth at a station): the bureau relays whatever origin, but only rows
 * of this unit's subtree, and the reference rows (units, settings, standards) of the bureaus above
 * it. Another station's people are never stored here.
 *
 * A refused change is not applied: it is returned with its reason and listed for the clerk
 * (`sync_withheld`), and the rest of the bundle applies. Refusing the whole file instead would make
 * one honest late edit (a person's phone number changed the day after a transfer the station had
 * not heard of) block every other change — and the sender would resend the same file forever.
 */

/** A change the sender may not write, with why. */
export interface RefusedChange {
  change: FieldChange;
  reason: WithheldReason;
  detail: string;
}

export interface AuthorityInput {
  /** The sender as this installation registered it (after a registration in this bundle). */
  relation: 'parent' | 'child';
  senderSiteId: string;
  /** The sender's own unit id (a child's `station_id`; a parent's is not needed). */
  senderStationId: string;
  senderCode: string;
  /** The sender's label in messages, from this installation's records. */
  senderLabel: string;
  /** 'bureau' when the child is a lower bureau (it may arrange units under itself). */
  senderRole: 'station' | 'bureau';
  /** The role this installation gave the child (what its own unit row may say). */
  issuedRole: 'station' | 'bureau';
  /** PCs the sender vouched for as its subtree's (site id → unit id). */
  vouchedSites: Map<string, string>;
}

export interface AuthorityVerdict {
  /** The writes (or the part of each) the sender may make; duplicates included, for the write path to recognise. */
  allowed: RemoteWrite[];
  refused: RefusedChange[];
}

/** Columns of a unit row that only the bureau owning it may change. */
const STRUCTURAL_STATION_COLUMNS = new Set(['code', 'parent_code', 'role', 'station_id', 'deleted_at']);

interface OwnerEntry {
  hlc: string;
  owner: string;
}

function rowKey(table: string, id: string): string {
  return `${table}\u0000${id}`;
}

/** Within one timestamp (one write of a row) the owner is judged first, then the person, then the rest. */
function columnRank(column: string): number {
  return column === 'station_id' ? 0 : column === 'staff_id' ? 1 : 2;
}

/** What the judges know of one row: read once from the ledger as it was before the import. */
interface RowState {
  key: string;
  /** Whether the log has ever seen the row (most rows of a first bundle are new: nothing to read). */
  logged: boolean;
  /** The row as it was (null when there was none), read when first asked for. */
  row?: Record<string, FieldValue> | null;
  /** Its owner history, read when first asked for (mutable: accepted changes of this bundle are appended in order). */
  owners?: OwnerEntry[];
  /** For a row this bundle creates: the verdict on its creation. */
  created?: 'accepted' | { reason: WithheldReason; detail: string };
}

/**
 * Reads rows and owner histories as they are before the import, one state per row: a first
 * bundle asks about each of its 30,000 rows several times (owner, person, the rest), so each row is
 * looked up once, and a judge holding a row's state asks it without another lookup.
 */
class PreImportView {
  private readonly states = new Map<string, RowState>();

  constructor(private readonly store: LedgerStore) {}

  state(table: string, id: string): RowState {
    const key = rowKey(table, id);
    let state = this.states.get(key);
    if (!state) {
      const catalog = ledgerCatalog(this.store.sqlite);
      state = { key, logged: rowVersionOf(this.store.sqlite, catalog.tableNo(table), id) !== undefined };
      this.states.set(key, state);
    }
    return state;
  }

  /** The columns of a write the log already holds (a duplicate, whoever sends it again), or null for none. */
  knownColumns(write: RemoteWrite, state = this.state(write.table, write.rowId)): Set<string> | null {
    if (!state.logged) return null;
    const columns = loggedColumnsAt(this.store, write.hlc, write.table, write.rowId);
    return columns.length > 0 ? new Set(columns) : null;
  }

  row(table: string, id: string, state = this.state(table, id)): Record<string, FieldValue> | null {
    // Every row was created by the write path, with its log entry: never logged, not there.
    if (state.row === undefined) state.row = state.logged ? (readRow(this.store, table, id) ?? null) : null;
    return state.row;
  }

  /** The row's owner history (mutable: accepted changes of this bundle are appended in order). */
  ownerTimeline(table: string, id: string, state = this.state(table, id)): OwnerEntry[] {
    if (!state.owners) {
      const history = state.logged ? ownerHistoryOf(this.store, table, id) : [];
      const timeline = history.filter((e): e is OwnerEntry => typeof e.owner === 'string');
      const current = this.row(table, id, state)?.station_id;
      if (timeline.length === 0 && typeof current === 'string') timeline.push({ hlc: '', owner: current });
      state.owners = timeline;
    }
    return state.owners;
  }
}

/** Who owned a row at `hlc`: the owner set last at or before it (the first owner for anything earlier). */
function ownerAt(timeline: OwnerEntry[], hlc: string): string | undefined {
  let owner: string | undefined = timeline[0]?.owner;
  for (const entry of timeline) {
    if (entry.hlc > hlc) break;
    owner = entry.owner;
  }
  return owner;
}

/** When a row left `units` for good, as far as the timeline says (the first change of owner out of it after its last time in it). */
function leftAt(timeline: OwnerEntry[], units: Set<string>): OwnerEntry | undefined {
  let left: OwnerEntry | undefined;
  for (const entry of timeline) {
    if (units.has(entry.owner)) left = undefined;
    else if (!left && timeline.some((e) => units.has(e.owner) && e.hlc < entry.hlc)) left = entry;
  }
  return left;
}

/** Writes in timestamp order (a bundle lists them so already: sorted only when they are not). */
function timestampOrder(writes: RemoteWrite[]): RemoteWrite[] {
  let sorted = true;
  for (let i = 1; i < writes.length && sorted; i += 1) sorted = writes[i - 1].hlc <= writes[i].hlc;
  return sorted ? writes : [...writes].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
}

/** Writes in timestamp order, in runs of one timestamp (almost always one write each). */
function runsByTimestamp(writes: RemoteWrite[]): RemoteWrite[][] {
  const ordered = timestampOrder(writes);
  const runs: RemoteWrite[][] = [];
  for (const write of ordered) {
    const last = runs[runs.length - 1];
    if (last && last[0].hlc === write.hlc) last.push(write);
    else runs.push([write]);
  }
  return runs;
}

/**
 * Decides what a sender may write here, change by change: in timestamp order, and within one
 * timestamp every owner (`station_id`) first, then every person (`staff_id`), then the rest. The
 * rest of a write (columns other than those two, of a table other than the units) is judged once
 * for the write — their verdict depends on the row and the timestamp, not on the column. Reads
 * only; writes nothing.
 */
export function judgeWrites(store: LedgerStore, ownStationId: string, input: AuthorityInput, writes: RemoteWrite[]): AuthorityVerdict {
  const view = new PreImportView(store);
  const nodes = stationNodes(store);
  const judge = input.relation === 'child' ? childJudge(store, view, nodes, input, ownStationId) : parentJudge(view, nodes, ownStationId, writes);
  const allowed: RemoteWrite[] = [];
  const refused: RefusedChange[] = [];
  const fieldOf = (write: RemoteWrite, i: number): FieldChange => ({
    table: write.table,
    rowId: write.rowId,
    column: write.columns[i],
    value: write.values[i],
    hlc: write.hlc,
    prevHlc: write.prevHlcs[i],
    userName: write.userName,
    replaces: write.replaces,
  });
  const refuse = (write: RemoteWrite, i: number, verdict: { reason: WithheldReason; detail: string }) => {
    const change = fieldOf(write, i);
    refused.push({ change, reason: verdict.reason, detail: `${describe(change)}：${verdict.detail}` });
  };
  const ordered = timestampOrder(writes);
  // Per write of the current run (writes at one timestamp: almost always one), reused run to run.
  const states: RowState[] = [];
  const known: (Set<string> | null)[] = [];
  const refusedColumns: (Set<number> | null)[] = [];
  for (let start = 0; start < ordered.length; ) {
    let end = start + 1;
    while (end < ordered.length && ordered[end].hlc === ordered[start].hlc) end += 1;
    const count = end - start;
    for (let w = 0; w < count; w += 1) {
      const write = ordered[start + w];
      states[w] = view.state(write.table, write.rowId);
      known[w] = view.knownColumns(write, states[w]);
      refusedColumns[w] = null;
    }
    for (let rank = 0; rank <= 2; rank += 1) {
      for (let w = 0; w < count; w += 1) {
        const write = ordered[start + w];
        // The verdict on the write's ordinary columns, once (not for units: theirs depend on the column).
        let ordinary: { reason: WithheldReason; detail: string } | null | undefined;
        for (let i = 0; i < write.columns.length; i += 1) {
          const column = write.columns[i];
          // A duplicate (the write path recognises it and changes nothing) is kept as it is.
          if (columnRank(column) !== rank || known[w]?.has(column)) continue;
          let verdict: { reason: WithheldReason; detail: string } | null;
          if (rank === 2 && write.table !== 'station') verdict = ordinary === undefined ? (ordinary = judge(fieldOf(write, i), states[w])) : ordinary;
          else verdict = judge(fieldOf(write, i), states[w]);
          if (verdict) {
            refuse(write, i, verdict);
            (refusedColumns[w] ??= new Set()).add(i);
          }
        }
      }
    }
    for (let w = 0; w < count; w += 1) {
      const write = ordered[start + w];
      const refusedHere = refusedColumns[w];
      if (!refusedHere) allowed.push(write);
      else {
        const keep = write.columns.map((_, i) => i).filter((i) => !refusedHere.has(i));
        if (keep.length > 0) allowed.push(writeWithColumns(write, keep));
      }
    }
    start = end;
  }
  if (refused.length === 0) return { allowed, refused };

  // A new row is created whole or not at all: a refused field of its first write refuses the rest.
  const firstWrite = new Map<string, string>();
  for (const write of writes) {
    const key = rowKey(write.table, write.rowId);
    if (view.row(write.table, write.rowId) === null && (firstWrite.get(key) ?? '\uffff') > write.hlc) firstWrite.set(key, write.hlc);
  }
  const refusedRows = new Map<string, RefusedChange>();
  for (const r of refused) {
    const key = rowKey(r.change.table, r.change.rowId);
    if (firstWrite.get(key) === r.change.hlc && !refusedRows.has(key)) refusedRows.set(key, r);
  }
  let accepted = allowed;
  if (refusedRows.size > 0) {
    accepted = [];
    for (const write of allowed) {
      const cause = refusedRows.get(rowKey(write.table, write.rowId));
      if (!cause) {
        accepted.push(write);
        continue;
      }
      const known = view.knownColumns(write);
      const keep: number[] = [];
      write.columns.forEach((column, i) => {
        if (known?.has(column)) keep.push(i);
        else refused.push({ change: fieldOf(write, i), reason: cause.reason, detail: cause.detail });
      });
      if (keep.length > 0) accepted.push(writeWithColumns(write, keep));
    }
  }
  // A refused value that a later accepted change of the same field overrides anyway (the history
  // of a unit's own row before it joined, say) is not worth the clerk's attention.
  const refusedFields = new Set(refused.map((r) => `${rowKey(r.change.table, r.change.rowId)}\u0000${r.change.column}`));
  const refusedRowKeys = new Set(refused.map((r) => rowKey(r.change.table, r.change.rowId)));
  const acceptedLast = new Map<string, string>();
  for (const write of accepted) {
    const row = rowKey(write.table, write.rowId);
    if (!refusedRowKeys.has(row)) continue;
    for (const column of write.columns) {
      const key = `${row}\u0000${column}`;
      if (refusedFields.has(key) && (acceptedLast.get(key) ?? '') < write.hlc) acceptedLast.set(key, write.hlc);
    }
  }
  const listed = refused.filter((r) => (acceptedLast.get(`${rowKey(r.change.table, r.change.rowId)}\u0000${r.change.column}`) ?? '') < r.change.hlc);
  return { allowed: accepted, refused: listed };
}

type Judge = (change: FieldChange, state: RowState) => { reason: WithheldReason; detail: string } | null;

function unitName(nodes: StationNode[], id: string | undefined): string {
  const node = nodes.find((n) => n.id === id);
  return node ? `${node.name ?? node.code ?? id}${node.code && node.name ? `（${node.code}）` : ''}` : '其他单位';
}

function describe(change: FieldChange): string {
  return `${tableLabelOf(change.table)}记录的「${fieldLabelOf(change.table, change.column)}」`;
}

function childJudge(store: LedgerStore, view: PreImportView, nodes: StationNode[], input: AuthorityInput, ownStationId: string): Judge {
  const sender = `「${input.senderLabel}」`;
  const own = nodes.find((n) => n.id === ownStationId);
  const units = subtreeOf(nodes, input.senderStationId);
  const unitCodes = new Set<string>([input.senderCode]);
  for (const node of nodes) if (units.has(node.id) && node.code && node.deleted_at === null) unitCodes.add(node.code);
  const codesOutside = new Map<string, StationNode>();
  for (const node of nodes) if (!units.has(node.id) && node.code && node.deleted_at === null) codesOutside.set(node.code, node);
  /** Unit rows created by this bundle, with the refusal of their creation when it was refused (other rows keep theirs in their state). */
  const created = new Map<string, 'accepted' | { reason: WithheldReason; detail: string }>();

  const expectedOwnRow: Record<string, FieldValue> = {
    code: input.senderCode,
    role: input.issuedRole,
    parent_code: own?.code ?? null,
    station_id: input.senderStationId,
    deleted_at: null,
  };

  const notOurs = (timeline: OwnerEntry[], at: string): { reason: WithheldReason; detail: string } => {
    const left = leftAt(timeline, units);
    const owner = ownerAt(timeline, at);
    if (left && left.hlc <= at) {
      return {
        reason: 'PERSON_LEFT',
        detail: `该记录已于 ${chinaDateTimeOf(parseHlc(left.hlc)?.millis ?? 0)} 调出${sender}（现属「${unitName(nodes, owner)}」），此后${sender}对它的修改无效，未导入。如确需更正，请告知其现所在单位。`,
      };
    }
    return { reason: 'ROW_NOT_OURS', detail: `该记录属于「${unitName(nodes, owner)}」，不属于${sender}，${sender}无权修改，未导入。` };
  };

  const judgeOrigin = (change: FieldChange) => {
    const origin = siteOfHlc(change.hlc);
    if (origin === store.siteId) {
      return { reason: 'ORIGIN_FORGED' as const, detail: `这项修改自称是本机做的，但本机没有这项修改：${sender}只能报送它自己和下属单位做的修改，未导入。` };
    }
    if (origin === input.senderSiteId) return null;
    const vouched = input.vouchedSites.get(origin);
    // A PC of a unit in S, or of a unit new here (which the bundle must still add under S).
    if (vouched !== undefined && (units.has(vouched) || view.row('station', vouched) === null)) return null;
    return { reason: 'ORIGIN_FORGED' as const, detail: `这项修改自称来自另一台电脑（${origin}），它不是${sender}或其下属单位的电脑：一个单位只能报送它自己做的修改，未导入。` };
  };

  const judgeStation = (change: FieldChange) => {
    const id = change.rowId;
    const exists = view.row('station', id) !== null || created.get(rowKey('station', id)) === 'accepted';
    const structural = STRUCTURAL_STATION_COLUMNS.has(change.column);
    if (id === input.senderStationId) {
      if (!structural) {
        if (!exists && !created.has(rowKey('station', id))) created.set(rowKey('station', id), 'accepted');
        return null;
      }
      if (change.value === expectedOwnRow[change.column]) {
        if (!exists) created.set(rowKey('station', id), 'accepted');
        return null;
      }
      return {
        reason: 'UNIT_STRUCTURE' as const,
        detail: `单位的代码、上级单位、类别和撤销只能由上级单位修改，${sender}无权把本单位的「${fieldLabelOf('station', change.column)}」改为 ${JSON.stringify(change.value)}，未导入。`,
      };
    }
    if (!units.has(id) && view.row('station', id) !== null) {
      return { reason: 'ROW_NOT_OURS' as const, detail: `「${unitName(nodes, id)}」不是${sender}的下属单位，${sender}无权修改它的信息，未导入。` };
    }
    if (input.senderRole !== 'bureau') {
      return { reason: 'UNIT_STRUCTURE' as const, detail: `派出所不能新增或修改其他单位，未导入。` };
    }
    // A lower bureau arranging the units under it.
    if (!exists) {
      const key = rowKey('station', id);
      const earlier = created.get(key);
      if (earlier !== undefined && earlier !== 'accepted') return earlier;
      if (change.column !== 'station_id' && earlier === undefined) {
        const refusal = { reason: 'NO_OWNER' as const, detail: `${sender}新增的单位没有有效的单位标识，未导入。` };
        created.set(key, refusal);
        return refusal;
      }
    }
    if (change.column === 'station_id' && change.value !== id) {
      return { reason: 'UNIT_STRUCTURE' as const, detail: `单位记录的所属单位只能是它自己，未导入。` };
    }
    if (change.column === 'parent_code' && (typeof change.value !== 'string' || !unitCodes.has(change.value))) {
      return { reason: 'UNIT_STRUCTURE' as const, detail: `${sender}只能把下属单位放在它自己辖区内的单位之下，不能改为「${String(change.value)}」，未导入。` };
    }
    if (change.column === 'code' && typeof change.value === 'string' && codesOutside.has(change.value)) {
      return { reason: 'CODE_TAKEN' as const, detail: `单位代码「${change.value}」已被「${unitName(nodes, codesOutside.get(change.value)?.id)}」使用，${sender}的下属单位不能再用，未导入。` };
    }
    if (change.column === 'station_id' && !exists) {
      created.set(rowKey('station', id), 'accepted');
      units.add(id);
    }
    if (change.column === 'code' && typeof change.value === 'string') unitCodes.add(change.value);
    return null;
  };

  const judgeRow = (change: FieldChange, state: RowState) => {
    if (input.senderRole !== 'bureau' && syncedTableDefinition(change.table)?.writtenBy === 'bureau') {
      return {
        reason: 'BUREAU_ONLY' as const,
        detail: `「${tableLabelOf(change.table)}」只能由市局/县局制定并下发，派出所${sender}无权新增或修改，未导入。`,
      };
    }
    const timeline = view.ownerTimeline(change.table, change.rowId, state);
    const existedBefore = view.row(change.table, change.rowId, state) !== null;
    const creation = state.created;
    if (!existedBefore && creation !== undefined && creation !== 'accepted') return creation;
    if (!existedBefore && creation === undefined) {
      // The first change of a new row: its write must give it an owner in S.
      if (change.column !== 'station_id' || typeof change.value !== 'string' || !units.has(change.value)) {
        const refusal =
          change.column === 'station_id'
            ? { reason: 'OWNER_NOT_ALLOWED' as const, detail: `${sender}新增的记录所属单位为「${unitName(nodes, String(change.value))}」，不在${sender}辖区内，未导入。` }
            : { reason: 'NO_OWNER' as const, detail: `${sender}新增的记录没有写明所属单位，未导入。` };
        state.created = refusal;
        return refusal;
      }
      state.created = 'accepted';
      timeline.push({ hlc: change.hlc, owner: change.value });
      return null;
    }
    const owner = ownerAt(timeline, change.hlc);
    if (owner === undefined || !units.has(owner)) return notOurs(timeline, change.hlc);
    if (change.column === 'station_id') {
      if (typeof change.value !== 'string' || !units.has(change.value) || (input.senderRole !== 'bureau' && change.value !== owner)) {
        return {
          reason: 'OWNER_NOT_ALLOWED' as const,
          detail: `${sender}要把这条记录划给「${unitName(nodes, String(change.value))}」：人员和记录的调动只能由上级单位办理，未导入。`,
        };
      }
      timeline.push({ hlc: change.hlc, owner: change.value });
      timeline.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
    }
    if (change.column === 'staff_id' && change.table !== 'staff') {
      const person = typeof change.value === 'string' ? change.value : '';
      const personTimeline = view.ownerTimeline('staff', person);
      const personOwner = ownerAt(personTimeline, change.hlc);
      if (personOwner === undefined) {
        return { reason: 'PERSON_NOT_OURS' as const, detail: `所关联的人员本机没有记录（不是${sender}的人员），未导入。` };
      }
      if (!units.has(personOwner)) {
        const refusal = notOurs(personTimeline, change.hlc);
        return refusal.reason === 'PERSON_LEFT'
          ? refusal
          : { reason: 'PERSON_NOT_OURS' as const, detail: `所关联的人员属于「${unitName(nodes, personOwner)}」，不是${sender}的人员，${sender}不能为其添加或修改记录，未导入。` };
      }
    }
    return null;
  };

  return (change, state) => judgeOrigin(change) ?? (change.table === 'station' ? judgeStation(change) : judgeRow(change, state));
}

function parentJudge(view: PreImportView, nodes: StationNode[], ownStationId: string, writes: RemoteWrite[]): Judge {
  const ours = subtreeOf(nodes, ownStationId);
  // The bureaus above as the tree will be once the bureau's unit rows of this bundle are in (it may
  // tell us of a new bureau above it): the bureau is the authority on the tree above us.
  const simulated = nodes.map((n) => ({ ...n }));
  const unitWrites = writes.filter((write) => write.table === 'station');
  for (const run of runsByTimestamp(unitWrites)) {
    for (let rank = 0; rank <= 2; rank += 1) {
      for (const write of run) {
        write.columns.forEach((column, i) => {
          if (columnRank(column) !== rank) return;
          let node = simulated.find((n) => n.id === write.rowId);
          if (!node) {
            node = { id: write.rowId, code: null, name: null, role: null, parent_code: null, deleted_at: null };
            simulated.push(node);
          }
          if (column in node) (node as unknown as Record<string, FieldValue>)[column] = write.values[i];
        });
      }
    }
  }
  const above = new Set([...ancestorsOf(nodes, ownStationId), ...ancestorsOf(simulated, ownStationId)]);
  const bundleOwner = new Map<string, OwnerEntry[]>();
  for (const write of writes) {
    const at = write.columns.indexOf('station_id');
    const owner = at >= 0 ? write.values[at] : undefined;
    if (typeof owner !== 'string') continue;
    const key = rowKey(write.table, write.rowId);
    const list = bundleOwner.get(key) ?? [];
    list.push({ hlc: write.hlc, owner });
    bundleOwner.set(key, list);
  }
  return (change, state) => {
    const outside = (owner: string | undefined) => ({
      reason: 'OUTSIDE_SUBTREE' as const,
      detail: `上级单位发来的这条记录属于「${unitName(simulated, owner)}」，不在本单位辖区内，本机不保存其他单位的记录，未导入。请告知上级单位。`,
    });
    if (change.table === 'station') return ours.has(change.rowId) || above.has(change.rowId) ? null : outside(change.rowId);
    const before = view.row(change.table, change.rowId, state)?.station_id;
    if (typeof before === 'string' && ours.has(before)) return null; // ours: the bureau may edit it, or move it away
    const timeline = [...view.ownerTimeline(change.table, change.rowId, state), ...(bundleOwner.get(state.key) ?? [])].sort((a, b) =>
      a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0,
    );
    const owner = timeline.length > 0 ? timeline[timeline.length - 1].owner : undefined;
    if (owner !== undefined && ours.has(owner)) return null;
    if (owner !== undefined && above.has(owner) && !isPersonTable(change.table)) return null;
    return outside(owner);
  };
}
