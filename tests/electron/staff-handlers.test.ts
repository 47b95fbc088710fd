import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../shared/contract/api-contract';
import { makeValidIdNumber } from '../../shared/id-number';
import { filterRoster } from '../../shared/roster-filter';
import { writeRecord } from '../../db/write-path';
import { changeLogCount, openRosterTestApp, staffForm, type RosterTestApp } from '../support/roster-client';

let app: RosterTestApp;

beforeEach(async () => {
  app = await openRosterTestApp();
});

afterEach(() => app.close());

async function refusal(action: Promise<unknown>): Promise<ApiCallError> {
  try {
    await action;
  } catch (error) {
    if (error instanceof ApiCallError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

describe('staff.save and staff.list', () => {
  it('stores a person with birth date and gender from the ID number and the derived fields', async () => {
    const saved = await app.client.call('staff.save', staffForm());
    expect(saved).toMatchObject({
      name: '张三',
      namePinyin: 'zhangsan',
      nameInitials: 'zs',
      birthDate: '1985-07-04',
      gender: '男',
      age: 41,
      workYears: 19,
      retirementBase: 'male60',
      // Born after 1976-09: the full raise of 36 months, retiring at 63.
      expectedRetirementDate: '2048-07-04',
      status: '在职',
      statusDate: '2015-03-01',
      stationCode: '330106-01',
      stationName: '北山派出所',
      partyMember: true,
      hardship: false,
    });
    const list = await app.client.call('staff.list', {});
    expect(list).toEqual([saved]);
  });

  it('defaults the retirement base from gender and category, and honours an override date', async () => {
    const woman = makeValidIdNumber('330106', '1990-06-15', 128);
    const aux = await app.client.call('staff.save', staffForm({ name: '陈晓燕', category: '辅警', idNumber: woman, badgeNo: 'FJ1001', workStartDate: '2012-03-01' }));
    expect(aux).toMatchObject({ gender: '女', retirementBase: 'female50', expectedRetirementDate: '2045-06-15' });
    const police = await app.client.call('staff.save', staffForm({ name: '陈晓燕', category: '民警', id: aux.id, idNumber: woman }));
    expect(police.retirementBase).toBe('female55');
    const early = await app.client.call('staff.save', staffForm({ category: '民警', id: aux.id, name: '陈晓燕', idNumber: woman, retirementDateOverride: '2040-01-01' }));
    expect(early.expectedRetirementDate).toBe('2040-01-01');
  });

  it('reads the polyphonic surname as a surname (单 shan, 曾 zeng)', async () => {
    const shan = await app.client.call('staff.save', staffForm({ name: '单田芳' }));
    expect([shan.namePinyin, shan.nameInitials]).toEqual(['shantianfang', 'stf']);
  });

  it('refuses an invalid ID number with the rule\'s message next to the field', async () => {
    const valid = makeValidIdNumber('330106', '1985-07-04', 13);
    const wrong = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    const error = await refusal(app.client.call('staff.save', staffForm({ idNumber: wrong })));
    expect(error.code).toBe('STAFF_INVALID_ID_NUMBER');
    expect(error.message).toContain('校验位');
    expect(error.details).toEqual({ fields: { idNumber: error.message } });
    expect(await app.client.call('staff.list', {})).toEqual([]);
  });

  it('refuses a second person with the same ID number, naming the person already registered', async () => {
    const first = await app.client.call('staff.save', staffForm());
    const idNumber = makeValidIdNumber('330106', '1991-02-03', 22).replace('X', 'x');
    const other = await app.client.call('staff.save', staffForm({ name: '李四', idNumber, badgeNo: 'FJ2', category: '辅警' }));
    const error = await refusal(app.client.call('staff.save', staffForm({ name: '张叁', badgeNo: null })));
    expect(error.code).toBe('STAFF_DUPLICATE_ID_NUMBER');
    expect(error.message).toBe(`身份证号 ${first.idNumber} 已登记为「张三」（民警，警号023401），同一人请在原档案中修改`);
    expect(error.details).toEqual({ fields: { idNumber: error.message }, existingId: first.id });
    // Editing one person to another's number is refused too.
    const edit = await refusal(app.client.call('staff.save', staffForm({ id: other.id, name: '李四', category: '辅警', idNumber: first.idNumber })));
    expect(edit.code).toBe('STAFF_DUPLICATE_ID_NUMBER');
    expect((await app.client.call('staff.list', {})).map((p) => p.name).sort()).toEqual(['张三', '李四']);
  });

  it('refuses a working-life start before the 16th birthday', async () => {
    const error = await refusal(app.client.call('staff.save', staffForm({ workStartDate: '1999-07-01' })));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect((error.details as { fields: Record<string, string> }).fields.workStartDate).toContain('16周岁');
  });

  it('writes nothing when an unchanged form is saved again', async () => {
    const saved = await app.client.call('staff.save', staffForm());
    const before = changeLogCount(app.store);
    await app.client.call('staff.save', staffForm({ id: saved.id }));
    expect(changeLogCount(app.store)).toBe(before);
  });

  it('shows a person the bureau moved to another station as 调出, but the bureau sees the real status', async () => {
    const saved = await app.client.call('staff.save', staffForm());
    writeRecord(app.store, { userName: '市局' }, 'station', 'other-station', { station_id: 'other-station', code: '330106-02', name: '古荡派出所', role: 'station' });
    writeRecord(app.store, { userName: '市局' }, 'staff', saved.id, { station_id: 'other-station' });
    const [moved] = await app.client.call('staff.list', {});
    expect(moved).toMatchObject({ status: '调出', stationName: '古荡派出所' });
    // No 调出 entry of this station's own (a transfer recorded before there was one): dated by the
    // day the change of owner was recorded, not by the old 在职 date, with a derived history line.
    expect(moved.statusDate).toBe('2026-11-23');
    expect(moved.readOnlyNote).toContain('已调至其他单位');
    expect((await app.client.call('staff.get', { id: saved.id })).statusHistory.map((h) => [h.status, h.date, h.reason])).toEqual([
      ['在职', '2015-03-01', '新增人员'],
      ['调出', '2026-11-23', '已调至古荡派出所'],
    ]);

    const bureau = await openRosterTestApp({ role: 'bureau' });
    try {
      writeRecord(bureau.store, { userName: '市局' }, 'staff', 'p1', { station_id: 'somewhere', name: '王五', category: '民警', id_number: saved.idNumber, status: '退休' });
      expect((await bureau.client.call('staff.list', {}))[0].status).toBe('退休');
    } finally {
      bureau.close();
    }
  });
});

describe('status, family, honours', () => {
  it('keeps the status history and drops a retired person from the default view; a person who left is counted to the day they left', async () => {
    const saved = await app.client.call('staff.save', staffForm({ idNumber: makeValidIdNumber('330106', '1966-07-04', 13) }));
    // Born 1966-07: retires at 60 years 5 months, in December 2026; a 退休 in October 2026 is early.
    const early = await refusal(app.client.call('staff.changeStatus', { staffId: saved.id, status: '退休', date: '2026-10-01', reason: '提前退休' }));
    expect(early.code).toBe('EARLY_RETIREMENT_UNCONFIRMED');
    expect(early.message).toMatch(/^未到退休年龄，确认提前退休？「张三」按渐进式延迟退休规定应于 2026-12-04 退休/);
    const retired = await app.client.call('staff.changeStatus', { staffId: saved.id, status: '退休', date: '2026-10-01', reason: '提前退休', confirmEarlyRetirement: true });
    // Age and 工龄 to the day of leaving; no expected retirement date any more.
    expect(retired).toMatchObject({ status: '退休', statusDate: '2026-10-01', age: 60, workYears: 19, expectedRetirementDate: '' });
    const list = await app.client.call('staff.list', {});
    expect(list.map((p) => p.status)).toEqual(['退休']);
    expect(filterRoster(list, {})).toEqual([]);
    const detail = await app.client.call('staff.get', { id: saved.id });
    expect(detail.statusHistory.map((s) => [s.status, s.date, s.reason, s.earlyRetirement])).toEqual([
      ['在职', '2015-03-01', '新增人员', false],
      ['退休', '2026-10-01', '提前退休', true],
    ]);
    const future = await refusal(app.client.call('staff.changeStatus', { staffId: saved.id, status: '在职', date: '2027-01-01' }));
    expect(future.code).toBe('INVALID_ARGUMENT');
  });

  it('takes a 退休 in the month of the retirement date without asking', async () => {
    const saved = await app.client.call('staff.save', staffForm({ idNumber: makeValidIdNumber('330106', '1966-03-04', 13) }));
    // Born 1966-03: 60 years 4 months → 2026-07-04; the first of that month is not early.
    const retired = await app.client.call('staff.changeStatus', { staffId: saved.id, status: '退休', date: '2026-07-01' });
    expect((await app.client.call('staff.get', { id: retired.id })).statusHistory.at(-1)).toMatchObject({ status: '退休', earlyRetirement: false });
  });

  it('refuses a status change dated before the current status or before 参加工作时间, and writes nothing', async () => {
    const saved = await app.client.call('staff.save', staffForm());
    await app.client.call('staff.changeStatus', { staffId: saved.id, status: '离职', date: '2026-10-01' });
    const before = changeLogCount(app.store);
    const backdated = await refusal(app.client.call('staff.changeStatus', { staffId: saved.id, status: '调出', date: '2026-09-01' }));
    expect(backdated.code).toBe('STATUS_DATE_BEFORE_CURRENT');
    expect(backdated.message).toContain('当前状态为离职（自 2026-10-01）');
    expect(backdated.message).toContain('2026-09-01');
    expect(changeLogCount(app.store)).toBe(before);
    // The same day is fine (a correction on the day).
    await app.client.call('staff.changeStatus', { staffId: saved.id, status: '调出', date: '2026-10-01' });
    // Before the date joined (在职 since 2015-03-01) is refused too.
    const other = await app.client.call('staff.save', staffForm({ name: '李四', idNumber: makeValidIdNumber('110105', '1986-05-12', 1) }));
    expect((await refusal(app.client.call('staff.changeStatus', { staffId: other.id, status: '离职', date: '2014-01-01' }))).code).toBe('STATUS_DATE_BEFORE_CURRENT');
  });

  it('refuses 调出 dated before the person started work, and never redates the 在职 entry', async () => {
    // Entered without 调入本所时间: 在职 since 参加工作时间 (2012-07-01), not since the day of entry.
    const saved = await app.client.call('staff.save', staffForm({ joinedStationDate: null, workStartDate: '2012-07-01' }));
    expect(saved.statusDate).toBe('2012-07-01');
    const before = changeLogCount(app.store);
    const refused = await refusal(app.client.call('staff.changeStatus', { staffId: saved.id, status: '调出', date: '2010-01-01' }));
    expect(refused.code).toBe('STATUS_DATE_BEFORE_WORK_START');
    expect(refused.message).toBe('变更日期 2010-01-01 早于「张三」的参加工作时间 2012-07-01，请核对变更日期（或先在「编辑」中改正参加工作时间）。');
    expect(changeLogCount(app.store)).toBe(before);
    // Someone entered after they had left: the real (earlier) date is taken, and the history stays in order.
    await app.client.call('staff.changeStatus', { staffId: saved.id, status: '调出', date: '2020-05-01' });
    expect((await app.client.call('staff.get', { id: saved.id })).statusHistory.map((h) => [h.status, h.date, h.reason])).toEqual([
      ['在职', '2012-07-01', '新增人员'],
      ['调出', '2020-05-01', null],
    ]);
    // Without either date, 在职 dates from the day of entry, and a change before it is refused, not squeezed in.
    const undated = await app.client.call('staff.save', staffForm({ name: '李四', idNumber: makeValidIdNumber('110105', '1986-05-12', 1), joinedStationDate: null, workStartDate: null }));
    expect(undated.statusDate).toBe('2026-11-23');
    expect((await refusal(app.client.call('staff.changeStatus', { staffId: undated.id, status: '离职', date: '2026-10-01' }))).code).toBe('STATUS_DATE_BEFORE_CURRENT');
    expect((await app.client.call('staff.get', { id: undated.id })).statusHistory.map((h) => h.date)).toEqual(['2026-11-23']);
  });

  it('derives a child\'s 中考/高考 years from the grade, or estimates them from the birth date', async () => {
    const { id: staffId } = await app.client.call('staff.save', staffForm());
    const spouse = await app.client.call('family.save', { staffId, relation: '配偶', name: '王芳', birthDate: '1987-02-01', phone: '13900001111' });
    expect(spouse).toMatchObject({ age: 39, zhongkaoYear: null, gaokaoYear: null });
    // 初三 in the school year 2026–27: 中考 June 2027, 高考 June 2030.
    const son = await app.client.call('family.save', { staffId, relation: '子女', name: '张小明', birthDate: '2012-05-01', grade: '初三', workOrSchool: '杭州市第十三中学' });
    expect(son).toMatchObject({ zhongkaoYear: 2027, gaokaoYear: 2030, age: 14 });
    // Moved up a grade: the years follow the new grade.
    const moved = await app.client.call('family.save', { ...son, id: son.id, staffId, grade: '高一' });
    expect([moved.zhongkaoYear, moved.gaokaoYear]).toEqual([2026, 2029]);
    // No grade: estimated from the birth date (born before September 2010 → school 2016).
    const daughter = await app.client.call('family.save', { staffId, relation: '子女', name: '张小红', birthDate: '2010-03-01' });
    expect([daughter.zhongkaoYear, daughter.gaokaoYear]).toEqual([2025, 2028]);
    const detail = await app.client.call('staff.get', { id: staffId });
    // Spouse first, then children from the eldest.
    expect(detail.family.map((f) => f.name)).toEqual(['王芳', '张小红', '张小明']);
    await app.client.call('family.delete', { id: daughter.id });
    expect((await app.client.call('staff.get', { id: staffId })).family.map((f) => f.name)).toEqual(['王芳', '张小明']);
  });

  it('refuses a second 配偶, and lets the one spouse be edited', async () => {
    const { id: staffId } = await app.client.call('staff.save', staffForm());
    const spouse = await app.client.call('family.save', { staffId, relation: '配偶', name: '王芳' });
    const second = await refusal(app.client.call('family.save', { staffId, relation: '配偶', name: '李娜' }));
    expect(second.details).toMatchObject({ fields: { relation: '已登记配偶「王芳」，一人只能有一位配偶。如已再婚，请先删除或修改原配偶的记录' } });
    await app.client.call('family.save', { id: spouse.id, staffId, relation: '配偶', name: '王芳', workOrSchool: '西湖区教育局' });
    expect((await app.client.call('staff.get', { id: staffId })).family.map((f) => f.name)).toEqual(['王芳']);
  });

  it('keeps 民族, 学历 and 学位, 入党时间 and an honour\'s 文号', async () => {
    const saved = await app.client.call('staff.save', staffForm({ name: '王　五', ethnicity: '回族', education: '大学本科', degree: '学士', partyJoinDate: '2008-06-30' }));
    expect(saved).toMatchObject({ name: '王五', ethnicity: '回族', education: '大学本科', degree: '学士', partyJoinDate: '2008-06-30', partyMember: true });
    const young = await refusal(app.client.call('staff.save', staffForm({ id: saved.id, partyJoinDate: '2002-01-01' })));
    expect(young.details).toMatchObject({ fields: { partyJoinDate: expect.stringContaining('早于本人年满18周岁（2003-07-04）') } });
    const notMember = await refusal(app.client.call('staff.save', staffForm({ id: saved.id, partyMember: false, partyJoinDate: '2008-06-30' })));
    expect(notMember.details).toMatchObject({ fields: { partyJoinDate: expect.stringContaining('未标记为中共党员') } });
    expect((await refusal(app.client.call('staff.save', staffForm({ id: saved.id, ethnicity: '火星族' as never })))).details).toMatchObject({ fields: { ethnicity: '民族请从列表中选择，如 汉族、回族' } });
    const honour = await app.client.call('honour.save', { staffId: saved.id, title: '三等功', date: '2025-06-01', issuer: '杭州市公安局', documentNo: '杭公政〔2025〕12号' });
    expect(honour).toMatchObject({ documentNo: '杭公政〔2025〕12号' });
    expect(await app.client.call('staff.history', { id: saved.id })).toContainEqual(expect.objectContaining({ record: '表彰：三等功', field: '文号', to: '杭公政〔2025〕12号' }));
  });

  it('records honours, newest first, and deletes one', async () => {
    const { id: staffId } = await app.client.call('staff.save', staffForm());
    await app.client.call('honour.save', { staffId, title: '嘉奖', level: '县级', date: '2024-01-10', issuer: '西湖分局' });
    const merit = await app.client.call('honour.save', { staffId, title: '三等功', level: '市级', date: '2025-06-01', issuer: '杭州市公安局' });
    expect((await app.client.call('staff.get', { id: staffId })).honours.map((h) => h.title)).toEqual(['三等功', '嘉奖']);
    await app.client.call('honour.delete', { id: merit.id });
    expect((await app.client.call('staff.get', { id: staffId })).honours.map((h) => h.title)).toEqual(['嘉奖']);
    const future = await refusal(app.client.call('honour.save', { staffId, title: '季度之星', date: '2027-01-01' }));
    expect(future.details).toMatchObject({ fields: { date: expect.stringContaining('晚于今天') } });
  });
});

describe('staff.history', () => {
  it('shows who changed which field from what to what, newest first, for the person and their records', async () => {
    const saved = await app.client.call('staff.save', staffForm());
    const spouse = await app.client.call('family.save', { staffId: saved.id, relation: '配偶', name: '王芳' });
    const merit = await app.client.call('honour.save', { staffId: saved.id, title: '三等功', date: '2025-06-01' });
    app.deps.user.userName = '李强';
    await app.client.call('staff.save', staffForm({ id: saved.id, phone: '13900001111', hardship: true }));
    await app.client.call('family.save', { id: spouse.id, staffId: saved.id, relation: '配偶', name: '王芳', workOrSchool: '西湖区教育局' });
    await app.client.call('honour.delete', { id: merit.id });

    const history = await app.client.call('staff.history', { id: saved.id });
    expect(history.slice(0, 4)).toEqual([
      { at: '2026-11-23 10:00:00', userName: '李强', record: '表彰：三等功', field: '删除', from: '', to: '已删除', remote: false, origin: null },
      { at: '2026-11-23 10:00:00', userName: '李强', record: '家属：王芳', field: '工作单位或学校', from: '', to: '西湖区教育局', remote: false, origin: null },
      { at: '2026-11-23 10:00:00', userName: '李强', record: '人员', field: '手机号码', from: '13812345678', to: '13900001111', remote: false, origin: null },
      { at: '2026-11-23 10:00:00', userName: '李强', record: '人员', field: '困难职工', from: '否', to: '是', remote: false, origin: null },
    ]);
    const created = history.filter((h) => h.userName === '王丽');
    expect(created).toContainEqual(expect.objectContaining({ record: '人员', field: '姓名', from: '', to: '张三' }));
    expect(created).toContainEqual(expect.objectContaining({ record: '人员', field: '中共党员', to: '是' }));
    expect(created).toContainEqual(expect.objectContaining({ record: '状态变更', field: '状态', to: '在职' }));
    expect(created).toContainEqual(expect.objectContaining({ record: '家属：王芳', field: '与本人关系', to: '配偶' }));
    // Internal columns stay out; a new record's blank fields are not listed.
    expect(history.some((h) => ['所属单位', '人员'].includes(h.field) || (h.from === '' && h.to === ''))).toBe(false);
  });
});

describe('staff.delete', () => {
  it('tombstones the person with their family, honours and status history', async () => {
    const saved = await app.client.call('staff.save', staffForm());
    await app.client.call('family.save', { staffId: saved.id, relation: '配偶', name: '王芳' });
    await app.client.call('honour.save', { staffId: saved.id, title: '嘉奖', date: '2025-01-10' });
    expect(await app.client.call('staff.delete', { id: saved.id })).toEqual({ deleted: true });
    expect(await app.client.call('staff.list', {})).toEqual([]);
    expect((await refusal(app.client.call('staff.get', { id: saved.id }))).code).toBe('NOT_FOUND');
    for (const table of ['staff', 'family_member', 'honour', 'staff_status_change']) {
      const rows = app.store.sqlite.prepare(`SELECT deleted_at FROM ${table}`).all() as { deleted_at: string | null }[];
      expect(rows.length, table).toBeGreaterThan(0);
      expect(rows.every((r) => r.deleted_at === '2026-11-23 10:00:00'), table).toBe(true);
    }
    // The same person can be registered again after a mistaken entry was deleted.
    await expect(app.client.call('staff.save', staffForm())).resolves.toMatchObject({ name: '张三' });
  });
});
