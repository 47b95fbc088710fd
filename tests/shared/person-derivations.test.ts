import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ageOn,
  derivedChildExamYears,
  isUnrecognisedGrade,
  retirementTagOn,
  childExamYears,
  examYearsFromGrade,
  schoolYearStartYearOn,
  workYearsOn,
} from '../../shared/person-derivations';
import { examsAheadThisYear } from '../../shared/person-derivations';
import { addDays } from '../../shared/china-date';

describe('ageOn', () => {
  it('turns a year older on the birthday, not the day before', () => {
    expect(ageOn('1985-06-15', '2026-06-14')).toBe(40);
    expect(ageOn('1985-06-15', '2026-06-15')).toBe(41);
  });

  it('counts a 29 February birthday on 28 February in a common year (民法典 第二百零一条)', () => {
    expect(ageOn('2008-02-29', '2026-02-27')).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-28')).toBe(19);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('is 0 on the day of birth and before it', () => {
    expect(ageOn('2026-05-20', '2026-05-20')).toBe(0);
    expect(ageOn('2026-05-20', '2025-01-01')).toBe(0);
  });

  it('refuses invalid dates', () => {
    expect(() => ageOn('1985-13-01', '2026-01-01')).toThrow(RangeError);
  });

  it('grows by exactly one between the day before a birthday and the birthday (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 1, max: 100 }), (offset, years) => {
        const birth = addDays('1920-01-01', offset);
        const birthday = `${Number(birth.slice(0, 4)) + years}${birth.slice(4)}`.replace(/-02-29$/, '-02-28');
        expect(ageOn(birth, birthday)).toBe(years);
        expect(ageOn(birth, addDays(birthday, -1))).toBe(years - 1);
      }),
    );
  });
});

describe('workYearsOn', () => {
  it('counts whole years since the work start date', () => {
    expect(workYearsOn('2016-07-01', 0, '2026-06-30')).toBe(9);
    expect(workYearsOn('2016-07-01', 0, '2026-07-01')).toBe(10);
  });

  it('adds recognised prior service months (e.g. military service)', () => {
    // 9 years 11 months at work + 1 month prior service = 10 years.
    expect(workYearsOn('2016-08-01', 1, '2026-07-01')).toBe(10);
    expect(workYearsOn('2016-08-01', 0, '2026-07-01')).toBe(9);
    expect(workYearsOn('2024-01-01', 36, '2026-01-01')).toBe(5);
  });

  it('is 0 when the start date is not recorded or is in the future', () => {
    expect(workYearsOn(null, 24, '2026-01-01')).toBe(0);
    expect(workYearsOn('2027-01-01', 0, '2026-01-01')).toBe(0);
  });

  it('refuses a negative or fractional prior service', () => {
    expect(() => workYearsOn('2010-01-01', -1, '2026-01-01')).toThrow(RangeError);
    expect(() => workYearsOn('2010-01-01', 1.5, '2026-01-01')).toThrow(RangeError);
  });
});

describe('childExamYears', () => {
  it('a child born by 31 August starts school at six that September', () => {
    expect(childExamYears('2010-08-31')).toEqual({ zhongkao: 2025, gaokao: 2028 });
    expect(childExamYears('2010-01-01')).toEqual({ zhongkao: 2025, gaokao: 2028 });
  });

  it('a child born from 1 September joins the next year group', () => {
    expect(childExamYears('2010-09-01')).toEqual({ zhongkao: 2026, gaokao: 2029 });
    expect(childExamYears('2009-12-31')).toEqual({ zhongkao: 2025, gaokao: 2028 });
  });

  it('agrees with the grade the child is in (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (offset) => {
        const birth = addDays('1995-01-01', offset);
        // In the school year the child starts primary school, they are in 一年级.
        const startYear = childExamYears(birth).zhongkao - 9;
        expect(examYearsFromGrade('一年级', startYear)).toEqual(childExamYears(birth));
      }),
    );
  });
});

describe('examYearsFromGrade', () => {
  it('maps primary, junior and senior grades to exam years', () => {
    expect(examYearsFromGrade('一年级', 2025)).toEqual({ zhongkao: 2034, gaokao: 2037 });
    expect(examYearsFromGrade('六年级', 2025)).toEqual({ zhongkao: 2029, gaokao: 2032 });
    expect(examYearsFromGrade('初三', 2025)).toEqual({ zhongkao: 2026, gaokao: 2029 });
    expect(examYearsFromGrade('高三', 2025)).toEqual({ zhongkao: 2023, gaokao: 2026 });
  });

  it('treats 七年级/八年级/九年级 as 初一/初二/初三, and accepts longer or Arabic forms', () => {
    for (const [a, b] of [['七年级', '初一'], ['八年级', '初二'], ['九年级', '初三'], ['初中二年级', '初二'], ['高中一年级', '高一'], ['小学3年级', '三年级'], [' 高 二 ', '高二']]) {
      expect(examYearsFromGrade(a, 2025)).toEqual(examYearsFromGrade(b, 2025));
    }
    expect(examYearsFromGrade('高一', 2025)).toEqual({ zhongkao: 2025, gaokao: 2028 });
  });

  it('returns null for text it does not understand', () => {
    for (const text of ['', '幼儿园大班', '十年级', '初四', '高四', '七年级下', '大一']) {
      expect(examYearsFromGrade(text, 2025)).toBeNull();
    }
  });
});

describe('schoolYearStartYearOn', () => {
  it('starts a new school year in September', () => {
    expect(schoolYearStartYearOn('2026-08-31')).toBe(2025);
    expect(schoolYearStartYearOn('2026-09-01')).toBe(2026);
  });
});

describe('retirementTagOn', () => {
  it('tags a date already reached 已到退休年龄, one within twelve months 一年内退休, and nothing otherwise', () => {
    expect(retirementTagOn('在职', '2024-01-10', '2026-11-23')).toBe('已到退休年龄');
    expect(retirementTagOn('在职', '2026-11-23', '2026-11-23')).toBe('已到退休年龄');
    expect(retirementTagOn('在职', '2027-11-23', '2026-11-23')).toBe('一年内退休');
    expect(retirementTagOn('在职', '2027-11-24', '2026-11-23')).toBeNull();
    expect(retirementTagOn('退休', '2024-01-10', '2026-11-23')).toBeNull();
    expect(retirementTagOn('在职', '', '2026-11-23')).toBeNull();
  });
});

describe('derivedChildExamYears (the form hint and the stored family record)', () => {
  it('takes the grade first, the birth date failing that, and says which', () => {
    expect(derivedChildExamYears('初三', '2012-03-01', '2026-11-23')).toEqual({ zhongkao: 2027, gaokao: 2030, from: '年级' });
    expect(derivedChildExamYears('幼儿园大班', '2012-03-01', '2026-11-23')).toMatchObject({ from: '出生日期' });
    expect(derivedChildExamYears(null, null, '2026-11-23')).toBeNull();
  });

  it('tells a grade it cannot read from an empty one', () => {
    expect(isUnrecognisedGrade('大一', '2026-11-23')).toBe(true);
    expect(isUnrecognisedGrade(' ', '2026-11-23')).toBe(false);
    expect(isUnrecognisedGrade('高二', '2026-11-23')).toBe(false);
  });
});

describe('examsAheadThisYear', () => {
  const child = { zhongkaoYear: 2027, gaokaoYear: null };
  it('keeps 今年中考 until the exam is over, then drops it', () => {
    expect(examsAheadThisYear(child, '2027-03-01')).toEqual(['中考']);
    expect(examsAheadThisYear(child, '2027-06-30')).toEqual(['中考']);
    expect(examsAheadThisYear(child, '2027-07-01')).toEqual([]);
    expect(examsAheadThisYear(child, '2027-06-20', '06-18')).toEqual([]);
    expect(examsAheadThisYear(child, '2026-06-01')).toEqual([]);
  });

  it('ends 今年高考 after 9 June', () => {
    const senior = { zhongkaoYear: 2024, gaokaoYear: 2027 };
    expect(examsAheadThisYear(senior, '2027-06-09')).toEqual(['高考']);
    expect(examsAheadThisYear(senior, '2027-06-10')).toEqual([]);
  });
});
