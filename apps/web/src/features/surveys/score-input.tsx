import { Button, Flex, Rate, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Props = { kind: 'csat' | 'nps'; value: number | null; onChange: (v: number) => void };

const NPS = Array.from({ length: 11 }, (_, i) => i);

/** Big tap targets: five stars for CSAT, buttons 0–10 for NPS. */
export const ScoreInput = ({ kind, value, onChange }: Props) => {
  const { t } = useTranslation();
  if (kind === 'csat')
    return (
      <Flex vertical align="center" gap={8} data-testid="csat-stars">
        <Rate
          value={value ?? 0}
          onChange={(v) => v > 0 && onChange(v)}
          allowClear={false}
          style={{ fontSize: 44 }}
          aria-label={t('publicSurvey.scoreLabel')}
        />
        <Typography.Text type="secondary" style={{ minHeight: 22 }}>
          {value ? t(`publicSurvey.csatLabels.${value}`) : t('publicSurvey.tapStars')}
        </Typography.Text>
      </Flex>
    );
  return (
    <Flex vertical gap={8} data-testid="nps-scale">
      <div
        role="radiogroup"
        aria-label={t('publicSurvey.scoreLabel')}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(6, 1fr)', gap: 8 }}
      >
        {NPS.map((n) => (
          <Button
            key={n}
            role="radio"
            aria-checked={value === n}
            type={value === n ? 'primary' : 'default'}
            onClick={() => onChange(n)}
            style={{ height: 48, fontSize: 18 }}
            data-testid={`nps-${n}`}
          >
            {n}
          </Button>
        ))}
      </div>
      <Flex justify="space-between">
        <Typography.Text type="secondary">{t('publicSurvey.npsLow')}</Typography.Text>
        <Typography.Text type="secondary">{t('publicSurvey.npsHigh')}</Typography.Text>
      </Flex>
    </Flex>
  );
};
