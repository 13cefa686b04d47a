// The console frame: a side menu built from the route table (only what the user may open), a header with the
// page title, language switch and account menu, and the page itself.
import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Layout, Menu, type MenuProps, Space, Spin, Typography, theme } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { NotificationBell } from '../pages/notifications/NotificationBell';
import { MaintenanceBanner } from '../pages/operations/MaintenanceBanner';
import { canOpen, consoleRoutes, menuSections } from '../routes';
import { LanguageSwitch } from './LanguageSwitch';

const { Header, Sider, Content } = Layout;

export function ConsoleLayout() {
  const { t } = useTranslation();
  const { me, can, logout, mustChangePassword } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();

  const current = consoleRoutes.find(
    (r) => location.pathname === `/${r.path}` || location.pathname.startsWith(`/${r.path}/`),
  );

  const menuItems = useMemo<MenuProps['items']>(
    () =>
      menuSections
        .map((section) => ({
          type: 'group' as const,
          key: section.key,
          label: t(section.titleKey),
          children: consoleRoutes
            .filter((r) => r.section === section.key && canOpen(r, can))
            .map((r) => ({ key: r.path, icon: r.icon, label: t(r.titleKey) })),
        }))
        .filter((group) => group.children.length > 0),
    [t, can],
  );

  if (mustChangePassword && location.pathname !== '/account') return <Navigate to="/account" replace />;

  const accountMenu: MenuProps['items'] = [
    { key: 'account', icon: <UserOutlined />, label: t('nav.account') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout') },
  ];

  return (
    <Layout style={{ height: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={220}
        theme="light"
        style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}
      >
        <div className="fc-brand" style={{ color: token.colorPrimary }}>
          <img src="/favicon.svg" alt="" />
          {!collapsed && <span>{t('app.name')}</span>}
        </div>
        {/* The menu scrolls on its own, so the collapse button never covers its last items. */}
        <div className="fc-sider-menu">
          <Menu
            mode="inline"
            items={menuItems}
            selectedKeys={current ? [current.path] : []}
            onClick={({ key }) => navigate(`/${key}`)}
            style={{ borderInlineEnd: 'none' }}
          />
        </div>
      </Sider>
      <Layout style={{ minWidth: 0 }}>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Typography.Title level={4} style={{ margin: 0 }}>
            {current ? t(current.titleKey) : ''}
          </Typography.Title>
          <Space size="middle">
            <NotificationBell />
            <LanguageSwitch />
            <Dropdown
              menu={{
                items: accountMenu,
                onClick: ({ key }) => (key === 'logout' ? void logout() : navigate('/account')),
              }}
              trigger={['click']}
            >
              <Button type="text" aria-label={t('nav.account')} style={{ paddingInline: 8 }}>
                <Space>
                  <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
                  <span>{me?.username}</span>
                  <DownOutlined style={{ fontSize: 10 }} />
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <MaintenanceBanner />
        <Content style={{ padding: 24, overflow: 'auto' }}>
          <Suspense
            fallback={
              <div style={{ textAlign: 'center', padding: 64 }}>
                <Spin />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
