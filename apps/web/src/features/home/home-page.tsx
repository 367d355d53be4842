import { Flex, Typography } from 'antd';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../shared/session';
import { AdminHome } from './admin-home';
import { DirectorHome } from './director-home';
import { LeadHome } from './lead-home';
import { ManagerHome } from './manager-home';

const SUBTITLED = new Set(['manager', 'team_lead', 'director', 'analyst', 'admin']);

/**
 * Where signing in lands (UX.md "A home for each role"): compact cards of the role's day, each
 * linking to its full page. A service agent's day is the complaint inbox, so they go straight there.
 */
export const HomePage = () => {
  const { t } = useTranslation();
  const me = useSession();
  const role = me.user.role;
  if (role === 'service_agent') return <Navigate to="/complaints" replace />;
  const body =
    role === 'admin' ? (
      <AdminHome />
    ) : role === 'director' || role === 'analyst' ? (
      <DirectorHome />
    ) : role === 'team_lead' ? (
      <LeadHome />
    ) : (
      <ManagerHome />
    );
  return (
    <Flex vertical gap={16} data-testid="home" data-role={role}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-title">
          {t('home.greeting', { name: me.user.name })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t(`home.subtitle.${SUBTITLED.has(role) ? role : 'other'}`)}
        </Typography.Text>
      </div>
      {body}
    </Flex>
  );
};
