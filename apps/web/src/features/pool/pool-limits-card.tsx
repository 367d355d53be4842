import { Card, Col, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import type { PoolLimitsOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useFormat } from '../../shared/format';

type Props = {
  limits: PoolLimitsOut | undefined;
  pending: boolean;
  error: unknown;
  onRetry: () => void;
};

/** The caller's own pool allowance: claims left today, customers held, capacity. */
export const PoolLimitsCard = ({ limits, pending, error, onRetry }: Props) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (error) return <ErrorAlert error={error} onRetry={onRetry} />;
  if (pending || !limits)
    return (
      <Card size="small">
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      </Card>
    );
  const heldMax = limits.maxHeld;
  const perDay = limits.maxClaimsPerDay;
  return (
    <Card size="small" data-testid="pool-limits" aria-label={t('pool.limitsTitle')}>
      <Row gutter={[24, 12]} align="middle">
        <Col xs={24} md={10}>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="pool-claims-left">
            {perDay === null
              ? t('pool.claimsUnlimited')
              : t('pool.claimsLeft', { count: limits.claimsLeft, formatted: fmt.number(limits.claimsLeft) })}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary">
            {perDay === null
              ? t('pool.claimsTodayNoLimit', { used: fmt.number(limits.claimsToday) })
              : t('pool.claimsToday', { used: fmt.number(limits.claimsToday), max: fmt.number(perDay) })}
          </Typography.Text>
        </Col>
        <Col xs={12} md={7}>
          <Statistic
            title={t('pool.held')}
            styles={{ content: { fontSize: 18 } }}
            value={limits.held}
            formatter={(v) => fmt.number(Number(v))}
            suffix={heldMax === null ? ` / ${t('pool.unlimited')}` : ` / ${fmt.number(heldMax)}`}
          />
          {heldMax !== null && heldMax > 0 && (
            <Progress
              percent={Math.min(100, Math.round((limits.held / heldMax) * 100))}
              size="small"
              showInfo={false}
              aria-label={t('pool.held')}
            />
          )}
        </Col>
        <Col xs={12} md={7}>
          <Statistic
            title={t('pool.capacity')}
            styles={{ content: { fontSize: 18 } }}
            value={limits.capacity}
            formatter={(v) => fmt.number(Number(v))}
          />
        </Col>
      </Row>
    </Card>
  );
};
