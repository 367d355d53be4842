import { useState } from 'react';
import { Card, Col, DatePicker, Flex, Row, Segmented, Skeleton, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ComplaintAnalyticsOut } from '@steward/contracts';
import { ErrorAlert } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { DashCard, DashChart } from '../performance/dashboard-card';
import { useComplaintAnalytics } from '../performance/dashboard-api';
import {
  PERIOD_KINDS,
  periodOf,
  rangePeriod,
  thisMonth,
  type Period,
  type PeriodKind,
} from '../performance/period';
import { useCode } from './labels';

const SEVERITY_BARS: Record<string, string> = {
  low: '#8c8c8c',
  medium: '#1677ff',
  high: '#fa8c16',
  critical: '#cf1322',
};

type Count = { key: string; label: string; count: number };
type Manager = ComplaintAnalyticsOut['byManager'][number];

const bars = (labels: string[], values: number[], name: string, colors?: string[]) => ({
  animation: false,
  grid: { left: 40, right: 16, top: 16, bottom: 48 },
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
  yAxis: { type: 'value', minInterval: 1 },
  series: [
    {
      name,
      type: 'bar',
      data: values.map((v, i) => (colors?.[i] ? { value: v, itemStyle: { color: colors[i] } } : v)),
    },
  ],
});

/**
 * Complaint analytics over a period, in the caller's scope: counts by category, severity and
 * manager; hours to first response and to resolution (median, P90); breaches and repeats.
 */
export const ComplaintAnalyticsPage = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const code = useCode();
  const [period, setPeriod] = useState<Period>(thisMonth);
  const q = useComplaintAnalytics(period.from, period.to, true);
  const a = q.data;
  const fileParts = [period.from, period.to];
  const hours = (v: number | null | undefined) =>
    v === null || v === undefined
      ? '—'
      : t('perf.hours', { value: new Intl.NumberFormat(fmt.lang, { maximumFractionDigits: 1 }).format(v) });
  const countRows = (rows: { key: string; count: number }[] | undefined, label: (k: string) => string) =>
    rows?.map((r) => ({ key: r.key, label: label(r.key), count: r.count }));
  const byCategory = countRows(a?.byCategory, (k) => code('category', k));
  const bySeverity = countRows(a?.bySeverity, (k) => t(`complaints.severity.${k}`, { defaultValue: k }));
  const managers = a?.byManager.map((m) => ({ ...m, name: m.name ?? t('complaintAnalytics.noOwner') }));
  const countColumns = (title: string) => [
    { key: 'label', title, value: (r: Count) => r.label },
    {
      key: 'count',
      title: t('complaintAnalytics.count'),
      align: 'right' as const,
      value: (r: Count) => r.count,
    },
  ];
  const changeKind = (kind: PeriodKind) =>
    setPeriod(kind === 'range' ? { ...period, kind } : periodOf(kind, dayjs(period.from)));

  return (
    <Flex vertical gap={16} data-testid="complaint-analytics">
      <Flex gap={12} wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('complaintAnalytics.title')}
        </Typography.Title>
        <Segmented<PeriodKind>
          value={period.kind}
          onChange={changeKind}
          options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`perf.periods.${k}`) }))}
        />
        {period.kind === 'range' ? (
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(period.from), dayjs(period.to)]}
            onChange={(v) => v?.[0] && v[1] && setPeriod(rangePeriod(v[0], v[1]))}
          />
        ) : (
          <DatePicker
            allowClear={false}
            picker={period.kind}
            value={dayjs(period.from)}
            onChange={(d) => d && setPeriod(periodOf(period.kind as Exclude<PeriodKind, 'range'>, d))}
            aria-label={t('dash.period')}
          />
        )}
        <Typography.Text type="secondary" data-testid="complaint-analytics-dates">
          {period.from} ~ {period.to}
        </Typography.Text>
      </Flex>
      <Typography.Text type="secondary">{t('complaintAnalytics.subtitle')}</Typography.Text>
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {!a && !q.error && <Skeleton active />}
      {a && (
        <>
          <Card size="small">
            <Flex gap={40} wrap>
              <Statistic
                title={t('complaintAnalytics.total')}
                value={fmt.number(a.total)}
                data-testid="complaint-analytics-total"
              />
              <Statistic title={t('complaintAnalytics.breached')} value={fmt.number(a.breached)} />
              <Statistic
                title={t('complaintAnalytics.firstResponse')}
                value={hours(a.firstResponseHours.median)}
                suffix={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('complaintAnalytics.p90', { value: hours(a.firstResponseHours.p90) })}
                  </Typography.Text>
                }
              />
              <Statistic
                title={t('complaintAnalytics.resolution')}
                value={hours(a.resolutionHours.median)}
                suffix={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('complaintAnalytics.p90', { value: hours(a.resolutionHours.p90) })}
                  </Typography.Text>
                }
              />
              <Statistic
                title={t('complaintAnalytics.repeatCustomers')}
                value={fmt.number(a.repeat.customers)}
              />
              <Statistic title={t('complaintAnalytics.repeat30')} value={fmt.number(a.repeat.within30Days)} />
            </Flex>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <DashCard<Count>
                title={t('complaintAnalytics.byCategory')}
                name={t('complaintAnalytics.byCategory')}
                testId="complaints-by-category"
                rows={byCategory}
                rowKey={(r) => r.key}
                columns={countColumns(t('complaintAnalytics.category'))}
                fileParts={fileParts}
                empty={t('complaintAnalytics.empty')}
                chart={
                  <DashChart
                    option={bars(
                      (byCategory ?? []).map((r) => r.label),
                      (byCategory ?? []).map((r) => r.count),
                      t('complaintAnalytics.count'),
                    )}
                    label={t('complaintAnalytics.byCategory')}
                    testId="complaints-by-category-chart"
                  />
                }
              />
            </Col>
            <Col xs={24} xl={12}>
              <DashCard<Count>
                title={t('complaintAnalytics.bySeverity')}
                name={t('complaintAnalytics.bySeverity')}
                testId="complaints-by-severity"
                rows={bySeverity}
                rowKey={(r) => r.key}
                columns={countColumns(t('complaintAnalytics.severity'))}
                fileParts={fileParts}
                empty={t('complaintAnalytics.empty')}
                chart={
                  <DashChart
                    option={bars(
                      (bySeverity ?? []).map((r) => r.label),
                      (bySeverity ?? []).map((r) => r.count),
                      t('complaintAnalytics.count'),
                      (bySeverity ?? []).map((r) => SEVERITY_BARS[r.key] ?? '#1677ff'),
                    )}
                    label={t('complaintAnalytics.bySeverity')}
                    testId="complaints-by-severity-chart"
                  />
                }
              />
            </Col>
            <Col xs={24} xl={12}>
              <DashCard<Manager>
                title={t('complaintAnalytics.byManager')}
                name={t('complaintAnalytics.byManager')}
                testId="complaints-by-manager"
                rows={managers}
                rowKey={(r) => r.managerId ?? 'none'}
                columns={[
                  { key: 'name', title: t('complaintAnalytics.manager'), value: (r) => r.name },
                  {
                    key: 'count',
                    title: t('complaintAnalytics.count'),
                    align: 'right',
                    value: (r) => r.count,
                  },
                ]}
                fileParts={fileParts}
                empty={t('complaintAnalytics.empty')}
                chart={
                  <DashChart
                    option={bars(
                      (managers ?? []).slice(0, 20).map((r) => r.name ?? ''),
                      (managers ?? []).slice(0, 20).map((r) => r.count),
                      t('complaintAnalytics.count'),
                    )}
                    label={t('complaintAnalytics.byManager')}
                    testId="complaints-by-manager-chart"
                  />
                }
              />
            </Col>
          </Row>
        </>
      )}
    </Flex>
  );
};
