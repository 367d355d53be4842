import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { GoalOut, GoalProgressOut, KpiDefinitionOut } from '@steward/contracts';
import { api } from '../../shared/api';
import { useFormat } from '../../shared/format';
import { localized, perfKeys } from './api';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const pct = (v: number | null, target: number) =>
  v === null || target === 0 ? 0 : Math.round((v / target) * 1000) / 10;

/** Goals side by side as % of their targets: reached so far against the straight-line expectation. */
export const GoalChart = ({ goals, definitions }: { goals: GoalOut[]; definitions: KpiDefinitionOut[] }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const shown = goals.slice(0, 12);
  const progress = useQueries({
    queries: shown.map((g) => ({
      queryKey: perfKeys.progress(g.id),
      queryFn: () => api.get<GoalProgressOut>(`/goals/${g.id}/progress`),
    })),
  });
  if (!shown.length || progress.some((p) => !p.data)) return null;
  const names = new Map(definitions.map((d) => [d.key, localized(d.name, fmt.lang)]));
  const labels = shown.map((g) => `${g.subjectName ?? ''}\n${names.get(g.kpi) ?? g.kpi}`);
  const data = progress.map((p) => p.data!);
  const option = {
    animation: false,
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 48 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)}%` },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: t('perf.chart.actual'),
        type: 'bar',
        data: data.map((d) => ({
          value: pct(d.actual, d.target),
          itemStyle: { color: d.offTrack ? '#cf1322' : '#1677ff' },
        })),
      },
      {
        name: t('perf.chart.expected'),
        type: 'bar',
        data: data.map((d) => pct(d.expected, d.target)),
        itemStyle: { color: '#bfbfbf' },
      },
    ],
  };
  return (
    <div data-testid="goal-chart" role="img" aria-label={t('perf.chart.title')}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 260 }} notMerge lazyUpdate />
    </div>
  );
};
