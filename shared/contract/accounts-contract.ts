import { z } from 'zod';
import { defineMethod } from './define-method';
import {
  accountInputSchema,
  accountNameSchema,
  passwordSchema,
  type AccountEventItem,
  type AccountItem,
  type AccountStatus,
} from '../account-record';

const signIn = z.object({ name: accountNameSchema, password: z.string({ message: '请填写密码' }).min(1, '请填写密码').max(64, '密码不超过64位') });

/**
 * Accounts (账号) and sign-in. Which role may call each of these — and every other call — is
 * declared once in `method-access.ts`; the handler registry checks it before any handler runs.
 */
export const accountsContract = {
  'account.status': defineMethod<AccountStatus>()('是否已有账号、当前登录的用户、是否锁定', z.object({})),
  'account.createFirstAdmin': defineMethod<AccountStatus>()(
    '首次使用：创建管理员账号（只在还没有任何账号时可用），并以它登录',
    z.object({ name: accountNameSchema, password: passwordSchema }),
  ),
  'account.signIn': defineMethod<AccountStatus>()('登录', signIn),
  'account.signOut': defineMethod<AccountStatus>()('退出登录', z.object({})),
  'account.lock': defineMethod<AccountStatus>()('锁定屏幕（离开电脑时；空闲一段时间后自动锁定）', z.object({})),
  'account.unlock': defineMethod<AccountStatus>()('输入本人密码解锁屏幕', z.object({ password: signIn.shape.password })),
  'account.changePassword': defineMethod<AccountStatus>()(
    '修改本人密码',
    z.object({ current: signIn.shape.password, next: passwordSchema }),
  ),
  'account.list': defineMethod<AccountItem[]>()('账号列表', z.object({})),
  'account.save': defineMethod<AccountItem>()('新建或修改账号（姓名、角色、健康信息权限）', accountInputSchema),
  'account.resetPassword': defineMethod<AccountItem>()(
    '管理员重置某个账号的密码（该用户下次登录须改密码），并解除登录暂停',
    z.object({ id: z.string().min(1), password: passwordSchema }),
  ),
  'account.setDisabled': defineMethod<AccountItem>()('停用或重新启用账号', z.object({ id: z.string().min(1), disabled: z.boolean() })),
  'account.events': defineMethod<AccountEventItem[]>()(
    '登录与查阅记录：登录、登录失败、锁定、密码修改、健康信息查阅',
    z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), limit: z.number().int().min(1).max(5000).default(500) }),
  ),
};
