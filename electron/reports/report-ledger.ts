import { isValidIsoDate } from '../../shared/china-date';
import { childExamYearsOf } from '../../shared/person-derivations';
import { psychLevels, type CheckupConclusion, type PsychLevel } from '../../shared/health-record';
import { staffCategories, staffStatuses, type StaffCategoryName, type StaffStatus } from '../../shared/staff-record';
import { fundingSources, visitKinds, type FundingSource, type VisitKind } from '../../shared/visit-record';
import type { LedgerStore } from '../../db/ledger-store';
import type { LeaveRow } from '../leave/leave-rows';
import { expectedRetirementDateOf, retirementBaseOf } from '../staff/staff-list-item';
import type { ReportPeriod } from './report-month';

/**
 * What a monthly report reads, read once: every live row of the tables it draws on, each table in
 * one query (the benchmark compares the whole report with one plain scan of these tables). Rows of
 * events are read up to the month's end only — a report never looks past its month, except for the
 * dates of next month's birthdays and retirements, which come from the people.
 *
 * A person's place and status on a day are reconstructed from the status history
 * (`stationOn`, `statusOn`), so a past month reads as it stood: someone the bureau moved to another
 * station after the month still counts where they were, and someone who retired later still counts
 * as 在职.
 */

/** One status history entry (a 调动's 调出 entries are kept apart as `transfersOut`). */
interface StatusEntry {
  id: string;
  status: StaffStatus;
  date: string;
  /** The person's row itself (its current status and date), not an entry of the history. */
  fromRow: boolean;
}

/** A person as the report sees them. */
export interface ReportPerson {
  id: string;
  name: string;
  category: StaffCategoryName;
  birthDate: string | null;
  lunarBirthday: boolean;
  /** The station that keeps the person now. */
  stationId: string | null;
  joinedStationDate: string | null;
  workStartDate: string | null;
  /** 认定工龄 in months, and 入职时间 (the annual-leave entitlement reads them). */
  priorServiceMonths: number;
  hireDate: string | null;
  /** The expected retirement date (the override, else the 2025 rules); '' when unknown. */
  expectedRetirementDate: string;
  /** The status history, oldest first, the current status of the row included. */
  statuses: StatusEntry[];
  /** 调动 away from a station of this ledger: the station left and the day, oldest first. */
  transfersOut: { stationId: string; date: string }[];
}

export interface CheckupRow {
  id: string;
  staffId: string;
  date: string;
  conclusion: CheckupConclusion;
  followUpDue: string | null;
  followUpDoneDate: string | null;
}

export interface ScreeningRow {
  id: string;
  staffId: string;
  date: string;
  level: PsychLevel;
}

export interface InterventionRow {
  staffId: string;
  date: string;
  nextDate: string | null;
}

export interface MedicalEventRow {
  id: string;
  staffId: string;
  kind: string;
  startDate: string;
  endDate: string | null;
}

export interface VisitRow {
  staffId: string;
  kind: VisitKind;
  date: string;
  amountFen: number;
  funding: FundingSource;
  event: string | null;
}

export interface HonourRow {
  staffId: string;
  title: string;
  level: string | null;
  date: string;
  issuer: string | null;
}

export interface ExamChildRow {
  staffId: string;
  name: string;
  zhongkaoYear: number | null;
  gaokaoYear: number | null;
}

/** A leave as the report reads it (leave-rows.ts `leaveSpanOf` gives its fields). */
export type ReportLeaveRow = Pick<LeaveRow, 'id' | 'staff_id' | 'type' | 'from_date' | 'from_half' | 'to_date' | 'to_half' | 'half_days' | 'status'> & { staff_id: string };

export interface DutyRow {
  staffId: string;
  date: string;
  /** Days of 补休 earned. */
  days: number;
}

export interface BudgetRow {
  stationId: string | null;
  funding: FundingSource;
  amountFen: number;
}

/** Every row a report reads. */
export interface ReportLedger {
  people: ReportPerson[];
  personById: Map<string, ReportPerson>;
  checkups: CheckupRow[];
  screenings: ScreeningRow[];
  interventions: InterventionRow[];
  medicalEvents: MedicalEventRow[];
  visits: VisitRow[];
  honours: HonourRow[];
  examChildren: ExamChildRow[];
  budgets: BudgetRow[];
  /** Every live leave begun by month end (cancelled ones included: the rules skip them). */
  leaves: ReportLeaveRow[];
  /** 值班 that earned 补休, up to month end. */
  duty: DutyRow[];
}

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T => ((values as readonly string[]).includes(value ?? '') ? (value as T) : fallback);

const byDateThenId = (a: { date: string; id: string }, b: { date: string; id: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

interface StaffSql {
  id: string;
  name: string | null;
  category: string | null;
  birth_date: string | null;
  gender: string | null;
  lunar_birthday: number | null;
  station_id: string | null;
  joined_station_date: string | null;
  work_start_date: string | null;
  prior_service_months: number | null;
  hire_date: string | null;
  retirement_base: string | null;
  retirement_date_override: string | null;
  status: string | null;
  status_date: string | null;
}

function readPeople(store: LedgerStore): ReportPerson[] {
  const rows = store.sqlite
    .prepare(
      `SELECT id, name, category, birth_date, gender, lunar_birthday, station_id, joined_station_date, work_start_date, prior_service_months, hire_date, retirement_base, retirement_date_override, status, status_date
       FROM staff WHERE deleted_at IS NULL`,
    )
    .all() as StaffSql[];
  const people = new Map<string, ReportPerson>();
  for (const row of rows) {
    const birthDate = row.birth_date && isValidIsoDate(row.birth_date) ? row.birth_date : null;
    people.set(row.id, {
      id: row.id,
      name: row.name ?? '',
      category: oneOf(staffCategories, row.category, '民警'),
      birthDate,
      lunarBirthday: row.lunar_birthday === 1,
      stationId: row.station_id,
      joinedStationDate: row.joined_station_date,
      workStartDate: row.work_start_date,
      priorServiceMonths: row.prior_service_months ?? 0,
      hireDate: row.hire_date,
      expectedRetirementDate: birthDate ? expectedRetirementDateOf(birthDate, retirementBaseOf(row), row.retirement_date_override) : (row.retirement_date_override ?? ''),
      // The row's own status closes the history (a roster imported with 退休 and no history entry).
      statuses: [{ id: '\uffff', status: oneOf(staffStatuses, row.status, '在职'), date: row.status_date ?? '', fromRow: true }],
      transfersOut: [],
    });
  }
  const changes = store.sqlite
    .prepare('SELECT id, staff_id, station_id, status, date FROM staff_status_change WHERE deleted_at IS NULL AND staff_id IS NOT NULL AND date IS NOT NULL')
    .all() as { id: string; staff_id: string; station_id: string | null; status: string | null; date: string }[];
  for (const change of changes) {
    const person = people.get(change.staff_id);
    if (!person) continue;
    const status = oneOf(staffStatuses, change.status, '在职');
    // A 调出 owned by a station that no longer keeps the person is a 调动 within this ledger.
    if (status === '调出' && change.station_id !== null && change.station_id !== person.stationId) person.transfersOut.push({ stationId: change.station_id, date: change.date });
    else person.statuses.push({ id: change.id, status, date: change.date, fromRow: false });
  }
  for (const person of people.values()) {
    person.statuses.sort(byDateThenId);
    person.transfersOut.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
  return [...people.values()];
}

/** Reads every row a report of `period` needs, one query per table (`today`: a child's grade is of this school year). */
export function readReportLedger(store: LedgerStore, period: ReportPeriod, today: string): ReportLedger {
  const people = readPeople(store);
  const upTo = period.to;
  const all = <R>(sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).all(...params) as R[];
  const checkups = all<{ id: string; staff_id: string; date: string; conclusion: string | null; follow_up_due: string | null; follow_up_done_date: string | null }>(
    'SELECT id, staff_id, date, conclusion, follow_up_due, follow_up_done_date FROM health_checkup WHERE deleted_at IS NULL AND staff_id IS NOT NULL AND date <= ?',
    upTo,
  ).map((r): CheckupRow => ({ id: r.id, staffId: r.staff_id, date: r.date, conclusion: oneOf(['正常', '异常需复查', '异常需就医', '重大疾病'] as const, r.conclusion, '正常'), followUpDue: r.follow_up_due, followUpDoneDate: r.follow_up_done_date }));
  const screenings = all<{ id: string; staff_id: string; date: string; level: string | null }>(
    'SELECT id, staff_id, date, level FROM psych_screening WHERE deleted_at IS NULL AND staff_id IS NOT NULL AND date <= ?',
    upTo,
  ).map((r): ScreeningRow => ({ id: r.id, staffId: r.staff_id, date: r.date, level: oneOf(psychLevels, r.level, '正常') }));
  const interventions = all<{ staff_id: string; date: string; next_date: string | null }>(
    'SELECT staff_id, date, next_date FROM psych_intervention WHERE deleted_at IS NULL AND staff_id IS NOT NULL AND date <= ?',
    upTo,
  ).map((r): InterventionRow => ({ staffId: r.staff_id, date: r.date, nextDate: r.next_date }));
  const medicalEvents = all<{ id: string; staff_id: string; kind: string | null; start_date: string; end_date: string | null }>(
    'SELECT id, staff_id, kind, start_date, end_date FROM medical_event WHERE deleted_at IS NULL AND staff_id IS NOT NULL AND start_date <= ?',
    upTo,
  ).map((r): MedicalEventRow => ({ id: r.id, staffId: r.staff_id, kind: r.kind ?? '', startDate: r.start_date, endDate: r.end_date }));
  const visits = all<{ staff_id: string; kind: string | null; date: string; cash_fen: number | null; goods_value_fen: number | null; funding: string | null; event: string | null }>(
    'SELECT staff_id, kind, date, cash_fen, goods_value_fen, funding, event FROM welfare_visit WHERE deleted_at IS NULL AND staff_id IS NOT NULL AND date <= ?',
    upTo,
  ).map((r): VisitRow => ({ staffId: r.staff_id, kind: oneOf(visitKinds, r.kind, '节日慰问'), date: r.date, amountFen: (r.cash_fen ?? 0) + (r.goods_value_fen ?? 0), funding: oneOf(fundingSources, r.funding, '工会经费'), event: r.event }));
  const honours = all<{ staff_id: string; title: string | null; level: string | null; date: string; issuer: string | null }>(
    'SELECT staff_id, title, level, date, issuer FROM honour WHERE deleted_at IS NULL AND staff_id IS NOT NULL AND date >= ? AND date <= ?',
    period.from,
    upTo,
  ).map((r): HonourRow => ({ staffId: r.staff_id, title: r.title ?? '', level: r.level, date: r.date, issuer: r.issuer }));
  // Each child's years as recorded, else derived (the grade, else the birth date), as the drawer and the reminders read them.
  const nextYear = Number(period.nextFrom.slice(0, 4));
  const examChildren = all<{ staff_id: string; name: string | null; birth_date: string | null; grade: string | null; zhongkao_year: number | null; gaokao_year: number | null }>(
    "SELECT staff_id, name, birth_date, grade, zhongkao_year, gaokao_year FROM family_member WHERE deleted_at IS NULL AND staff_id IS NOT NULL AND relation = '子女'",
  )
    .map((r): ExamChildRow => {
      const years = childExamYearsOf({ zhongkaoYear: r.zhongkao_year, gaokaoYear: r.gaokao_year, grade: r.grade, birthDate: r.birth_date }, today);
      return { staffId: r.staff_id, name: r.name ?? '', zhongkaoYear: years.zhongkao, gaokaoYear: years.gaokao };
    })
    .filter((c) => c.zhongkaoYear === nextYear || c.gaokaoYear === nextYear);
  const budgets = all<{ station_id: string | null; funding: string | null; amount_fen: number | null }>(
    'SELECT station_id, funding, amount_fen FROM visit_budget WHERE deleted_at IS NULL AND year = ?',
    period.year,
  ).map((r): BudgetRow => ({ stationId: r.station_id, funding: oneOf(fundingSources, r.funding, '工会经费'), amountFen: r.amount_fen ?? 0 }));
  const leaves = all<ReportLeaveRow>(
    'SELECT id, staff_id, type, from_date, from_half, to_date, to_half, half_days, status FROM leave_record WHERE deleted_at IS NULL AND staff_id IS NOT NULL AND from_date <= ? ORDER BY from_date, id',
    upTo,
  );
  const duty = all<{ staff_id: string; date: string; half_days: number | null }>(
    'SELECT staff_id, date, half_days FROM duty_record WHERE deleted_at IS NULL AND staff_id IS NOT NULL AND date <= ?',
    upTo,
  ).map((r): DutyRow => ({ staffId: r.staff_id, date: r.date, days: (r.half_days ?? 0) / 2 }));
  return { people, personById: new Map(people.map((p) => [p.id, p])), checkups, screenings, interventions, medicalEvents, visits, honours, examChildren, budgets, leaves, duty };
}

/**
 * The station a person belonged to on a day: the station of their first 调动 away after that day,
 * else the one keeping them now; null before they came (调入本所时间, or 参加工作时间 for someone
 * the bureau has moved since).
 */
export function stationOn(person: ReportPerson, date: string): string | null {
  const start = person.transfersOut.length > 0 ? (person.workStartDate ?? '') : (person.joinedStationDate ?? person.workStartDate ?? '');
  if (start > date) return null;
  for (const move of person.transfersOut) if (move.date > date) return move.stationId;
  return person.stationId;
}

/** A person's status on a day: the latest status history entry dated on or before it, else 在职. */
export function statusOn(person: ReportPerson, date: string): StaffStatus {
  let status: StaffStatus = '在职';
  for (const entry of person.statuses) {
    if (entry.date > date) break;
    status = entry.status;
  }
  return status;
}
