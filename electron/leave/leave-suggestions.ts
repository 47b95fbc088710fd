import { addDays, compareIsoDates } from '../../shared/china-date';
import { dayKindOf, type CalendarLookup } from '../../shared/holiday-calendar';
import { leaveTypeRules, type LeaveSuggestion } from '../../shared/leave-record';
import { derivedChildExamYears } from '../../shared/person-derivations';
import type { LedgerStore } from '../../db/ledger-store';
import { readSettings } from '../handlers/app-handlers';
import { localStation } from '../station/local-station';
import { liveStaffRows } from '../staff/staff-rows';
import { calendarLookupOf } from './calendar-store';
import { liveLeaveRows } from './leave-rows';

/**
 * Leave the ledger suggests, each planned with one click (a 计划 leave with its `source`):
 * - 陪考轮休 (DOMAIN.md "Rotation"): for a person in service whose child sits 中考 or 高考 this year
 *   (the family's exam years, or derived from the grade or birth date), from the exam's first day
 *   (高考 7 June; 中考 the setting `leave.zhongkaoFirstDay`) for the days of `leave.examRestDays`
 *   (default 2), counted as 陪考轮休 is counted (working days: an exam that starts on a Sunday runs
 *   on to the days after it, so the leave holds the days its reason names);
 * - 强制休息 (DOMAIN.md "Health"): a medical event marked 责令强制休息, from its first to its last day
 *   (or 7 days when it has none yet).
 * A suggestion already planned (a live leave with its source) is not offered again, nor one for an
 * exam already over on `today`.
 */

/** The 高考's first day (7–9 June nationwide). */
export const GAOKAO_FIRST_DAY = '06-07';

/** Days of 强制休息 planned for a medical event that has no last day yet. */
const FORCED_REST_DEFAULT_DAYS = 7;

/**
 * The last day of a leave of `days` days from `fromDate`, counted as the kind counts them. A year
 * without a calendar gives calendar days: the plan is then refused with CALENDAR_MISSING when saved.
 */
function lastDayHolding(fromDate: string, days: number, counting: '工作日' | '日历日', lookup: CalendarLookup): string {
  const plain = addDays(fromDate, days - 1);
  if (counting === '日历日') return plain;
  try {
    let date = fromDate;
    for (let held = dayKindOf(date, lookup).working ? 1 : 0; held < days; ) {
      date = addDays(date, 1);
      if (dayKindOf(date, lookup).working) held += 1;
    }
    return date;
  } catch {
    return plain;
  }
}

/** The source of a 陪考轮休 suggestion: exam:2026高考:<child id>. */
const examSource = (year: number, exam: '中考' | '高考', childId: string) => `exam:${year}${exam}:${childId}`;

export function leaveSuggestions(store: LedgerStore, year: number, today: string): LeaveSuggestion[] {
  const settings = readSettings({ store });
  const own = localStation(store);
  const people = new Map(liveStaffRows(store).filter((p) => p.status === '在职' && (own?.role === 'bureau' || p.station_id === own?.id)).map((p) => [p.id, p]));
  const planned = new Set(liveLeaveRows(store).flatMap((l) => (l.source && l.status !== '取消' ? [l.source] : [])));
  const suggestions: LeaveSuggestion[] = [];
  const children = store.sqlite
    .prepare("SELECT id, staff_id, name, grade, birth_date, zhongkao_year, gaokao_year FROM family_member WHERE deleted_at IS NULL AND relation = '子女' AND staff_id IS NOT NULL")
    .all() as { id: string; staff_id: string; name: string | null; grade: string | null; birth_date: string | null; zhongkao_year: number | null; gaokao_year: number | null }[];
  const restDays = settings['leave.examRestDays'];
  const lookup = calendarLookupOf(store);
  for (const child of children) {
    const person = people.get(child.staff_id);
    if (!person) continue;
    const derived = derivedChildExamYears(child.grade, child.birth_date, today);
    const exams = [
      { exam: '中考' as const, year: child.zhongkao_year ?? derived?.zhongkao ?? null, first: settings['leave.zhongkaoFirstDay'], last: settings['family.zhongkaoLastDay'] },
      { exam: '高考' as const, year: child.gaokao_year ?? derived?.gaokao ?? null, first: GAOKAO_FIRST_DAY, last: '06-09' },
    ];
    for (const { exam, year: examYear, first, last } of exams) {
      if (examYear !== year) continue;
      // An exam already over leaves nothing to plan (the 陪考轮休 taken is recorded as 已休 by hand).
      if (compareIsoDates(`${year}-${last}`, today) < 0) continue;
      const source = examSource(year, exam, child.id);
      if (planned.has(source)) continue;
      const fromDate = `${year}-${first}`;
      suggestions.push({
        staffId: person.id,
        name: person.name ?? '',
        type: '陪考轮休',
        fromDate,
        toDate: lastDayHolding(fromDate, restDays, leaveTypeRules['陪考轮休'].counting, lookup),
        reason: `子女${child.name ?? ''}${year}年${exam}（${Number(first.slice(0, 2))}月${Number(first.slice(3))}日–${Number(last.slice(0, 2))}月${Number(last.slice(3))}日），陪考轮休${restDays}天`,
        source,
      });
    }
  }
  const forced = store.sqlite
    .prepare('SELECT id, staff_id, kind, start_date, end_date, diagnosis FROM medical_event WHERE deleted_at IS NULL AND forced_rest = 1 AND start_date IS NOT NULL AND staff_id IS NOT NULL')
    .all() as { id: string; staff_id: string; kind: string | null; start_date: string; end_date: string | null }[];
  for (const event of forced) {
    const person = people.get(event.staff_id);
    const source = `medical_event:${event.id}`;
    if (!person || planned.has(source)) continue;
    const toDate = event.end_date ?? addDays(event.start_date, FORCED_REST_DEFAULT_DAYS - 1);
    if (!event.start_date.startsWith(`${year}-`) && !toDate.startsWith(`${year}-`)) continue;
    suggestions.push({
      staffId: person.id,
      name: person.name ?? '',
      type: '强制休息',
      fromDate: event.start_date,
      toDate,
      reason: `${event.kind ?? '就医'}（${event.start_date} 起）已责令强制休息${event.end_date ? '' : `，未填结束日期，先按${FORCED_REST_DEFAULT_DAYS}天安排`}`,
      source,
    });
  }
  return suggestions.sort((a, b) => compareIsoDates(a.fromDate, b.fromDate) || a.name.localeCompare(b.name, 'zh-CN'));
}
