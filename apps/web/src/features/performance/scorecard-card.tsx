import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  InputNumber,
  Modal,
  Radio,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import dayjs from 'dayjs';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { KpiDefinitionOut, ScorecardOut } from '@steward/contracts';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { localized } from './api';
import { formatKpi } from './kpi-format';
import { periodOf } from './period';
import { REVIEWER_ROLES, useCreateReview, useRate, useScorecard } from './review-api';

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

const DIMENSIONS = ['teamwork', 'relationship_quality', 'initiative'] as const;
type Item = ScorecardOut['items'][number];

/** One person's scorecard for a period: items, overall score, trend, ratings; leads rate and start a review. */
export const ScorecardCard = (props: {
  managerId: string;
  from: string;
  to: string;
  definitions: KpiDefinitionOut[];
}) => {
  const { managerId, from, to, definitions } = props;
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const card = useScorecard(managerId, from, to);
  const rate = useRate();
  const createReview = useCreateReview();
  const [dimension, setDimension] = useState<string>('teamwork');
  const [score, setScore] = useState<number | null>(4);
  const [reviewOpen, setReviewOpen] = useState(false);
  const [kind, setKind] = useState<'month' | 'quarter'>('month');
  const defs = new Map(definitions.map((d) => [d.key, d]));
  const canWrite = REVIEWER_ROLES.includes(me.user.role) && managerId !== me.user.id;

  if (card.error) return <ErrorAlert error={card.error} onRetry={() => void card.refetch()} />;
  const c = card.data;
  const unit = (kpi: string) => defs.get(kpi)?.unit ?? 'count';
  const value = (v: number | null, kpi: string) =>
    unit(kpi) === 'currency' && v !== null ? fmt.money(v) : formatKpi(v, unit(kpi), fmt, t);

  const startReview = () => {
    const periodStart = periodOf(kind, dayjs(from)).from;
    createReview.mutate(
      { managerId, periodKind: kind, periodStart },
      {
        onSuccess: (r) => void navigate(`/performance/reviews/${r.id}`),
        onError: (e) => message.error(errorText(t, e)),
      },
    );
  };
  const submitRating = () =>
    score !== null &&
    rate.mutate(
      { managerId, periodStart: from, periodEnd: to, dimension, score },
      {
        onSuccess: () => message.success(t('scorecard.rated')),
        onError: (e) => message.error(errorText(t, e)),
      },
    );

  return (
    <Card
      loading={card.isPending}
      data-testid="scorecard"
      title={
        c && (
          <Flex gap={12} align="baseline">
            <span data-testid="scorecard-name">{c.managerName}</span>
            <Typography.Text type="secondary">
              {c.template.source === 'builtin'
                ? t('scorecard.builtin')
                : t('scorecard.template', { name: c.template.name })}
            </Typography.Text>
          </Flex>
        )
      }
      extra={
        canWrite && (
          <Button type="primary" onClick={() => setReviewOpen(true)} data-testid="write-review">
            {t('scorecard.writeReview')}
          </Button>
        )
      }
    >
      {c && (
        <Flex vertical gap={16}>
          <Flex gap={32} wrap align="center">
            <Statistic
              title={t('scorecard.overall')}
              value={c.overall ?? '—'}
              data-testid="scorecard-overall"
            />
            {c.trend.length > 1 && (
              <div style={{ flex: 1, minWidth: 280 }}>
                <Typography.Text type="secondary">{t('scorecard.trend')}</Typography.Text>
                <ReactEChartsCore
                  echarts={echarts}
                  style={{ height: 140 }}
                  option={{
                    grid: { left: 40, right: 16, top: 16, bottom: 24 },
                    tooltip: { trigger: 'axis' },
                    xAxis: { type: 'category', data: c.trend.map((p) => p.from.slice(0, 7)) },
                    yAxis: { type: 'value' },
                    series: [{ type: 'line', data: c.trend.map((p) => p.overall), smooth: true }],
                  }}
                />
              </div>
            )}
          </Flex>
          <Table<Item>
            rowKey="kpi"
            size="small"
            pagination={false}
            dataSource={c.items}
            data-testid="scorecard-items"
            columns={[
              {
                title: t('scorecard.columns.kpi'),
                key: 'kpi',
                render: (_, i) => {
                  const d = defs.get(i.kpi);
                  return d ? localized(d.name, fmt.lang) : i.kpi;
                },
              },
              { title: t('scorecard.columns.weight'), dataIndex: 'weight' },
              {
                title: t('scorecard.columns.target'),
                key: 'target',
                render: (_, i) => value(i.target, i.kpi),
              },
              {
                title: t('scorecard.columns.actual'),
                key: 'actual',
                render: (_, i) => value(i.actual, i.kpi),
              },
              {
                title: t('scorecard.columns.attainment'),
                key: 'attainment',
                render: (_, i) => `${Math.round(i.attainment * 1000) / 10}%`,
              },
              { title: t('scorecard.columns.points'), dataIndex: 'points' },
            ]}
          />
          <div>
            <Typography.Title level={5}>{t('scorecard.ratings')}</Typography.Title>
            {c.ratings.length ? (
              <Flex gap={8} wrap>
                {c.ratings.map((r) => (
                  <Tag key={r.id}>
                    {t(`scorecard.dimensions.${r.dimension}`, { defaultValue: r.dimension })}: {r.score}
                    {r.comment ? ` · ${r.comment}` : ''}
                  </Tag>
                ))}
              </Flex>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('scorecard.noRatings')} />
            )}
            {canWrite && (
              <Flex gap={8} style={{ marginTop: 8 }}>
                <Select
                  style={{ minWidth: 160 }}
                  value={dimension}
                  onChange={setDimension}
                  options={DIMENSIONS.map((d) => ({ value: d, label: t(`scorecard.dimensions.${d}`) }))}
                />
                <InputNumber min={1} max={5} step={0.5} value={score} onChange={setScore} />
                <Button onClick={submitRating} loading={rate.isPending}>
                  {t('scorecard.rate')}
                </Button>
              </Flex>
            )}
          </div>
        </Flex>
      )}
      <Modal
        open={reviewOpen}
        title={t('scorecard.writeReview')}
        onCancel={() => setReviewOpen(false)}
        onOk={startReview}
        okButtonProps={{ loading: createReview.isPending, 'data-testid': 'start-review' } as ButtonProps}
        okText={t('scorecard.writeReview')}
        cancelText={t('common.cancel')}
      >
        <Typography.Paragraph>{t('scorecard.reviewKind')}</Typography.Paragraph>
        <Radio.Group
          value={kind}
          onChange={(e) => setKind(e.target.value as 'month' | 'quarter')}
          options={(['month', 'quarter'] as const).map((k) => ({
            value: k,
            label: `${t(`perfReviews.kinds.${k}`)} · ${periodOf(k, dayjs(from)).from} ~ ${periodOf(k, dayjs(from)).to}`,
          }))}
        />
      </Modal>
    </Card>
  );
};
