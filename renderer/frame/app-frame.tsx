import { Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import {
  AppstoreOutlined,
  AuditOutlined,
  CloudDownloadOutlined,
  CalendarOutlined,
  DownOutlined,
  UserOutlined,
  FileTextOutlined,
  GiftOutlined,
  HeartOutlined,
  SettingOutlined,
  SyncOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PlatformProvider, usePlatform } from '../api/client-context';
import { useAppStore } from '../stores/store-context';
import type { PageKey } from '../stores/session-slice';
import { ClockBanner } from './clock-banner';
import { watchClockRefusals } from './clock-watch';
import { pageRegistry } from './page-registry';
import { ChangePasswordDialog } from '../pages/accounts/change-password-dialog';

const menuIcons: Record<PageKey, ReactNode> = {
  dashboard: <AppstoreOutlined />,
  staff: <TeamOutlined />,
  health: <HeartOutlined />,
  leave: <CalendarOutlined />,
  visits: <GiftOutlined />,
  reports: <FileTextOutlined />,
  sync: <SyncOutlined />,
  audit: <AuditOutlined />,
  backup: <CloudDownloadOutlined />,
  settings: <SettingOutlined />,
};

/**
 * The app frame: left navigation, the station's name in the header, the open page — and, above it,
 * the banner when this PC's date looks wrong (checked at start and whenever a call is refused for it).
 */
export function AppFrame() {
  const platform = usePlatform();
  const { info, page, navigate, loadClockStatus, account, lockScreen, signOut } = useAppStore(
    useShallow((s) => ({ info: s.info, page: s.page, navigate: s.navigate, loadClockStatus: s.loadClockStatus, account: s.account, lockScreen: s.lockScreen, signOut: s.signOut })),
  );
  const [changingPassword, setChangingPassword] = useState(false);
  // Signed in to an account (the ledger has accounts): the header names the user, with 锁定 and 退出.
  const user = account?.accountsExist ? account.user : null;
  const watched = useMemo(() => {
    const plain = platform.client;
    return { ...platform, client: watchClockRefusals(plain, () => void loadClockStatus(plain)) };
  }, [platform, loadClockStatus]);
  useEffect(() => {
    void loadClockStatus(platform.client);
  }, [platform.client, loadClockStatus]);
  const current = pageRegistry.find((p) => p.key === page) ?? pageRegistry[0];
  // Below 1200 px (a 1024×768 screen, a window not maximised) the menu folds to its icons, so the
  // roster and the tables keep their columns; the clerk can unfold it with the arrow at the bottom.
  const [collapsed, setCollapsed] = useState(false);
  const station = info?.station;
  return (
    <PlatformProvider platform={watched}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider
          width={180}
          collapsedWidth={64}
          breakpoint="xl"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          theme="dark"
          data-testid="app-sider"
          style={{ position: 'sticky', top: 0, height: '100vh', zIndex: 10 }}
        >
          <div style={{ color: '#fff', fontSize: 18, fontWeight: 600, padding: collapsed ? '18px 0' : '18px 20px', textAlign: collapsed ? 'center' : 'left', letterSpacing: 2, whiteSpace: 'nowrap' }}>
            {collapsed ? '暖' : '暖警台账'}
          </div>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[page]}
            onClick={({ key }) => navigate(key as PageKey)}
            items={pageRegistry.map((p) => ({ key: p.key, icon: menuIcons[p.key], label: p.title }))}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #eef0f4' }}>
            <Space size="middle">
              <Typography.Text strong style={{ fontSize: 16 }} data-testid="station-name">
                {station?.name}
              </Typography.Text>
              <Tag color={station?.role === 'bureau' ? 'purple' : 'blue'}>{station?.role === 'bureau' ? '市局/县局' : '派出所'}</Tag>
              <Typography.Text type="secondary">单位代码 {station?.code}</Typography.Text>
            </Space>
            <Space size={4}>
              {user ? (
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: [
                      { key: 'password', label: '修改密码' },
                      { key: 'lock', label: '锁定屏幕' },
                      { key: 'signOut', label: '退出登录' },
                    ],
                    onClick: ({ key }) => {
                      if (key === 'password') setChangingPassword(true);
                      else if (key === 'lock') void lockScreen(platform.client);
                      else void signOut(platform.client);
                    },
                  }}
                >
                  <Button type="text" size="small" data-testid="user-menu">
                    <UserOutlined /> {user.name}（{user.role}） <DownOutlined />
                  </Button>
                </Dropdown>
              ) : info?.operatorName ? (
                <Typography.Text type="secondary">{`经办人：${info.operatorName} ·`}</Typography.Text>
              ) : (
                <Button type="link" size="small" onClick={() => navigate('settings')} style={{ paddingInline: 4 }}>
                  未填经办人，去设置
                </Button>
              )}
              <Typography.Text type="secondary">今天 {info?.today}</Typography.Text>
            </Space>
          </Layout.Header>
          <ChangePasswordDialog open={changingPassword} required={false} onClose={() => setChangingPassword(false)} />
          <ClockBanner />
          <Layout.Content style={{ padding: 24, background: '#f3f5f9' }}>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {current.title}
            </Typography.Title>
            {current.render()}
          </Layout.Content>
        </Layout>
      </Layout>
    </PlatformProvider>
  );
}
