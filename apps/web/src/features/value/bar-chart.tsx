import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type BarSeries = {
  name: string;
  values: number[];
  /** Plotted on the second (right) axis, e.g. money next to counts. */
  secondAxis?: boolean;
  format?: (v: number) => string;
};

/**
 * A bar chart of categories (one or two series, the second optionally on its own axis), in the
 * style of the customer value chart. `label` names the chart for screen readers and tests.
 */
export const ValueBarChart = ({
  label,
  categories,
  series,
  testId,
  height = 260,
}: {
  label: string;
  categories: string[];
  series: BarSeries[];
  testId: string;
  height?: number;
}) => {
  const twoAxes = series.some((s) => s.secondAxis);
  const option = {
    animation: false,
    grid: { left: 56, right: twoAxes ? 72 : 24, top: series.length > 1 ? 36 : 16, bottom: 56 },
    legend: series.length > 1 ? { top: 0 } : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 },
    },
    yAxis: [
      { type: 'value', minInterval: 1 },
      ...(twoAxes
        ? [{ type: 'value', axisLabel: { formatter: series.find((s) => s.secondAxis)?.format } }]
        : []),
    ],
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      yAxisIndex: s.secondAxis ? 1 : 0,
      data: s.values,
      tooltip: s.format
        ? { valueFormatter: (v: unknown) => (typeof v === 'number' ? s.format!(v) : '—') }
        : undefined,
    })),
  };
  return (
    <div data-testid={testId} aria-label={label} role="img">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate />
    </div>
  );
};
