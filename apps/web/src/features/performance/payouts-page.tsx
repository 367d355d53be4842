import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, LockOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { PerfTabs } from './perf-tabs';
import { periodOf, thisMonth, type Period } from './period';
import { CONFIGURER_ROLES, useClosePayouts, usePayouts, type PayoutLine, type PayoutRow } from './review-api';

/** Payouts of a month per manager with their tier-by-tier breakdown; export; closing freezes them. */
export const PayoutsPage = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const { message } = App.useApp();
  const [period, setPeriod] = useState<Period>(thisMonth);
  const payouts = usePayouts(period.from, period.to);
  const close = useClosePayouts();
  const p = payouts.data;
  const money = (n: number) => fmt.money(n, p?.currency);
  const query = `from=${period.from}&to=${period.to}`;

  const lines = (row: PayoutRow) => (
    <Table<PayoutLine>
      rowKey="from"
      size="small"
      pagination={false}
      dataSource={row.lines}
      data-testid="payout-lines"
      columns={[
        {
          title: t('incentives.columns.slice'),
          key: 'slice',
          render: (_, l) => `${money(l.from)} ~ ${l.to === null ? '' : money(l.to)}`,
        },
        {
          title: t('incentives.columns.rate'),
          key: 'rate',
          render: (_, l) => `${Math.round(l.rate * 10_000) / 100}%`,
        },
        { title: t('incentives.columns.base'), key: 'base', render: (_, l) => money(l.base) },
        { title: t('incentives.columns.amount'), key: 'amount', render: (_, l) => money(l.amount) },
      ]}
    />
  );

  return (
    <Flex vertical gap={16}>
      <PerfTabs />
      <Flex gap={12} wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('incentives.title')}
        </Typography.Title>
        <DatePicker
          allowClear={false}
          picker="month"
          value={dayjs(period.from)}
          onChange={(d) => d && setPeriod(periodOf('month', d))}
          data-testid="payout-month"
        />
        <Button icon={<DownloadOutlined />} href={`/api/v1/payouts.csv?${query}`} data-testid="export-csv">
          {t('incentives.exportCsv')}
        </Button>
        <Button icon={<DownloadOutlined />} href={`/api/v1/payouts.xlsx?${query}`} data-testid="export-xlsx">
          {t('incentives.exportXlsx')}
        </Button>
        {CONFIGURER_ROLES.includes(me.user.role) && p && !p.closed && p.plan && (
          <Popconfirm
            title={t('incentives.closeConfirm')}
            okText={t('incentives.close')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              close.mutate(
                { periodStart: period.from, periodEnd: period.to },
                {
                  onSuccess: () => message.success(t('incentives.closedOk')),
                  onError: (e) => message.error(errorText(t, e)),
                },
              )
            }
          >
            <Button icon={<LockOutlined />} loading={close.isPending} data-testid="close-period">
              {t('incentives.close')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {payouts.error && <ErrorAlert error={payouts.error} onRetry={() => void payouts.refetch()} />}
      <Card
        loading={payouts.isPending}
        title={
          p && (
            <Flex gap={12} wrap align="center">
              <span>
                {p.plan
                  ? t('incentives.plan', { name: p.plan.name, from: p.plan.effectiveFrom })
                  : t('incentives.noPlan')}
              </span>
              {p.closed ? (
                <Tag color="blue" data-testid="payout-closed">
                  {t('incentives.closed', { at: fmt.dateTime(p.closedAt) })}
                </Tag>
              ) : (
                <Tag>{t('incentives.open')}</Tag>
              )}
            </Flex>
          )
        }
        extra={
          p && <Typography.Text strong>{t('incentives.total', { amount: money(p.total) })}</Typography.Text>
        }
      >
        <Table<PayoutRow>
          rowKey="managerId"
          size="middle"
          dataSource={p?.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          expandable={{ expandedRowRender: lines, rowExpandable: (r) => r.lines.length > 0 }}
          data-testid="payout-table"
          columns={[
            { title: t('incentives.columns.manager'), dataIndex: 'managerName' },
            { title: t('incentives.columns.sales'), key: 'sales', render: (_, r) => money(r.sales) },
            { title: t('incentives.columns.score'), key: 'score', render: (_, r) => r.score ?? '—' },
            {
              title: t('incentives.columns.commission'),
              key: 'commission',
              render: (_, r) => money(r.commission),
            },
            {
              title: t('incentives.columns.multiplier'),
              key: 'multiplier',
              render: (_, r) => `× ${r.multiplier}`,
            },
            {
              title: t('incentives.columns.total'),
              key: 'total',
              render: (_, r) => (
                <Flex gap={4} align="center">
                  {money(r.total)}
                  {r.capped && <Tag color="orange">{t('incentives.capped')}</Tag>}
                  {!r.thresholdMet && <Tag>{t('incentives.belowThreshold')}</Tag>}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
};
