import { writeFileSync } from 'node:fs';
import { accountRoleSchema } from '../../../shared/account-record';
import { accountsExist } from '../../accounts/account-store';
import { passwordFromFile } from '../password-prompt';
import { UsageError, withSession, type CliCommand } from '../cli-kit';

const ADD_USAGE = 'nuanjing account add --db FILE --name NAME --role 管理员|录入员|查看 [--health] --new-password-file FILE [--user U --user-password-file P] [--json]';
const AUDIT_USAGE = 'nuanjing audit --db FILE [--by NAME] [--table TABLE] [--person NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE.xlsx] [--user U --user-password-file P] [--json]';

export const accountCommands: Record<string, CliCommand> = {
  'account add': {
    usage: ADD_USAGE,
    summary: '新建账号（新账号首次登录须改密码）；台账还没有账号时，建的是第一个管理员（不用 --user）',
    options: { name: { type: 'string' }, role: { type: 'string' }, health: { type: 'boolean', default: false }, 'new-password-file': { type: 'string' } },
    async run(ctx) {
      const role = accountRoleSchema.safeParse(ctx.values.role);
      if (!role.success) throw new UsageError(`--role 应为 管理员、录入员 或 查看\n用法：${ADD_USAGE}`);
      if (typeof ctx.values.name !== 'string') throw new UsageError(`缺少 --name 姓名\n用法：${ADD_USAGE}`);
      if (typeof ctx.values['new-password-file'] !== 'string') throw new UsageError(`缺少 --new-password-file（新账号的初始密码，文件第一行）\n用法：${ADD_USAGE}`);
      const password = passwordFromFile(ctx.values['new-password-file']);
      return withSession(ctx, async (session) => {
        if (!accountsExist(session.store)) {
          if (role.data !== '管理员') throw new UsageError('台账还没有账号：第一个账号必须是管理员（--role 管理员）。');
          const status = await session.client.call('account.createFirstAdmin', { name: ctx.values.name as string, password });
          ctx.print(status.user, `已建立第一个管理员账号「${status.user?.name}」。此后读写这个台账的命令都要加 --user ${status.user?.name} 登录。`);
          return 0;
        }
        const account = await session.client.call('account.save', { name: ctx.values.name as string, role: role.data, health: ctx.values.health === true, password });
        ctx.print(account, `已新建账号「${account.name}」：${account.role}，${account.health ? '有' : '无'}健康信息权限（首次登录须修改密码）。`);
        return 0;
      });
    },
  },

  'account password': {
    usage: 'nuanjing account password --db FILE --user U [--user-password-file P] --new-password-file FILE [--json]',
    summary: '修改 --user 本人的密码（管理员重置或新建的账号须先改密码）',
    options: { 'new-password-file': { type: 'string' } },
    async run(ctx) {
      if (typeof ctx.values['new-password-file'] !== 'string') throw new UsageError(`缺少 --new-password-file（新密码，文件第一行）\n用法：${this.usage}`);
      const next = passwordFromFile(ctx.values['new-password-file']);
      const current = typeof ctx.values['user-password-file'] === 'string' ? passwordFromFile(ctx.values['user-password-file']) : '';
      return withSession(ctx, async (session) => {
        const status = await session.client.call('account.changePassword', { current, next });
        ctx.print(status.user, `已修改「${status.user?.name}」的密码。`);
        return 0;
      });
    },
  },

  accounts: {
    usage: 'nuanjing accounts --db FILE --user U [--user-password-file P] [--json]',
    summary: '账号列表（管理员）',
    options: {},
    async run(ctx) {
      return withSession(ctx, async (session) => {
        const accounts = await session.client.call('account.list', {});
        const lines = accounts.map((a) => `${a.name}\t${a.role}\t${a.health ? '健康信息' : '—'}\t${a.disabled ? '已停用' : '可用'}\t最近登录 ${a.lastSignInAt ?? '从未'}`);
        ctx.print(accounts, lines.join('\n') || '（没有账号）');
        return 0;
      });
    },
  },

  audit: {
    usage: AUDIT_USAGE,
    summary: '操作记录：谁在何时改了哪条记录的哪一项（--by 按用户，--table 按数据表，--person 按人员，--from/--to 按日期）；--out 导出 Excel',
    options: { by: { type: 'string' }, table: { type: 'string' }, person: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
    async run(ctx) {
      const filter = {
        ...(typeof ctx.values.by === 'string' ? { userName: ctx.values.by } : {}),
        ...(typeof ctx.values.table === 'string' ? { table: ctx.values.table } : {}),
        ...(typeof ctx.values.person === 'string' ? { person: ctx.values.person } : {}),
        ...(typeof ctx.values.from === 'string' ? { from: ctx.values.from } : {}),
        ...(typeof ctx.values.to === 'string' ? { to: ctx.values.to } : {}),
      };
      const out = ctx.values.out;
      if (typeof out === 'string' && !out.toLowerCase().endsWith('.xlsx')) throw new UsageError(`--out 的文件应以 .xlsx 结尾\n用法：${AUDIT_USAGE}`);
      return withSession(ctx, async (session) => {
        if (typeof out === 'string') {
          const file = await session.client.call('audit.export', filter);
          writeFileSync(out, Buffer.from(file.bytesBase64, 'base64'));
          ctx.print({ out, rows: file.rowCount }, `已导出 ${file.rowCount} 条操作记录到 ${out}`);
          return 0;
        }
        const page = await session.client.call('audit.changes', { ...filter, limit: 500 });
        const lines = page.entries.map((e) => `${e.at}  ${e.userName || '—'}  ${e.record}${e.personName && !e.record.includes(e.personName) ? `（${e.personName}）` : ''}  ${e.field}：${e.from || '（空）'} → ${e.to || '（空）'}`);
        ctx.print(page.entries, lines.join('\n') || '（没有符合条件的操作记录）');
        return 0;
      });
    },
  },
};
