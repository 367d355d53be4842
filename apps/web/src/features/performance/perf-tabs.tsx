import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

const TABS = [
  ['overview', '/performance'],
  ['scorecards', '/performance/scorecards'],
  ['reviews', '/performance/reviews'],
  ['payouts', '/performance/payouts'],
  ['career', '/performance/career'],
] as const;

/** The sections of Performance: KPIs & goals, scorecards, reviews, payouts, training & career. */
export const PerfTabs = () => {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const active =
    [...TABS].reverse().find(([, path]) => location.pathname.startsWith(path))?.[1] ?? '/performance';
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => void navigate(key)}
      style={{ marginBottom: -16 }}
      items={TABS.map(([key, path]) => ({
        key: path,
        label: <span data-testid={`perf-tab-${key}`}>{t(`perfTabs.${key}`)}</span>,
      }))}
    />
  );
};
