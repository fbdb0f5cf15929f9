import { ApartmentOutlined, AppstoreOutlined, LogoutOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, useLocation } from '../app/router';
import { canDesign, useSession } from '../auth/session.context';
import { LanguageSwitch } from './language-switch';

/** The header: the pages this role may open, the language switch and the user menu. */
export function AppShell({ children, full = false }: { children: ReactNode; full?: boolean }) {
  const { t } = useTranslation();
  const { user, logout } = useSession();
  const location = useLocation();
  if (!user) return null;
  const items = [
    ...(canDesign(user.role)
      ? [
          { key: '/flows', icon: <ApartmentOutlined />, label: t('nav.flows') },
          { key: '/templates', icon: <AppstoreOutlined />, label: t('nav.templates') },
        ]
      : []),
    { key: '/customers', icon: <TeamOutlined />, label: t('nav.customers') },
  ];
  const selected = items.map((i) => i.key).filter((k) => location === k || location.startsWith(`${k}/`) || location.startsWith(`${k}?`));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center' }}>
        <span className="allot-brand" onClick={() => navigate('/')}>Allot<small>{t('app.subtitle')}</small></span>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={selected}
          items={items}
          onClick={(e) => navigate(e.key)}
          style={{ flex: 1, minWidth: 0, background: 'transparent' }}
          data-testid="main-nav"
        />
        <LanguageSwitch dark />
        <Dropdown
          menu={{ items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), onClick: () => void logout() }] }}
          placement="bottomRight"
        >
          <Button type="text" style={{ color: '#fff', marginLeft: 12 }} data-testid="user-menu">
            <UserOutlined /> {user.name} <Tag style={{ marginLeft: 6 }} color="blue">{t(`roles.${user.role}`)}</Tag>
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout.Content className={full ? 'allot-full' : undefined}>{full ? children : <div className="allot-page">{children}</div>}</Layout.Content>
    </Layout>
  );
}
