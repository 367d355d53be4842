import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { SurveyAnalyticsOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Rows = SurveyAnalyticsOut['data'];
export type ManagerMetric = 'csatAvg' | 'nps' | 'responseRate';

const fixed = (v: unknown, digits: number) => (typeof v === 'number' ? v.toFixed(digits) : '—');

/** Average CSAT (left axis, 1–5) and NPS (right axis, −100..100) per month. */
export const TrendChart = ({ rows }: { rows: Rows }) => {
  const { t } = useTranslation();
  const option = {
    animation: false,
    grid: { left: 48, right: 56, top: 40, bottom: 32 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((r) => r.key ?? '—') },
    yAxis: [
      { type: 'value', name: t('surveys.metric.csatAvg'), min: 1, max: 5 },
      { type: 'value', name: t('surveys.metric.nps'), min: -100, max: 100 },
    ],
    series: [
      {
        name: t('surveys.metric.csatAvg'),
        type: 'line',
        connectNulls: true,
        data: rows.map((r) => r.csatAvg),
        tooltip: { valueFormatter: (v: unknown) => fixed(v, 2) },
      },
      {
        name: t('surveys.metric.nps'),
        type: 'line',
        yAxisIndex: 1,
        connectNulls: true,
        data: rows.map((r) => r.nps),
        tooltip: { valueFormatter: (v: unknown) => fixed(v, 1) },
      },
    ],
  };
  return (
    <div data-testid="survey-trend-chart" role="img" aria-label={t('surveys.trendTitle')}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 280 }} notMerge lazyUpdate />
    </div>
  );
};

/** One metric per manager (or team), best first. */
export const GroupChart = ({ rows, metric }: { rows: Rows; metric: ManagerMetric }) => {
  const { t } = useTranslation();
  const data = rows
    .filter((r) => r[metric] !== null)
    .sort((a, b) => (a[metric] ?? 0) - (b[metric] ?? 0))
    .slice(-20);
  const percent = metric === 'responseRate';
  const option = {
    animation: false,
    grid: { left: 120, right: 32, top: 16, bottom: 32 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) =>
        percent && typeof v === 'number'
          ? `${(v * 100).toFixed(1)}%`
          : fixed(v, metric === 'csatAvg' ? 2 : 1),
    },
    xAxis: {
      type: 'value',
      ...(metric === 'csatAvg'
        ? { min: 0, max: 5 }
        : metric === 'nps'
          ? { min: -100, max: 100 }
          : { min: 0, max: 1 }),
    },
    yAxis: { type: 'category', data: data.map((r) => r.label ?? t('surveys.noOwner')) },
    series: [{ name: t(`surveys.metric.${metric}`), type: 'bar', data: data.map((r) => r[metric]) }],
  };
  return (
    <div data-testid="survey-group-chart" role="img" aria-label={t(`surveys.metric.${metric}`)}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        style={{ height: Math.max(200, data.length * 28 + 60) }}
        notMerge
        lazyUpdate
      />
    </div>
  );
};
