import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Stage, Tier } from './api';

export const TIER_COLORS: Record<Tier, string> = { A: 'gold', B: 'blue', C: 'green', D: 'default' };
export const STAGE_COLORS: Record<Stage, string> = {
  prospect: 'default',
  new: 'cyan',
  active: 'green',
  mature: 'blue',
  at_risk: 'orange',
  churned: 'red',
  won_back: 'purple',
};

export const TierTag = ({ tier }: { tier: Tier | null }) => {
  const { t } = useTranslation();
  if (!tier) return <Tag>{t('customer.noTier')}</Tag>;
  return (
    <Tag color={TIER_COLORS[tier]} aria-label={t('customer.tierLabel', { tier })}>
      {tier}
    </Tag>
  );
};

export const StageTag = ({ stage }: { stage: Stage }) => {
  const { t } = useTranslation();
  return <Tag color={STAGE_COLORS[stage]}>{t(`stage.${stage}`)}</Tag>;
};

export const OwnerName = ({ name, ownerId }: { name: string | null; ownerId: string | null }) => {
  const { t } = useTranslation();
  if (!ownerId) return <Tag color="geekblue">{t('customer.publicPool')}</Tag>;
  return <>{name ?? '—'}</>;
};
