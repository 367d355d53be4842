import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useUsers } from '../customers/api';
import { ValueExplanation } from '../customers/value-explanation';
import { useTeams } from '../pool/api';
import { BOOK_PICKER_ROLES, RESOLVER_ROLES, useAtRisk, type AtRiskItem } from './api';
import { percent, reasonLabel, segmentLabel, stageLabel } from './labels';
import { ResolveAlertModal } from './resolve-alert-modal';

const ACTION_COLORS: Record<string, string> = { retain: 'red', visit: 'orange', check_in: 'blue' };
const LIMITS = [20, 50, 100, 200];

/** Teams in the subtrees rooted at `roots` (a lead reaches their teams and every sub-team). */
const subtree = (teams: { id: string; parentId: string | null }[], roots: string[]) => {
  const out = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const x of teams)
      if (x.parentId && out.has(x.parentId) && !out.has(x.id)) {
        out.add(x.id);
        grew = true;
      }
  }
  return out;
};

/** A manager's book ordered by value at risk, with the next-best action and why. */
export const AtRiskPage = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const picker = BOOK_PICKER_ROLES.includes(me.user.role);
  const users = useUsers();
  const teams = useTeams();
  const [managerId, setManagerId] = useState<string | undefined>();
  const [limit, setLimit] = useState(20);
  const [resolving, setResolving] = useState<{ id: string; customerName: string } | null>(null);
  const q = useAtRisk(managerId, limit);
  const members = useMemo(() => {
    const all = (users.data?.data ?? []).filter(
      (u) => u.status === 'active' && (u.role === 'manager' || u.role === 'team_lead'),
    );
    if (me.user.role !== 'team_lead') return all;
    const mine = subtree(teams.data?.data ?? [], me.user.teamIds);
    return all.filter((u) => u.id === me.user.id || (u.teamId !== null && mine.has(u.teamId)));
  }, [users.data, teams.data, me.user]);

  const columns: TableColumnsType<AtRiskItem> = [
    {
      key: 'customer',
      title: t('valueInsights.atRisk.customer'),
      width: 200,
      render: (_, r) => (
        <Flex vertical>
          <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.tier ?? t('valueInsights.ungraded'), stageLabel(t, r.stage), segmentLabel(t, r.segment)].join(
              ' · ',
            )}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'action',
      title: t('valueInsights.atRisk.action'),
      width: 110,
      render: (_, r) => (
        <Tag color={ACTION_COLORS[r.action]} data-testid="at-risk-action">
          {t(`valueInsights.actions.${r.action}`)}
        </Tag>
      ),
    },
    {
      key: 'var',
      title: t('valueInsights.atRisk.valueAtRisk'),
      align: 'right',
      width: 130,
      render: (_, r) => fmt.money(r.valueAtRisk),
    },
    {
      key: 'clv',
      title: t('valueInsights.atRisk.clv'),
      align: 'right',
      width: 120,
      render: (_, r) => (r.clv === null ? '—' : fmt.money(r.clv)),
    },
    {
      key: 'pAlive',
      title: t('valueInsights.atRisk.pAlive'),
      align: 'right',
      width: 130,
      render: (_, r) =>
        r.pAlivePrevious === null
          ? percent(r.pAlive, fmt.lang)
          : `${percent(r.pAlivePrevious, fmt.lang)} → ${percent(r.pAlive, fmt.lang)}`,
    },
    {
      key: 'reasons',
      title: t('valueInsights.atRisk.reasons'),
      render: (_, r) => (
        <Space size={[4, 4]} wrap>
          {r.reasons
            .filter((x) => x.code !== 'value_at_risk')
            .map((x, i) => (
              <Tooltip
                key={i}
                title={x.value === null || x.value === undefined ? undefined : String(x.value)}
              >
                <Tag>{reasonLabel(t, x.code)}</Tag>
              </Tooltip>
            ))}
        </Space>
      ),
    },
    {
      key: 'alert',
      title: t('common.actions'),
      width: 130,
      render: (_, r) =>
        r.openAlert && RESOLVER_ROLES.includes(me.user.role) ? (
          <Button
            size="small"
            onClick={() => setResolving({ id: r.openAlert!.id, customerName: r.customerName })}
            data-testid="resolve-alert"
          >
            {t('valueInsights.resolve.button')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('valueInsights.atRisk.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('valueInsights.atRisk.subtitle')}</Typography.Text>
      </Flex>
      <Card size="small">
        <Space wrap align="end">
          {picker && (
            <Flex vertical gap={4}>
              <Typography.Text>{t('valueInsights.atRisk.manager')}</Typography.Text>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                value={managerId ?? me.user.id}
                onChange={(v: string) => setManagerId(v === me.user.id ? undefined : v)}
                aria-label={t('valueInsights.atRisk.manager')}
                options={[
                  ...(members.some((u) => u.id === me.user.id)
                    ? []
                    : [{ value: me.user.id, label: me.user.name }]),
                  ...members.map((u) => ({ value: u.id, label: u.name })),
                ]}
                style={{ width: 220 }}
                data-testid="at-risk-manager"
              />
            </Flex>
          )}
          <Flex vertical gap={4}>
            <Typography.Text>{t('valueInsights.atRisk.limit')}</Typography.Text>
            <Select
              value={limit}
              onChange={(v: number) => setLimit(v)}
              aria-label={t('valueInsights.atRisk.limit')}
              options={LIMITS.map((n) => ({ value: n, label: String(n) }))}
              style={{ width: 100 }}
              data-testid="at-risk-limit"
            />
          </Flex>
        </Space>
        {q.data && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="at-risk-summary">
            {q.data.asOf
              ? t('valueInsights.atRisk.summary', {
                  name: q.data.manager.name,
                  shown: q.data.data.length,
                  total: q.data.total,
                  at: fmt.date(q.data.asOf),
                })
              : t('valueInsights.atRisk.notScored', { name: q.data.manager.name })}
          </Typography.Paragraph>
        )}
      </Card>
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      <Card size="small">
        <Table<AtRiskItem>
          rowKey="customerId"
          loading={q.isFetching}
          columns={columns}
          dataSource={q.data?.data ?? []}
          pagination={false}
          size="small"
          scroll={{ x: 960 }}
          locale={{ emptyText: <Empty description={t('valueInsights.atRisk.empty')} /> }}
          expandable={{
            expandedRowRender: (r) => <ValueExplanation parts={[r.explanation]} fmt={fmt} />,
          }}
          data-testid="at-risk-table"
        />
      </Card>
      <ResolveAlertModal alert={resolving} onClose={() => setResolving(null)} />
    </Flex>
  );
};
