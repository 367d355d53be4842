import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';

echarts.use([LineChart, GridComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export type PAlivePoint = { label: string; pAlive: number | null };

const percent = (v: number, lang: string) =>
  new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(v);

/** A small line chart of P(alive) over past value refreshes, labels already formatted by the caller. */
export const PAliveChart = ({ points, lang }: { points: PAlivePoint[]; lang: string }) => {
  const { t } = useTranslation();
  const option = {
    animation: false,
    title: { text: t('customerValue.chart.title'), left: 0, textStyle: { fontSize: 14 } },
    grid: { left: 64, right: 24, top: 40, bottom: 40 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? percent(v, lang) : '—'),
    },
    xAxis: {
      type: 'category',
      name: t('customerValue.chart.xAxis'),
      nameLocation: 'middle',
      nameGap: 24,
      boundaryGap: false,
      data: points.map((p) => p.label),
    },
    yAxis: {
      type: 'value',
      name: t('customerValue.chart.yAxis'),
      nameLocation: 'middle',
      nameRotate: 90,
      nameGap: 44,
      min: 0,
      max: 1,
      axisLabel: { formatter: (v: number) => percent(v, lang) },
    },
    series: [
      {
        name: t('customerValue.pAlive'),
        type: 'line',
        smooth: true,
        connectNulls: false,
        showSymbol: points.length < 30,
        data: points.map((p) => p.pAlive),
      },
    ],
  };
  return (
    <div data-testid="value-chart" aria-label={t('customerValue.chart.title')} role="img">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 240 }} notMerge lazyUpdate />
    </div>
  );
};
