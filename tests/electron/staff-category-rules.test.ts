import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../shared/contract/api-contract';
import { makeValidIdNumber } from '../../shared/id-number';
import { openRosterTestApp, staffForm, type RosterTestApp } from '../support/roster-client';
import { rosterSheetBytes } from '../support/roster-sheet';

/** Only 辅警 have 层级/星级 (and only 民警/职工 a 职级), whichever way a person is saved. */

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

const LIU = makeValidIdNumber('330106', '1990-05-06', 17);

describe('staff.save', () => {
  it('refuses a 民警 with a 辅警层级 and a 星级, per field, and writes nothing', async () => {
    const error = await refusal(app.client.call('staff.save', staffForm({ auxLevel: 3, starRating: 4 })));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/人员类别为民警，不能填写辅警层级/);
    expect((error.details as { fields: Record<string, string> }).fields).toMatchObject({
      auxLevel: expect.stringMatching(/只适用于辅警/),
      starRating: expect.stringMatching(/不能填写星级/),
    });
    expect(await app.client.call('staff.list', {})).toEqual([]);
  });

  it('clears a 辅警 层级 and 星级 when the person becomes a 职工', async () => {
    const saved = await app.client.call('staff.save', staffForm({ category: '辅警', idNumber: LIU, rank: null, auxLevel: 2, starRating: 3 }));
    expect(saved).toMatchObject({ auxLevel: 2, starRating: 3 });
    // As the Excel import sends it: 层级 and 星级 not given at all.
    const changed = await app.client.call('staff.save', { ...staffForm({ category: '职工', idNumber: LIU }), id: saved.id });
    expect(changed).toMatchObject({ category: '职工', auxLevel: null, starRating: null });
  });
});

describe('the Excel import', () => {
  it('refuses a 民警 row with 辅警层级 by row and column, and imports the 辅警 row', async () => {
    const bytes = await rosterSheetBytes([
      { 姓名: '刘洋', 人员类别: '民警', 身份证号: LIU, 辅警层级: '三级' },
      { 姓名: '郑小龙', 人员类别: '辅警', 身份证号: makeValidIdNumber('330105', '1998-09-30', 57), 辅警层级: '二级', 星级: '★★★' },
    ]);
    const summary = await app.client.call('roster.importCommit', { bytesBase64: bytes.toString('base64') });
    expect(summary).toMatchObject({ created: 1, refused: 1 });
    expect(summary.errors).toEqual([{ row: 2, field: '辅警层级', message: '人员类别为民警，不能填写辅警层级：辅警层级只适用于辅警。请清空辅警层级，或核对人员类别' }]);
    expect((await app.client.call('staff.list', {})).map((p) => p.name)).toEqual(['郑小龙']);
  });

  it('refuses a 辅警 row with a 职级', async () => {
    const bytes = await rosterSheetBytes([{ 姓名: '刘洋', 人员类别: '辅警', 身份证号: LIU, 职级: '一级警长' }]);
    const summary = await app.client.call('roster.importPreview', { bytesBase64: bytes.toString('base64') });
    expect(summary.errors).toEqual([expect.objectContaining({ row: 2, field: '职级', message: expect.stringMatching(/人员类别为辅警，不能填写职级/) })]);
  });
});
