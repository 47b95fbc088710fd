import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeIdCheckCharacter, makeValidIdNumber, normaliseIdNumberInput, parseIdNumber, upgradeFifteenDigitIdNumber } from '../../shared/id-number';
import { addDays } from '../../shared/china-date';

const TODAY = '2026-05-20';

function refusal(raw: string, today = TODAY): { code: string; message: string } {
  const result = parseIdNumber(raw, today);
  if (result.ok) throw new Error(`expected ${raw} to be refused`);
  return { code: result.code, message: result.message };
}

describe('parseIdNumber', () => {
  it('accepts the standard example and derives birth date, gender and province', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female', provinceCode: '11' },
    });
  });

  it('derives male from an odd sequence digit', () => {
    const id = makeValidIdNumber('440305', '1985-07-04', 13);
    const result = parseIdNumber(id, TODAY);
    expect(result.ok && result.value.gender).toBe('male');
  });

  it('accepts a lowercase x, full-width digits and surrounding spaces, storing the normalised number', () => {
    expect(parseIdNumber('  11010519491231002x ', TODAY)).toMatchObject({ ok: true, value: { idNumber: '11010519491231002X' } });
    expect(parseIdNumber('１１０１０５１９４９１２３１００２Ｘ', TODAY)).toMatchObject({
      ok: true,
      value: { idNumber: '11010519491231002X' },
    });
  });

  it('refuses an empty entry', () => {
    expect(refusal('   ').code).toBe('ID_EMPTY');
  });

  it('refuses a wrong check character and says which one it should be', () => {
    const { code, message } = refusal('110105194912310021');
    expect(code).toBe('ID_CHECK_DIGIT');
    expect(message).toBe('身份证号校验位不正确：按前17位算出的校验位应为X，请核对原件');
  });

  it('refuses a date that does not exist, naming it', () => {
    const first17 = '11010519900230002';
    const { code, message } = refusal(first17 + computeIdCheckCharacter(first17));
    expect(code).toBe('ID_DATE_INVALID');
    expect(message).toContain('1990-02-30 不存在');
  });

  it('accepts 29 February only in a leap year', () => {
    expect(parseIdNumber(makeValidIdNumber('110105', '2000-02-29', 2), TODAY).ok).toBe(true);
    const first17 = '11010519000229002';
    expect(refusal(first17 + computeIdCheckCharacter(first17)).code).toBe('ID_DATE_INVALID');
  });

  it('refuses a birth date after today but accepts one born today', () => {
    const future = makeValidIdNumber('110105', '2026-05-21', 2);
    const { code, message } = refusal(future);
    expect(code).toBe('ID_DATE_FUTURE');
    expect(message).toContain('2026-05-21');
    expect(parseIdNumber(makeValidIdNumber('110105', TODAY, 2), TODAY).ok).toBe(true);
  });

  it('refuses an unknown province prefix', () => {
    const { code, message } = refusal(makeValidIdNumber('990105', '1980-01-01', 1));
    expect(code).toBe('ID_PROVINCE');
    expect(message).toContain('前两位 99 不是有效的省份代码');
    expect(refusal(makeValidIdNumber('160105', '1980-01-01', 1)).code).toBe('ID_PROVINCE');
  });

  it('accepts the Hong Kong, Macao and Taiwan codes 71, 81, 82 and 83', () => {
    for (const prefix of ['71', '81', '82', '83']) {
      expect(parseIdNumber(makeValidIdNumber(`${prefix}0000`, '1980-01-01', 1), TODAY).ok).toBe(true);
    }
  });

  it('upgrades an old 15-digit number to 18 digits (GB 11643-1999 Annex) and says it did', () => {
    // The standard's own example: 110105491231002 → 11010519491231002X.
    expect(parseIdNumber('110105491231002', TODAY)).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female', provinceCode: '11', upgradedFrom: '110105491231002' },
    });
    expect(upgradeFifteenDigitIdNumber('330106850704013')).toBe(makeValidIdNumber('330106', '1985-07-04', 13));
    // Its birth date must still be real.
    expect(refusal('110105491331002')).toMatchObject({ code: 'ID_DATE_INVALID', message: expect.stringContaining('15位旧身份证号 110105491331002') });
  });

  it('refuses 17 or 19 characters', () => {
    expect(refusal('11010519491231002').code).toBe('ID_LENGTH');
    expect(refusal('11010519491231002X1').message).toContain('当前为19位');
  });

  it('refuses letters and an X anywhere but last', () => {
    expect(refusal('11010519491231002Y')).toMatchObject({ code: 'ID_CHARACTERS', message: expect.stringContaining('第18位') });
    expect(refusal('1101051949123100X2').code).toBe('ID_CHARACTERS');
  });

  it('needs a valid today', () => {
    expect(() => parseIdNumber('11010519491231002X', '2026-02-30')).toThrow(RangeError);
  });
});

describe('computeIdCheckCharacter', () => {
  it('computes the check character of the standard example', () => {
    expect(computeIdCheckCharacter('11010519491231002')).toBe('X');
  });
  it('refuses anything but 17 digits', () => {
    expect(() => computeIdCheckCharacter('1101051949123100')).toThrow(RangeError);
  });
});

describe('makeValidIdNumber (property)', () => {
  const provinces = ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82', '83'];
  const validId = fc
    .record({
      province: fc.constantFrom(...provinces),
      rest: fc.integer({ min: 0, max: 9999 }),
      daysBeforeToday: fc.integer({ min: 0, max: 45_000 }),
      sequence: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ province, rest, daysBeforeToday, sequence }) => {
      const birthDate = addDays(TODAY, -daysBeforeToday);
      return { birthDate, sequence, id: makeValidIdNumber(province + String(rest).padStart(4, '0'), birthDate, sequence) };
    });

  it('always produces a number that parses back to its birth date and gender', () => {
    fc.assert(
      fc.property(validId, ({ id, birthDate, sequence }) => {
        const result = parseIdNumber(id, TODAY);
        expect(result).toEqual({
          ok: true,
          value: { idNumber: id, birthDate, gender: sequence % 2 === 1 ? 'male' : 'female', provinceCode: id.slice(0, 2) },
        });
      }),
    );
  });

  it('refuses every number with a single changed character', () => {
    fc.assert(
      fc.property(
        validId,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'),
        ({ id }, position, replacement) => {
          fc.pre(id[position] !== replacement);
          const changed = id.slice(0, position) + replacement + id.slice(position + 1);
          const result = parseIdNumber(changed, TODAY);
          expect(result.ok).toBe(false);
          // A changed sequence digit or check character leaves everything else plausible: only the
          // check character can catch it.
          if (position === 17 || (position >= 14 && replacement !== 'X')) expect(result).toMatchObject({ code: 'ID_CHECK_DIGIT' });
        },
      ),
    );
  });

  it('removes spaces anywhere (also the full-width one) and cleans full-width input before checking', () => {
    expect(parseIdNumber('110105 19491231 002X', TODAY)).toMatchObject({ ok: true, value: { idNumber: '11010519491231002X' } });
    expect(parseIdNumber('１１０１０５\u3000１９４９１２３１\t００２ｘ', TODAY)).toMatchObject({ ok: true, value: { idNumber: '11010519491231002X' } });
    expect(normaliseIdNumberInput(' １１０１０５ 19491231002x ')).toBe('11010519491231002X');
  });
});
