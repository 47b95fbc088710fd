import { phoneSchema, staffInputSchema } from '../../shared/staff-record';
import { describe, expect, it } from 'vitest';
import { stationCodeSchema, stationSetupSchema } from '../../shared/contract/app-contract';
import { halfWidthNoSpaces } from '../../shared/zod-chinese';

describe('halfWidthNoSpaces', () => {
  it('makes full-width letters, digits and dashes half-width and removes every space', () => {
    expect(halfWidthNoSpaces('３３０１０２－０１')).toBe('330102-01');
    expect(halfWidthNoSpaces(' 330102 — 01\u3000')).toBe('330102-01');
    expect(halfWidthNoSpaces('ＦＪ ０１０１')).toBe('FJ0101');
    expect(halfWidthNoSpaces('139 1234 5678')).toBe('13912345678');
  });
});

describe('stationCodeSchema', () => {
  it('accepts a full-width or spaced code and gives the clean one', () => {
    expect(stationCodeSchema.parse('３３０１０２－０１')).toBe('330102-01');
    expect(stationCodeSchema.parse(' 330102 - 01 ')).toBe('330102-01');
    expect(stationSetupSchema.parse({ code: '３３０１０２－０１', name: '北山派出所', role: 'station' }).code).toBe('330102-01');
  });

  it('keeps its messages for what is still not a code', () => {
    expect(stationCodeSchema.safeParse(undefined).error?.issues[0]?.message).toBe('请填写单位代码');
    expect(stationCodeSchema.safeParse('北山所').error?.issues[0]?.message).toBe('单位代码应为2–20位字母、数字或短横线，例如 330102-01');
    expect(stationCodeSchema.safeParse('  ').error?.issues[0]?.message).toBe('单位代码应为2–20位字母、数字或短横线，例如 330102-01');
  });
});

describe('phone and 警号 on the server side (forms, Excel import and CLI alike)', () => {
  it('stores a spaced or full-width phone and badge number clean, and still refuses a wrong phone', () => {
    expect(phoneSchema.parse('１３８ １２３４ ５６７８')).toBe('13812345678');
    expect(phoneSchema.parse('0571 8765 4321')).toBe('057187654321');
    expect(phoneSchema.safeParse('12345').success).toBe(false);
    const badge = staffInputSchema.shape.badgeNo;
    expect(badge.parse('ＦＪ ０１０１')).toBe('FJ0101');
    expect(badge.parse(null)).toBeNull();
    expect(badge.safeParse('1'.repeat(21)).error?.issues[0]?.message).toBe('警号/编号不超过20个字');
  });
});
