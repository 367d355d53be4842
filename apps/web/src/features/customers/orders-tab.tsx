import { Button, Empty, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { OrderOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { ExportButton } from '../exports/export-button';
import { flatten, useOrders } from './api';

export const OrdersTab = ({ customerId }: { customerId: string }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const orders = useOrders(customerId);
  const rows = flatten(orders.data?.pages);
  const f = (k: string) => t(`order.fields.${k}`);

  const columns: TableColumnsType<OrderOut> = [
    {
      key: 'orderedAt',
      dataIndex: 'orderedAt',
      title: f('orderedAt'),
      width: 160,
      render: (v: string) => fmt.dateTime(v),
    },
    {
      key: 'amount',
      dataIndex: 'amount',
      title: f('amount'),
      align: 'right',
      width: 140,
      render: (v: number, o) => fmt.money(v, o.currency),
    },
    { key: 'channel', dataIndex: 'channel', title: f('channel'), width: 120, render: (v) => v || '—' },
    {
      key: 'lines',
      dataIndex: 'lines',
      title: f('lines'),
      render: (lines: OrderOut['lines'], o) =>
        lines.length ? (
          <Flex vertical>
            {lines.map((l, i) => (
              <Typography.Text key={i}>
                {l.product} × {fmt.number(l.quantity)} @ {fmt.money(l.unitPrice, o.currency)}
              </Typography.Text>
            ))}
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      key: 'externalId',
      dataIndex: 'externalId',
      title: f('externalId'),
      width: 140,
      render: (v) => v || '—',
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">
        <ExportButton list="orders" filters={{ customerId }} />
      </Flex>
      {orders.error && <ErrorAlert error={orders.error} onRetry={() => void orders.refetch()} />}
      <Table<OrderOut>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={orders.isPending}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: orders.isPending ? ' ' : <Empty description={t('order.empty')} /> }}
      />
      {orders.hasNextPage && (
        <Button onClick={() => void orders.fetchNextPage()} loading={orders.isFetchingNextPage}>
          {t('customers.loadMore')}
        </Button>
      )}
    </Flex>
  );
};
