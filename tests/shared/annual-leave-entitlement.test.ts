import { describe, expect, it } from 'vitest';
import {
  annualBalance,
  annualLeaveTier,
  articleFourCase,
  baseEntitlement,
  isUnderused,
  monthlyTiers,
  yearEntitlement,
  type CountedLeave,
  type EntitledPerson,
} from '../../shared/annual-leave-entitlement';
import { compensatoryLedger, daysEarnedByDuty } from '../../shared/compensatory-rest';

/**
 * Each rule of annual leave on its boundaries (DOMAIN.md "Annual leave entitlement"): the tiers of
 * 条例 第三条, the month after the anniversary, a 辅警 newcomer's pro-rating (企业办法 第五条),
 * 条例 第四条's thresholds, next year's loss, the carry-over of one year; and the 补休 ledger.
 */

const police = (workStartDate: string, priorServiceMonths = 0): EntitledPerson => ({ category: '民警', workStartDate, priorServiceMonths, hireDate: null });
const auxiliary = (workStartDate: string, hireDate: string): EntitledPerson => ({ category: '辅警', workStartDate, priorServiceMonths: 0, hireDate });
const leave = (type: CountedLeave['type'], fromDate: string, toDate: string, days: number, status: CountedLeave['status'] = '已休'): CountedLeave => ({ type, fromDate, toDate, days, status });

describe('tiers (条例 第三条)', () => {
  it('less than 1 year none; 1–9 years 5; 10–19 years 10; 20 and more 15', () => {
    expect([0, 0.99, 1, 9, 9.99, 10, 19, 20, 35].map(annualLeaveTier)).toEqual([0, 0, 5, 5, 5, 10, 10, 15, 15]);
  });

  it('a new tier applies from the month after the anniversary (the last day of a month: the next month)', () => {
    expect(monthlyTiers(police('2016-03-31'), 2026).slice(2, 4)).toEqual([5, 10]);
    expect(monthlyTiers(police('2016-04-01'), 2026).slice(3, 5)).toEqual([5, 10]);
    // Recognised prior service counts: 2024-03-31 plus 8 years of military service.
    expect(monthlyTiers(police('2024-03-31', 96), 2026).slice(2, 4)).toEqual([5, 10]);
    // An anniversary on 31 December applies from January.
    expect(monthlyTiers(police('2015-12-31'), 2026)).toEqual(Array(12).fill(10));
  });

  it('a tier crossed mid-year: by month (dropping fractions), the new tier all year, or from next year — as set', () => {
    const crossing = police('2016-03-15');
    expect(baseEntitlement(crossing, 2026, '按月折算')).toMatchObject({ days: 8, reason: expect.stringContaining('4月起由5天档升为10天档') });
    expect(baseEntitlement(crossing, 2026, '全年按新档').days).toBe(10);
    expect(baseEntitlement(crossing, 2026, '次年起按新档').days).toBe(5);
    expect(baseEntitlement(crossing, 2027, '次年起按新档').days).toBe(10);
    expect(baseEntitlement(police('2026-02-01'), 2026, '按月折算')).toMatchObject({ days: 0, reason: expect.stringContaining('累计工作不满1年') });
    expect(baseEntitlement({ ...police('2000-01-01'), workStartDate: null }, 2026, '按月折算')).toMatchObject({ days: 0, reason: expect.stringContaining('未登记参加工作时间') });
  });

  it('a 辅警 hired this year: remaining calendar days ÷ 365 × the days, fractions dropped, from 入职时间', () => {
    // 3-15 to 12-31 is 292 days: 292 ÷ 365 × 5 = 4 exactly; a day later 3.98 → 3.
    expect(baseEntitlement(auxiliary('2020-07-01', '2026-03-15'), 2026, '按月折算')).toMatchObject({ days: 4, reason: expect.stringContaining('292÷365×5') });
    expect(baseEntitlement(auxiliary('2020-07-01', '2026-03-16'), 2026, '按月折算').days).toBe(3);
    expect(baseEntitlement(auxiliary('2020-07-01', '2026-03-16'), 2027, '按月折算').days).toBe(5);
    // A 民警 keeps the civil-service rule: no pro-rating.
    expect(baseEntitlement({ ...auxiliary('2020-07-01', '2026-03-16'), category: '民警' }, 2026, '按月折算').days).toBe(5);
  });
});

describe('no annual leave that year (条例 第四条)', () => {
  const person = police('2010-07-01');
  it('事假: 19.5 days keep it; 20 days take it', () => {
    expect(yearEntitlement(person, 2026, [leave('事假', '2026-03-02', '2026-03-27', 19.5)], '按月折算').entitled).toBe(10);
    expect(yearEntitlement(person, 2026, [leave('事假', '2026-03-02', '2026-03-20', 15), leave('事假', '2026-05-11', '2026-05-15', 5, '计划')], '按月折算')).toMatchObject({
      entitled: 0,
      reason: expect.stringContaining('事假累计20天（20天以上，条例第四条第二项）'),
    });
  });

  it.each([
    ['2020-07-01', 59, 60, '三'],
    ['2010-07-01', 89, 90, '四'],
    ['2000-07-01', 119, 120, '五'],
  ] as const)('病假 with work since %s: %i days keep it, %i take it (第%s项)', (start, keep, lose, item) => {
    const p = police(start);
    expect(yearEntitlement(p, 2026, [leave('病假', '2026-02-01', '2026-06-30', keep)], '按月折算').entitled).toBeGreaterThan(0);
    expect(yearEntitlement(p, 2026, [leave('病假', '2026-02-01', '2026-06-30', lose)], '按月折算')).toMatchObject({ entitled: 0, reason: expect.stringContaining(`第${item}项`) });
  });

  it('when annual leave was taken before the case arose, next year is lost instead', () => {
    const leaves = [leave('年休假', '2026-03-02', '2026-03-06', 5), leave('事假', '2026-06-01', '2026-06-26', 20)];
    expect(articleFourCase(person, 2026, leaves)).toMatchObject({ kind: '事假', arose: '2026-06-26', annualTakenBefore: true });
    expect(yearEntitlement(person, 2026, leaves, '按月折算')).toMatchObject({ entitled: 10, reason: expect.stringContaining('2027年不再享受年休假') });
    expect(yearEntitlement(person, 2027, leaves, '按月折算')).toMatchObject({ entitled: 0, reason: expect.stringContaining('2027年不享受年休假（企业职工带薪年休假实施办法第八条）') });
    expect(yearEntitlement(person, 2028, leaves, '按月折算').entitled).toBe(10);
    // Annual leave only planned when the case arises: this year's is taken, next year's kept.
    const planned = [leave('年休假', '2026-03-02', '2026-03-06', 5, '计划'), leave('事假', '2026-06-01', '2026-06-26', 20)];
    expect(yearEntitlement(person, 2026, planned, '按月折算').entitled).toBe(0);
    expect(yearEntitlement(person, 2027, planned, '按月折算').entitled).toBe(10);
  });
});

describe('balance and carry-over', () => {
  const person = police('2020-07-01');
  it('entitled, carried, taken, planned, remaining; what is carried lapses after one year', () => {
    const leaves = [leave('年休假', '2025-05-06', '2025-05-07', 2), leave('年休假', '2026-04-07', '2026-04-08', 2), leave('年休假', '2026-11-30', '2026-12-01', 2, '计划')];
    // 2024: 5, none taken → 5 carried into 2025; 2025 took 2 of those → 2025's own 5 carried into 2026, 2024's last 3 lapse.
    expect(annualBalance(person, 2026, leaves, '按月折算', 2024)).toEqual({ entitled: 5, carried: 5, taken: 2, planned: 2, remaining: 6, reason: expect.stringContaining('上年未休5天结转') });
    // The ledger knows nothing before its first year: nothing carried into it.
    expect(annualBalance(person, 2026, leaves, '按月折算', 2026).carried).toBe(0);
  });

  it('应休尽休: from the check date, none or less than half taken', () => {
    expect(isUnderused({ entitled: 10, carried: 0, taken: 4.5 }, 2026, '2026-10-01', '10-01')).toBe(true);
    expect(isUnderused({ entitled: 10, carried: 0, taken: 5 }, 2026, '2026-10-01', '10-01')).toBe(false);
    expect(isUnderused({ entitled: 10, carried: 0, taken: 0 }, 2026, '2026-09-30', '10-01')).toBe(false);
    expect(isUnderused({ entitled: 0, carried: 0, taken: 0 }, 2026, '2026-12-01', '10-01')).toBe(false);
  });
});

describe('补休 ledger', () => {
  it('4 hours earn half a day, 8 a day; uses take the oldest first; what is left lapses after the months set', () => {
    expect([3, 4, 7, 8, 24].map(daysEarnedByDuty)).toEqual([0, 0.5, 0.5, 1, 1]);
    const earnings = [
      { date: '2026-01-03', days: 1 },
      { date: '2026-05-01', days: 1 },
      { date: '2026-10-02', days: 1 },
    ];
    const ledger = compensatoryLedger(earnings, [{ date: '2026-06-10', days: 1.5 }], 6, '2026-11-23');
    // The January day was used (valid to 07-02), half of May's; May's other half lapsed on 10-31.
    expect(ledger).toMatchObject({ earned: 3, used: 1.5, expired: 0.5, remaining: 1, nextExpiry: { date: '2027-04-01', days: 1 }, shortfalls: [] });
    // A use before the duty that earns it finds nothing.
    expect(compensatoryLedger(earnings, [{ date: '2026-01-02', days: 1 }], 6, '2026-01-02').shortfalls).toEqual([{ date: '2026-01-02', missing: 1 }]);
    // The last valid day is the day before the months are up.
    expect(compensatoryLedger([{ date: '2026-01-03', days: 1 }], [{ date: '2026-07-02', days: 1 }], 6, '2026-07-02').used).toBe(1);
    expect(compensatoryLedger([{ date: '2026-01-03', days: 1 }], [{ date: '2026-07-03', days: 1 }], 6, '2026-07-03').used).toBe(0);
  });
});
