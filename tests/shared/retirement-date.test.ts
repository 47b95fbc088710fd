import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  RETIREMENT_BASE_LABELS,
  computeRetirement,
  defaultRetirementBase,
  formatRetirementAge,
  type RetirementBase,
} from '../../shared/retirement-date';

function age(birthDate: string, base: RetirementBase): string {
  return formatRetirementAge(computeRetirement(birthDate, base).retirementAge);
}

describe('computeRetirement — men, base 60 (附件1)', () => {
  it('DOMAIN example: born 1965-01 retires at 60 years 1 month, in 2025-02', () => {
    expect(computeRetirement('1965-01-15', 'male60')).toEqual({
      retirementAge: { years: 60, months: 1 },
      retirementMonth: '2025-02',
      retirementDate: '2025-02-15',
    });
  });

  it('born 1964-12 is not raised: 60, in 2024-12', () => {
    expect(computeRetirement('1964-12-20', 'male60')).toMatchObject({
      retirementAge: { years: 60, months: 0 },
      retirementMonth: '2024-12',
    });
  });

  it('adds one month per four months of birth', () => {
    expect(age('1965-04-30', 'male60')).toBe('60周岁1个月');
    expect(age('1965-05-01', 'male60')).toBe('60周岁2个月');
    expect(computeRetirement('1965-05-01', 'male60').retirementMonth).toBe('2025-07');
  });

  it('reaches 63 for those born 1976-09, one month less for 1976-08, and stays at 63 after', () => {
    expect(age('1976-08-01', 'male60')).toBe('62周岁11个月');
    expect(computeRetirement('1976-08-01', 'male60').retirementMonth).toBe('2039-07');
    expect(computeRetirement('1976-09-01', 'male60')).toMatchObject({
      retirementAge: { years: 63, months: 0 },
      retirementMonth: '2039-09',
    });
    expect(age('1990-03-03', 'male60')).toBe('63周岁');
  });
});

describe('computeRetirement — women cadres, base 55 (附件2)', () => {
  it('born 1969-12 retires at 55; born 1970-01 at 55 years 1 month', () => {
    expect(computeRetirement('1969-12-05', 'female55')).toMatchObject({
      retirementAge: { years: 55, months: 0 },
      retirementMonth: '2024-12',
    });
    expect(computeRetirement('1970-01-05', 'female55')).toMatchObject({
      retirementAge: { years: 55, months: 1 },
      retirementMonth: '2025-02',
    });
  });

  it('reaches 58 for those born 1981-09; 1981-08 retires at 57 years 11 months', () => {
    expect(age('1981-08-10', 'female55')).toBe('57周岁11个月');
    expect(computeRetirement('1981-09-10', 'female55')).toMatchObject({
      retirementAge: { years: 58, months: 0 },
      retirementMonth: '2039-09',
    });
  });
});

describe('computeRetirement — women workers, base 50 (附件3)', () => {
  it('born 1974-12 retires at 50; born 1975-01 at 50 years 1 month, in 2025-02', () => {
    expect(computeRetirement('1974-12-31', 'female50').retirementMonth).toBe('2024-12');
    expect(age('1974-12-31', 'female50')).toBe('50周岁');
    expect(computeRetirement('1975-01-31', 'female50')).toMatchObject({
      retirementAge: { years: 50, months: 1 },
      retirementMonth: '2025-02',
    });
  });

  it('adds one month per two months of birth', () => {
    expect(age('1975-02-01', 'female50')).toBe('50周岁1个月');
    expect(age('1975-03-01', 'female50')).toBe('50周岁2个月');
  });

  it('reaches 55 for those born 1984-11; 1984-10 retires at 54 years 11 months', () => {
    expect(age('1984-10-01', 'female50')).toBe('54周岁11个月');
    expect(computeRetirement('1984-10-01', 'female50').retirementMonth).toBe('2039-09');
    expect(computeRetirement('1984-11-01', 'female50')).toMatchObject({
      retirementAge: { years: 55, months: 0 },
      retirementMonth: '2039-11',
    });
  });
});

describe('retirement date', () => {
  it('is the birthday-day of the retirement month, clamped to the month end', () => {
    // 1965-01-31 + 60y1m → February 2025, which has 28 days.
    expect(computeRetirement('1965-01-31', 'male60').retirementDate).toBe('2025-02-28');
    // 1980-02-29 + 63y → February 2043 (a common year).
    expect(computeRetirement('1980-02-29', 'male60').retirementDate).toBe('2043-02-28');
  });

  it('refuses an invalid birth date', () => {
    expect(() => computeRetirement('1965-02-30', 'male60')).toThrow(RangeError);
  });
});

describe('computeRetirement (property)', () => {
  const caps: Record<RetirementBase, number> = { male60: 63 * 12, female55: 58 * 12, female50: 55 * 12 };
  const monthIndex = fc.integer({ min: 1940 * 12, max: 2005 * 12 });
  const toBirthDate = (index: number): string =>
    `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-15`;
  const ageMonths = (birthDate: string, base: RetirementBase): number => {
    const { years, months } = computeRetirement(birthDate, base).retirementAge;
    return years * 12 + months;
  };

  it('a later birth month never gives a lower retirement age nor an earlier retirement month, and never exceeds the cap', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<RetirementBase>('male60', 'female55', 'female50'),
        monthIndex,
        fc.integer({ min: 1, max: 60 }),
        (base, earlier, gap) => {
          const a = toBirthDate(earlier);
          const b = toBirthDate(earlier + gap);
          expect(ageMonths(b, base)).toBeGreaterThanOrEqual(ageMonths(a, base));
          expect(computeRetirement(b, base).retirementMonth > computeRetirement(a, base).retirementMonth).toBe(true);
          expect(ageMonths(b, base)).toBeLessThanOrEqual(caps[base]);
        },
      ),
    );
  });
});

describe('defaultRetirementBase and labels', () => {
  it('men 60; women police 55; women auxiliary police and staff 50', () => {
    expect(defaultRetirementBase('male', '民警')).toBe('male60');
    expect(defaultRetirementBase('male', '辅警')).toBe('male60');
    expect(defaultRetirementBase('female', '民警')).toBe('female55');
    expect(defaultRetirementBase('female', '辅警')).toBe('female50');
    expect(defaultRetirementBase('female', '职工')).toBe('female50');
  });

  it('labels every base in Chinese with its original age', () => {
    expect(RETIREMENT_BASE_LABELS.male60).toContain('60周岁');
    expect(RETIREMENT_BASE_LABELS.female55).toContain('55周岁');
    expect(RETIREMENT_BASE_LABELS.female50).toContain('50周岁');
  });
});
