import { useState } from 'react';
import { App, Button, Empty, Flex, Popconfirm, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { ApiTokenOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { integrationKeys, useApiTokens } from './api';
import { SecretModal } from './secret-modal';
import { TokenModal } from './token-modal';

const STATUS_COLOR = { active: 'green', expired: 'default', revoked: 'red' } as const;

/** Personal API tokens: create (the secret is shown once), list with last use, revoke. */
export const ApiTokensPage = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const tokens = useApiTokens();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const revoke = async (id: string) => {
    try {
      await api.del(`/api-tokens/${id}`);
      message.success(t('integrations.tokens.revoked'));
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      await queryClient.invalidateQueries({ queryKey: integrationKeys.tokens });
    }
  };

  const columns: TableColumnsType<ApiTokenOut> = [
    { key: 'name', dataIndex: 'name', title: t('integrations.tokens.name') },
    {
      key: 'prefix',
      dataIndex: 'prefix',
      title: t('integrations.tokens.prefix'),
      render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
    },
    {
      key: 'scopes',
      dataIndex: 'scopes',
      title: t('integrations.tokens.scopes'),
      render: (scopes: string[]) => (
        <Flex wrap gap={4}>
          {scopes.map((s) => (
            <Tag key={s}>{s}</Tag>
          ))}
        </Flex>
      ),
    },
    ...(me.user.role === 'admin'
      ? [{ key: 'owner', dataIndex: 'userName', title: t('integrations.tokens.owner') }]
      : []),
    {
      key: 'expiresAt',
      dataIndex: 'expiresAt',
      title: t('integrations.tokens.expiresAt'),
      render: (v: string | null) => (v ? fmt.dateTime(v) : t('integrations.tokens.noExpiry')),
    },
    {
      key: 'lastUsedAt',
      dataIndex: 'lastUsedAt',
      title: t('integrations.tokens.lastUsedAt'),
      render: (v: string | null) => (v ? fmt.dateTime(v) : t('integrations.tokens.never')),
    },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('integrations.tokens.status'),
      render: (s: ApiTokenOut['status']) => (
        <Tag color={STATUS_COLOR[s]}>{t(`integrations.tokens.statuses.${s}`)}</Tag>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, row) =>
        row.status === 'active' ? (
          <Popconfirm title={t('integrations.tokens.revokeConfirm')} onConfirm={() => void revoke(row.id)}>
            <Button size="small" danger data-testid={`revoke-${row.name}`}>
              {t('integrations.tokens.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('integrations.tokens.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('integrations.tokens.subtitle')}</Typography.Text>
        </div>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="new-token"
        >
          {t('integrations.tokens.create')}
        </Button>
      </Flex>
      {tokens.isPending ? (
        <Skeleton active />
      ) : tokens.error ? (
        <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table<ApiTokenOut>
          rowKey="id"
          columns={columns}
          dataSource={tokens.data.data}
          pagination={false}
          locale={{ emptyText: <Empty description={t('integrations.tokens.empty')} /> }}
          data-testid="token-table"
        />
      )}
      <TokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          setSecret(created.token);
          void queryClient.invalidateQueries({ queryKey: integrationKeys.tokens });
        }}
      />
      <SecretModal
        title={t('integrations.tokens.secretTitle')}
        warning={t('integrations.tokens.secretWarning')}
        secret={secret}
        onClose={() => setSecret(null)}
      />
    </Flex>
  );
};
