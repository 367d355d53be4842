import { useState } from 'react';
import {
  App,
  Button,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { WebhookOut, WebhookWithSecret } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { integrationKeys, useWebhooks, WEBHOOK_ROLES } from './api';
import { DeliveriesDrawer } from './deliveries-drawer';
import { SecretModal } from './secret-modal';
import { WebhookModal } from './webhook-modal';

/** Webhooks of the organization (administrators): subscriptions, secrets, state and delivery log. */
export const WebhooksPage = () => {
  const { t } = useTranslation();
  const me = useSession();
  if (!WEBHOOK_ROLES.includes(me.user.role))
    return (
      <Result status="403" title={t('integrations.webhooks.forbidden')} subTitle={t('errors.forbidden')} />
    );
  return <Webhooks />;
};

const Webhooks = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const hooks = useWebhooks();
  const [editing, setEditing] = useState<WebhookOut | null | 'new'>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<WebhookOut | null>(null);

  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      if (done) message.success(done);
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      await queryClient.invalidateQueries({ queryKey: integrationKeys.webhooks });
    }
  };

  const columns: TableColumnsType<WebhookOut> = [
    {
      key: 'url',
      dataIndex: 'url',
      title: t('integrations.webhooks.url'),
      render: (u: string) => <Typography.Text code>{u}</Typography.Text>,
    },
    {
      key: 'events',
      dataIndex: 'events',
      title: t('integrations.webhooks.events'),
      render: (events: string[]) => (
        <Flex wrap gap={4}>
          {events.map((e) => (
            <Tag key={e}>{t(`integrations.webhooks.eventNames.${e}`, { defaultValue: e })}</Tag>
          ))}
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('integrations.webhooks.status'),
      render: (_: unknown, w) => (
        <Tooltip
          title={
            w.disabledAt ? t('integrations.webhooks.disabledAt', { at: fmt.dateTime(w.disabledAt) }) : null
          }
        >
          <Switch
            checked={w.active}
            checkedChildren={t('integrations.webhooks.enabled')}
            unCheckedChildren={t('integrations.webhooks.disabled')}
            onChange={(active) => void run(() => api.patch(`/webhooks/${w.id}`, { active }))}
            data-testid={`toggle-${w.id}`}
          />
        </Tooltip>
      ),
    },
    { key: 'failures', dataIndex: 'consecutiveFailures', title: t('integrations.webhooks.failures') },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, w) => (
        <Space wrap size={4}>
          <Button size="small" onClick={() => setLogOf(w)} data-testid={`deliveries-${w.id}`}>
            {t('integrations.webhooks.deliveries')}
          </Button>
          <Button
            size="small"
            onClick={() =>
              void run(() => api.post(`/webhooks/${w.id}/test`), t('integrations.webhooks.testSent'))
            }
            data-testid={`test-${w.id}`}
          >
            {t('integrations.webhooks.test')}
          </Button>
          <Button size="small" onClick={() => setEditing(w)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('integrations.webhooks.rotateConfirm')}
            onConfirm={() =>
              void run(async () =>
                setSecret((await api.post<WebhookWithSecret>(`/webhooks/${w.id}/rotate-secret`)).secret),
              )
            }
          >
            <Button size="small">{t('integrations.webhooks.rotate')}</Button>
          </Popconfirm>
          <Popconfirm
            title={t('integrations.webhooks.deleteConfirm')}
            onConfirm={() => void run(() => api.del(`/webhooks/${w.id}`), t('integrations.webhooks.deleted'))}
          >
            <Button size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('integrations.webhooks.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('integrations.webhooks.subtitle')}</Typography.Text>
        </div>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          data-testid="new-webhook"
        >
          {t('integrations.webhooks.create')}
        </Button>
      </Flex>
      {hooks.isPending ? (
        <Skeleton active />
      ) : hooks.error ? (
        <ErrorAlert error={hooks.error} onRetry={() => void hooks.refetch()} />
      ) : (
        <Table<WebhookOut>
          rowKey="id"
          columns={columns}
          dataSource={hooks.data.data}
          pagination={false}
          locale={{ emptyText: <Empty description={t('integrations.webhooks.empty')} /> }}
          data-testid="webhook-table"
        />
      )}
      <WebhookModal
        open={editing !== null}
        editing={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(created) => {
          setEditing(null);
          if (created) setSecret(created);
          else message.success(t('integrations.webhooks.saved'));
          void queryClient.invalidateQueries({ queryKey: integrationKeys.webhooks });
        }}
      />
      <SecretModal
        title={t('integrations.webhooks.secretTitle')}
        warning={t('integrations.webhooks.secretWarning')}
        secret={secret}
        onClose={() => setSecret(null)}
      />
      <DeliveriesDrawer webhook={logOf} onClose={() => setLogOf(null)} />
    </Flex>
  );
};
