import { describe, expect, it } from 'vitest';
import { filterRoster, hiddenByStatusFilter, matchesRosterSearch } from '../../shared/roster-filter';
import type { StaffListItem } from '../../shared/staff-record';

function person(overrides: Partial<StaffListItem>): StaffListItem {
  return {
    id: overrides.name ?? 'x',
    stationId: 's1',
    stationCode: '330106-01',
    stationName: '北山派出所',
    category: '民警',
    name: '张三',
    namePinyin: 'zhangsan',
    nameInitials: 'zs',
    idNumber: '330106198507040131',
    birthDate: '1985-07-04',
    gender: '男',
    age: 41,
    phone: null,
    badgeNo: '023401',
    position: '社区民警',
    rank: null,
    auxLevel: null,
    starRating: null,
    workStartDate: null,
    priorServiceMonths: 0,
    workYears: 0,
    joinedStationDate: null,
    hireDate: null,
    ethnicity: null,
    education: null,
    degree: null,
    partyJoinDate: null,
    partyMember: false,
    unionMember: false,
    hardship: false,
    heroModel: false,
    lunarBirthday: false,
    disabilityLevel: null,
    retirementBase: 'male60',
    retirementDateOverride: null,
    expectedRetirementDate: '2048-07-04',
    status: '在职',
    statusDate: null,
    notes: null,
    ...overrides,
  };
}

const zhang = person({});
const li = person({ name: '李四', namePinyin: 'lisi', nameInitials: 'ls', idNumber: '33010619900101002X', badgeNo: 'FJ1001', category: '辅警', position: '辅警-巡逻', hardship: true });
const zhao = person({ name: '赵子龙', namePinyin: 'zhaozilong', nameInitials: 'zzl', idNumber: '110105194912310021', badgeNo: null, status: '退休', partyMember: true, disabilityLevel: 7 });
const roster = [zhang, li, zhao];
const names = (items: StaffListItem[]) => items.map((p) => p.name);

describe('matchesRosterSearch', () => {
  it('finds 张三 by pinyin initials, full pinyin (whole or partial) and name, in any case', () => {
    for (const query of ['zs', 'ZS', 'zhangsan', 'zhangs', 'ZhangSan', 'zhang san', '张', '张三', 'ｚｓ']) {
      expect(matchesRosterSearch(zhang, query), query).toBe(true);
    }
    expect(matchesRosterSearch(li, 'zs')).toBe(false);
    expect(matchesRosterSearch(zhang, 'lisi')).toBe(false);
  });

  it('finds a name typed with a space, and a name stored with the padding of an old roster', () => {
    expect(matchesRosterSearch(zhang, '张 三')).toBe(true);
    expect(matchesRosterSearch(zhang, '张\u3000三')).toBe(true);
    const padded = person({ name: '王\u3000五', namePinyin: 'wangwu', nameInitials: 'ww' });
    expect(matchesRosterSearch(padded, '王五')).toBe(true);
    expect(matchesRosterSearch(padded, '王 五')).toBe(true);
  });

  it('finds people by a fragment of the ID number (lower-case x too) and of the 警号/辅警编号', () => {
    expect(names(roster.filter((p) => matchesRosterSearch(p, '19850704')))).toEqual(['张三']);
    expect(names(roster.filter((p) => matchesRosterSearch(p, '0101002x')))).toEqual(['李四']);
    expect(names(roster.filter((p) => matchesRosterSearch(p, '3401')))).toEqual(['张三']);
    expect(names(roster.filter((p) => matchesRosterSearch(p, 'fj10')))).toEqual(['李四']);
  });

  it('matches everyone on an empty query', () => {
    expect(roster.every((p) => matchesRosterSearch(p, '  '))).toBe(true);
  });
});

describe('filterRoster', () => {
  it('shows only 在职 by default, everyone when the statuses are named', () => {
    expect(names(filterRoster(roster, {}))).toEqual(['张三', '李四']);
    expect(names(filterRoster(roster, { statuses: ['退休'] }))).toEqual(['赵子龙']);
    expect(names(filterRoster(roster, { statuses: [] }))).toEqual(['张三', '李四', '赵子龙']);
  });

  it('filters by category, position, flags and search together', () => {
    expect(names(filterRoster(roster, { categories: ['辅警'] }))).toEqual(['李四']);
    expect(names(filterRoster(roster, { positions: ['社区民警'], statuses: [] }))).toEqual(['张三', '赵子龙']);
    expect(names(filterRoster(roster, { flags: ['hardship'] }))).toEqual(['李四']);
    expect(names(filterRoster(roster, { flags: ['partyMember', 'disabled'], statuses: ['退休', '在职'] }))).toEqual(['赵子龙']);
    expect(names(filterRoster(roster, { search: 'zzl', statuses: [] }))).toEqual(['赵子龙']);
    expect(names(filterRoster(roster, { search: 'zzl' }))).toEqual([]);
  });

  it('at a bureau, filters by owning station', () => {
    const wang = person({ name: '王五', namePinyin: 'wangwu', nameInitials: 'ww', stationId: 's2', stationCode: '330106-02', stationName: '灵隐派出所' });
    const bureauRoster = [...roster, wang];
    expect(names(filterRoster(bureauRoster, { stationCodes: ['330106-02'] }))).toEqual(['王五']);
    expect(names(filterRoster(bureauRoster, { stationCodes: ['330106-01'], statuses: [] }))).toEqual(['张三', '李四', '赵子龙']);
    expect(names(filterRoster(bureauRoster, { stationCodes: [] }))).toEqual(['张三', '李四', '王五']);
  });
});

describe('hiddenByStatusFilter', () => {
  const roster = [
    person({ name: '张三', namePinyin: 'zhangsan', nameInitials: 'zs', status: '在职' }),
    person({ name: '张老', namePinyin: 'zhanglao', nameInitials: 'zl', status: '退休' }),
    person({ name: '张调', namePinyin: 'zhangdiao', nameInitials: 'zd', status: '调出' }),
    person({ name: '李四', namePinyin: 'lisi', nameInitials: 'ls', status: '退休' }),
  ];

  it('finds the people a search matches that the default 在职 filter hides', () => {
    expect(hiddenByStatusFilter(roster, { search: 'zhang' }).map((p) => p.name)).toEqual(['张老', '张调']);
    expect(hiddenByStatusFilter(roster, { search: '李四', statuses: ['在职'] }).map((p) => p.name)).toEqual(['李四']);
  });

  it('finds none without a search, with every status shown, or when nothing else matches', () => {
    expect(hiddenByStatusFilter(roster, {})).toEqual([]);
    expect(hiddenByStatusFilter(roster, { search: 'zhang', statuses: [] })).toEqual([]);
    expect(hiddenByStatusFilter(roster, { search: '张三' })).toEqual([]);
  });

  it('keeps the rest of the filter', () => {
    expect(hiddenByStatusFilter(roster, { search: 'zhang', statuses: ['在职', '退休'] }).map((p) => p.name)).toEqual(['张调']);
    expect(hiddenByStatusFilter(roster, { search: 'zhang', categories: ['辅警'] })).toEqual([]);
  });
});
