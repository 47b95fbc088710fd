import { describe, expect, it } from 'vitest';
import {
  abnormalItemRanking,
  checkupCoverage,
  checkupProblems,
  followUpsDue,
  medicalEventProblems,
  overdueCheckups,
  splitAbnormalItems,
  watchList,
  type CheckupFact,
  type HealthPerson,
  type InterventionFact,
  type ScreeningFact,
} from '../../shared/health-rules';

function person(n: number, overrides: Partial<HealthPerson> = {}): HealthPerson {
  return { staffId: `p${n}`, name: `人员${n}`, idNumber: `ID${n}`, category: '民警', stationName: '北山派出所', status: '在职', workStartDate: '2010-07-01', ...overrides };
}

function checkup(staffId: string, date: string, overrides: Partial<CheckupFact> = {}): CheckupFact {
  return { id: `${staffId}-${date}`, staffId, date, conclusion: '正常', abnormalItems: [], followUpDue: null, followUpDoneDate: null, ...overrides };
}

const rules = { crisisInterventionDays: 7, warningInterventionDays: 14 };

describe('overdue checkups (a person with no checkup this year, from the configurable month)', () => {
  const people = [person(1), person(2), person(3, { status: '退休' })];
  const checkups = [checkup('p1', '2026-05-10'), checkup('p2', '2025-06-01')];

  it('lists nobody before the overdue month, and the unchecked from its 1st (day 1)', () => {
    expect(overdueCheckups(people, checkups, '2026-09-30', 10)).toEqual([]);
    const onFirst = overdueCheckups(people, checkups, '2026-10-01', 10);
    expect(onFirst.map((o) => [o.name, o.daysOverdue, o.lastCheckupDate])).toEqual([['人员2', 1, '2025-06-01']]);
    expect(overdueCheckups(people, checkups, '2026-12-31', 10)[0].daysOverdue).toBe(92);
  });

  it('follows the configured month', () => {
    expect(overdueCheckups(people, checkups, '2026-06-30', 7)).toEqual([]);
    expect(overdueCheckups(people, checkups, '2026-07-01', 7)).toHaveLength(1);
    expect(overdueCheckups(people, checkups, '2026-01-01', 1).map((o) => o.daysOverdue)).toEqual([1]);
  });

  it('starts afresh when the year turns: last year\'s checkup no longer counts, last year\'s miss is not carried', () => {
    expect(overdueCheckups(people, checkups, '2027-01-01', 10)).toEqual([]);
    expect(overdueCheckups(people, checkups, '2027-10-01', 10).map((o) => o.name)).toEqual(['人员1', '人员2']);
    // With January as the month, the whole station is overdue on New Year's Day.
    expect(overdueCheckups(people, checkups, '2027-01-01', 1).map((o) => o.name)).toEqual(['人员1', '人员2']);
  });
});

describe('follow-ups due and not done', () => {
  it('is overdue the day after its due date, and leaves the list once done', () => {
    const people = [person(1), person(2)];
    const checkups = [
      checkup('p1', '2026-03-01', { conclusion: '异常需复查', abnormalItems: ['高血压'], followUpDue: '2026-06-01' }),
      checkup('p2', '2026-03-01', { conclusion: '异常需复查', followUpDue: '2026-06-01', followUpDoneDate: '2026-05-20' }),
    ];
    expect(followUpsDue(people, checkups, '2026-06-01').map((f) => [f.name, f.overdue, f.daysOverdue])).toEqual([['人员1', false, 0]]);
    expect(followUpsDue(people, checkups, '2026-06-02').map((f) => [f.name, f.overdue, f.daysOverdue])).toEqual([['人员1', true, 1]]);
  });
});

it('lists a latest abnormal checkup without a due date as a follow-up to arrange, never overdue; an older one not', () => {
  const people = [person(1)];
  const older = checkup('p1', '2025-03-01', { conclusion: '异常需复查' });
  const latest = checkup('p1', '2026-03-01', { conclusion: '异常需就医', abnormalItems: ['肺结节'] });
  expect(followUpsDue(people, [older, latest], '2026-11-23').map((f) => [f.checkupDate, f.followUpDue, f.overdue])).toEqual([['2026-03-01', null, false]]);
  expect(followUpsDue(people, [older, { ...latest, followUpDoneDate: '2026-04-01' }], '2026-11-23')).toEqual([]);
});

describe('the watch list (预警 and 危机 need one-to-one intervention)', () => {
  const people = [person(1), person(2), person(3), person(4)];
  const screenings: ScreeningFact[] = [
    { id: 's1', staffId: 'p1', date: '2026-11-01', level: '危机' },
    { id: 's2', staffId: 'p2', date: '2026-11-01', level: '预警' },
    { id: 's3', staffId: 'p3', date: '2026-11-01', level: '关注' },
    { id: 's4a', staffId: 'p4', date: '2026-03-01', level: '危机' },
    { id: 's4b', staffId: 'p4', date: '2026-09-01', level: '正常' },
  ];

  it('watches the latest 预警/危机 only, 危机 first; overdue after 7 or 14 days without a session', () => {
    const on = (today: string, interventions: InterventionFact[] = []) => watchList(people, screenings, interventions, today, rules);
    expect(on('2026-11-08').map((w) => [w.name, w.level, w.overdue])).toEqual([['人员1', '危机', false], ['人员2', '预警', false]]);
    expect(on('2026-11-09').map((w) => [w.name, w.overdue, w.daysOverdue])).toEqual([['人员1', true, 1], ['人员2', false, 0]]);
    expect(on('2026-11-16').map((w) => [w.name, w.overdue, w.daysOverdue])).toEqual([['人员1', true, 8], ['人员2', true, 1]]);
    const helped = on('2026-11-20', [{ staffId: 'p1', date: '2026-11-05', nextDate: '2026-11-26' }]);
    expect(helped[0]).toMatchObject({ name: '人员1', overdue: false, sessions: 1, nextSessionDate: '2026-11-26' });
  });

  it('a session after the due days still leaves the screening overdue (it was late), a session before the screening does not count', () => {
    const late = watchList(people, screenings, [{ staffId: 'p1', date: '2026-11-12', nextDate: null }, { staffId: 'p1', date: '2026-10-01', nextDate: null }], '2026-11-20', rules);
    expect(late[0]).toMatchObject({ name: '人员1', sessions: 1, overdue: true, daysOverdue: 12 });
  });

  it('follows the configured days', () => {
    expect(watchList(people, screenings, [], '2026-11-04', { crisisInterventionDays: 2, warningInterventionDays: 14 })[0]).toMatchObject({ overdue: true, daysOverdue: 1 });
  });
});

describe('coverage: checked this year ÷ active staff, by category', () => {
  it('counts active staff only, one checkup per person however many, per cent rounded down', () => {
    const people = [
      person(1), person(2), person(3),
      person(4, { category: '辅警' }), person(5, { category: '辅警' }),
      person(6, { category: '职工', status: '退休' }),
    ];
    const checkups = [checkup('p1', '2026-02-01'), checkup('p1', '2026-08-01'), checkup('p4', '2026-03-01'), checkup('p2', '2025-12-31'), checkup('p6', '2026-03-01')];
    const coverage = checkupCoverage(people, checkups, 2026);
    expect(coverage.categories).toEqual([
      { category: '民警', active: 3, checked: 1, percent: 33 },
      { category: '辅警', active: 2, checked: 1, percent: 50 },
      { category: '职工', active: 0, checked: 0, percent: 0 },
    ]);
    expect(coverage.total).toEqual({ active: 5, checked: 2, percent: 40 });
    expect(checkupCoverage(people, checkups, 2025).total).toEqual({ active: 5, checked: 1, percent: 20 });
    expect(checkupCoverage(people, checkups, 2026, ['辅警']).total).toEqual({ active: 2, checked: 1, percent: 50 });
  });

  it('ranks the year\'s abnormal items', () => {
    const checkups = [
      checkup('p1', '2026-02-01', { abnormalItems: ['高血压', '脂肪肝'] }),
      checkup('p2', '2026-02-01', { abnormalItems: ['脂肪肝'] }),
      checkup('p3', '2025-02-01', { abnormalItems: ['高血压', '高血压'] }),
    ];
    expect(abnormalItemRanking(checkups, 2026)).toEqual([{ item: '脂肪肝', count: 2 }, { item: '高血压', count: 1 }]);
  });
});

describe('date rules, each with a message that says what to do', () => {
  const context = { today: '2026-11-23', personName: '张三', workStartDate: '2010-07-01', sameDateExists: false };

  it('refuses a future checkup, one before employment, a follow-up before the checkup, a same-day second one unless confirmed', () => {
    expect(checkupProblems({ date: '2026-11-24', followUpDue: null, followUpDoneDate: null }, context)[0].message).toContain('晚于今天');
    expect(checkupProblems({ date: '2026-11-23', followUpDue: null, followUpDoneDate: null }, context)).toEqual([]);
    expect(checkupProblems({ date: '2009-05-01', followUpDue: null, followUpDoneDate: null }, context)[0].message).toContain('还未参加工作');
    expect(checkupProblems({ date: '2026-05-01', followUpDue: '2026-04-01', followUpDoneDate: null }, context)[0].field).toBe('followUpDue');
    const duplicate = checkupProblems({ date: '2026-05-01', followUpDue: null, followUpDoneDate: null }, { ...context, sameDateExists: true });
    expect(duplicate).toEqual([{ field: 'confirmDuplicate', message: expect.stringContaining('请勾选「确认同日另一次体检」') }]);
    expect(checkupProblems({ date: '2026-05-01', followUpDue: null, followUpDoneDate: null, confirmDuplicate: true }, { ...context, sameDateExists: true })).toEqual([]);
  });

  it('refuses a discharge before admission and an event before employment', () => {
    expect(medicalEventProblems({ kind: '住院', startDate: '2026-11-10', endDate: '2026-11-09' }, context)[0].message).toBe('出院日期 2026-11-09 早于入院日期 2026-11-10，请核对');
    expect(medicalEventProblems({ kind: '住院', startDate: '2026-11-10', endDate: '2026-11-10' }, context)).toEqual([]);
    expect(medicalEventProblems({ kind: '门诊', startDate: '2001-01-01', endDate: null }, context)[0].field).toBe('startDate');
    expect(medicalEventProblems({ kind: '住院', startDate: '2026-12-01', endDate: null }, context)[0].message).toContain('晚于今天');
  });
});

it('splits the hospital\'s abnormal-items cell at 、 ， ; and new lines', () => {
  expect(splitAbnormalItems('高血压、脂肪肝，甲状腺结节;肺结节；高血脂\n高血糖\r\n高血压')).toEqual(['高血压', '脂肪肝', '甲状腺结节', '肺结节', '高血脂', '高血糖']);
  expect(splitAbnormalItems('无')).toEqual([]);
});
