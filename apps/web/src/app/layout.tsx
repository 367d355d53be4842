import { useState } from 'react';
import { Layout, Menu, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { ApartmentOutlined, ScheduleOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../shared/session';
import { SETTINGS_ROLES } from '../features/settings/pool-settings-page';
import { ORG_EDIT_ROLES, TEAM_ROLES } from '../features/team/api';
import { TopBar } from './top-bar';

const { Sider, Header, Content } = Layout;

export const AppLayout = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useSession();
  const [collapsed, setCollapsed] = useState(false);

  const items: MenuProps['items'] = [
    {
      key: 'customers',
      icon: <TeamOutlined />,
      label: t('nav.customers'),
      children: [
        { key: '/customers', label: t('nav.customerList') },
        { key: '/pool', label: <span data-testid="nav-pool">{t('nav.pool')}</span> },
      ],
    },
    {
      key: 'engagement',
      icon: <ScheduleOutlined />,
      label: t('navWork.engagement'),
      children: [{ key: '/tasks', label: <span data-testid="nav-tasks">{t('navWork.tasks')}</span> }],
    },
    ...(TEAM_ROLES.includes(me.user.role)
      ? [
          {
            key: 'team',
            icon: <ApartmentOutlined />,
            label: t('navWork.team'),
            children: [
              { key: '/team/people', label: <span data-testid="nav-people">{t('navWork.people')}</span> },
              { key: '/team/teams', label: t('navWork.teams') },
              ...(ORG_EDIT_ROLES.includes(me.user.role)
                ? [{ key: '/team/rules', label: <span data-testid="nav-rules">{t('navWork.rules')}</span> }]
                : []),
              {
                key: '/team/rebalance',
                label: <span data-testid="nav-rebalance">{t('navWork.rebalance')}</span>,
              },
            ],
          },
        ]
      : []),
    ...(SETTINGS_ROLES.includes(me.user.role)
      ? [
          {
            key: 'settings',
            icon: <SettingOutlined />,
            label: t('nav.settings'),
            children: [{ key: '/settings/pool', label: t('nav.poolSettings') }],
          },
        ]
      : []),
  ];
  const selected = [
    '/customers',
    '/pool',
    '/settings/pool',
    '/tasks',
    '/team/people',
    '/team/teams',
    '/team/rules',
    '/team/rebalance',
  ].filter((k) => location.pathname.startsWith(k));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={208}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: 24 }}>
          <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
            {collapsed ? 'S' : 'Steward'}
          </Typography.Text>
        </div>
        <nav aria-label={t('nav.main')}>
          <Menu
            theme="dark"
            mode="inline"
            items={items}
            selectedKeys={selected}
            defaultOpenKeys={['customers', 'engagement', 'team', 'settings']}
            onClick={({ key }) => navigate(key)}
          />
        </nav>
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            paddingInline: 24,
            borderBottom: '1px solid #f0f0f0',
            display: 'flex',
            alignItems: 'center',
          }}
        >
          <TopBar />
        </Header>
        <Content style={{ padding: 24 }}>
          <main>
            <Outlet />
          </main>
        </Content>
      </Layout>
    </Layout>
  );
};
