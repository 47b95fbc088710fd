import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import { compareIsoDates } from '../../shared/china-date';
import { fundingSources, visitKinds, type FundingSource, type ParsedVisitInput, type VisitKind, type VisitStandard, type VisitStandardInput } from '../../shared/visit-record';
import { builtInStandards, standardInForce } from '../../shared/visit-standards';
import type { z } from 'zod';
import type { visitStandardInputSchema } from '../../shared/visit-record';
import type { LedgerStore } from '../../db/ledger-store';
import { tombstoneRecord, writeRecord, type WriteActor } from '../../db/write-path';
import { requireLocalStation } from '../station/local-station';
import { ancestorsOf, stationNodes } from '../sync/station-tree';

/**
 * The versioned standards of welfare visits (慰问标准). A bureau writes them; its stations receive
 * them in its bundles (reference data) and work by them. What applies here: the versions of this
 * unit (a bureau's own) and of the bureaus above it, and the built-in defaults under them.
 */

interface StandardRow {
  id: string;
  station_id: string | null;
  kind: string | null;
  effective_from: string | null;
  event_cap_fen: number | null;
  yearly_cap_fen: number | null;
  times_per_year: number | null;
  in_kind_only: number | null;
  funding: string | null;
  note: string | null;
}

/** Every version that applies at this installation (its own and its bureaus'), by kind and date. */
export function standardVersions(store: LedgerStore): VisitStandard[] {
  const own = requireLocalStation(store);
  const above = new Set(ancestorsOf(stationNodes(store), own.id));
  const rows = store.sqlite.prepare('SELECT * FROM visit_standard WHERE deleted_at IS NULL').all() as StandardRow[];
  const versions: VisitStandard[] = [];
  for (const row of rows) {
    const source = row.station_id === own.id ? '本单位' : row.station_id && above.has(row.station_id) ? '上级下发' : null;
    if (!source || !row.effective_from || !(visitKinds as readonly string[]).includes(row.kind ?? '')) continue;
    versions.push({
      id: row.id,
      kind: row.kind as VisitKind,
      effectiveFrom: row.effective_from,
      eventCapFen: row.event_cap_fen,
      yearlyCapFen: row.yearly_cap_fen,
      timesPerYear: row.times_per_year,
      inKindOnly: row.in_kind_only === 1,
      funding: (fundingSources as readonly string[]).includes(row.funding ?? '') ? (row.funding as FundingSource) : '工会经费',
      note: row.note,
      source,
    });
  }
  return versions.sort((a, b) => visitKinds.indexOf(a.kind) - visitKinds.indexOf(b.kind) || compareIsoDates(a.effectiveFrom, b.effectiveFrom));
}

/** The standards page: the built-in default of each kind, then every version, by kind and date. */
export function standardsList(store: LedgerStore): VisitStandard[] {
  const versions = standardVersions(store);
  return visitKinds.flatMap((kind) => [builtInStandards.find((s) => s.kind === kind) as VisitStandard, ...versions.filter((v) => v.kind === kind)]);
}

/** The standard of a visit: in force on its event's date (the visit's date when it has none). */
export function standardForVisit(store: LedgerStore, visit: Pick<ParsedVisitInput, 'kind' | 'date' | 'eventDate'>, versions = standardVersions(store)): VisitStandard {
  return standardInForce(versions, visit.kind, visit.eventDate ?? visit.date);
}

function requireBureau(store: LedgerStore): string {
  const own = requireLocalStation(store);
  if (own.role !== 'bureau') {
    throw new AppError(commonErrorCodes.forbidden, '慰问标准由市局/县局制定并随同步文件下发，派出所只能查看、不能修改。如标准有误，请联系市局。');
  }
  return own.id;
}

/** A bureau adds or edits a version of a standard (`FORBIDDEN` at a station). */
export function saveStandard(store: LedgerStore, actor: WriteActor, input: z.output<typeof visitStandardInputSchema>): VisitStandard {
  const ownId = requireBureau(store);
  return store.transaction(() => {
    if (input.id) {
      const row = store.sqlite.prepare('SELECT station_id FROM visit_standard WHERE id = ? AND deleted_at IS NULL').get(input.id) as { station_id: string } | undefined;
      if (!row) throw new AppError(commonErrorCodes.notFound, '找不到这条慰问标准（可能已被删除），请刷新后重试。');
      if (row.station_id !== ownId) throw new AppError(commonErrorCodes.forbidden, '这条标准是上级单位下发的，本单位不能修改；可以新增一条本单位的标准。');
    }
    const clash = standardVersions(store).find((v) => v.id !== input.id && v.source === '本单位' && v.kind === input.kind && v.effectiveFrom === input.effectiveFrom);
    if (clash) {
      throw new AppError(commonErrorCodes.invalidArgument, `「${input.kind}」已有一条 ${input.effectiveFrom} 起执行的标准，请修改那一条，或换一个执行日期。`, { fields: { effectiveFrom: '同一类型同一执行日期已有标准' } });
    }
    const id = input.id ?? store.newId();
    writeRecord(store, actor, 'visit_standard', id, {
      station_id: input.id ? undefined : ownId,
      kind: input.kind,
      effective_from: input.effectiveFrom,
      event_cap_fen: input.eventCapFen ?? null,
      yearly_cap_fen: input.yearlyCapFen ?? null,
      times_per_year: input.timesPerYear ?? null,
      in_kind_only: input.inKindOnly ? 1 : 0,
      funding: input.funding,
      note: input.note || null,
    });
    return standardVersions(store).find((v) => v.id === id) as VisitStandard;
  });
}

/** A bureau deletes one of its versions; the one before it applies again from then on. */
export function deleteStandard(store: LedgerStore, actor: WriteActor, id: string): boolean {
  const ownId = requireBureau(store);
  return store.transaction(() => {
    const row = store.sqlite.prepare('SELECT station_id FROM visit_standard WHERE id = ? AND deleted_at IS NULL').get(id) as { station_id: string } | undefined;
    if (!row) throw new AppError(commonErrorCodes.notFound, '找不到这条慰问标准（可能已被删除），请刷新后重试。');
    if (row.station_id !== ownId) throw new AppError(commonErrorCodes.forbidden, '这条标准是上级单位下发的，本单位不能删除。');
    return tombstoneRecord(store, actor, 'visit_standard', id);
  });
}

export type { VisitStandardInput };
