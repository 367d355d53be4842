import { App, Button, Descriptions, Drawer, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { WebhookDeliveryOut, WebhookOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { integrationKeys, useDeliveries } from './api';

const STATUS_COLOR = { pending: 'processing', delivered: 'green', failed: 'red' } as const;

/** The delivery log of one webhook, newest first, with manual redelivery. */
export const DeliveriesDrawer = ({
  webhook,
  onClose,
}: {
  webhook: WebhookOut | null;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const deliveries = useDeliveries(webhook?.id ?? null);
  const rows = deliveries.data?.pages.flatMap((p) => p.data) ?? [];

  const redeliver = async (d: WebhookDeliveryOut) => {
    try {
      await api.post(`/webhooks/${d.webhookId}/deliveries/${d.id}/redeliver`);
      message.success(t('integrations.deliveries.redelivered'));
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      await queryClient.invalidateQueries({ queryKey: integrationKeys.deliveries(d.webhookId) });
    }
  };

  const columns: TableColumnsType<WebhookDeliveryOut> = [
    {
      key: 'createdAt',
      dataIndex: 'createdAt',
      title: t('integrations.deliveries.createdAt'),
      width: 150,
      render: (v: string) => fmt.dateTime(v),
    },
    {
      key: 'event',
      dataIndex: 'event',
      title: t('integrations.deliveries.event'),
      render: (e: string) => t(`integrations.webhooks.eventNames.${e}`, { defaultValue: e }),
    },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('integrations.deliveries.status'),
      render: (s: WebhookDeliveryOut['status']) => (
        <Tag color={STATUS_COLOR[s]} data-testid="delivery-status">
          {t(`integrations.deliveries.statuses.${s}`)}
        </Tag>
      ),
    },
    {
      key: 'code',
      dataIndex: 'lastStatusCode',
      title: t('integrations.deliveries.code'),
      render: (c: number | null) => c ?? '—',
    },
    { key: 'attempts', dataIndex: 'attempts', title: t('integrations.deliveries.attempts') },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, d) =>
        d.status === 'pending' ? null : (
          <Button size="small" onClick={() => void redeliver(d)} data-testid={`redeliver-${d.id}`}>
            {t('integrations.deliveries.redeliver')}
          </Button>
        ),
    },
  ];

  const details = (d: WebhookDeliveryOut) => (
    <Descriptions size="small" column={1} bordered>
      {d.status === 'pending' && d.nextAttemptAt && (
        <Descriptions.Item label={t('integrations.deliveries.nextAttemptAt')}>
          {fmt.dateTime(d.nextAttemptAt)}
        </Descriptions.Item>
      )}
      {d.lastResponse !== null && (
        <Descriptions.Item label={t('integrations.deliveries.response')}>
          <Typography.Text code>{d.lastResponse}</Typography.Text>
        </Descriptions.Item>
      )}
      {d.lastError && (
        <Descriptions.Item label={t('integrations.deliveries.error')}>{d.lastError}</Descriptions.Item>
      )}
      <Descriptions.Item label={t('integrations.deliveries.payload')}>
        <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {JSON.stringify(d.payload, null, 2)}
        </pre>
      </Descriptions.Item>
    </Descriptions>
  );

  return (
    <Drawer
      open={webhook !== null}
      onClose={onClose}
      size="large"
      title={t('integrations.deliveries.title', { url: webhook?.url ?? '' })}
      extra={
        <Button onClick={() => void deliveries.refetch()}>{t('integrations.deliveries.refresh')}</Button>
      }
    >
      {deliveries.error ? (
        <ErrorAlert error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : (
        <Flex vertical gap={12}>
          <Table<WebhookDeliveryOut>
            rowKey="id"
            size="small"
            loading={deliveries.isPending}
            columns={columns}
            dataSource={rows}
            pagination={false}
            expandable={{ expandedRowRender: details }}
            locale={{ emptyText: <Empty description={t('integrations.deliveries.empty')} /> }}
            data-testid="delivery-table"
          />
          {deliveries.hasNextPage && (
            <Button onClick={() => void deliveries.fetchNextPage()} loading={deliveries.isFetchingNextPage}>
              {t('integrations.deliveries.loadMore')}
            </Button>
          )}
        </Flex>
      )}
    </Drawer>
  );
};
