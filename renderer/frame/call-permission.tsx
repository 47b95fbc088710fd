import { cloneElement, type ReactElement } from 'react';
import { Tooltip } from 'antd';
import { roleAllows, type AccountStatus } from '../../shared/account-record';
import type { MethodName } from '../../shared/contract/api-contract';
import { methodAccess } from '../../shared/contract/method-access';
import { useAppStore } from '../stores/store-context';

/** What the clerk reads on a write action their account may not use. */
export const READ_ONLY_HINT = '只读账号不能修改';

/**
 * Why the signed-in user may not make the call `method`, in the clerk's words, or null when they
 * may — read from the same access table the server checks (shared/contract/method-access.ts), so a
 * page never offers what the server would refuse. Nobody signed in (a ledger without accounts): no
 * restriction, as on the server.
 */
export function callRefusalHint(account: AccountStatus | null, method: MethodName): string | null {
  const user = account?.user;
  if (!user) return null;
  const access = methodAccess[method];
  if (access.role !== 'public' && !roleAllows(user.role, access.role)) {
    return user.role === '查看' ? READ_ONLY_HINT : `需要「${access.role}」权限`;
  }
  if (access.health === 'details' && !user.health) return '没有健康信息权限';
  return null;
}

/** Whether the signed-in user may make every one of the calls (a page's write actions ask before they show). */
export function useMayCall(...methods: MethodName[]): boolean {
  return useAppStore((s) => methods.every((method) => callRefusalHint(s.account, method) === null));
}

/**
 * A button (or link) that makes the call `method`: shown as it is when the user may make it;
 * otherwise disabled with the reason as its tooltip, or left out with `hide` (row actions, menus,
 * where a column of disabled links says nothing more).
 */
export function PermittedAction({ method, hide = false, children }: { method: MethodName; hide?: boolean; children: ReactElement<{ disabled?: boolean }> }) {
  const refusal = useAppStore((s) => callRefusalHint(s.account, method));
  if (refusal === null) return children;
  if (hide) return null;
  return (
    <Tooltip title={refusal}>
      <span style={{ display: 'inline-block', cursor: 'not-allowed' }}>{cloneElement(children, { disabled: true })}</span>
    </Tooltip>
  );
}
