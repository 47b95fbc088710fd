import { emptyReportFigures, type MonthlyReport, type ReportFigures, type ReportPersonLine } from '../../shared/monthly-report';
import type { FestivalName } from '../../shared/festival-dates';
import type { ReportPerson } from './report-ledger';

/**
 * The units a report adds up: one station (a station's report), or every station of a bureau (the
 * city report). Each section walks the ledger once and adds every row to the unit its person
 * belonged to on the row's date, so a unit's numbers never depend on the other units.
 */
export interface UnitReport {
  id: string;
  code: string;
  name: string;
  figures: ReportFigures;
  lists: MonthlyReport['lists'];
}

export interface ReportUnits {
  all: UnitReport[];
  /** The unit of a station id, or undefined when the report does not cover it. */
  of(stationId: string | null): UnitReport | undefined;
}

/** Fresh units with zero figures and empty lists. */
export function reportUnits(stations: readonly { id: string; code: string; name: string }[], festivals: readonly FestivalName[]): ReportUnits {
  const all = stations.map(
    (s): UnitReport => ({
      ...s,
      figures: emptyReportFigures(festivals),
      lists: { movements: [], retiringIn12Months: [], festivalMissing: [], hospitalNotVisited: [], bereavedNotVisited: [], annualLeaveNoneTaken: [], belowMinimumDays: [], honours: [], nextMonth: [] },
    }),
  );
  const byId = new Map(all.map((u) => [u.id, u]));
  return { all, of: (id) => (id === null ? undefined : byId.get(id)) };
}

/** A person as a list names them, with the unit. */
export function personLine(person: ReportPerson, unit: UnitReport): ReportPersonLine {
  return { name: person.name, category: person.category, stationName: unit.name };
}
