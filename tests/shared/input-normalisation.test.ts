import { familyInputSchema, personNameSchema, phoneSchema, staffInputSchema } from '../../shared/staff-record';
import { normalisePersonName } from '../../shared/person-name';
import { staffTable, familyMemberTable } from '../../shared/roster-tables';
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

describe('names (form, Excel, CLI and sync bundles alike)', () => {
  it('drops the spaces that pad or split a Chinese name, and keeps the words of a Latin one', () => {
    expect(normalisePersonName('张 三')).toBe('张三');
    expect(normalisePersonName('王\u3000五')).toBe('王五');
    expect(normalisePersonName(' 欧阳\u3000 \u00a0娜娜 ')).toBe('欧阳娜娜');
    expect(normalisePersonName('阿依古丽・买买提')).toBe('阿依古丽·买买提');
    expect(normalisePersonName('阿依古丽 . 买买提')).toBe('阿依古丽·买买提');
    expect(normalisePersonName('  John   Smith ')).toBe('John Smith');
  });

  it('normalises in the input schemas and in the synced columns a bundle is checked with', () => {
    expect(personNameSchema.parse('王　五')).toBe('王五');
    expect(staffInputSchema.shape.name.parse('张 三')).toBe('张三');
    expect(familyInputSchema.shape.name.parse('李　芳')).toBe('李芳');
    // Two characters after the padding is gone: still a valid name, and a one-character one is still refused.
    expect(personNameSchema.safeParse('王　').error?.issues[0]?.message).toBe('姓名至少2个字');
    expect(staffTable.columns.name.schema.parse('王　五')).toBe('王五');
    expect(familyMemberTable.columns.name.schema.parse('张 小明')).toBe('张小明');
    expect(staffTable.columns.name.schema.parse(null)).toBeNull();
  });
});
