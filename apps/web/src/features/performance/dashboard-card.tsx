import { useState, type ReactNode } from 'react';
import { Button, Card, Empty, Flex, Skeleton, Table, Tooltip } from 'antd';
import { BarChartOutlined, DownloadOutlined, TableOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { csvFileName, downloadCsv, type CsvCell } from './csv';

echarts.use([
  BarChart,
  LineChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** An ECharts chart; `label` names it for screen readers and tests. */
export const DashChart = ({
  option,
  label,
  testId,
  height = 280,
}: {
  option: object;
  label: string;
  testId: string;
  height?: number;
}) => (
  <div data-testid={testId} role="img" aria-label={label}>
    <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate />
  </div>
);

/** A column of a dashboard table: how a row shows on screen and what goes into the CSV. */
export type DashColumn<T> = {
  key: string;
  title: string;
  value: (row: T) => CsvCell;
  render?: (row: T) => ReactNode;
  align?: 'left' | 'right';
};

type Props<T> = {
  title: ReactNode;
  /** The chart's name for the CSV file and screen readers. */
  name: string;
  testId: string;
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  columns: DashColumn<T>[];
  chart?: ReactNode;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** Parts of the export's file name after the chart's name, e.g. the subject and the period. */
  fileParts: string[];
  empty: string;
  extra?: ReactNode;
  /** Show the table first (and keep a chart one click away). */
  tableFirst?: boolean;
  onRowClick?: (row: T) => void;
  footer?: ReactNode;
};

/**
 * A dashboard card: a chart with the table behind it one click away, and the table's rows as a
 * CSV download. Loading, empty and error states are the card's own.
 */
export function DashCard<T extends object>(p: Props<T>) {
  const { t } = useTranslation();
  /** The reader's choice; until they make one, the table first where asked, else the chart. */
  const [asTable, setAsTable] = useState<boolean | null>(null);
  const rows = p.rows ?? [];
  const exportRows = () =>
    downloadCsv(
      csvFileName(p.name, ...p.fileParts),
      p.columns.map((c) => c.title),
      rows.map((r) => p.columns.map((c) => c.value(r))),
    );
  const columns: ColumnsType<T> = p.columns.map((c) => ({
    key: c.key,
    title: c.title,
    align: c.align,
    render: (_: unknown, r: T) => (c.render ? c.render(r) : (c.value(r) ?? '—')),
  }));
  const showTable = !p.chart || (asTable ?? !!p.tableFirst);
  return (
    <Card
      size="small"
      title={p.title}
      data-testid={p.testId}
      extra={
        <Flex gap={4} align="center">
          {p.extra}
          {p.chart && (
            <Tooltip title={showTable ? t('dash.showChart') : t('dash.showTable')}>
              <Button
                size="small"
                type="text"
                icon={showTable ? <BarChartOutlined /> : <TableOutlined />}
                aria-label={showTable ? t('dash.showChart') : t('dash.showTable')}
                onClick={() => setAsTable(!showTable)}
                data-testid={`${p.testId}-toggle`}
              />
            </Tooltip>
          )}
          <Tooltip title={t('dash.exportCsv')}>
            <Button
              size="small"
              type="text"
              icon={<DownloadOutlined />}
              aria-label={t('dash.exportCsv')}
              disabled={!rows.length}
              onClick={exportRows}
              data-testid={`${p.testId}-export`}
            />
          </Tooltip>
        </Flex>
      }
    >
      {p.error ? (
        <ErrorAlert error={p.error} onRetry={p.onRetry} />
      ) : p.loading && !p.rows ? (
        <Skeleton active />
      ) : !rows.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={p.empty} />
      ) : showTable ? (
        <Table<T>
          rowKey={p.rowKey}
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid={`${p.testId}-table`}
          onRow={
            p.onRowClick
              ? (r) => ({ onClick: () => p.onRowClick!(r), style: { cursor: 'pointer' } })
              : undefined
          }
        />
      ) : (
        p.chart
      )}
      {p.footer}
    </Card>
  );
}
