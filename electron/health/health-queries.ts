import { compareIsoDates, formatIsoDate } from '../../shared/china-date';
import {
  abnormalItemRanking,
  checkupCoverage,
  eventDays,
  followUpsDue,
  latestScreenings,
  overdueCheckups,
  watchList,
  type CheckupFact,
  type HealthPerson,
  type InterventionFact,
  type ScreeningFact,
} from '../../shared/health-rules';
import {
  psychLevels,
  type HealthCoverage,
  type HealthFilter,
  type HealthOverdueReport,
  type HealthOverview,
  type HealthRuleSettings,
  type HealthSummary,
  type MedicalEventRow as MedicalEventListRow,
  type PersonHealth,
  type PsychLevel,
} from '../../shared/health-record';
import { staffCategories, type StaffCategoryName } from '../../shared/staff-record';
import { todayOf, type AppDeps } from '../app-deps';
import { readSettings } from '../handlers/app-handlers';
import { listStaff } from '../staff/staff-queries';
import { requireLiveStaffRow } from '../staff/staff-rows';
import { liveHealthRows, personHealthRows, toCheckupItem, toInterventionItem, toMedicalEventItem, toScreeningItem } from './health-rows';

/**
 * The health lists (健康管理) and their counts, computed by the rules of `shared/health-rules.ts`
 * from every live health row of the people this installation holds (a station's, or at a bureau
 * its stations'). Details (names with diagnoses) for the health clerk; `healthSummary` and
 * `healthCoverage` give counts and levels only (个人信息保护法 Art. 28: the monthly report and the
 * bureau's coverage need no more).
 */

/** The configurable rules, from 设置 (or what the bureau sent down, or DOMAIN.md's defaults). */
export function healthRuleSettings(deps: AppDeps): HealthRuleSettings {
  const settings = readSettings(deps);
  return {
    overdueFromMonth: settings['health.checkupOverdueFromMonth'],
    crisisInterventionDays: settings['health.crisisInterventionDays'],
    warningInterventionDays: settings['health.warningInterventionDays'],
  };
}

/** What every list is computed from: the people and their health facts, loaded once. */
interface HealthFacts {
  people: HealthPerson[];
  checkups: CheckupFact[];
  screenings: ScreeningFact[];
  interventions: (InterventionFact & { item: ReturnType<typeof toInterventionItem> })[];
  events: ReturnType<typeof toMedicalEventItem>[];
}

function loadFacts(deps: AppDeps, today: string, categories: readonly StaffCategoryName[]): HealthFacts {
  const people: HealthPerson[] = listStaff(deps.store, today)
    .filter((p) => categories.includes(p.category))
    .map((p) => ({
      staffId: p.id,
      name: p.name,
      idNumber: p.idNumber,
      category: p.category,
      stationName: p.stationName,
      status: p.status,
      workStartDate: p.workStartDate,
    }));
  const ids = new Set(people.map((p) => p.staffId));
  const ours = <R extends { staff_id: string | null }>(rows: R[]) => rows.filter((r) => r.staff_id !== null && ids.has(r.staff_id));
  return {
    people,
    checkups: ours(liveHealthRows(deps.store, 'health_checkup')).map(toCheckupItem),
    screenings: ours(liveHealthRows(deps.store, 'psych_screening')).map(toScreeningItem),
    interventions: ours(liveHealthRows(deps.store, 'psych_intervention')).map((r) => {
      const item = toInterventionItem(r);
      return { staffId: item.staffId, date: item.date, nextDate: item.nextDate, item };
    }),
    events: ours(liveHealthRows(deps.store, 'medical_event')).map(toMedicalEventItem),
  };
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** The day the lists of a year are seen from: today in the current year, the year's last day for a past one. */
function referenceDay(today: string, year: number): string {
  return year < yearOf(today) ? formatIsoDate(year, 12, 31) : today;
}

/** Every list of the 健康管理 page for a year and categories (default: this year, every category). */
export function healthOverview(deps: AppDeps, filter: HealthFilter): HealthOverview {
  const today = todayOf(deps);
  const year = filter.year ?? yearOf(today);
  const categories = filter.categories && filter.categories.length > 0 ? filter.categories : staffCategories;
  const rules = healthRuleSettings(deps);
  const facts = loadFacts(deps, today, categories);
  const byId = new Map(facts.people.map((p) => [p.staffId, p]));
  const withPerson = <I extends { staffId: string }>(item: I) => {
    const p = byId.get(item.staffId) as HealthPerson;
    return { ...item, name: p.name, idNumber: p.idNumber, category: p.category, stationName: p.stationName };
  };
  const active = (staffId: string) => byId.get(staffId)?.status === '在职';
  const eventRow = (e: (typeof facts.events)[number]): MedicalEventListRow => ({ ...withPerson(e), days: eventDays(e.startDate, e.endDate, today) });
  const byStartDesc = (a: { startDate: string }, b: { startDate: string }) => compareIsoDates(b.startDate, a.startDate);
  return {
    year,
    today,
    rules,
    coverage: checkupCoverage(facts.people, facts.checkups, year, categories),
    overdueCheckups: year > yearOf(today) ? [] : overdueCheckups(facts.people, facts.checkups, referenceDay(today, year), rules.overdueFromMonth),
    followUps: followUpsDue(facts.people, facts.checkups, today),
    abnormalRanking: abnormalItemRanking(facts.checkups, year),
    watch: watchList(facts.people, facts.screenings, facts.interventions, today, rules),
    interventions: facts.interventions
      .filter((i) => yearOf(i.date) === year)
      .map((i) => withPerson(i.item))
      .sort((a, b) => compareIsoDates(b.date, a.date)),
    inHospital: facts.events.filter((e) => e.kind === '住院' && e.endDate === null && active(e.staffId)).map(eventRow).sort(byStartDesc),
    injuries: facts.events.filter((e) => e.kind === '因公负伤' && yearOf(e.startDate) === year).map(eventRow).sort(byStartDesc),
    reimbursementsPending: facts.events.filter((e) => e.reimbursement !== '已报销' && e.kind !== '门诊').map(eventRow).sort(byStartDesc),
  };
}

/** Counts and levels only (工作台, the monthly report, the bureau): no name, no diagnosis. */
export function healthSummary(deps: AppDeps, year?: number): HealthSummary {
  const overview = healthOverview(deps, { year });
  const facts = loadFacts(deps, overview.today, staffCategories);
  const activeIds = new Set(facts.people.filter((p) => p.status === '在职').map((p) => p.staffId));
  const levels = Object.fromEntries(psychLevels.map((l) => [l, 0])) as Record<PsychLevel, number>;
  for (const s of latestScreenings(facts.screenings).values()) if (activeIds.has(s.staffId)) levels[s.level] += 1;
  return {
    year: overview.year,
    coverage: overview.coverage,
    overdueCheckups: overview.overdueCheckups.length,
    overdueFollowUps: overview.followUps.filter((f) => f.overdue).length,
    followUpsOpen: overview.followUps.length,
    levels,
    crisis: levels['危机'],
    watchOverdue: overview.watch.filter((w) => w.overdue).length,
    inHospital: overview.inHospital.length,
    injuriesThisYear: overview.injuries.length,
    reimbursementsPending: overview.reimbursementsPending.length,
  };
}

/** 体检覆盖率 of a year (counts only). */
export function healthCoverage(deps: AppDeps, year: number): HealthCoverage {
  const facts = loadFacts(deps, todayOf(deps), staffCategories);
  return checkupCoverage(facts.people, facts.checkups, year);
}

/** What is overdue on a day (default today): checkups, follow-ups, interventions. */
export function healthOverdue(deps: AppDeps, on?: string): HealthOverdueReport {
  const day = on ?? todayOf(deps);
  const rules = healthRuleSettings(deps);
  const facts = loadFacts(deps, day, staffCategories);
  return {
    on: day,
    checkups: overdueCheckups(facts.people, facts.checkups, day, rules.overdueFromMonth).map((o) => ({ name: o.name, idNumber: o.idNumber, category: o.category, daysOverdue: o.daysOverdue })),
    followUps: followUpsDue(facts.people, facts.checkups, day)
      .flatMap((f) => (f.overdue && f.followUpDue ? [{ name: f.name, idNumber: f.idNumber, checkupDate: f.checkupDate, followUpDue: f.followUpDue, daysOverdue: f.daysOverdue }] : [])),
    watch: watchList(facts.people, facts.screenings, facts.interventions, day, rules)
      .filter((w) => w.overdue)
      .map((w) => ({ name: w.name, idNumber: w.idNumber, level: w.level, screeningDate: w.screeningDate, interventionDue: w.interventionDue, daysOverdue: w.daysOverdue })),
  };
}

/** One person's health file, newest first (the drawer's 健康 tab). */
export function personHealth(deps: AppDeps, staffId: string): PersonHealth {
  requireLiveStaffRow(deps.store, staffId);
  const newest = <I extends { date: string }>(items: I[]) => items.sort((a, b) => compareIsoDates(b.date, a.date));
  return {
    staffId,
    checkups: newest(personHealthRows(deps.store, 'health_checkup', staffId).map(toCheckupItem)),
    screenings: newest(personHealthRows(deps.store, 'psych_screening', staffId).map(toScreeningItem)),
    interventions: newest(personHealthRows(deps.store, 'psych_intervention', staffId).map(toInterventionItem)),
    events: personHealthRows(deps.store, 'medical_event', staffId)
      .map(toMedicalEventItem)
      .sort((a, b) => compareIsoDates(b.startDate, a.startDate)),
  };
}
