import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRosterTestApp, staffForm, type RosterTestApp } from '../support/roster-client';
import { samplePerson } from '../support/hospital-sheet';

/** Health records through the handlers (the same calls as the drawer's dialogs), on a real ledger. */

let app: RosterTestApp;
let staffId: string;
beforeEach(async () => {
  app = await openRosterTestApp();
  staffId = (await app.client.call('staff.save', staffForm())).id;
});
afterEach(() => app.close());

describe('saving health records, refused with a message that says what to do', () => {
  it('a checkup: stored with its items; a future one and one before 参加工作时间 refused; a second on the same date only when confirmed', async () => {
    const saved = await app.client.call('health.checkup.save', { staffId, date: '2026-05-10', institution: '市公安医院', conclusion: '异常需复查', abnormalItems: ['高血压', '脂肪肝'], followUpDue: '2026-08-10' });
    expect(saved).toMatchObject({ conclusion: '异常需复查', abnormalItems: ['高血压', '脂肪肝'], followUpDue: '2026-08-10', followUpDoneDate: null });
    await expect(app.client.call('health.checkup.save', { staffId, date: '2026-11-24', conclusion: '正常' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('晚于今天'),
    });
    await expect(app.client.call('health.checkup.save', { staffId, date: '2006-05-01', conclusion: '正常' })).rejects.toMatchObject({ message: expect.stringContaining('还未参加工作') });
    const duplicate = await app.client.call('health.checkup.save', { staffId, date: '2026-05-10', conclusion: '正常' }).catch((e: unknown) => e);
    expect(duplicate).toMatchObject({ code: 'INVALID_ARGUMENT', details: { fields: { confirmDuplicate: expect.stringContaining('确认同日另一次体检') } } });
    await app.client.call('health.checkup.save', { staffId, date: '2026-05-10', conclusion: '正常', confirmDuplicate: true });
    // Editing the record itself is no duplicate.
    await app.client.call('health.checkup.save', { ...saved, followUpDoneDate: '2026-08-01', followUpResult: '血压已控制' });
    const health = await app.client.call('health.person', { staffId });
    expect(health.checkups).toHaveLength(2);
    expect(health.checkups.find((c) => c.id === saved.id)).toMatchObject({ followUpDoneDate: '2026-08-01', followUpResult: '血压已控制' });
  });

  it('a medical event: no discharge before admission; open while in hospital; the amount in fen', async () => {
    await expect(app.client.call('health.event.save', { staffId, kind: '住院', startDate: '2026-11-10', endDate: '2026-11-01' })).rejects.toMatchObject({
      message: '出院日期 2026-11-01 早于入院日期 2026-11-10，请核对',
    });
    await app.client.call('health.event.save', { staffId, kind: '住院', hospital: '市一医院', greenChannel: true, startDate: '2026-11-20', diagnosis: '急性阑尾炎', reimbursedFen: 123456 });
    const overview = await app.client.call('health.overview', {});
    expect(overview.inHospital).toEqual([expect.objectContaining({ name: '张三', hospital: '市一医院', greenChannel: true, days: 4, reimbursement: '未报销', reimbursedFen: 123456 })]);
    expect(overview.reimbursementsPending).toHaveLength(1);
  });

  it('a 危机 screening puts the person on the watch list; an intervention in time takes the highlight off', async () => {
    await app.client.call('health.screening.save', { staffId, date: '2026-11-10', instrument: 'PHQ-9', score: 24, level: '危机' });
    let watch = (await app.client.call('health.overview', {})).watch;
    expect(watch).toEqual([expect.objectContaining({ name: '张三', level: '危机', interventionDue: '2026-11-17', overdue: true, daysOverdue: 6 })]);
    await app.client.call('health.intervention.save', { staffId, date: '2026-11-12', counsellor: '李心理', form: '面谈', summary: '情绪低落，已联系家属', nextDate: '2026-11-26' });
    watch = (await app.client.call('health.overview', {})).watch;
    expect(watch[0]).toMatchObject({ overdue: false, sessions: 1, nextSessionDate: '2026-11-26' });
    expect((await app.client.call('health.summary', {})).crisis).toBe(1);
  });

  it('the summary gives counts and levels only: no name, no ID number, no diagnosis', async () => {
    await app.client.call('health.screening.save', { staffId, date: '2026-11-10', instrument: 'SCL-90', level: '预警' });
    await app.client.call('health.event.save', { staffId, kind: '住院', startDate: '2026-11-20', diagnosis: '急性阑尾炎' });
    await app.client.call('health.checkup.save', { staffId, date: '2026-05-10', conclusion: '异常需就医', abnormalItems: ['肺结节'] });
    const summary = await app.client.call('health.summary', {});
    expect(summary).toMatchObject({ inHospital: 1, crisis: 0, levels: { 正常: 0, 关注: 0, 预警: 1, 危机: 0 }, coverage: { total: { active: 1, checked: 1, percent: 100 } } });
    const text = JSON.stringify(summary) + JSON.stringify(await app.client.call('health.coverage', { year: 2026 }));
    for (const secret of ['张三', staffForm().idNumber, '阑尾炎', '肺结节', staffId]) expect(text).not.toContain(secret);
  });

  it('the vocabulary: built-in items, and the unit\'s own added once', async () => {
    const vocabulary = await app.client.call('health.addItems', { names: ['胆囊息肉', '高血压', ' 胆囊息肉 '] });
    expect(vocabulary.filter((e) => e.name === '胆囊息肉')).toEqual([{ name: '胆囊息肉', source: '本单位' }]);
    expect(vocabulary.filter((e) => e.name === '高血压')).toEqual([{ name: '高血压', source: '内置' }]);
    await expect(app.client.call('health.addItems', { names: ['高血压、脂肪肝'] })).rejects.toMatchObject({ message: expect.stringContaining('请分开填写') });
  });

  it('each list exports to Excel with the page\'s filters', async () => {
    await app.client.call('staff.save', samplePerson(2));
    const file = await app.client.call('health.export', { list: 'overdueCheckups', categories: ['辅警'] });
    expect(file).toMatchObject({ fileName: expect.stringMatching(/^体检逾期名单-2026-/), rowCount: 1 });
    expect((await app.client.call('health.export', { list: 'coverage' })).rowCount).toBe(4);
  });
});
