import { useMemo, useState } from 'react';
import type { Key } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { ArrowRightOutlined, FundProjectionScreenOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useTeams } from '../pool/api';
import { applyReevaluation, proposeReevaluation, valueKeys, type ReevaluationProposal } from './api';
import { proposalReasonLabel } from './labels';

const ACTION_COLORS: Record<string, string> = {
  assign_manager: 'green',
  keep_owner: 'default',
  standard_team: 'blue',
};
const movable = (p: ReevaluationProposal) => p.action !== 'keep_owner';

/** Low-value re-evaluation for leads: proposals with checkboxes, applied in bulk with a reason. */
export const ReevaluationPage = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const [teamId, setTeamId] = useState<string | undefined>();
  const [upliftRatio, setUpliftRatio] = useState(2);
  const [selected, setSelected] = useState<Key[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [applyError, setApplyError] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason?: string }>();
  const propose = useMutation({
    mutationFn: () => proposeReevaluation({ teamId, upliftRatio }),
    onSuccess: (r) => setSelected(r.proposals.filter(movable).map((p) => p.customerId)),
  });
  const apply = useMutation({
    mutationFn: (reason: string) =>
      applyReevaluation({
        moves: chosen.map((p) => ({ customerId: p.customerId, toUserId: p.toUserId })),
        reason,
      }),
    onMutate: () => setApplyError(null),
    onSuccess: async (r) => {
      message.success(t('valueInsights.reevaluation.applied', { count: r.applied }));
      setConfirming(false);
      setSelected([]);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['customers'] }),
        queryClient.invalidateQueries({ queryKey: ['users'] }),
        queryClient.invalidateQueries({ queryKey: valueKeys.all }),
      ]);
      propose.mutate();
    },
    onError: (e) => setApplyError(errorText(t, e)),
  });
  const r = propose.data;
  const proposals = useMemo(() => r?.proposals ?? [], [r]);
  const chosen = useMemo(
    () => proposals.filter((p) => selected.includes(p.customerId)),
    [proposals, selected],
  );
  const pool = t('valueInsights.reevaluation.pool');

  const columns: TableColumnsType<ReevaluationProposal> = [
    {
      key: 'customer',
      title: t('valueInsights.atRisk.customer'),
      width: 200,
      render: (_, p) => <Link to={`/customers/${p.customerId}`}>{p.customerName}</Link>,
    },
    { key: 'tier', title: t('valueInsights.reevaluation.tier'), width: 70, render: (_, p) => p.tier ?? '—' },
    {
      key: 'current',
      title: t('valueInsights.reevaluation.current'),
      align: 'right',
      width: 120,
      render: (_, p) => fmt.money(p.currentValue),
    },
    {
      key: 'predicted',
      title: t('valueInsights.reevaluation.predicted'),
      align: 'right',
      width: 120,
      render: (_, p) => fmt.money(p.predictedValue),
    },
    {
      key: 'uplift',
      title: t('valueInsights.reevaluation.uplift'),
      align: 'right',
      width: 90,
      render: (_, p) => (p.uplift === null ? '∞' : `×${p.uplift.toFixed(1)}`),
    },
    {
      key: 'move',
      title: t('valueInsights.reevaluation.move'),
      width: 260,
      render: (_, p) => (
        <Space size={4} wrap>
          <span>{p.fromName ?? pool}</span>
          <ArrowRightOutlined />
          <span>{p.toUserId ? (p.toName ?? p.toUserId) : pool}</span>
        </Space>
      ),
    },
    {
      key: 'action',
      title: t('valueInsights.reevaluation.action'),
      width: 240,
      render: (_, p) => (
        <Flex vertical gap={2}>
          <Tag color={ACTION_COLORS[p.action]} style={{ width: 'fit-content' }}>
            {t(`valueInsights.reevaluation.actions.${p.action}`)}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {proposalReasonLabel(t, p.reason.code)}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('valueInsights.reevaluation.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('valueInsights.reevaluation.subtitle')}</Typography.Text>
      </Flex>
      <Card size="small">
        <Space wrap align="end">
          <Flex vertical gap={4}>
            <Typography.Text>{t('valueInsights.team')}</Typography.Text>
            <Select
              allowClear
              value={teamId}
              onChange={(v?: string) => setTeamId(v)}
              placeholder={t('valueInsights.allInScope')}
              aria-label={t('valueInsights.team')}
              options={(teams.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              style={{ width: 220 }}
              data-testid="reevaluation-team"
            />
          </Flex>
          <Flex vertical gap={4}>
            <Typography.Text>{t('valueInsights.reevaluation.upliftRatio')}</Typography.Text>
            <InputNumber<number>
              min={1}
              max={1000}
              step={0.5}
              value={upliftRatio}
              onChange={(v) => setUpliftRatio(v && v >= 1 ? v : 2)}
              aria-label={t('valueInsights.reevaluation.upliftRatio')}
              style={{ width: 120 }}
            />
          </Flex>
          <Button
            type="primary"
            icon={<FundProjectionScreenOutlined />}
            loading={propose.isPending}
            onClick={() => propose.mutate()}
            data-testid="reevaluation-propose"
          >
            {t('valueInsights.reevaluation.propose')}
          </Button>
        </Space>
      </Card>
      {propose.error && <ErrorAlert error={propose.error} onRetry={() => propose.mutate()} />}
      {!r && !propose.isPending && !propose.error && (
        <Card>
          <Empty description={t('valueInsights.reevaluation.noProposal')} />
        </Card>
      )}
      {r && (
        <>
          <Card size="small" data-testid="reevaluation-summary">
            <Space size={48} wrap>
              <Statistic title={t('valueInsights.reevaluation.candidates')} value={r.candidates} />
              <Statistic title={t('valueInsights.reevaluation.proposals')} value={r.total} />
              <Statistic
                title={t('valueInsights.reevaluation.standardTeam')}
                value={r.standardTeam?.name ?? pool}
              />
            </Space>
            {r.unplaced > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 8 }}
                title={t('valueInsights.reevaluation.unplaced', { count: r.unplaced })}
              />
            )}
          </Card>
          <Card
            size="small"
            title={t('valueInsights.reevaluation.proposals')}
            extra={
              <Button
                type="primary"
                disabled={chosen.length === 0}
                onClick={() => setConfirming(true)}
                data-testid="reevaluation-apply"
              >
                {t('valueInsights.reevaluation.applySelected', { count: chosen.length })}
              </Button>
            }
          >
            <Table<ReevaluationProposal>
              rowKey="customerId"
              columns={columns}
              dataSource={proposals}
              pagination={false}
              size="small"
              scroll={{ x: 1100 }}
              locale={{ emptyText: <Empty description={t('valueInsights.reevaluation.none')} /> }}
              rowSelection={{
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys),
                getCheckboxProps: (p) => ({ disabled: !movable(p) }),
              }}
              data-testid="reevaluation-table"
            />
          </Card>
        </>
      )}
      <Modal
        open={confirming}
        title={t('valueInsights.reevaluation.applyTitle', { count: chosen.length })}
        onCancel={() => setConfirming(false)}
        onOk={() => form.submit()}
        okText={t('valueInsights.reevaluation.applyOk')}
        okButtonProps={{ 'data-testid': 'reevaluation-apply-confirm' } as ButtonProps}
        cancelText={t('common.cancel')}
        confirmLoading={apply.isPending}
        destroyOnHidden
      >
        {applyError && <Alert type="error" showIcon title={applyError} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => apply.mutate((v.reason ?? '').trim())}>
          <Form.Item
            label={t('valueInsights.reevaluation.reason')}
            name="reason"
            rules={[
              { required: true, whitespace: true, message: t('valueInsights.reevaluation.reasonRequired') },
            ]}
          >
            <Input
              maxLength={500}
              placeholder={t('valueInsights.reevaluation.reasonPlaceholder')}
              data-testid="reevaluation-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
};
