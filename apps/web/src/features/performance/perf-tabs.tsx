import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from '../../shared/session';
import { CONFIGURER_ROLES } from './review-api';

const TABS = [
  ['overview', '/performance'],
  ['dashboard', '/performance/dashboard'],
  ['scorecards', '/performance/scorecards'],
  ['reviews', '/performance/reviews'],
  ['payouts', '/performance/payouts'],
  ['career', '/performance/career'],
  ['settings', '/performance/settings'],
] as const;

/** The sections of Performance: KPIs & goals, dashboards, scorecards, reviews, payouts, training & career, settings (directors, admins). */
export const PerfTabs = () => {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const configures = CONFIGURER_ROLES.includes(useSession().user.role);
  const tabs = TABS.filter(([key]) => key !== 'settings' || configures);
  const active =
    [...tabs].reverse().find(([, path]) => location.pathname.startsWith(path))?.[1] ?? '/performance';
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => void navigate(key)}
      style={{ marginBottom: -16 }}
      items={tabs.map(([key, path]) => ({
        key: path,
        label: <span data-testid={`perf-tab-${key}`}>{t(`perfTabs.${key}`)}</span>,
      }))}
    />
  );
};
