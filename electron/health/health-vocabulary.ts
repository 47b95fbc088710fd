import { defaultAbnormalItems, type AbnormalItemEntry } from '../../shared/health-record';
import type { LedgerStore } from '../../db/ledger-store';
import { writeRecord, type WriteActor } from '../../db/write-path';
import { requireLocalStation } from '../station/local-station';
import { ancestorsOf, stationNodes } from '../sync/station-tree';

/**
 * The vocabulary of abnormal checkup items (异常项目): the built-in items, this unit's own, and
 * those its bureaus added (their `health_abnormal_item` rows come down in the bureau's bundles as
 * reference data). A name is compared as written after trimming, so 高血压 is one item wherever it
 * was added.
 */
export function abnormalVocabulary(store: LedgerStore): AbnormalItemEntry[] {
  const own = requireLocalStation(store);
  const above = new Set(ancestorsOf(stationNodes(store), own.id));
  const entries: AbnormalItemEntry[] = defaultAbnormalItems.map((name) => ({ name, source: '内置' }));
  const known = new Set<string>(defaultAbnormalItems);
  const rows = store.sqlite.prepare('SELECT station_id, name FROM health_abnormal_item WHERE deleted_at IS NULL AND name IS NOT NULL ORDER BY id').all() as { station_id: string; name: string }[];
  for (const row of rows) {
    const source = row.station_id === own.id ? '本单位' : above.has(row.station_id) ? '上级下发' : null;
    if (!source || known.has(row.name)) continue;
    known.add(row.name);
    entries.push({ name: row.name, source });
  }
  return entries;
}

/** Adds the names the vocabulary does not know yet as this unit's items; returns those added. */
export function addAbnormalItems(store: LedgerStore, actor: WriteActor, names: readonly string[]): string[] {
  const own = requireLocalStation(store);
  return store.transaction(() => {
    const known = new Set(abnormalVocabulary(store).map((e) => e.name));
    const added: string[] = [];
    for (const raw of names) {
      const name = raw.trim();
      if (name === '' || known.has(name)) continue;
      known.add(name);
      writeRecord(store, actor, 'health_abnormal_item', store.newId(), { station_id: own.id, name });
      added.push(name);
    }
    return added;
  });
}
