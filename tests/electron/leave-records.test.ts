import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeValidIdNumber } from '../../shared/id-number';
import { leaveSuggestions } from '../../electron/leave/leave-suggestions';
import { openRosterTestApp, staffForm, type RosterTestApp } from '../support/roster-client';

/**
 * Leave through the handlers (the same calls as the page's dialogs) on a real ledger: the days
 * shown before saving, each refusal with its message, the minimum-strength warning and the
 * confirmation kept, the 补休 ledger, the suggestions, the balances and the reminders.
 */

let app: RosterTestApp;
let zhang: string;

async function addPeople(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const person = await app.client.call('staff.save', staffForm({ name: `民警${'甲乙丙丁戊己庚辛壬癸'[n]}`, idNumber: makeValidIdNumber('330106', `198${n}-03-0${(n % 8) + 1}`, 21 + 2 * n), workStartDate: '2012-07-01', joinedStationDate: '2015-03-01' }));
    ids.push(person.id);
  }
  return ids;
}

beforeEach(async () => {
  app = await openRosterTestApp();
  zhang = (await app.client.call('staff.save', staffForm({ hireDate: '2007-07-01' }))).id;
  await app.client.call('settings.set', { key: 'station.minimumOnDuty', value: 0 });
});
afterEach(() => app.close());

describe('a leave, counted and refused by the rules', () => {
  it('shows the working days of a leave across 国庆 before saving; saved, it keeps them', async () => {
    const count = await app.client.call('leave.count', { type: '年休假', fromDate: '2026-09-28', toDate: '2026-10-09' });
    expect(count).toMatchObject({ days: 5, counting: '工作日', weekendDays: 0, makeUpWorkdays: [] });
    expect(count.holidays.map((h) => h.date)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    const saved = await app.client.call('leave.save', { staffId: zhang, type: '年休假', fromDate: '2026-09-28', toDate: '2026-10-09', status: '已休', approver: '所长 王建国' });
    expect(saved).toMatchObject({ staffName: '张三', days: 5, status: '已休', approver: '所长 王建国' });
  });

  it('refuses an overlap with the same person’s leave, but not two halves of one day', async () => {
    await app.client.call('leave.save', { staffId: zhang, type: '事假', fromDate: '2026-11-02', toDate: '2026-11-03', toHalf: '上午' });
    await expect(app.client.call('leave.save', { staffId: zhang, type: '病假', fromDate: '2026-11-03', toDate: '2026-11-04' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('与此人已有的事假（2026-11-02 至 2026-11-03 上午，计划）重叠'),
    });
    const afternoon = await app.client.call('leave.save', { staffId: zhang, type: '病假', fromDate: '2026-11-03', fromHalf: '下午', toDate: '2026-11-04' });
    expect(afternoon.days).toBe(1.5);
    // A cancelled leave frees its days.
    await app.client.call('leave.save', { ...afternoon, status: '取消' });
    expect((await app.client.call('leave.save', { staffId: zhang, type: '婚假', fromDate: '2026-11-04', toDate: '2026-11-04' })).days).toBe(1);
  });

  it('refuses zero working days, dates before 入职时间, and a year without a calendar', async () => {
    await expect(app.client.call('leave.save', { staffId: zhang, type: '年休假', fromDate: '2026-10-03', toDate: '2026-10-05' })).rejects.toMatchObject({ message: expect.stringContaining('计为 0 天') });
    await expect(app.client.call('leave.save', { staffId: zhang, type: '事假', fromDate: '2007-06-28', toDate: '2007-06-29' })).rejects.toMatchObject({ message: expect.stringContaining('早于此人入职时间 2007-07-01') });
    // A year mistyped before employment is said as such, even where no calendar holds that year.
    await expect(app.client.call('leave.save', { staffId: zhang, type: '事假', fromDate: '1997-06-02', toDate: '1997-06-03' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('早于此人入职时间 2007-07-01') });
    await expect(app.client.call('leave.save', { staffId: zhang, type: '事假', fromDate: '2027-01-04', toDate: '2027-01-05' })).rejects.toMatchObject({ code: 'CALENDAR_MISSING', message: expect.stringContaining('2027') });
    await expect(app.client.call('leave.save', { staffId: zhang, type: '事假', fromDate: '2026-11-05', toDate: '2026-11-04' })).rejects.toMatchObject({ message: expect.stringContaining('不能早于开始日期') });
  });

  it('refuses more annual leave than the balance: it is never borrowed from next year', async () => {
    // 参加工作 2007-07-01: 19 years → 10 days in 2026.
    await app.client.call('leave.save', { staffId: zhang, type: '年休假', fromDate: '2026-03-02', toDate: '2026-03-06', status: '已休' });
    await expect(app.client.call('leave.save', { staffId: zhang, type: '年休假', fromDate: '2026-11-30', toDate: '2026-12-07' })).rejects.toMatchObject({
      code: 'LEAVE_OVER_BALANCE',
      message: expect.stringMatching(/2026年应休10天，已休5天，已计划0天，剩余5天，本次6天。年休假不能预支/),
    });
    await app.client.call('leave.save', { staffId: zhang, type: '年休假', fromDate: '2026-11-30', toDate: '2026-12-04' });
    const [balance] = await app.client.call('leave.entitlement', { year: 2026 });
    expect(balance).toMatchObject({ name: '张三', entitled: 10, carried: 0, taken: 5, planned: 5, remaining: 0 });
  });

  it('a 事假 of 20 days takes the year’s annual leave, and says why', async () => {
    await app.client.call('leave.save', { staffId: zhang, type: '事假', fromDate: '2026-06-01', toDate: '2026-06-29', status: '已休' });
    const [balance] = await app.client.call('leave.entitlement', { year: 2026 });
    expect(balance).toMatchObject({ entitled: 0, reason: expect.stringContaining('事假累计20天') });
    await expect(app.client.call('leave.save', { staffId: zhang, type: '年休假', fromDate: '2026-12-01', toDate: '2026-12-01' })).rejects.toMatchObject({ code: 'LEAVE_OVER_BALANCE', message: expect.stringContaining('事假累计20天') });
  });
});

describe('minimum strength', () => {
  it('warns with the days and the others away; saved with a reason, which is kept; the month shows the days in red', async () => {
    const [jia, yi] = await addPeople(2);
    // Three in the strength; the minimum is 2.
    await app.client.call('settings.set', { key: 'station.minimumOnDuty', value: 2 });
    await app.client.call('leave.save', { staffId: jia, type: '年休假', fromDate: '2026-12-14', toDate: '2026-12-16' });
    const plan = { staffId: yi, type: '年休假', fromDate: '2026-12-15', toDate: '2026-12-18' } as const;
    await expect(app.client.call('leave.save', plan)).rejects.toMatchObject({
      code: 'LEAVE_NEEDS_CONFIRMATION',
      message: expect.stringMatching(/2026-12-15 在岗 1 人，低于最低在岗警力 2 人（同日休假：民警甲（年休假））\n2026-12-16 在岗 1 人/),
    });
    const saved = await app.client.call('leave.save', { ...plan, strengthConfirm: '年底集中休假，所长同意' });
    expect(saved.strengthConfirm).toBe('年底集中休假，所长同意');
    const month = await app.client.call('leave.stationMonth', { month: '2026-12' });
    expect(month).toMatchObject({ strength: 3, minimum: 2, missingCalendarYear: null });
    expect(month.days.filter((d) => d.belowMinimum).map((d) => d.date)).toEqual(['2026-12-15', '2026-12-16']);
    expect(month.days.find((d) => d.date === '2026-12-15')?.away.map((a) => a.name)).toEqual(['民警甲', '民警乙']);
    expect(month.days.find((d) => d.date === '2026-12-19')).toMatchObject({ dayKind: '休息日', onDuty: 3 });
  });
});

describe('补休', () => {
  it('duty on a rest day or holiday earns it, on a working day refused; 补休 beyond the balance refused', async () => {
    await expect(app.client.call('duty.save', { staffId: zhang, date: '2026-09-20', hours: 8 })).rejects.toMatchObject({ message: expect.stringContaining('2026-09-20 是调休上班') });
    const national = await app.client.call('duty.save', { staffId: zhang, date: '2026-10-01', hours: 8 });
    expect(national).toMatchObject({ days: 1, dayKind: '国庆节', expiresOn: '2027-09-30' });
    await expect(app.client.call('duty.save', { staffId: zhang, date: '2026-10-10', hours: 4 })).rejects.toMatchObject({ message: expect.stringContaining('调休上班') });
    await app.client.call('duty.save', { staffId: zhang, date: '2026-10-11', hours: 4 });
    await expect(app.client.call('leave.save', { staffId: zhang, type: '轮休/补休', fromDate: '2026-10-12', toDate: '2026-10-13' })).rejects.toMatchObject({
      code: 'COMPENSATORY_SHORT',
      message: expect.stringContaining('只有 1.5 天，本次 2 天'),
    });
    await app.client.call('leave.save', { staffId: zhang, type: '轮休/补休', fromDate: '2026-10-12', toDate: '2026-10-13', toHalf: '上午' });
    const { balances } = await app.client.call('duty.list', {});
    expect(balances).toEqual([expect.objectContaining({ name: '张三', earned: 1.5, used: 1.5, remaining: 0 })]);
  });
});

describe('suggestions and reminders', () => {
  it('陪考轮休 for a child sitting 高考 this year, 强制休息 from a health event; planned once, offered no more', async () => {
    await app.client.call('family.save', { staffId: zhang, relation: '子女', name: '张小明', birthDate: '2008-05-01', gaokaoYear: 2026 });
    await app.client.call('health.event.save', { staffId: zhang, kind: '重大疾病', startDate: '2026-11-16', endDate: '2026-11-29', forcedRest: true });
    // In May, with the 高考 ahead (the ledger's own date is in November, when it is over).
    const suggestions = leaveSuggestions(app.store, 2026, '2026-05-20');
    expect(suggestions).toEqual([
      // 7 June 2026 is a Sunday: two working days of 陪考轮休 run to Tuesday 9 June, the exam's last day.
      expect.objectContaining({ type: '陪考轮休', fromDate: '2026-06-07', toDate: '2026-06-09', reason: expect.stringContaining('子女张小明2026年高考（6月7日–6月9日），陪考轮休2天') }),
      expect.objectContaining({ type: '强制休息', fromDate: '2026-11-16', toDate: '2026-11-29' }),
    ]);
    // In November the exam is over: nothing is left to plan for it.
    expect(await app.client.call('leave.suggestions', { year: 2026 })).toEqual([expect.objectContaining({ type: '强制休息' })]);
    for (const s of suggestions) await app.client.call('leave.save', { staffId: s.staffId, type: s.type, fromDate: s.fromDate, toDate: s.toDate, source: s.source, reason: s.reason });
    expect(await app.client.call('leave.suggestions', { year: 2026 })).toEqual([]);
    const person = await app.client.call('leave.person', { staffId: zhang });
    expect(person.leaves.map((l) => `${l.type}${l.days}`)).toEqual(['强制休息14', '陪考轮休2']);
  });

  it('应休尽休: after the check date, everyone who took none or less than half is reminded', async () => {
    await app.client.call('leave.save', { staffId: zhang, type: '年休假', fromDate: '2026-05-11', toDate: '2026-05-12', status: '已休' });
    const reminders = await app.client.call('reminders.list', { from: '2026-11-23' });
    expect(reminders.filter((r) => r.kind === '应休尽休')).toEqual([expect.objectContaining({ name: '张三', date: '2026-10-01', reason: '2026年年休假应休10天，已休2天（未过半）' })]);
    await app.client.call('settings.set', { key: 'leave.underusedCheckDay', value: '12-01' });
    expect((await app.client.call('reminders.list', { from: '2026-11-23' })).filter((r) => r.kind === '应休尽休')).toEqual([]);
  });
});
