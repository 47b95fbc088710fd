import { addDays, compareIsoDates } from '../../shared/china-date';
import { festivalsOfYear, nextBirthday, lunarBirthDateOf } from '../../shared/festival-dates';
import { ageOn, childExamYearsOf, GAOKAO_LAST_DAY } from '../../shared/person-derivations';
import { birthdayEvent, festivalEvent, type Reminder } from '../../shared/visit-record';
import { readSettings } from '../handlers/app-handlers';
import { inWindow, type ReminderSource, type ReminderWindow } from '../reminders/reminder-registry';
import type { AppDeps } from '../app-deps';
import { festivalCoverage } from './visit-queries';
import { liveVisitRows, type VisitRow } from './visit-rows';

/**
 * The visits' reminders (工作台, DOMAIN.md "Reminders"): birthdays (solar, or lunar for people
 * marked 生日按农历), festivals with their coverage (不遗漏一人 — a festival of the last three months
 * not everyone was visited for stays on the list), retirements coming up, a spouse added to a
 * person's file after the person was (a wedding: the roster has no wedding date), a child born, and children sitting 中考/高考 this year (金秋助学 after the results).
 * Each carries the visit one click records.
 */

const CHINESE_MONTHS = ['正', '二', '三', '四', '五', '六', '七', '八', '九', '十', '冬', '腊'];
const CHINESE_DAYS = ['初一', '初二', '初三', '初四', '初五', '初六', '初七', '初八', '初九', '初十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十', '廿一', '廿二', '廿三', '廿四', '廿五', '廿六', '廿七', '廿八', '廿九', '三十'];

/** How long after a festival a clerk is still reminded of the people not yet visited for it. */
const COVERAGE_LOOKBACK_DAYS = 90;
/** How far back a child's birth or a newly entered spouse still asks for a visit. */
const FAMILY_LOOKBACK_DAYS = 60;

/** The events each person was already visited for. */
function visitedEvents(rows: readonly VisitRow[]): Map<string, Set<string>> {
  const events = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!row.staff_id || !row.event) continue;
    const set = events.get(row.staff_id) ?? new Set<string>();
    set.add(row.event);
    events.set(row.staff_id, set);
  }
  return events;
}

function birthdays(window: ReminderWindow, visited: Map<string, Set<string>>): Reminder[] {
  const reminders: Reminder[] = [];
  for (const person of window.active) {
    if (!person.birthDate) continue;
    const date = nextBirthday(person.birthDate, person.lunarBirthday, window.from);
    if (!inWindow(date, window)) continue;
    const event = birthdayEvent(Number(date.slice(0, 4)));
    if (visited.get(person.id)?.has(event)) continue;
    const lunar = person.lunarBirthday ? lunarBirthDateOf(person.birthDate) : null;
    const lunarText = lunar ? `（农历${lunar.leap ? '闰' : ''}${CHINESE_MONTHS[lunar.month - 1]}月${CHINESE_DAYS[lunar.day - 1]}）` : '';
    reminders.push({
      kind: '生日',
      date,
      name: person.name,
      idNumber: person.idNumber,
      reason: `${ageOn(person.birthDate, date)}岁生日${lunarText}`,
      staffId: person.id,
      visit: { kind: '生日慰问', event, eventDate: date },
    });
  }
  return reminders;
}

function festivals(deps: AppDeps, window: ReminderWindow): Reminder[] {
  const reminders: Reminder[] = [];
  const lookback = addDays(window.from, -COVERAGE_LOOKBACK_DAYS);
  const years = [...new Set([Number(lookback.slice(0, 4)), Number(window.to.slice(0, 4))])];
  for (const year of years) {
    for (const { name, date } of festivalsOfYear(year)) {
      const upcoming = inWindow(date, window);
      const past = compareIsoDates(date, lookback) >= 0 && compareIsoDates(date, window.from) < 0;
      if (!upcoming && !past) continue;
      const coverage = festivalCoverage(deps, name, year);
      const missing = coverage.missing.length;
      if (past && missing === 0) continue;
      reminders.push({
        kind: past ? '节日覆盖' : '节日',
        date,
        name,
        idNumber: '',
        reason: missing === 0 ? `${year}年${name}：在职 ${coverage.active} 人已全部慰问` : `${year}年${name}：在职 ${coverage.active} 人，尚未慰问 ${missing} 人`,
        staffId: null,
        festival: { name, year, missing },
        visit: { kind: '节日慰问', event: festivalEvent(name, year), eventDate: date },
      });
    }
  }
  return reminders;
}

function retirements(window: ReminderWindow, visited: Map<string, Set<string>>): Reminder[] {
  return window.active.flatMap((person): Reminder[] => {
    const date = person.expectedRetirementDate;
    if (!date || !inWindow(date, window)) return [];
    const event = `${date.slice(0, 4)}退休`;
    if (visited.get(person.id)?.has(event)) return [];
    return [{ kind: '退休', date, name: person.name, idNumber: person.idNumber, reason: `${date} 到龄退休`, staffId: person.id, visit: { kind: '退休慰问', event, eventDate: date } }];
  });
}

interface FamilyRow {
  id: string;
  staff_id: string;
  relation: string | null;
  name: string | null;
  birth_date: string | null;
  grade: string | null;
  zhongkao_year: number | null;
  gaokao_year: number | null;
}

/** When a record was entered: its UUIDv7 id begins with the milliseconds of its creation. */
function enteredOn(id: string): string | null {
  const hex = id.replace(/-/g, '').slice(0, 12);
  if (!/^[0-9a-f]{12}$/i.test(hex)) return null;
  return new Date(parseInt(hex, 16) + 8 * 3_600_000).toISOString().slice(0, 10);
}

function familyEvents(deps: AppDeps, window: ReminderWindow, visited: Map<string, Set<string>>): Reminder[] {
  const byId = new Map(window.active.map((p) => [p.id, p]));
  const rows = deps.store.sqlite
    .prepare('SELECT id, staff_id, relation, name, birth_date, grade, zhongkao_year, gaokao_year FROM family_member WHERE deleted_at IS NULL AND staff_id IS NOT NULL')
    .all() as FamilyRow[];
  const year = Number(window.from.slice(0, 4));
  const zhongkaoLastDay = readSettings(deps)['family.zhongkaoLastDay'];
  const recent = addDays(window.from, -FAMILY_LOOKBACK_DAYS);
  const reminders: Reminder[] = [];
  for (const row of rows) {
    const person = byId.get(row.staff_id);
    if (!person) continue;
    const seen = visited.get(person.id);
    const base = { name: person.name, idNumber: person.idNumber, staffId: person.id };
    if (row.relation === '子女' && row.birth_date && compareIsoDates(row.birth_date, recent) >= 0 && compareIsoDates(row.birth_date, window.to) <= 0) {
      const event = `生育:${row.id}`;
      if (!seen?.has(event)) reminders.push({ ...base, kind: '生育', date: row.birth_date, reason: `子女${row.name ?? ''}出生`, visit: { kind: '生育慰问', event, eventDate: row.birth_date, familyMemberId: row.id } });
    }
    if (row.relation === '配偶') {
      const entered = enteredOn(row.id);
      const personEntered = enteredOn(person.id);
      const event = `结婚:${row.id}`;
      // A spouse entered with the person (a roster import, the first entry) is no news.
      const addedLater = entered !== null && personEntered !== null && compareIsoDates(entered, addDays(personEntered, 7)) > 0;
      if (entered && addedLater && compareIsoDates(entered, recent) >= 0 && compareIsoDates(entered, window.to) <= 0 && !seen?.has(event)) {
        reminders.push({ ...base, kind: '结婚', date: entered, reason: `${entered} 新登记配偶${row.name ?? ''}：如是新婚，请登记结婚慰问`, visit: { kind: '结婚慰问', event, eventDate: entered } });
      }
    }
    if (row.relation !== '子女') continue;
    const { zhongkao, gaokao } = childExamYearsOf({ zhongkaoYear: row.zhongkao_year, gaokaoYear: row.gaokao_year, grade: row.grade, birthDate: row.birth_date }, window.today);
    if (zhongkao === year) {
      const date = `${year}-${zhongkaoLastDay}`;
      if (inWindow(date, window)) reminders.push({ ...base, kind: '中考', date, reason: `子女${row.name ?? ''}今年中考（可安排陪考轮休）`, staffId: person.id });
    }
    if (gaokao === year) {
      const exam = `${year}-${GAOKAO_LAST_DAY}`;
      if (inWindow(exam, window)) reminders.push({ ...base, kind: '高考', date: exam, reason: `子女${row.name ?? ''}今年高考（可安排陪考轮休）` });
      // 金秋助学 once the results are out (late June) and the child is admitted.
      const aid = `${year}-07-01`;
      const event = `${year}金秋助学`;
      if (inWindow(aid, window) && !seen?.has(event)) {
        reminders.push({ ...base, kind: '金秋助学', date: aid, reason: `子女${row.name ?? ''}今年高考，录取后可申请金秋助学`, visit: { kind: '金秋助学', event, eventDate: aid, familyMemberId: row.id } });
      }
    }
  }
  return reminders;
}

/** The visits' source of reminders. */
export const visitReminderSource: ReminderSource = {
  name: 'visits',
  collect(deps, window) {
    const visited = visitedEvents(liveVisitRows(deps.store));
    return [...birthdays(window, visited), ...festivals(deps, window), ...retirements(window, visited), ...familyEvents(deps, window, visited)];
  },
};
