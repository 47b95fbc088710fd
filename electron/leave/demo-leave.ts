import { AppError } from '../../shared/contract/api-error';
import { addDays, compareIsoDates } from '../../shared/china-date';
import { isWeekend } from '../../shared/holiday-calendar';
import { leaveInputSchema, dutyInputSchema, type LeaveInput } from '../../shared/leave-record';
import type { LedgerStore } from '../../db/ledger-store';
import { writeRecord, type WriteActor } from '../../db/write-path';
import { settingRowId } from '../handlers/app-handlers';
import type { DemoRandom } from '../staff/demo-random';
import { savePersonRecord } from '../staff/person-records';
import { liveStaffRows } from '../staff/staff-rows';
import { requireLocalStation } from '../station/local-station';
import { countedLeaveByPerson, personAnnualBalance } from './annual-leave-balances';
import { calendarLookupOf } from './calendar-store';
import { dutyRecords } from './duty-records';
import { leaveRecords } from './leave-records';
import { personLeaveRows } from './leave-rows';
import { stationMonth } from './station-strength';

/** What the leave demo wrote. */
export interface DemoLeaveSummary {
  leaves: number;
  duty: number;
  /** The person whose 事假 of 20 days takes this year's annual leave. */
  personalLeaveCase: string | null;
  /** The days a plan takes the station below its minimum (saved with the clerk's confirmation). */
  belowMinimum: string[];
}

/** The next working day on or after a date (by the calendar; weekdays when its year has none, for a demo only). */
function workingDayFrom(date: string, isWorking: (d: string) => boolean): string {
  let day = date;
  while (!isWorking(day)) day = addDays(day, 1);
  return day;
}

/**
 * A year of leave for a demo station (DOMAIN.md "Leave and rotation"), through the same rules and
 * the same write path as the clerk's forms: last year's and this year's annual leave (most take it,
 * some take none or less than half — 应休尽休), sick and personal days, 婚假 and 探亲假, duty on
 * 国庆 and 春节 that earns 补休 and some of it used, a 疗休养 trip recommended; one person's 事假 of
 * 20 days that takes this year's annual leave (条例 第四条); and, next month, a plan that takes
 * the station below its minimum strength, saved with the clerk's confirmation — the minimum set so
 * that it is the only leave below it. A leave the rules
 * refuse (an overlap of two random plans) is left out.
 */
export function seedDemoLeave(store: LedgerStore, actor: WriteActor, random: DemoRandom, today: string): DemoLeaveSummary {
  const year = Number(today.slice(0, 4));
  const lookup = calendarLookupOf(store);
  const isWorking = (d: string) => {
    const calendar = lookup(Number(d.slice(0, 4)));
    return calendar ? !calendar.holidays.includes(d) && (calendar.workdays.includes(d) || !isWeekend(d)) : !isWeekend(d);
  };
  const station = requireLocalStation(store);
  const active = liveStaffRows(store).filter((p) => p.station_id === station.id && p.status === '在职' && p.work_start_date && p.category !== '职工');
  const summary: DemoLeaveSummary = { leaves: 0, duty: 0, personalLeaveCase: null, belowMinimum: [] };
  const plan = (input: LeaveInput): boolean => {
    try {
      savePersonRecord(store, actor, leaveRecords, leaveInputSchema.parse(input), today);
      summary.leaves += 1;
      return true;
    } catch (error) {
      if (error instanceof AppError) return false;
      throw error;
    }
  };
  const statusOn = (from: string) => (compareIsoDates(from, today) < 0 ? '已休' : random.chance(0.5) ? '批准' : '计划');
  const approvers = ['所长 王建国', '教导员 李明', '副所长 赵刚'];
  const earliest = (p: (typeof active)[number]) => p.hire_date ?? p.joined_station_date ?? p.work_start_date ?? `${year - 1}-01-01`;

  for (const person of active) {
    for (const y of [year - 1, year]) {
      const start = compareIsoDates(earliest(person), `${y}-01-01`) > 0 ? earliest(person) : `${y}-01-01`;
      if (compareIsoDates(start, `${y}-11-30`) > 0) continue;
      // Annual leave in up to three parts, most of the balance; about one in six takes none this year (应休尽休).
      if (y === year && random.chance(1 / 6)) continue;
      for (let part = 0; part < 3; part += 1) {
        const left = personAnnualBalance(store, person, y, countedLeaveByPerson(personLeaveRows(store, person.id)).get(person.id) ?? [], today).remaining;
        const length = Math.min(Math.floor(left), random.int(2, 6));
        if (length < 1) break;
        const from = workingDayFrom(random.dateBetween(start, `${y}-11-30`), isWorking);
        let to = from;
        for (let days = 1; days < length; days += 1) to = workingDayFrom(addDays(to, 1), isWorking);
        plan({ staffId: person.id, type: '年休假', fromDate: from, toDate: to, status: statusOn(from), approver: random.pick(approvers) });
      }
      if (random.chance(0.35)) {
        const from = random.dateBetween(start, `${y}-12-20`);
        plan({ staffId: person.id, type: '病假', fromDate: from, toDate: addDays(from, random.int(0, 3)), status: statusOn(from), reason: random.pick(['感冒发热', '腰肌劳损', '肠胃炎']) });
      }
      if (random.chance(0.25)) {
        const from = workingDayFrom(random.dateBetween(start, `${y}-12-20`), isWorking);
        plan({ staffId: person.id, type: '事假', fromDate: from, toDate: from, toHalf: random.chance(0.5) ? '上午' : '下午', status: statusOn(from), reason: random.pick(['子女家长会', '办理房产手续', '陪同家人就医']) });
      }
    }
    if (random.chance(0.05)) {
      const from = workingDayFrom(random.dateBetween(`${year}-03-01`, `${year}-10-31`), isWorking);
      plan({ staffId: person.id, type: random.pick(['婚假', '探亲假'] as const), fromDate: from, toDate: addDays(from, 9), status: statusOn(from), approver: approvers[0] });
    }
    // Duty on 国庆 and 春节 earns 补休; some of it is used.
    if (random.chance(0.3)) {
      for (const date of [`${year}-10-01`, `${year}-10-02`, `${year - 1}-10-03`]) {
        const calendar = lookup(Number(date.slice(0, 4)));
        if (!calendar?.holidays.includes(date) || compareIsoDates(date, today) > 0 || compareIsoDates(date, earliest(person)) < 0) continue;
        savePersonRecord(store, actor, dutyRecords, dutyInputSchema.parse({ staffId: person.id, date, hours: 8, note: '国庆节值班' }), today);
        summary.duty += 1;
      }
      const from = workingDayFrom(`${year}-10-12`, isWorking);
      if (compareIsoDates(from, today) <= 0 && random.chance(0.6)) plan({ staffId: person.id, type: '轮休/补休', fromDate: from, toDate: from, status: '已休', reason: '国庆值班补休' });
    }
  }

  // 条例 第四条: 事假 of 20 working days, and no annual leave taken before it — this year's is lost.
  const caseFrom = workingDayFrom(`${year}-04-01`, isWorking);
  const candidate = active.find((p) => compareIsoDates(earliest(p), `${year - 1}-01-01`) < 0 && !store.sqlite.prepare("SELECT 1 FROM leave_record WHERE staff_id = ? AND deleted_at IS NULL AND from_date BETWEEN ? AND ? AND status <> '取消'").get(p.id, `${year}-01-01`, `${year}-05-31`));
  if (candidate) {
    let to = caseFrom;
    for (let days = 1; days < 20; to = addDays(to, 1)) if (isWorking(addDays(to, 1))) days += 1;
    for (const row of store.sqlite.prepare("SELECT id FROM leave_record WHERE staff_id = ? AND type = '年休假' AND deleted_at IS NULL AND from_date LIKE ?").all(candidate.id, `${year}-%`) as { id: string }[]) {
      writeRecord(store, actor, 'leave_record', row.id, { status: '取消', note: '事假满20天，当年不享受年休假' });
    }
    if (plan({ staffId: candidate.id, type: '事假', fromDate: caseFrom, toDate: to, status: '已休', approver: approvers[0], reason: '照顾重病父亲' })) summary.personalLeaveCase = candidate.name;
  }

  // 疗休养: two recommended by the station, to be confirmed by the bureau.
  for (const person of active.slice(0, 2)) {
    const from = workingDayFrom(addDays(today, 40), isWorking);
    plan({ staffId: person.id, type: '疗休养', fromDate: from, toDate: addDays(from, 4), status: '计划', trip: `${year}年优秀民警疗休养（千岛湖）`, reason: '派出所推荐' });
  }

  // In the coming weeks: the minimum is set under the strength, and a plan of one more than it allows away on the same two days breaks it.
  const months = [...new Set([addDays(today, 3).slice(0, 7), addDays(today, 40).slice(0, 7)])];
  const days = months
    .flatMap((m) => stationMonth(store, station.id, m, lookup).days)
    .filter((d) => d.calendarKnown && compareIsoDates(d.date, addDays(today, 3)) >= 0 && isWorking(d.date));
  const strength = stationMonth(store, station.id, today.slice(0, 7), lookup).strength;
  // Two working days in a row with the fewest away (a larger station has someone away most days).
  const pairs = days.flatMap((d, i) => (i + 1 < days.length && days[i + 1].date === addDays(d.date, 1) ? [{ first: d, second: days[i + 1] }] : []));
  const pair = pairs.reduce<(typeof pairs)[number] | undefined>((best, p) => (best === undefined || p.first.away.length + p.second.away.length < best.first.away.length + best.second.away.length ? p : best), undefined);
  const target = pair?.first;
  // The minimum is set under the fewest on duty on any day already seeded, so that the plan below is
  // the only one below it (a demo whose history is red on days no one confirmed contradicts its rule).
  const lastMonth = months[months.length - 1];
  const monthsSeeded = (Number(lastMonth.slice(0, 4)) - (year - 1)) * 12 + Number(lastMonth.slice(5, 7));
  const seeded = Array.from({ length: monthsSeeded }, (_, i) => `${year - 1 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  const fewestOnDuty = Math.min(...seeded.flatMap((m) => stationMonth(store, station.id, m, lookup).days.map((d) => d.onDuty)));
  const minimum = Math.min(strength - 6, fewestOnDuty);
  const awayThen = new Set(pair ? [...pair.first.away, ...pair.second.away].map((a) => a.staffId) : []);
  const free = active.slice(2).filter((p) => !awayThen.has(p.id));
  // One more than the minimum allows away on the busier of the two days.
  const groupSize = pair ? Math.max(pair.first.onDuty, pair.second.onDuty) - minimum + 1 : 0;
  if (target && strength > 10 && groupSize <= free.length) {
    writeRecord(store, actor, 'setting', settingRowId(station.id, 'station.minimumOnDuty'), { station_id: station.id, key: 'station.minimumOnDuty', value: JSON.stringify(minimum) });
    const group = free.slice(0, groupSize);
    const confirm = '年底集中轮休，已报所长同意，辖区巡逻由社区辅警补位';
    for (const [index, person] of group.entries()) {
      const leave = { staffId: person.id, fromDate: target.date, toDate: addDays(target.date, 1), status: '计划' as const, ...(index === group.length - 1 ? { strengthConfirm: confirm } : {}) };
      if (!plan({ ...leave, type: '年休假', reason: '年底轮休' })) plan({ ...leave, type: '事假', reason: '家中有事' });
    }
    summary.belowMinimum = days.length > 0 ? months.flatMap((m) => stationMonth(store, station.id, m, lookup).days).filter((d) => d.belowMinimum && compareIsoDates(d.date, today) > 0).map((d) => d.date) : [];
  }
  return summary;
}
