import { lazy, Suspense } from 'react';
import { Alert, Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import type { CustomerValueOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useFormat, type Formatters } from '../../shared/format';
import { useCustomerValue } from './api';
import { ValueExplanation } from './value-explanation';

// ECharts is large: load it only when a value tab with history is shown.
const PAliveChart = lazy(() => import('./p-alive-chart').then((m) => ({ default: m.PAliveChart })));

const SEGMENT_COLORS: Record<string, string> = {
  champions: 'green',
  loyal: 'cyan',
  potential: 'blue',
  new: 'geekblue',
  at_risk: 'orange',
  cant_lose: 'volcano',
  hibernating: 'default',
  lost: 'red',
};

/** A stage date is either a calendar date (shown as is) or an instant (shown in the org's zone). */
const sinceText = (fmt: Formatters, v: string | null) =>
  v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : fmt.date(v);

const percent = (v: number, lang: string) =>
  new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(v);

const reasonNumber = (v: unknown, lang: string) =>
  typeof v === 'number'
    ? new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(v)
    : typeof v === 'string'
      ? v
      : null;

const RfmScore = ({ label, score }: { label: string; score: number | null }) => (
  <Flex vertical align="center" gap={4}>
    <Progress
      type="circle"
      size={64}
      percent={score === null ? 0 : (score / 5) * 100}
      format={() => (score === null ? '—' : `${score}/5`)}
    />
    <Typography.Text type="secondary">{label}</Typography.Text>
  </Flex>
);

export const ValueTab = ({ customerId }: { customerId: string }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const value = useCustomerValue(customerId);

  if (value.isPending) {
    return (
      <div data-testid="value-tab">
        <Skeleton active paragraph={{ rows: 6 }} />
        <Typography.Text type="secondary">{t('customerValue.loading')}</Typography.Text>
      </div>
    );
  }
  if (value.error || !value.data) {
    return (
      <div data-testid="value-tab">
        <ErrorAlert error={value.error} onRetry={() => void value.refetch()} />
      </div>
    );
  }
  const v: CustomerValueOut = value.data;
  if (v.asOf === null) {
    return (
      <div data-testid="value-tab">
        <Empty description={t('customerValue.notScored')} />
      </div>
    );
  }

  const unitText = (count: number) =>
    v.unit ? t(`customerValue.units.${v.unit}`, { count }) : t('customerValue.units.period', { count });
  const money = (n: number | null) => (n === null ? '—' : fmt.money(n));

  return (
    <Flex vertical gap={16} data-testid="value-tab">
      <Typography.Text type="secondary">
        {t('customerValue.asOf', { at: fmt.dateTime(v.asOf) })}
      </Typography.Text>

      {v.openChurnAlert && (
        <Alert
          type="warning"
          showIcon
          data-testid="value-churn-alert"
          title={t('customerValue.churnAlert', { at: fmt.dateTime(v.openChurnAlert.openedAt) })}
          description={
            v.openChurnAlert.reasons.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {v.openChurnAlert.reasons.map((r, i) => {
                  const code = typeof r.code === 'string' ? r.code : 'unknown';
                  const val = reasonNumber(r.value, fmt.lang);
                  const threshold = reasonNumber(r.threshold, fmt.lang);
                  return (
                    <li key={i}>
                      {t(`customerValue.churnReasons.${code}`, { defaultValue: code })}
                      {val !== null &&
                        threshold !== null &&
                        ` (${t('customerValue.reasonValues', { value: val, threshold })})`}
                    </li>
                  );
                })}
              </ul>
            ) : null
          }
        />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('customerValue.rfm')} size="small" style={{ height: '100%' }}>
            <Flex vertical gap={12}>
              <Flex gap={24} wrap>
                <RfmScore label={t('customerValue.recency')} score={v.rfm.r} />
                <RfmScore label={t('customerValue.frequency')} score={v.rfm.f} />
                <RfmScore label={t('customerValue.monetary')} score={v.rfm.m} />
              </Flex>
              <Flex gap={8} align="center">
                <Typography.Text type="secondary">{t('customerValue.segment')}</Typography.Text>
                <Tag
                  color={v.rfm.segment ? SEGMENT_COLORS[v.rfm.segment] : undefined}
                  data-testid="value-segment"
                >
                  {v.rfm.segment
                    ? t(`customerValue.segments.${v.rfm.segment}`, { defaultValue: v.rfm.segment })
                    : '—'}
                </Tag>
              </Flex>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('customerValue.tierAndStage')} size="small" style={{ height: '100%' }}>
            <Flex vertical gap={8}>
              <Flex gap={8} align="center" wrap>
                <Typography.Text type="secondary">{t('customer.fields.tier')}</Typography.Text>
                <Tag color="gold" data-testid="value-tier">
                  {v.tier ? t('customer.tierLabel', { tier: v.tier }) : '—'}
                </Tag>
                {v.override ? (
                  <Typography.Text type="warning">
                    {t('customerValue.manualOverride', { reason: v.override.reason })}
                    {v.ruleTier && ` · ${t('customerValue.ruleTier', { tier: v.ruleTier })}`}
                  </Typography.Text>
                ) : (
                  v.tierSource === 'rule' && (
                    <Typography.Text type="secondary">{t('customerValue.byRule')}</Typography.Text>
                  )
                )}
              </Flex>
              <Flex gap={8} align="center" wrap>
                <Typography.Text type="secondary">{t('customer.fields.stage')}</Typography.Text>
                <Tag data-testid="value-stage">{t(`stage.${v.stage}`, { defaultValue: v.stage })}</Tag>
                {v.stageSince && (
                  <Typography.Text type="secondary">
                    {t('customerValue.since', { date: sinceText(fmt, v.stageSince) })}
                  </Typography.Text>
                )}
              </Flex>
            </Flex>
          </Card>
        </Col>
      </Row>

      <Card title={t('customerValue.clv')} size="small">
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <div data-testid="value-clv">
              <Statistic
                title={
                  v.clv.horizon !== null
                    ? t('customerValue.clvOver', { n: v.clv.horizon, unit: unitText(v.clv.horizon) })
                    : t('customerValue.clvValue')
                }
                value={money(v.clv.value)}
              />
            </div>
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={
                v.clv.horizon !== null
                  ? t('customerValue.expectedPurchasesOver', {
                      n: v.clv.horizon,
                      unit: unitText(v.clv.horizon),
                    })
                  : t('customerValue.expectedPurchases')
              }
              value={
                v.clv.expectedPurchases === null
                  ? '—'
                  : new Intl.NumberFormat(fmt.lang, { maximumFractionDigits: 2 }).format(
                      v.clv.expectedPurchases,
                    )
              }
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('customerValue.expectedSpend')} value={money(v.clv.expectedSpend)} />
          </Col>
          <Col xs={12} md={6}>
            <div data-testid="value-palive">
              <Statistic
                title={t('customerValue.pAlive')}
                value={v.clv.pAlive === null ? '—' : percent(v.clv.pAlive, fmt.lang)}
              />
            </div>
          </Col>
        </Row>
        {v.history.length > 0 ? (
          <Suspense fallback={<Skeleton active paragraph={{ rows: 4 }} />}>
            <PAliveChart
              lang={fmt.lang}
              points={[...v.history]
                .sort((a, b) => Date.parse(a.asOf) - Date.parse(b.asOf))
                .map((h) => ({ label: fmt.date(h.asOf), pAlive: h.pAlive }))}
            />
          </Suspense>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerValue.noHistory')} />
        )}
      </Card>

      <Card title={t('customerValue.explanation')} size="small">
        <ValueExplanation parts={v.explanation.parts} fmt={fmt} />
      </Card>
    </Flex>
  );
};
