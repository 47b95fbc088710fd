import type { LedgerStore } from '../../db/ledger-store';
import { syncedTableSpec } from '../../db/synced-tables';

/**
 * The tree of stations and bureaus as this installation knows it, from the synced `station` table:
 * each unit names its bureau by `parent_code`. Routing (what goes to which peer) and authority
 * (what a child may send) are both decided on this tree.
 */

export interface StationNode {
  id: string;
  code: string | null;
  name: string | null;
  role: string | null;
  parent_code: string | null;
  deleted_at: string | null;
}

export function stationNodes(store: LedgerStore): StationNode[] {
  return store.sqlite.prepare('SELECT id, code, name, role, parent_code, deleted_at FROM station').all() as StationNode[];
}

/**
 * The station ids of a unit's subtree: the unit itself and every unit whose `parent_code` chain
 * leads to it (deleted units included: their records still belong there).
 */
export function subtreeOf(nodes: StationNode[], rootId: string): Set<string> {
  const byParent = new Map<string, StationNode[]>();
  for (const node of nodes) {
    if (!node.parent_code) continue;
    const list = byParent.get(node.parent_code) ?? [];
    list.push(node);
    byParent.set(node.parent_code, list);
  }
  const ids = new Set<string>([rootId]);
  const root = nodes.find((n) => n.id === rootId);
  const codes = root?.code ? [root.code] : [];
  const seenCodes = new Set<string>(codes);
  while (codes.length > 0) {
    const code = codes.pop() as string;
    for (const child of byParent.get(code) ?? []) {
      if (ids.has(child.id)) continue;
      ids.add(child.id);
      if (child.code && !seenCodes.has(child.code)) {
        seenCodes.add(child.code);
        codes.push(child.code);
      }
    }
  }
  return ids;
}

/** The ids of a unit's bureau, that bureau's bureau and so on (live rows; cycles are cut). */
export function ancestorsOf(nodes: StationNode[], id: string): string[] {
  const result: string[] = [];
  const seen = new Set<string>([id]);
  let current = nodes.find((n) => n.id === id);
  while (current?.parent_code) {
    const code = current.parent_code;
    const parents = nodes.filter((n) => n.code === code && n.deleted_at === null && !seen.has(n.id));
    if (parents.length === 0) break;
    for (const parent of parents) {
      seen.add(parent.id);
      result.push(parent.id);
    }
    current = parents[0];
  }
  return result;
}

/**
 * Whether a synced table holds personal records: `staff` and every table with a `staff_id`
 * column (family, honours, status history, and whatever later features attach to a person).
 * A bureau's own personal records are not reference data and never go down to its stations.
 */
export function isPersonTable(table: string): boolean {
  return table === 'staff' || 'staff_id' in (syncedTableSpec(table)?.columns ?? {});
}

/** Names of the synced tables that attach rows to a person (`staff_id` column). */
export function personDetailTables(tables: string[]): string[] {
  return tables.filter((t) => t !== 'staff' && 'staff_id' in (syncedTableSpec(t)?.columns ?? {}));
}
