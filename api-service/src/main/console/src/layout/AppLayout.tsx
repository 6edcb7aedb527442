import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { api, mayCall } from '../api/client';
import { endSession, useSession } from '../auth/session';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { menuScreens } from '../screens';

/** The frame of every screen after login: menu of what the role may use, language, who is logged in, log out. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession()!;
  const location = useLocation();
  const visible = menuScreens.filter((screen) => mayCall(screen.operation, session.roles));
  const selected = visible
    .filter((s) => s.path === '/' ? location.pathname === '/' : location.pathname.startsWith(s.path))
    .map((s) => s.key);

  async function logOut() {
    try {
      await api.POST('/api/v1/logout');
    } finally {
      endSession('logout');
    }
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={208} style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
        <div style={{ padding: '16px 24px', fontWeight: 600, fontSize: 18 }}>{t('common:appShort')}</div>
        <nav aria-label={t('common:nav.label')}>
          <Menu
            mode="inline"
            selectedKeys={selected}
            style={{ borderInlineEnd: 'none' }}
            items={visible.map((screen) => ({
              key: screen.key,
              icon: screen.icon,
              label: <Link to={screen.path} data-testid={`nav-${screen.key}`}>{t(`common:nav.${screen.key}`)}</Link>,
            }))}
          />
        </nav>
      </Layout.Sider>
      {/* minWidth 0: a wide table scrolls inside the content instead of squeezing the menu */}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16 }}>
          <Typography.Text strong>{t('common:appTitle')}</Typography.Text>
          <Space wrap>
            <LanguageSwitch />
            <Typography.Text data-testid="signed-in-as">
              {t('common:user.signedInAs', { username: session.username, organisation: session.organisation })}
            </Typography.Text>
            {session.roles.map((role) => <Tag key={role}>{t(`common:roles.${role}`)}</Tag>)}
            <Button icon={<LogoutOutlined />} onClick={logOut} data-testid="logout">{t('common:user.logout')}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
