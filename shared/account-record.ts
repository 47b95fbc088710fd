import { z } from 'zod';

/**
 * Accounts of this installation (账号): who may sign in on this PC and what each may do. Accounts
 * are local — they never travel in a sync bundle — and the change log names the signed-in user.
 *
 * - 管理员: accounts, settings, everything;
 * - 录入员: enters and edits records, no accounts or settings;
 * - 查看: reads only.
 * The health permission (健康信息) is separate: without it health details are hidden in every
 * response (个人信息保护法 Art. 28: 医疗健康信息 is sensitive personal information).
 */
export const accountRoles = ['管理员', '录入员', '查看'] as const;
export type AccountRole = (typeof accountRoles)[number];

/** How much a role may do, for "at least this role" checks: 查看 < 录入员 < 管理员. */
export const roleRank: Record<AccountRole, number> = { 查看: 1, 录入员: 2, 管理员: 3 };

/** Whether `role` may do what `required` may. */
export function roleAllows(role: AccountRole, required: AccountRole): boolean {
  return roleRank[role] >= roleRank[required];
}

/** Wrong passwords in a row before sign-in pauses (then the pause grows with each further one). */
export const FAILED_SIGN_INS_BEFORE_PAUSE = 5;

/**
 * The pause after `failures` wrong passwords in a row: none below five; one minute at five,
 * doubled with each further wrong password, at most one hour.
 */
export function signInPauseMinutes(failures: number): number {
  if (failures < FAILED_SIGN_INS_BEFORE_PAUSE) return 0;
  return Math.min(60, 2 ** (failures - FAILED_SIGN_INS_BEFORE_PAUSE));
}

export const accountNameSchema = z
  .string({ message: '请填写姓名' })
  .trim()
  .min(2, '姓名至少2个字')
  .max(20, '姓名不超过20个字')
  .refine((name) => !/[\s/\\]/.test(name), '姓名里不能有空格或斜杠');

/** A password: 6–64 characters, not all the same character. */
export const passwordSchema = z
  .string({ message: '请填写密码' })
  .min(6, '密码至少6位')
  .max(64, '密码不超过64位')
  .refine((password) => new Set(password).size > 1, '密码不能全是同一个字符');

export const accountRoleSchema = z.enum(accountRoles, { message: '请选择角色：管理员、录入员或查看' });

/** The person signed in, as every transport and page sees them. */
export interface SignedInUser {
  name: string;
  role: AccountRole;
  /** Whether this user may see health details (健康信息权限). */
  health: boolean;
  /** Set after a 管理员 reset the password: the user is asked to choose a new one. */
  mustChangePassword: boolean;
}

/** What the login screen and the frame need to know before and after signing in. */
export interface AccountStatus {
  /** False until the first 管理员 is created: the app asks for one on its first start. */
  accountsExist: boolean;
  /** The signed-in user, or null. */
  user: SignedInUser | null;
  /** The screen is locked (idle, or 锁定): the user's password unlocks it. */
  locked: boolean;
  /** Minutes without input before the screen locks (设置). */
  idleLockMinutes: number;
  /** On the demo ledger only: the demo accounts and their password, shown on the login screen. */
  demoAccounts: { name: string; role: AccountRole; health: boolean }[] | null;
  demoPassword: string | null;
}

/** An account as 管理员 sees it in the list (never its password). */
export interface AccountItem {
  id: string;
  name: string;
  role: AccountRole;
  health: boolean;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastSignInAt: string | null;
  /** Set while sign-in is paused after wrong passwords: until when (China date-time). */
  pausedUntil: string | null;
}

export const accountInputSchema = z.object({
  /** Absent: a new account. */
  id: z.string().min(1).optional(),
  name: accountNameSchema,
  role: accountRoleSchema,
  health: z.boolean().default(false),
  /** Required for a new account; ignored for an existing one (use the reset instead). */
  password: passwordSchema.optional(),
});
export type AccountInput = z.input<typeof accountInputSchema>;

/** The kinds of account events (登录记录), each with its Chinese label. */
export const accountEventLabels = {
  signIn: '登录',
  signInFailed: '登录失败（密码错误）',
  signInPaused: '登录被暂停（密码连续输错）',
  signOut: '退出登录',
  lock: '锁定屏幕',
  unlock: '解锁',
  unlockFailed: '解锁失败（密码错误）',
  passwordChanged: '修改密码',
  passwordReset: '管理员重置密码',
  accountCreated: '新建账号',
  accountChanged: '修改账号',
  accountDisabled: '停用账号',
  accountEnabled: '启用账号',
  healthRead: '查阅健康信息',
  recordRestored: '从操作记录恢复',
} as const;
export type AccountEventKind = keyof typeof accountEventLabels;

/** One line of 登录与查阅记录. */
export interface AccountEventItem {
  at: string;
  kind: AccountEventKind;
  label: string;
  /** Who (the account's name, or the name typed at a failed sign-in). */
  userName: string;
  /** Whose record it concerns (a health read, a restore), when one. */
  personName: string | null;
  detail: string;
}
