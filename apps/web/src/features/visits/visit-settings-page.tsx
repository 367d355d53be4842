import { Flex, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../shared/session';
import { SETTINGS_ROLES } from '../settings/pool-settings-page';
import { CadenceCard } from './cadence-card';
import { CareCard } from './care-card';

/** Visit plans and care reminders for the organization (directors and administrators). */
export const VisitSettingsPage = () => {
  const { t } = useTranslation();
  const me = useSession();
  if (!SETTINGS_ROLES.includes(me.user.role))
    return <Result status="403" title={t('visitPlan.forbiddenTitle')} subTitle={t('errors.forbidden')} />;
  return (
    <Flex vertical gap={16}>
      <Flex align="baseline" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('visitPlan.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('visitPlan.subtitle')}</Typography.Text>
      </Flex>
      <CadenceCard />
      <CareCard />
    </Flex>
  );
};
