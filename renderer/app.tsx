import { useCallback, useEffect, useMemo } from 'react';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useShallow } from 'zustand/react/shallow';
import { PlatformProvider, usePlatform, type Platform } from './api/client-context';
import type { AppStoreHook } from './stores/app-store';
import { useDataChangeRefresh } from './stores/data-change-refresh';
import { StoreProvider, useAppStore } from './stores/store-context';
import { SetupWizard } from './pages/setup/setup-wizard';
import { AppFrame } from './frame/app-frame';
import { useIdleLock } from './frame/idle-lock';
import { watchSessionRefusals } from './frame/session-watch';
import { SignInScreen } from './pages/accounts/sign-in-screen';
import { LockScreen } from './pages/accounts/lock-screen';
import { ChangePasswordDialog } from './pages/accounts/change-password-dialog';

dayjs.locale('zh-cn');

/**
 * The theme: antd's defaults with a warm police-blue primary and Chinese system fonts, and no
 * animations when Windows is set to show none (设置 › 辅助功能 › 视觉效果 › 动画效果, which old
 * office PCs often are, to stay responsive): the browser reports it as `prefers-reduced-motion`.
 */
const theme = {
  token: {
    colorPrimary: '#1d4f91',
    borderRadius: 6,
    fontFamily: '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", sans-serif',
    motion: !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches,
  },
};

function Screens() {
  const platform = usePlatform();
  const { client } = platform;
  useDataChangeRefresh();
  const { info, loadError, loadInfo, account, loadAccount, lockScreen, confirmPresence } = useAppStore(
    useShallow((s) => ({ info: s.info, loadError: s.loadError, loadInfo: s.loadInfo, account: s.account, loadAccount: s.loadAccount, lockScreen: s.lockScreen, confirmPresence: s.confirmPresence })),
  );
  useEffect(() => {
    void loadInfo(client);
    loadAccount(client).catch(() => undefined);
  }, [client, loadInfo, loadAccount]);
  // Once signed in, a call refused for the session (locked elsewhere, signed out, account disabled) brings the right screen.
  const watched = useMemo(() => ({ ...platform, client: watchSessionRefusals(client, () => void loadAccount(client).catch(() => undefined)) }), [platform, client, loadAccount]);
  const signedIn = Boolean(account?.accountsExist && account.user);
  const lockNow = useCallback(() => void lockScreen(client).catch(() => undefined), [lockScreen, client]);
  const present = useCallback(() => void confirmPresence(client).catch(() => undefined), [confirmPresence, client]);
  useIdleLock(account?.idleLockMinutes ?? 0, signedIn && !account?.locked, lockNow, present);
  if (loadError) return <Result status="error" title="暖警台账无法读取数据" subTitle={loadError} />;
  if (!info || !account) return <Spin size="large" fullscreen description="正在打开台账…" />;
  if (!account.user) return <SignInScreen />;
  return (
    <PlatformProvider platform={watched}>
      {info.station ? <AppFrame /> : <SetupWizard />}
      {account.locked && <LockScreen />}
      {signedIn && !account.locked && account.user.mustChangePassword && <ChangePasswordDialog open required onClose={() => undefined} />}
    </PlatformProvider>
  );
}

/** The whole renderer: locale, theme, platform (client + files) and store. */
export function App({ platform, store }: { platform: Platform; store: AppStoreHook }) {
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <PlatformProvider platform={platform}>
          <StoreProvider store={store}>
            <Screens />
          </StoreProvider>
        </PlatformProvider>
      </AntApp>
    </ConfigProvider>
  );
}
