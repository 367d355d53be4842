import { Flex, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../shared/session';
import { CadenceCard } from './cadence-card';
import { CareCard } from './care-card';

/**
 * Visit cadence and care reminders for the organization: shared reference data, edited by
 * administrators, directors and senior or key-account users (decision 0025).
 */
export const VisitSettingsPage = () => {
  const { t } = useTranslation();
  const me = useSession();
  if (!me.permissions.editReferenceData)
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
