import { useState } from 'react';
import { App, Button, Empty, Flex, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import type { RuleOut } from '@steward/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useCustomFields } from '../customers/api';
import { useTeams } from '../pool/api';
import { ruleKeys, useRules } from './api';
import { conditionsText, type FieldLabels } from './condition-text';
import { DryRunModal } from './dry-run-modal';
import { RuleDrawer, type RuleEdit } from './rule-drawer';

/** The ordered assignment rules, with create, edit, enable, delete and a dry run over the pool. */
export const RulesPage = () => {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = useRules();
  const teams = useTeams();
  const custom = useCustomFields();
  const [edit, setEdit] = useState<RuleEdit | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const teamList = teams.data?.data ?? [];
  const labels: FieldLabels = Object.fromEntries(
    (custom.data ?? []).map((d) => [d.key, i18n.language === 'en-US' ? d.labelEn : d.labelZh]),
  );

  const refresh = () => queryClient.invalidateQueries({ queryKey: ruleKeys.all });
  const toggle = useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      api.patch(`/assignment-rules/${id}`, { enabled }),
    onSuccess: () => message.success(t('rules.saved')),
    onError: (e) => message.error(errorText(t, e)),
    onSettled: refresh,
  });
  const remove = async (r: RuleOut) => {
    try {
      await api.del(`/assignment-rules/${r.id}`);
      message.success(t('rules.deleted', { name: r.name }));
    } catch (e) {
      message.error(errorText(t, e));
    }
    await refresh();
  };

  const columns: TableColumnsType<RuleOut> = [
    { key: 'position', title: '#', width: 56, render: (_: unknown, _r, i) => i + 1 },
    {
      key: 'name',
      dataIndex: 'name',
      title: t('rules.fields.name'),
      width: 180,
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      key: 'conditions',
      title: t('rules.fields.conditions'),
      render: (_: unknown, r) => conditionsText(t, labels, r.conditions),
    },
    {
      key: 'team',
      title: t('rules.fields.teamId'),
      width: 150,
      render: (_: unknown, r) => teamList.find((x) => x.id === r.teamId)?.name ?? '—',
    },
    {
      key: 'strategy',
      title: t('rules.fields.strategy'),
      width: 150,
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <Tag color="blue">{t(`rules.strategy.${r.strategy}`)}</Tag>
          {r.onNoCapacity === 'next_rule' && <Tag>{t('rules.onNoCapacity.next_rule')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'enabled',
      title: t('rules.fields.enabled'),
      width: 80,
      render: (_: unknown, r) => (
        <Switch
          checked={r.enabled}
          loading={toggle.isPending && toggle.variables?.id === r.id}
          onChange={(enabled) => toggle.mutate({ id: r.id, enabled })}
          aria-label={`${t('rules.fields.enabled')}: ${r.name}`}
          data-testid={`rule-enabled-${r.id}`}
        />
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 150,
      render: (_: unknown, r) => (
        <Space size={4}>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEdit({ rule: r })}
            data-testid={`rule-edit-${r.id}`}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('rules.deleteConfirm', { name: r.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove(r)}
          >
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={`${t('common.delete')} ${r.name}`}
            />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex vertical gap={4}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('rules.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('rules.subtitle')}</Typography.Text>
        </Flex>
        <Space wrap>
          <Button icon={<ExperimentOutlined />} onClick={() => setDryRun(true)} data-testid="rules-dry-run">
            {t('rules.dryRun')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEdit({})} data-testid="new-rule">
            {t('rules.add')}
          </Button>
        </Space>
      </Flex>
      {rules.error && <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />}
      <Table<RuleOut>
        data-testid="rules-table"
        rowKey="id"
        columns={columns}
        dataSource={rules.data ?? []}
        loading={rules.isPending}
        pagination={false}
        scroll={{ x: 1000 }}
        size="middle"
        locale={{
          emptyText: rules.isPending ? (
            ' '
          ) : rules.error ? (
            t('rules.loadFailed')
          ) : (
            <Empty description={t('rules.empty')} />
          ),
        }}
      />
      <RuleDrawer edit={edit} teams={teamList} labels={labels} onClose={() => setEdit(null)} />
      <DryRunModal open={dryRun} onClose={() => setDryRun(false)} />
    </Flex>
  );
};
