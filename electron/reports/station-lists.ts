import { addMonths, daysInMonth, formatIsoDate, isValidIsoDate } from '../../shared/china-date';
import { nextBirthday } from '../../shared/festival-dates';
import { ageOn, childExamYearsOf, retirementTagOn } from '../../shared/person-derivations';
import { staffStatistics } from '../../shared/staff-statistics';
import type { StaffListItem } from '../../shared/staff-record';
import type { BirthdayLine, ExamChildLine, RetirementLine, StationList, StationListArgs } from '../../shared/station-lists';
import { todayOf, type AppDeps } from '../app-deps';
import { listStaff } from '../staff/staff-queries';
import { resolveReportScope } from './report-scope';

/**
 * The station-wide lists (人员统计, 中考高考子女, 一年内退休, 本月生日) of a unit as it stands today: at
 * a station its own people, at a bureau the whole city or one station (the monthly report's
 * scopes). Every date and age comes from the rules of shared/ — `ageOn`, the expected retirement
 * date and `retirementTagOn`, `nextBirthday` (lunar for 生日按农历), `derivedChildExamYears` when a
 * child's exam years were not recorded — never computed again here.
 */

interface ChildRow {
  staff_id: string;
  name: string | null;
  birth_date: string | null;
  work_or_school: string | null;
  grade: string | null;
  zhongkao_year: number | null;
  gaokao_year: number | null;
}

const byStationThenName = <L extends { stationName: string; name: string }>(a: L, b: L) => a.stationName.localeCompare(b.stationName, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN');

function examChildren(deps: AppDeps, people: Map<string, StaffListItem>, year: number, today: string): ExamChildLine[] {
  const rows = deps.store.sqlite
    .prepare("SELECT staff_id, name, birth_date, work_or_school, grade, zhongkao_year, gaokao_year FROM family_member WHERE deleted_at IS NULL AND staff_id IS NOT NULL AND relation = '子女'")
    .all() as ChildRow[];
  const lines: ExamChildLine[] = [];
  for (const row of rows) {
    const parent = people.get(row.staff_id);
    if (!parent || parent.status !== '在职') continue;
    const years = childExamYearsOf({ zhongkaoYear: row.zhongkao_year, gaokaoYear: row.gaokao_year, grade: row.grade, birthDate: row.birth_date }, today);
    const exam = years.gaokao === year ? '高考' : years.zhongkao === year ? '中考' : null;
    if (!exam) continue;
    lines.push({
      exam,
      childName: row.name ?? '',
      childBirthDate: row.birth_date,
      school: [row.work_or_school, row.grade].filter(Boolean).join(' '),
      name: parent.name,
      category: parent.category,
      stationName: parent.stationName ?? '',
      phone: parent.phone,
      yearFrom: years.from,
    });
  }
  return lines.sort((a, b) => (a.exam === b.exam ? 0 : a.exam === '高考' ? -1 : 1) || byStationThenName(a, b));
}

function retirements(people: StaffListItem[], today: string): RetirementLine[] {
  return people
    .map((p) => ({ p, tag: retirementTagOn(p.status, p.expectedRetirementDate, today) }))
    .filter((x) => x.tag !== null)
    .map(({ p, tag }) => ({
      name: p.name,
      category: p.category,
      stationName: p.stationName ?? '',
      gender: p.gender,
      birthDate: p.birthDate,
      age: p.age,
      position: [p.position, p.rank].filter(Boolean).join(' ') || null,
      expectedRetirementDate: p.expectedRetirementDate,
      tag: tag as string,
      overridden: p.retirementDateOverride !== null,
    }))
    .sort((a, b) => (a.expectedRetirementDate < b.expectedRetirementDate ? -1 : a.expectedRetirementDate > b.expectedRetirementDate ? 1 : byStationThenName(a, b)));
}

/** Birthdays of the month: people in service and retirees (retiree care includes the birthday). */
function birthdays(people: StaffListItem[], month: string): BirthdayLine[] {
  const year = Number(month.slice(0, 4));
  const monthNumber = Number(month.slice(5, 7));
  const from = formatIsoDate(year, monthNumber, 1);
  const to = formatIsoDate(year, monthNumber, daysInMonth(year, monthNumber));
  const lines: BirthdayLine[] = [];
  for (const p of people) {
    if ((p.status !== '在职' && p.status !== '退休') || !isValidIsoDate(p.birthDate)) continue;
    const date = nextBirthday(p.birthDate, p.lunarBirthday, from);
    if (date > to) continue;
    lines.push({ date, name: p.name, category: p.category, stationName: p.stationName ?? '', age: ageOn(p.birthDate, date), lunar: p.lunarBirthday, status: p.status });
  }
  return lines.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : byStationThenName(a, b)));
}

/** The list asked for, of the unit asked for, as it stands today. */
export function stationList(deps: AppDeps, args: StationListArgs): StationList {
  const today = todayOf(deps);
  const resolved = resolveReportScope(deps.store, args.station);
  const stationIds = new Set(resolved.stations.map((s) => s.id));
  const people = listStaff(deps.store, today).filter((p) => p.stationId !== null && stationIds.has(p.stationId));
  const unit = `${resolved.scope.name}${resolved.scope.kind === 'city' ? '全市' : ''}`;
  const common = { scope: resolved.scope, asOf: today };
  switch (args.kind) {
    case '人员统计': {
      const active = people.filter((p) => p.status === '在职');
      return { ...common, kind: args.kind, title: `${unit}人员统计表`, subtitle: `在职人员 ${active.length} 人，统计日期 ${today}`, statistics: staffStatistics(active) };
    }
    case '中考高考子女': {
      const year = args.year ?? Number(today.slice(0, 4)) + 1;
      const rows = examChildren(deps, new Map(people.map((p) => [p.id, p])), year, today);
      return { ...common, kind: args.kind, year, title: `${unit}${year}年中考、高考子女名单`, subtitle: `高考 ${rows.filter((r) => r.exam === '高考').length} 人，中考 ${rows.filter((r) => r.exam === '中考').length} 人（在职人员的子女），制表日期 ${today}`, rows };
    }
    case '一年内退休': {
      const rows = retirements(people, today);
      return { ...common, kind: args.kind, title: `${unit}一年内退休人员名单`, subtitle: `${today} 至 ${addMonths(today, 12)} 到达退休年龄的在职人员（含已到退休年龄尚未办理的）共 ${rows.length} 人`, rows };
    }
    case '本月生日': {
      const month = args.month ?? today.slice(0, 7);
      const rows = birthdays(people, month);
      return { ...common, kind: args.kind, month, title: `${unit}${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月生日名单`, subtitle: `在职和退休人员共 ${rows.length} 人（生日按农历的，按当年农历生日对应的公历日期），制表日期 ${today}`, rows };
    }
  }
}
