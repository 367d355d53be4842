import { useState } from 'react';
import { Layout, Menu, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { ApartmentOutlined, ScheduleOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../shared/session';
import { SETTINGS_ROLES } from '../features/settings/pool-settings-page';
import { ORG_EDIT_ROLES, TEAM_ROLES } from '../features/team/api';
import { TrophyOutlined } from '@ant-design/icons';
import { SmileOutlined } from '@ant-design/icons';
import { FundOutlined } from '@ant-design/icons';
import { REEVALUATION_ROLES } from '../features/value/api';
import { CloudUploadOutlined } from '@ant-design/icons';
import { IMPORT_ROLES } from '../features/imports/api';
import { CustomerServiceOutlined } from '@ant-design/icons';
import { SLA_SETTINGS_ROLES } from '../features/complaints/api';
import { ApiOutlined } from '@ant-design/icons';
import { WEBHOOK_ROLES } from '../features/integrations/api';
import { AuditOutlined, HomeOutlined } from '@ant-design/icons';
import { AUDIT_ROLES } from '../features/audit/api';
import { TopBar } from './top-bar';

const { Sider, Header, Content } = Layout;

export const AppLayout = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useSession();
  const [collapsed, setCollapsed] = useState(false);

  const items: MenuProps['items'] = [
    { key: '/', icon: <HomeOutlined />, label: <span data-testid="nav-home">{t('navHome.home')}</span> },
    {
      key: 'customers',
      icon: <TeamOutlined />,
      label: t('nav.customers'),
      children: [
        { key: '/customers', label: t('nav.customerList') },
        { key: '/pool', label: <span data-testid="nav-pool">{t('nav.pool')}</span> },
        { key: '/products', label: <span data-testid="nav-products">{t('navProducts.products')}</span> },
      ],
    },
    {
      key: 'engagement',
      icon: <ScheduleOutlined />,
      label: t('navWork.engagement'),
      children: [
        { key: '/agenda', label: <span data-testid="nav-agenda">{t('navVisits.agenda')}</span> },
        { key: '/tasks', label: <span data-testid="nav-tasks">{t('navWork.tasks')}</span> },
      ],
    },
    {
      key: 'service',
      icon: <CustomerServiceOutlined />,
      label: t('navService.group'),
      children: [
        { key: '/complaints', label: <span data-testid="nav-complaints">{t('navService.complaints')}</span> },
        {
          key: '/complaints/analytics',
          label: <span data-testid="nav-complaint-analytics">{t('navService.analytics')}</span>,
        },
        ...(SLA_SETTINGS_ROLES.includes(me.user.role)
          ? [{ key: '/settings/sla', label: t('navService.sla') }]
          : []),
      ],
    },
    {
      key: 'value',
      icon: <FundOutlined />,
      label: t('valueInsights.nav.group'),
      children: [
        { key: '/value', label: <span data-testid="nav-value">{t('valueInsights.nav.dashboard')}</span> },
        {
          key: '/value/at-risk',
          label: <span data-testid="nav-at-risk">{t('valueInsights.nav.atRisk')}</span>,
        },
        ...(REEVALUATION_ROLES.includes(me.user.role)
          ? [
              {
                key: '/value/reevaluation',
                label: <span data-testid="nav-reevaluation">{t('valueInsights.nav.reevaluation')}</span>,
              },
            ]
          : []),
      ],
    },
    {
      key: '/performance',
      icon: <TrophyOutlined />,
      label: <span data-testid="nav-performance">{t('navPerf.performance')}</span>,
    },
    {
      key: 'surveys',
      icon: <SmileOutlined />,
      label: t('navSurveys.surveys'),
      children: [
        { key: '/surveys', label: <span data-testid="nav-surveys">{t('navSurveys.results')}</span> },
        { key: '/surveys/templates', label: t('navSurveys.templates') },
      ],
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
    ...(IMPORT_ROLES.includes(me.user.role)
      ? [
          {
            key: 'data',
            icon: <CloudUploadOutlined />,
            label: t('navData.data'),
            children: [
              { key: '/data/import', label: <span data-testid="nav-import">{t('navData.import')}</span> },
            ],
          },
        ]
      : []),
    ...(SETTINGS_ROLES.includes(me.user.role) || me.permissions.editReferenceData
      ? [
          {
            key: 'settings',
            icon: <SettingOutlined />,
            label: t('nav.settings'),
            children: [
              ...(SETTINGS_ROLES.includes(me.user.role)
                ? [{ key: '/settings/pool', label: t('nav.poolSettings') }]
                : []),
              {
                key: '/settings/visits',
                label: <span data-testid="nav-visit-settings">{t('navVisits.visitSettings')}</span>,
              },
            ],
          },
        ]
      : []),
    {
      key: 'integrations',
      icon: <ApiOutlined />,
      label: t('navIntegrations.group'),
      children: [
        {
          key: '/settings/api-tokens',
          label: <span data-testid="nav-api-tokens">{t('navIntegrations.apiTokens')}</span>,
        },
        ...(WEBHOOK_ROLES.includes(me.user.role)
          ? [
              {
                key: '/settings/webhooks',
                label: <span data-testid="nav-webhooks">{t('navIntegrations.webhooks')}</span>,
              },
            ]
          : []),
      ],
    },
    ...(AUDIT_ROLES.includes(me.user.role)
      ? [
          {
            key: '/settings/audit',
            icon: <AuditOutlined />,
            label: <span data-testid="nav-audit">{t('audit.nav')}</span>,
          },
        ]
      : []),
  ];
  const selected = [
    '/settings/audit',
    '/settings/api-tokens',
    '/settings/webhooks',
    '/customers',
    '/pool',
    '/products',
    '/settings/pool',
    '/settings/visits',
    '/agenda',
    '/tasks',
    '/complaints',
    '/complaints/analytics',
    '/settings/sla',
    '/performance',
    '/team/people',
    '/team/teams',
    '/team/rules',
    '/team/rebalance',
    '/surveys',
    '/surveys/templates',
    '/value',
    '/value/at-risk',
    '/value/reevaluation',
    '/data/import',
  ]
    .filter((k) => location.pathname.startsWith(k))
    .filter((k, _, all) => !all.some((o) => o.length > k.length && o.startsWith(k)))
    .concat(location.pathname === '/' ? ['/'] : []);

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
            defaultOpenKeys={[
              'customers',
              'engagement',
              'service',
              'team',
              'settings',
              'surveys',
              'value',
              'data',
              'integrations',
            ]}
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
