import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Result, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useSession } from '../../shared/session';
import { useUsers } from '../customers/api';
import { poolKeys, usePoolPolicies, useTeams, type PoolPolicy } from '../pool/api';
import { LIMIT_KEYS, LimitFields, limitBody, limitValues, type LimitValues } from './limit-fields';
import { PolicyModal } from './policy-modal';

export const SETTINGS_ROLES: readonly string[] = ['admin', 'director'];

/** Pool limits: the organization-wide defaults and overrides per team or person (directors, admins). */
export const PoolSettingsPage = () => {
  const { t } = useTranslation();
  const me = useSession();
  const allowed = SETTINGS_ROLES.includes(me.user.role);
  if (!allowed)
    return <Result status="403" title={t('poolSettings.forbiddenTitle')} subTitle={t('errors.forbidden')} />;
  return <PoolSettings />;
};

const PoolSettings = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const policies = usePoolPolicies();
  const teams = useTeams();
  const users = useUsers();
  const [form] = Form.useForm<LimitValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<PoolPolicy | null | 'new'>(null);
  const rows = policies.data?.data ?? [];
  const org = rows.find((p) => p.scope === 'organization');
  const others = rows.filter((p) => p.scope !== 'organization');

  useEffect(() => {
    if (policies.data) form.setFieldsValue(limitValues(org));
  }, [policies.data, org, form]);

  const saveOrg = async (v: LimitValues) => {
    setSaving(true);
    setError(null);
    try {
      await api.put('/pool/policies', { scope: 'organization', ...limitBody(v) });
      await queryClient.invalidateQueries({ queryKey: poolKeys.all });
      message.success(t('poolSettings.saved'));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  const targetName = (p: PoolPolicy) =>
    (p.scope === 'team'
      ? teams.data?.data.find((x) => x.id === p.scopeId)?.name
      : users.data?.data.find((u) => u.id === p.scopeId)?.name) ?? '—';
  const limit = (v: number | null) =>
    v === null ? <Typography.Text type="secondary">—</Typography.Text> : v;

  const columns: TableColumnsType<PoolPolicy> = [
    {
      key: 'scope',
      dataIndex: 'scope',
      title: t('poolSettings.scope'),
      width: 100,
      render: (s: PoolPolicy['scope']) => <Tag>{t(`poolSettings.scopes.${s}`)}</Tag>,
    },
    { key: 'target', title: t('poolSettings.target'), width: 180, render: (_: unknown, p) => targetName(p) },
    ...LIMIT_KEYS.map((k) => ({
      key: k,
      dataIndex: k,
      title: t(`poolSettings.fields.${k}`),
      width: 130,
      render: limit,
    })),
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_: unknown, p) => (
        <Button size="small" onClick={() => setEditing(p)} data-testid={`edit-policy-${p.id}`}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  if (policies.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (policies.error) return <ErrorAlert error={policies.error} onRetry={() => void policies.refetch()} />;

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('poolSettings.title')}
      </Typography.Title>
      <Card title={t('poolSettings.orgTitle')} size="small">
        <Typography.Paragraph type="secondary">{t('poolSettings.orgExplain')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<LimitValues>
          form={form}
          name="pool-org"
          layout="vertical"
          onFinish={(v) => void saveOrg(v)}
          style={{ maxWidth: 640 }}
        >
          <LimitFields prefix="org" />
          <Button type="primary" htmlType="submit" loading={saving} data-testid="save-org-policy">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <Card
        title={t('poolSettings.rulesTitle')}
        size="small"
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-policy">
            {t('poolSettings.addRule')}
          </Button>
        }
      >
        <Table<PoolPolicy>
          data-testid="policy-table"
          rowKey="id"
          columns={columns}
          dataSource={others}
          pagination={false}
          scroll={{ x: 900 }}
          size="small"
          locale={{ emptyText: <Empty description={t('poolSettings.rulesEmpty')} /> }}
        />
      </Card>
      <PolicyModal
        open={editing !== null}
        policy={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
    </Flex>
  );
};
