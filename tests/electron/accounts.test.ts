import { request } from 'node:http';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCallError, type ApiClient } from '../../shared/contract/api-contract';
import { makeValidIdNumber } from '../../shared/id-number';
import { openLedgerStore, type LedgerStore } from '../../db/ledger-store';
import { CallerSession } from '../../electron/accounts/caller-session';
import { createAppDeps, type AppDeps } from '../../electron/app-deps';
import { createHandlerRegistry } from '../../electron/handlers/all-handlers';
import type { HandlerRegistry } from '../../electron/handlers/handler-registry';
import { createInProcessClient } from '../../electron/transports/in-process-client';
import { startWebServer, TOKEN_HEADER, type RunningWebServer } from '../../electron/web/web-server';
import { manualClock, tempFolder, type ManualClock } from '../support/test-ledger';
import { staffForm } from '../support/roster-client';

/**
 * Accounts through every transport: roles (a 查看 user cannot write), the 健康信息 permission (no
 * diagnosis in any response without it, reports and exports included), the pause after wrong
 * passwords, the screen lock, and 恢复 of a deleted person from 操作记录. One ledger for the file.
 */

const DIAGNOSIS = '急性阑尾炎术后观察';
const HOSPITAL = '市第一人民医院';
const PASSWORD = 'secret-123';

let clock: ManualClock;
let store: LedgerStore;
let deps: AppDeps;
let registry: HandlerRegistry;
let staffId: string;
let folder: { path: string; remove(): void };

const sessions = new Map<string, ApiClient>();

/** A client of a person's session (as a window or the CLI has), signed in as `name` — one per user for the file (a sign-in costs a scrypt). */
async function signedIn(name: string, password = PASSWORD): Promise<ApiClient> {
  const known = sessions.get(`${name}:${password}`);
  if (known) return known;
  const client = createInProcessClient(registry, deps, CallerSession.forTransport());
  await client.call('account.signIn', { name, password });
  sessions.set(`${name}:${password}`, client);
  return client;
}

async function refusal(call: Promise<unknown>): Promise<ApiCallError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiCallError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

async function workbookText(bytesBase64: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytesBase64, 'base64') as unknown as ArrayBuffer);
  const texts: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.text)))));
  return texts.join('\n');
}

beforeAll(async () => {
  folder = tempFolder('nuanjing-accounts-');
  clock = manualClock(Date.parse('2026-11-23T10:00:00+08:00'));
  store = await openLedgerStore(':memory:', { wallClock: clock.read });
  deps = createAppDeps(store, { userName: '' });
  registry = createHandlerRegistry();
  const setup = createInProcessClient(registry, deps);
  await setup.call('station.setup', { code: '330102-01', name: '北山派出所', role: 'station' });
  staffId = (await setup.call('staff.save', staffForm({ name: '张三' }))).id;
  await setup.call('family.save', { staffId, relation: '配偶', name: '李梅' });
  await setup.call('health.event.save', { staffId, kind: '住院', hospital: HOSPITAL, startDate: '2026-11-20', diagnosis: DIAGNOSIS });

  // First start: a window's session creates the 管理员, who adds the other accounts.
  const window = createInProcessClient(registry, deps, CallerSession.forTransport());
  expect((await window.call('account.status', {})).accountsExist).toBe(false);
  const first = await window.call('account.createFirstAdmin', { name: '王丽', password: PASSWORD });
  expect(first.user).toMatchObject({ name: '王丽', role: '管理员', health: true });
  await window.call('account.save', { name: '李录入', role: '录入员', health: false, password: PASSWORD });
  await window.call('account.save', { name: '赵查看', role: '查看', health: false, password: PASSWORD });
  // New accounts must change the password first; the test users have done so.
  store.sqlite.prepare('UPDATE account SET must_change_password = 0').run();
});

afterAll(() => {
  store.close();
  folder.remove();
});

describe('roles, in-process (as the CLI and a window call)', () => {
  it('asks a person’s session to sign in once the ledger has accounts, while the login screen’s calls stay open', async () => {
    const anonymous = createInProcessClient(registry, deps, CallerSession.forTransport());
    const error = await refusal(anonymous.call('staff.list', {}));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/请先登录/);
    expect((await anonymous.call('account.status', {})).user).toBeNull();
    expect((await anonymous.call('app.info', {})).station?.name).toBe('北山派出所');
  });

  it('a 查看 user reads but cannot write, with FORBIDDEN and a Chinese message naming the role', async () => {
    const viewer = await signedIn('赵查看');
    expect((await viewer.call('staff.list', {})).length).toBe(1);
    const error = await refusal(viewer.call('staff.save', staffForm({ name: '钱七', idNumber: makeValidIdNumber('330106', '1990-01-01', 21) })));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/「赵查看」是「查看」角色，不能办理「新增或修改人员」.*「录入员」或以上/);
    expect((await refusal(viewer.call('staff.delete', { id: staffId }))).code).toBe('FORBIDDEN');
    // The call is named as the clerk knows it, without the contract's notes for developers.
    const backup = await refusal(viewer.call('backup.create', {}));
    expect(backup.message).toMatch(/不能办理「立即备份」：这项操作需要「管理员」权限/);
    expect(backup.message).not.toMatch(/toFolder|password/);
  });

  it('a 录入员 writes, signed with their name in the change log, but manages no accounts or settings', async () => {
    const clerk = await signedIn('李录入');
    await clerk.call('family.save', { staffId, relation: '子女', name: '张小明' });
    const history = await clerk.call('staff.history', { id: staffId });
    expect(history.find((h) => h.to === '张小明')?.userName).toBe('李录入');
    expect((await clerk.call('app.info', {})).operatorName).toBe('李录入');
    expect((await refusal(clerk.call('account.list', {}))).message).toMatch(/需要「管理员」权限/);
    expect((await refusal(clerk.call('settings.set', { key: 'station.minimumOnDuty', value: 3 }))).code).toBe('FORBIDDEN');
  });
});

describe('the 健康信息 permission', () => {
  it('refuses the detail calls without it, and gives counts only', async () => {
    const clerk = await signedIn('李录入');
    for (const call of [clerk.call('health.person', { staffId }), clerk.call('health.overview', {}), clerk.call('health.export', { list: 'inHospital' })]) {
      const error = await refusal(call);
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/没有健康信息权限.*个人信息保护法第二十八条/);
    }
    expect((await clerk.call('health.summary', {})).inHospital).toBe(1);
  });

  it('leaves no diagnosis (nor hospital) in any response it may read: history, audit, reminders, reports and their files', async () => {
    const clerk = await signedIn('李录入');
    const texts = [
      JSON.stringify(await clerk.call('staff.history', { id: staffId })),
      JSON.stringify(await clerk.call('audit.changes', {})),
      JSON.stringify(await clerk.call('reminders.list', { from: '2026-11-20', days: 30 })),
      JSON.stringify(await clerk.call('report.monthly', { month: '2026-11' })),
      JSON.stringify(await clerk.call('report.document', { month: '2026-11' })),
      JSON.stringify(await clerk.call('sync.conflicts', {})),
      await workbookText((await clerk.call('report.excel', { month: '2026-11' })).bytesBase64),
      await workbookText((await clerk.call('audit.export', {})).bytesBase64),
      await workbookText((await clerk.call('roster.export', {})).bytesBase64),
    ];
    for (const text of texts) {
      expect(text).not.toContain(DIAGNOSIS);
      expect(text).not.toContain(HOSPITAL);
    }
    // The reminder still says who is in hospital, so the visit is not forgotten.
    expect(texts[2]).toMatch(/住院（2026-11-20 起在院），尚未慰问/);
  });

  it('a user with it sees the details, and the read is recorded (once per person and session), shown to the 管理员', async () => {
    const admin = await signedIn('王丽');
    expect(JSON.stringify(await admin.call('health.person', { staffId }))).toContain(DIAGNOSIS);
    await admin.call('health.person', { staffId });
    expect(JSON.stringify(await admin.call('staff.history', { id: staffId }))).toContain(DIAGNOSIS);
    const reads = (await admin.call('account.events', {})).filter((e) => e.kind === 'healthRead');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ userName: '王丽', personName: '张三', label: '查阅健康信息' });
  });
});

describe('signing in', () => {
  it('pauses sign-in after five wrong passwords, longer with each further one, saying how long to wait', async () => {
    const window = createInProcessClient(registry, deps, CallerSession.forTransport());
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const error = await refusal(window.call('account.signIn', { name: '赵查看', password: 'wrong-one' }));
      expect(error.code).toBe('SIGN_IN_FAILED');
      expect(error.message).toContain(`再错 ${5 - attempt} 次将暂停登录`);
    }
    const fifth = await refusal(window.call('account.signIn', { name: '赵查看', password: 'wrong-one' }));
    expect(fifth.code).toBe('SIGN_IN_PAUSED');
    expect(fifth.message).toMatch(/连续输错 5 次.*请 1 分钟后（10:01 以后）再试/);
    // Paused: even the right password waits.
    expect((await refusal(window.call('account.signIn', { name: '赵查看', password: PASSWORD }))).code).toBe('SIGN_IN_PAUSED');
    clock.advance(61_000);
    expect((await refusal(window.call('account.signIn', { name: '赵查看', password: 'wrong-one' }))).message).toMatch(/连续输错 6 次.*请 2 分钟后/);
    clock.advance(121_000);
    expect((await window.call('account.signIn', { name: '赵查看', password: PASSWORD })).user?.name).toBe('赵查看');
    const events = await (await signedIn('王丽')).call('account.events', {});
    expect(events.filter((e) => e.userName === '赵查看' && e.kind === 'signInFailed')).toHaveLength(6);
    expect(events.some((e) => e.userName === '赵查看' && e.kind === 'signIn')).toBe(true);
  });

  it('a locked screen refuses every call until the user’s own password unlocks it', async () => {
    const clerk = await signedIn('李录入');
    await clerk.call('account.lock', {});
    const error = await refusal(clerk.call('staff.list', {}));
    expect(error.code).toBe('SESSION_LOCKED');
    expect(error.message).toMatch(/屏幕已锁定：请输入「李录入」的密码解锁/);
    expect((await refusal(clerk.call('account.unlock', { password: 'not-mine' }))).code).toBe('WRONG_PASSWORD');
    expect((await clerk.call('account.unlock', { password: PASSWORD })).locked).toBe(false);
    expect((await clerk.call('staff.list', {})).length).toBe(1);
  });

  it('a session without calls for the idle time is locked on the server too, whatever its page does', async () => {
    const operator = createInProcessClient(registry, deps);
    await operator.call('settings.set', { key: 'accounts.idleLockMinutes', value: 1 });
    try {
      const browser = createInProcessClient(registry, deps, CallerSession.forTransport());
      await browser.call('account.signIn', { name: '李录入', password: PASSWORD });
      await browser.call('staff.list', {});
      clock.advance(40_000);
      await browser.call('staff.list', {});
      clock.advance(40_000);
      // Calls keep it open: 80 s since sign-in, 40 s since the last call.
      expect((await browser.call('staff.list', {})).length).toBe(1);
      clock.advance(60_000);
      const expired = await refusal(browser.call('staff.list', {}));
      expect(expired.code).toBe('SESSION_LOCKED');
      expect(expired.message).toMatch(/屏幕已锁定：请输入「李录入」的密码解锁/);
      expect(await browser.call('account.status', {})).toMatchObject({ locked: true, user: { name: '李录入' } });
      await browser.call('account.unlock', { password: PASSWORD });
      expect((await browser.call('staff.list', {})).length).toBe(1);
      const events = await operator.call('account.events', {});
      expect(events.some((e) => e.userName === '李录入' && e.kind === 'lock' && e.detail.includes('无操作'))).toBe(true);
    } finally {
      await operator.call('settings.set', { key: 'accounts.idleLockMinutes', value: 10 });
    }
  });

  it('a password reset by the 管理员 must be changed before anything else', async () => {
    const admin = await signedIn('王丽');
    const viewer = (await admin.call('account.list', {})).find((a) => a.name === '赵查看');
    await admin.call('account.resetPassword', { id: viewer?.id ?? '', password: 'reset-456' });
    const user = await signedIn('赵查看', 'reset-456');
    expect((await refusal(user.call('staff.list', {}))).code).toBe('PASSWORD_CHANGE_REQUIRED');
    await user.call('account.changePassword', { current: 'reset-456', next: PASSWORD });
    expect((await user.call('staff.list', {})).length).toBe(1);
    // The last enabled 管理员 cannot be demoted.
    const self = (await admin.call('account.list', {})).find((a) => a.name === '王丽');
    expect((await refusal(admin.call('account.save', { id: self?.id, name: '王丽', role: '录入员', health: true }))).code).toBe('LAST_ADMIN');
  });
});

describe('操作记录', () => {
  it('restores a deleted person (and the family deleted with them) through the write path', async () => {
    const clerk = await signedIn('李录入');
    await clerk.call('staff.delete', { id: staffId });
    expect(await clerk.call('staff.list', {})).toHaveLength(0);
    const page = await clerk.call('audit.changes', { person: '张三' });
    const deletion = page.entries.find((e) => e.table === 'staff' && e.action === '删除');
    expect(deletion).toMatchObject({ userName: '李录入', record: '人员「张三」', restorable: true });
    // A family record waits for its person.
    const familyDeletion = page.entries.find((e) => e.table === 'family_member' && e.action === '删除');
    expect((await refusal(clerk.call('audit.restore', { table: 'family_member', rowId: familyDeletion?.rowId ?? '' }))).code).toBe('PERSON_DELETED');
    // A 查看 user may read the trail but not restore.
    expect((await refusal((await signedIn('赵查看')).call('audit.restore', { table: 'staff', rowId: staffId }))).code).toBe('FORBIDDEN');

    const restored = await clerk.call('audit.restore', { table: 'staff', rowId: staffId });
    expect(restored.record).toBe('人员「张三」');
    expect(restored.restored).toBeGreaterThanOrEqual(3);
    const person = await clerk.call('staff.get', { id: staffId });
    expect(person.family.map((f) => f.name).sort()).toEqual(['张小明', '李梅']);
    const after = await clerk.call('audit.changes', { person: '张三', userName: '李录入' });
    expect(after.entries[0]).toMatchObject({ action: '恢复', record: '人员「张三」' });
    expect(after.entries.some((e) => e.action === '删除' && e.restorable)).toBe(false);
  });
});

describe('web mode', () => {
  let server: RunningWebServer;
  beforeAll(async () => {
    server = await startWebServer({ registry, deps, staticDir: folder.path, port: 0 });
  });
  afterAll(() => server.close());

  function post(method: string, body: unknown, cookie?: string): Promise<{ status: number; body: { ok: boolean; error?: { code: string; message: string } }; cookie: string | null }> {
    return new Promise((resolve, reject) => {
      const text = JSON.stringify(body);
      const req = request(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/call/${method}`, headers: { host: `127.0.0.1:${server.port}`, [TOKEN_HEADER]: server.token, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) } },
        (res) => {
          let data = '';
          res.on('data', (chunk: Buffer) => (data += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data), cookie: (res.headers['set-cookie'] ?? [])[0]?.split(';')[0] ?? null }));
        },
      );
      req.on('error', reject);
      req.end(text);
    });
  }

  it('needs a login beside the token; the session cookie carries the user’s role', async () => {
    expect((await post('staff.list', {})).body.error?.code).toBe('UNAUTHORIZED');
    const signIn = await post('account.signIn', { name: '赵查看', password: PASSWORD });
    expect(signIn.body.ok).toBe(true);
    expect(signIn.cookie).toMatch(/^nuanjing_session_\d+=/);
    const cookie = signIn.cookie ?? '';
    expect((await post('staff.list', {}, cookie)).body.ok).toBe(true);
    const write = await post('honour.save', { staffId, name: '嘉奖', date: '2026-11-01' }, cookie);
    expect(write.body.error?.code).toBe('FORBIDDEN');
    expect((await post('health.person', { staffId }, cookie)).body.error?.message).toMatch(/没有健康信息权限/);
    await post('account.signOut', {}, cookie);
    expect((await post('staff.list', {}, cookie)).body.error?.code).toBe('UNAUTHORIZED');
  });
});
