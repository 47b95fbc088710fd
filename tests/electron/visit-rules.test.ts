import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeValidIdNumber } from '../../shared/id-number';
import type { VisitBatchInput, VisitInput } from '../../shared/visit-record';
import { openRosterTestApp, staffForm, type RosterTestApp } from '../support/roster-client';

/**
 * The rules of a welfare visit (issue 11), through the handlers on a real ledger: the standard in
 * force on the event date, caps, the in-kind rule, one visit per event, the relative's owner, the
 * person's status, the budget, the batch of a festival and its coverage. Today is 2026-11-23.
 */

let app: RosterTestApp;
let staffId: string;
beforeEach(async () => {
  app = await openRosterTestApp({ role: 'bureau' });
  staffId = (await app.client.call('staff.save', staffForm())).id;
});
afterEach(() => app.close());

const birthday = (overrides: Partial<VisitInput> = {}): VisitInput => ({ staffId, kind: '生日慰问', date: '2026-07-04', cashFen: 30000, funding: '工会经费', event: '2026生日', eventDate: '2026-07-04', ...overrides });
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: { code: string; message: string; details?: { warnings?: { code: string; message: string }[] } }) => e);

describe('standards: the one in force on the event date applies', () => {
  it('the built-in default (生日 ¥300) until the bureau’s version of 2026-07-01; the event date decides, not the entry date', async () => {
    expect(await app.client.call('visits.standardOn', { kind: '生日慰问', date: '2026-06-30' })).toMatchObject({ eventCapFen: 30000, source: '内置' });
    await app.client.call('visits.saveStandard', { kind: '生日慰问', effectiveFrom: '2026-07-01', eventCapFen: 50000, timesPerYear: 1, funding: '工会经费', note: '2026年起提高' });
    expect(await app.client.call('visits.standardOn', { kind: '生日慰问', date: '2026-06-30' })).toMatchObject({ eventCapFen: 30000 });
    expect(await app.client.call('visits.standardOn', { kind: '生日慰问', date: '2026-07-01' })).toMatchObject({ eventCapFen: 50000, effectiveFrom: '2026-07-01', source: '本单位' });

    // A birthday of 30 June answered in November: the old cap (¥300) applies — ¥400 is over it.
    const over = await refusal(app.client.call('visits.save', birthday({ date: '2026-11-20', eventDate: '2026-06-30', cashFen: 40000 })));
    expect(over).toMatchObject({ code: 'VISIT_NEEDS_CONFIRMATION' });
    expect(over?.details?.warnings).toEqual([expect.objectContaining({ code: 'EVENT_CAP', message: expect.stringContaining('超过「生日慰问」每次标准 ¥300.00：本次 ¥400.00，超出 ¥100.00') })]);
    // The same amount for a birthday of 1 July is within the new standard, though entered the same day.
    await expect(app.client.call('visits.save', birthday({ date: '2026-11-20', eventDate: '2026-07-01', cashFen: 40000 }))).resolves.toMatchObject({ cashFen: 40000 });
  });

  it('a station reads the standards but may not write them', async () => {
    const station = await openRosterTestApp();
    try {
      await expect(station.client.call('visits.saveStandard', { kind: '住院慰问', effectiveFrom: '2026-01-01', eventCapFen: 200000, funding: '工会经费' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('慰问标准由市局/县局制定'),
      });
      expect((await station.client.call('visits.standards', {})).filter((s) => s.kind === '住院慰问')).toEqual([expect.objectContaining({ eventCapFen: 100000, timesPerYear: 2, source: '内置' })]);
    } finally {
      station.close();
    }
  });
});

describe('caps, the in-kind rule, times per year', () => {
  it('over the cap: saved only with a reason, which is kept', async () => {
    const input = birthday({ cashFen: 50000 });
    expect(await refusal(app.client.call('visits.save', input))).toMatchObject({ code: 'VISIT_NEEDS_CONFIRMATION', message: expect.stringContaining('请填写确认说明') });
    const saved = await app.client.call('visits.save', { ...input, confirmReason: '五十岁整生日，所务会研究同意' });
    expect(saved).toMatchObject({ cashFen: 50000, confirmReason: '五十岁整生日，所务会研究同意' });
  });

  it('cash for a kind paid in kind only is refused, whatever the reason', async () => {
    const festival = { staffId, kind: '节日慰问', date: '2026-09-20', cashFen: 20000, funding: '工会经费', event: '2026中秋', eventDate: '2026-09-25', confirmReason: '领导同意' } as const;
    const refused = await refusal(app.client.call('visits.save', festival));
    expect(refused).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('「节日慰问」按标准只发实物，不能发放现金（¥200.00）') });
    await expect(app.client.call('visits.save', { ...festival, cashFen: 0, goods: '月饼礼盒', goodsValueFen: 20000, confirmReason: null })).resolves.toMatchObject({ goods: '月饼礼盒' });
  });

  it('more times a year than the standard allows, and a per-person-per-year cap, warn', async () => {
    await app.client.call('visits.saveStandard', { kind: '困难帮扶', effectiveFrom: '2026-01-01', yearlyCapFen: 500000, timesPerYear: 2, funding: '工会经费' });
    const aid = (date: string, cashFen: number) => ({ staffId, kind: '困难帮扶', date, cashFen, funding: '工会经费' }) as const;
    await app.client.call('visits.save', aid('2026-02-01', 300000));
    await app.client.call('visits.save', aid('2026-06-01', 100000));
    const third = await refusal(app.client.call('visits.save', aid('2026-10-01', 200000)));
    expect(third?.details?.warnings?.map((w) => w.code)).toEqual(['YEARLY_CAP', 'TIMES_PER_YEAR']);
    expect(third?.details?.warnings?.[0].message).toContain('每人每年限额 ¥5,000.00：张三 2026 年合计 ¥6,000.00，超出 ¥1,000.00');
    expect(third?.details?.warnings?.[1].message).toContain('每人每年2次，这是张三 2026 年的第3次');
  });
});

describe('one visit per event', () => {
  it('a second visit for the same hospitalisation, festival-year or birthday-year is refused unless the clerk says why', async () => {
    const stay = await app.client.call('health.event.save', { staffId, kind: '住院', startDate: '2026-11-10', hospital: '市一医院' });
    const hospital = { staffId, kind: '住院慰问', date: '2026-11-12', cashFen: 50000, funding: '工会经费', event: `住院:${stay.id}`, eventDate: '2026-11-10' } as const;
    const first = await app.client.call('visits.save', hospital);
    // Shown by its kind and first day, never the hospital (the lists and the 签领表 show it).
    expect(first.eventLabel).toBe('住院 2026-11-10');
    const again = await refusal(app.client.call('visits.save', { ...hospital, date: '2026-11-18' }));
    expect(again?.details?.warnings).toEqual([expect.objectContaining({ code: 'DUPLICATE_EVENT', message: expect.stringContaining('已于 2026-11-12 因同一事件') })]);
    await app.client.call('visits.save', { ...hospital, date: '2026-11-18', cashFen: 30000, confirmReason: '病情加重转院，再次看望' });
    // Editing the visit itself is no duplicate.
    await expect(app.client.call('visits.save', { ...hospital, id: first.id, visitors: '所长 王建国' })).resolves.toMatchObject({ visitors: '所长 王建国' });

    await app.client.call('visits.save', birthday());
    expect((await refusal(app.client.call('visits.save', birthday({ date: '2026-07-05', cashFen: 10000 }))))?.details?.warnings?.map((w) => w.code)).toEqual(['TIMES_PER_YEAR', 'DUPLICATE_EVENT']);
  });
});

describe('who may be visited', () => {
  it('the relative must be the staff member’s own', async () => {
    const other = (await app.client.call('staff.save', staffForm({ name: '李四', idNumber: makeValidIdNumber('330106', '1980-01-02', 15) }))).id;
    const theirs = await app.client.call('family.save', { staffId: other, relation: '父亲', name: '李大山' });
    const mine = await app.client.call('family.save', { staffId, relation: '父亲', name: '张大山' });
    const bereavement = { staffId, kind: '直系亲属去世慰问', date: '2026-10-02', cashFen: 100000, funding: '工会经费', event: '父亲去世' } as const;
    await expect(app.client.call('visits.save', { ...bereavement, familyMemberId: theirs.id })).rejects.toMatchObject({ message: expect.stringContaining('所选家属不是张三的家属') });
    await expect(app.client.call('visits.save', { ...bereavement, familyMemberId: mine.id })).resolves.toMatchObject({ recipient: '父亲 张大山' });
  });

  it('a retiree gets retiree care, not a wedding visit; someone transferred out gets none; the family of one who died gets bereavement', async () => {
    await app.client.call('staff.changeStatus', { staffId, status: '退休', date: '2026-08-01', confirmEarlyRetirement: true });
    const goods = { cashFen: 0, goods: '慰问品', goodsValueFen: 20000, funding: '工会经费' } as const;
    await expect(app.client.call('visits.save', { staffId, kind: '节日慰问', date: '2026-09-20', event: '2026中秋', ...goods })).resolves.toMatchObject({ kind: '节日慰问' });
    await expect(app.client.call('visits.save', { staffId, kind: '结婚慰问', date: '2026-09-20', cashFen: 50000, funding: '工会经费' })).rejects.toMatchObject({
      message: expect.stringContaining('张三自 2026-08-01 起已退休，「结婚慰问」不适用于退休人员'),
    });
    // Before the retirement he was in service: any kind fits.
    await expect(app.client.call('visits.save', { staffId, kind: '结婚慰问', date: '2026-05-01', cashFen: 50000, funding: '工会经费' })).resolves.toMatchObject({ kind: '结婚慰问' });

    const moved = (await app.client.call('staff.save', staffForm({ name: '王五', idNumber: makeValidIdNumber('330106', '1982-03-04', 17) }))).id;
    await app.client.call('staff.changeStatus', { staffId: moved, status: '调出', date: '2026-06-01' });
    await expect(app.client.call('visits.save', { staffId: moved, kind: '节日慰问', date: '2026-09-20', event: '2026中秋', ...goods })).rejects.toMatchObject({ message: expect.stringContaining('王五自 2026-06-01 起已调出，不再由本单位慰问') });

    await expect(app.client.call('visits.save', { staffId: moved, kind: '因公牺牲或病故慰问', date: '2026-05-20', cashFen: 200000, funding: '工会经费' })).rejects.toMatchObject({
      message: expect.stringContaining('王五的状态为「调出」，不能登记'),
    });
  });
});

describe('budget', () => {
  it('over the year’s budget warns with the amount; spent and remaining by month and year to date', async () => {
    await app.client.call('visits.setBudget', { year: 2026, funding: '工会经费', amountFen: 100000 });
    await app.client.call('visits.save', birthday({ date: '2026-07-04', cashFen: 30000 }));
    await app.client.call('visits.save', { staffId, kind: '困难帮扶', date: '2026-11-02', cashFen: 50000, funding: '工会经费' });
    const over = await refusal(app.client.call('visits.save', { staffId, kind: '困难帮扶', date: '2026-11-20', cashFen: 40000, funding: '工会经费' }));
    expect(over?.details?.warnings).toEqual([expect.objectContaining({ code: 'OVER_BUDGET', message: '超出 2026 年工会经费慰问预算 ¥200.00（预算 ¥1,000.00，已用 ¥800.00，本次 ¥400.00）。' })]);
    await app.client.call('visits.save', { staffId, kind: '困难帮扶', date: '2026-11-20', cashFen: 40000, funding: '工会经费', confirmReason: '追加预算已报批' });
    expect((await app.client.call('visits.budget', { year: 2026 })).find((b) => b.funding === '工会经费')).toEqual({
      year: 2026,
      funding: '工会经费',
      amountFen: 100000,
      note: null,
      spentYearFen: 120000,
      spentMonthFen: 90000,
      month: 11,
      remainingFen: -20000,
    });
  });
});

describe('a festival for everyone not yet visited, in one step', () => {
  it('records the batch with the standard applied, skips who was visited, checks the budget once, and the coverage is complete', async () => {
    const others = [];
    for (let n = 0; n < 4; n += 1) others.push((await app.client.call('staff.save', staffForm({ name: `民警${'甲乙丙丁'[n]}`, idNumber: makeValidIdNumber('330106', `1990-0${n + 1}-11`, 21 + 2 * n) }))).id);
    await app.client.call('visits.save', { staffId, kind: '节日慰问', date: '2026-09-22', goods: '月饼礼盒', goodsValueFen: 20000, funding: '工会经费', event: '2026中秋', eventDate: '2026-09-25' });
    const before = await app.client.call('visits.coverage', { festival: '中秋', year: 2026 });
    expect(before).toMatchObject({ date: '2026-09-25', active: 5, visited: [expect.objectContaining({ name: '张三' })] });
    expect(before.missing).toHaveLength(4);

    await app.client.call('visits.setBudget', { year: 2026, funding: '工会经费', amountFen: 90000 });
    const batch: VisitBatchInput = { staffIds: [staffId, ...others], kind: '节日慰问', date: '2026-09-23', goods: '月饼礼盒', goodsValueFen: 20000, funding: '工会经费', event: '2026中秋', eventDate: '2026-09-25' };
    const cash = await refusal(app.client.call('visits.batch', { ...batch, cashFen: 10000 }));
    expect(cash).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('只发实物') });
    const budget = await refusal(app.client.call('visits.batch', batch));
    expect(budget?.details?.warnings).toEqual([expect.objectContaining({ code: 'OVER_BUDGET', message: expect.stringContaining('这批 4 人共 ¥800.00，超出 2026 年工会经费慰问预算 ¥100.00') })]);
    const result = await app.client.call('visits.batch', { ...batch, confirmReason: '中秋慰问计划' });
    expect(result).toMatchObject({ created: 4, skipped: [expect.objectContaining({ name: '张三', reason: '已登记过「2026中秋」的慰问' })] });
    const after = await app.client.call('visits.coverage', { festival: '中秋', year: 2026 });
    expect([after.visited.length, after.missing]).toEqual([5, []]);
    // Selecting everyone again visits no one twice.
    expect((await app.client.call('visits.batch', { ...batch, confirmReason: '再点一次' })).created).toBe(0);

    const list = await app.client.call('visits.list', { year: 2026, kind: '节日慰问' });
    expect(list.total).toEqual({ count: 5, cashFen: 0, goodsValueFen: 100000 });
    expect(list.totals).toEqual([{ kind: '节日慰问', count: 5, cashFen: 0, goodsValueFen: 100000 }]);
  });
});

describe('生日按农历', () => {
  it('a person who keeps the lunar birthday is reminded on the lunar date of birth of the ID number', async () => {
    // Born 1985-07-04: lunar 五月十七. In 2027 that is 2027-06-21; the solar birthday would be 07-04.
    await app.client.call('staff.save', { ...staffForm(), id: staffId, lunarBirthday: true });
    expect((await app.client.call('staff.list', {})).find((p) => p.id === staffId)?.lunarBirthday).toBe(true);
    const reminders = await app.client.call('reminders.list', { from: '2027-06-01', days: 40 });
    expect(reminders.filter((r) => r.kind === '生日')).toEqual([
      expect.objectContaining({ date: '2027-06-21', name: '张三', reason: '41岁生日（农历五月十七）', visit: { kind: '生日慰问', event: '2027生日', eventDate: '2027-06-21' } }),
    ]);
  });
});
