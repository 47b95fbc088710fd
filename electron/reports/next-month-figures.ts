import { festivalsOfYear, nextBirthday } from '../../shared/festival-dates';
import type { HealthRuleSettings } from '../../shared/health-record';
import type { NextMonthItem } from '../../shared/monthly-report';
import { overdueCheckups, type CheckupFact, type HealthPerson } from '../../shared/health-rules';
import { GAOKAO_LAST_DAY } from '../../shared/person-derivations';
import { isWithin, type ReportPeriod } from './report-month';
import { stationOn, statusOn, type ReportLedger, type ReportPerson } from './report-ledger';
import type { ReportUnits, UnitReport } from './report-units';

/**
 * 6. 下月提醒: what the next month brings for the people in service at month end — birthdays
 * (solar, or lunar for people marked 生日按农历: `nextBirthday` of shared/festival-dates.ts, as the
 * reminders of 工作台 count them), festivals, retirements (the expected date), children sitting
 * 高考 (7–9 June) or 中考 (by the local last day, 设置) — and how many will be overdue for this
 * year's checkup (from the overdue month of 设置, shared/health-rules.ts).
 */

/** The first day of 高考 (7–9 June). */
const GAOKAO_FIRST_DAY = '06-07';

/** The festivals of next month (the same for every station: listed once). */
export function nextMonthFestivals(period: ReportPeriod): NextMonthItem[] {
  const year = Number(period.nextFrom.slice(0, 4));
  return festivalsOfYear(year)
    .filter((f) => isWithin(f.date, period.nextFrom, period.nextTo))
    .map((f) => ({ date: f.date, kind: '节日', name: f.name, detail: '节日慰问', stationName: '' }));
}

export function addNextMonthFigures(ledger: ReportLedger, period: ReportPeriod, units: ReportUnits, options: { rules: HealthRuleSettings; zhongkaoLastDay: string }): void {
  const year = Number(period.nextFrom.slice(0, 4));
  const active = new Map<string, { person: ReportPerson; unit: UnitReport }>();
  for (const person of ledger.people) {
    const unit = units.of(stationOn(person, period.to));
    if (unit && statusOn(person, period.to) === '在职') active.set(person.id, { person, unit });
  }
  const add = (unit: UnitReport, kind: 'birthdays' | 'retirements' | 'exams', item: Omit<NextMonthItem, 'stationName'>) => {
    unit.figures.nextMonth[kind] += 1;
    unit.lists.nextMonth.push({ ...item, stationName: unit.name });
  };
  for (const { person, unit } of active.values()) {
    if (person.birthDate) {
      const birthday = nextBirthday(person.birthDate, person.lunarBirthday, period.nextFrom);
      if (birthday <= period.nextTo) add(unit, 'birthdays', { date: birthday, kind: '生日', name: person.name, detail: `${Number(birthday.slice(0, 4)) - Number(person.birthDate.slice(0, 4))}岁生日${person.lunarBirthday ? '（农历）' : ''}` });
    }
    if (isWithin(person.expectedRetirementDate, period.nextFrom, period.nextTo)) add(unit, 'retirements', { date: person.expectedRetirementDate, kind: '退休', name: person.name, detail: '到达退休年龄' });
  }
  const gaokao = `${year}-${GAOKAO_FIRST_DAY}`;
  const zhongkao = `${year}-${options.zhongkaoLastDay}`;
  for (const child of ledger.examChildren) {
    const parent = active.get(child.staffId);
    if (!parent) continue;
    if (child.gaokaoYear === year && isWithin(gaokao, period.nextFrom, period.nextTo)) {
      add(parent.unit, 'exams', { date: gaokao, kind: '高考', name: parent.person.name, detail: `子女 ${child.name} 参加高考（6月7日—${GAOKAO_LAST_DAY.replace('06-0', '')}日）` });
    }
    if (child.zhongkaoYear === year && isWithin(zhongkao, period.nextFrom, period.nextTo)) {
      add(parent.unit, 'exams', { date: zhongkao, kind: '中考', name: parent.person.name, detail: `子女 ${child.name} 参加中考` });
    }
  }
  const people: HealthPerson[] = [...active.values()].map(({ person }) => ({ staffId: person.id, name: person.name, idNumber: '', category: person.category, stationName: null, status: '在职', workStartDate: person.workStartDate }));
  const checkups: CheckupFact[] = ledger.checkups.map((c) => ({ id: c.id, staffId: c.staffId, date: c.date, conclusion: c.conclusion, abnormalItems: [], followUpDue: null, followUpDoneDate: null }));
  for (const overdue of overdueCheckups(people, checkups, period.nextTo, options.rules.overdueFromMonth)) {
    const entry = active.get(overdue.staffId);
    if (entry) entry.unit.figures.nextMonth.overdueCheckups += 1;
  }
}
