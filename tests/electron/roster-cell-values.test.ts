import { describe, expect, it } from 'vitest';
import { rosterColumnOfHeader } from '../../electron/staff/roster-columns';
import { readCountCell, readDateCell, readFlagCell, readIdNumberCell, readPartyCell, readPhoneCell } from '../../electron/staff/roster-cell-values';

const date = (value: Parameters<typeof readDateCell>[0]) => readDateCell(value, '参加工作时间');

describe('roster headers', () => {
  it('recognise the usual spellings, spaces, full-width characters, a * and a bracketed remark', () => {
    const field = (header: string) => rosterColumnOfHeader(header)?.field;
    expect(['姓名', '姓 名', '姓　名', '*姓名', '名字'].map(field)).toEqual(Array(5).fill('name'));
    expect(['身份证号', '身份证号码', '公民身份号码', '身份证', '身份证号（18位）', '身份证号码(必填)'].map(field)).toEqual(Array(6).fill('idNumber'));
    expect(['人员类别', '类别', '身份'].map(field)).toEqual(Array(3).fill('category'));
    expect(['手机', '手机号', '联系电话', '电话'].map(field)).toEqual(Array(4).fill('phone'));
    expect(['警号', '辅警编号', '编号', '警号/辅警编号', '警号／辅警编号'].map(field)).toEqual(Array(5).fill('badgeNo'));
    expect(field('认定工龄(月)')).toBe('priorServiceMonths');
    expect(field('籍贯')).toBeUndefined();
  });
});

describe('roster cells', () => {
  it('read dates written the ways clerks write them', () => {
    for (const text of ['2020-07-01', '2020/7/1', '2020.7.1', '20200701', '2020年7月1日', '２０２０－０７－０１', '2020-07-01 00:00:00']) {
      expect(date(text), text).toEqual({ ok: true, value: '2020-07-01' });
    }
    expect(date(new Date(Date.UTC(2020, 6, 1)))).toEqual({ ok: true, value: '2020-07-01' });
    expect(date(44013)).toEqual({ ok: true, value: '2020-07-01' });
    expect(date(20200701)).toEqual({ ok: true, value: '2020-07-01' });
    expect(date('2020.07')).toEqual({ ok: true, value: '2020-07-01' });
    expect(date('2020年7月')).toEqual({ ok: true, value: '2020-07-01' });
    // 2012.7 typed into a General cell: Excel keeps the number 2012.7.
    expect(date(2012.7)).toEqual({ ok: true, value: '2012-07-01' });
    expect(date(2012.07)).toEqual({ ok: true, value: '2012-07-01' });
    expect(date(2012.11)).toEqual({ ok: true, value: '2012-11-01' });
    expect(date(2012.1)).toMatchObject({ ok: false, message: expect.stringContaining('可能是 2012 年 1 月，也可能是 10 月') });
    expect(date('')).toEqual({ ok: true, value: undefined });
    expect(date('2020-02-30')).toMatchObject({ ok: false, message: expect.stringContaining('不是有效日期') });
    expect(date(2020)).toMatchObject({ ok: false, message: expect.stringContaining('只有年份') });
    expect(date('去年')).toMatchObject({ ok: false });
  });

  it('read yes/no, 政治面貌 and numbers', () => {
    expect(['是', '√', '1', 'Y', '有', true].map((v) => readFlagCell(v, '困难职工'))).toEqual(Array(6).fill({ ok: true, value: true }));
    expect(['否', '×', '0', 'n', '无', false].map((v) => readFlagCell(v, '困难职工'))).toEqual(Array(6).fill({ ok: true, value: false }));
    expect(readFlagCell('也许', '困难职工')).toMatchObject({ ok: false, message: expect.stringContaining('「是」或「否」') });
    expect(['中共党员', '中共预备党员', '是'].map((v) => readPartyCell(v, '政治面貌').ok && readPartyCell(v, '政治面貌'))).toEqual(Array(3).fill({ ok: true, value: true }));
    expect(['群众', '共青团员', '民革党员', '九三学社社员', '无党派人士'].map((v) => readPartyCell(v, '政治面貌'))).toEqual(Array(5).fill({ ok: true, value: false }));
    expect(readCountCell('三级', '辅警层级', 'level')).toEqual({ ok: true, value: 3 });
    expect(readCountCell('十', '伤残等级', 'level')).toEqual({ ok: true, value: 10 });
    expect(readCountCell('★★★☆☆', '星级', 'stars')).toEqual({ ok: true, value: 3 });
    expect(readCountCell('四星', '星级', 'stars')).toEqual({ ok: true, value: 4 });
    expect(readCountCell('24个月', '认定工龄（月）', 'count')).toEqual({ ok: true, value: 24 });
    expect(readCountCell('无', '伤残等级', 'level')).toEqual({ ok: true, value: null });
    expect(readCountCell(2.5, '辅警层级', 'level')).toMatchObject({ ok: false });
  });

  it('keep phone and ID numbers as text, refusing an ID number Excel rounded', () => {
    expect(readPhoneCell(13812345678)).toEqual({ ok: true, value: '13812345678' });
    expect(readPhoneCell('+86 138 1234 5678')).toEqual({ ok: true, value: '13812345678' });
    expect(readIdNumberCell('11010519491231002x', '身份证号')).toEqual({ ok: true, value: '11010519491231002x' });
    expect(readIdNumberCell(110105194912310020, '身份证号')).toMatchObject({ ok: false, message: expect.stringContaining('「文本」') });
    expect(readIdNumberCell('1.10105E+17', '身份证号')).toMatchObject({ ok: false });
  });
});
