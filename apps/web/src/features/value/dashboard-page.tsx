import { useMemo, useState } from 'react';
import { Card, Col, Flex, InputNumber, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useUsers } from '../customers/api';
import { useTeams } from '../pool/api';
import { useValueDashboard, type Dashboard } from './api';
import { ValueBarChart } from './bar-chart';
import { compact, segmentLabel, stageLabel, tierLabel } from './labels';

type Alerts = Dashboard['alertsByManager'][number];
type Transition = Dashboard['lifecycle']['transitions'][number];

/** The value dashboard: RFM segments, tiers, CLV distribution, lifecycle and churn alerts, in scope. */
export const ValueDashboardPage = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const canFilter = me.user.role !== 'manager';
  const teams = useTeams();
  const users = useUsers();
  const [teamId, setTeamId] = useState<string | undefined>();
  const [ownerId, setOwnerId] = useState<string | undefined>();
  const [flowDays, setFlowDays] = useState(30);
  const q = useValueDashboard({ teamId, ownerId, flowDays });
  const d = q.data;
  const managers = useMemo(
    () => (users.data?.data ?? []).filter((u) => u.role === 'manager' || u.role === 'team_lead'),
    [users.data],
  );
  const totalClv = d?.segments.reduce((s, x) => s + x.clv, 0) ?? 0;
  const openAlerts = d?.alertsByManager.reduce((s, x) => s + x.open, 0) ?? 0;
  const money = (v: number) => fmt.money(v);

  return (
    <Flex vertical gap={16} data-testid="value-dashboard">
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('valueInsights.dashboard.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('valueInsights.dashboard.subtitle')}</Typography.Text>
      </Flex>
      <Card size="small">
        <Space wrap align="end">
          {canFilter && (
            <>
              <Flex vertical gap={4}>
                <Typography.Text>{t('valueInsights.team')}</Typography.Text>
                <Select
                  allowClear
                  value={teamId}
                  onChange={(v?: string) => setTeamId(v)}
                  placeholder={t('valueInsights.allInScope')}
                  aria-label={t('valueInsights.team')}
                  options={(teams.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
                  style={{ width: 200 }}
                  data-testid="value-team"
                />
              </Flex>
              <Flex vertical gap={4}>
                <Typography.Text>{t('valueInsights.owner')}</Typography.Text>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  value={ownerId}
                  onChange={(v?: string) => setOwnerId(v)}
                  placeholder={t('valueInsights.allInScope')}
                  aria-label={t('valueInsights.owner')}
                  options={managers.map((u) => ({ value: u.id, label: u.name }))}
                  style={{ width: 200 }}
                  data-testid="value-owner"
                />
              </Flex>
            </>
          )}
          <Flex vertical gap={4}>
            <Typography.Text>{t('valueInsights.dashboard.flowDays')}</Typography.Text>
            <InputNumber<number>
              min={1}
              max={366}
              precision={0}
              value={flowDays}
              onChange={(v) => setFlowDays(v && v >= 1 && v <= 366 ? v : 30)}
              aria-label={t('valueInsights.dashboard.flowDays')}
              style={{ width: 120 }}
            />
          </Flex>
        </Space>
      </Card>
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {d && (
        <>
          <Card size="small">
            <Space size={48} wrap>
              <Statistic title={t('valueInsights.dashboard.customers')} value={fmt.number(d.customers)} />
              <Statistic title={t('valueInsights.dashboard.scored')} value={fmt.number(d.scored)} />
              <Statistic title={t('valueInsights.dashboard.totalClv')} value={money(totalClv)} />
              <Statistic title={t('valueInsights.dashboard.openAlerts')} value={fmt.number(openAlerts)} />
            </Space>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('valueInsights.dashboard.segments')}>
                <ValueBarChart
                  label={t('valueInsights.dashboard.segments')}
                  testId="value-segments-chart"
                  categories={d.segments.map((s) => segmentLabel(t, s.segment))}
                  series={[
                    {
                      name: t('valueInsights.dashboard.customerCount'),
                      values: d.segments.map((s) => s.customers),
                    },
                    {
                      name: t('valueInsights.dashboard.clv'),
                      values: d.segments.map((s) => Math.round(s.clv)),
                      secondAxis: true,
                      format: (v) => compact(v, fmt.lang),
                    },
                  ]}
                />
                <Table
                  rowKey="segment"
                  size="small"
                  pagination={false}
                  dataSource={d.segments}
                  data-testid="value-segments"
                  columns={[
                    {
                      key: 's',
                      title: t('valueInsights.dashboard.segment'),
                      render: (_, s) => segmentLabel(t, s.segment),
                    },
                    {
                      key: 'n',
                      title: t('valueInsights.dashboard.customerCount'),
                      align: 'right',
                      render: (_, s) => fmt.number(s.customers),
                    },
                    {
                      key: 'm',
                      title: t('valueInsights.dashboard.monetary'),
                      align: 'right',
                      render: (_, s) => money(s.monetary),
                    },
                    {
                      key: 'c',
                      title: t('valueInsights.dashboard.clv'),
                      align: 'right',
                      render: (_, s) => money(s.clv),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('valueInsights.dashboard.tiers')}>
                <ValueBarChart
                  label={t('valueInsights.dashboard.tiers')}
                  testId="value-tiers-chart"
                  categories={d.tiers.map((x) => tierLabel(t, x.tier))}
                  series={[
                    {
                      name: t('valueInsights.dashboard.customerCount'),
                      values: d.tiers.map((x) => x.customers),
                    },
                    {
                      name: t('valueInsights.dashboard.monetary'),
                      values: d.tiers.map((x) => Math.round(x.monetary)),
                      secondAxis: true,
                      format: (v) => compact(v, fmt.lang),
                    },
                  ]}
                />
              </Card>
              <Card size="small" title={t('valueInsights.dashboard.clvHistogram')} style={{ marginTop: 16 }}>
                <ValueBarChart
                  label={t('valueInsights.dashboard.clvHistogram')}
                  testId="value-clv-chart"
                  categories={d.clvHistogram.map((b) =>
                    b.to === null
                      ? `≥ ${compact(b.from, fmt.lang)}`
                      : `${compact(b.from, fmt.lang)}–${compact(b.to, fmt.lang)}`,
                  )}
                  series={[
                    {
                      name: t('valueInsights.dashboard.customerCount'),
                      values: d.clvHistogram.map((b) => b.customers),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('valueInsights.dashboard.lifecycle')}>
                <ValueBarChart
                  label={t('valueInsights.dashboard.lifecycle')}
                  testId="value-stages-chart"
                  categories={d.lifecycle.stages.map((s) => stageLabel(t, s.stage))}
                  series={[
                    {
                      name: t('valueInsights.dashboard.customerCount'),
                      values: d.lifecycle.stages.map((s) => s.customers),
                    },
                  ]}
                />
                <Typography.Text strong>
                  {t('valueInsights.dashboard.flow', { days: d.lifecycle.flowDays })}
                </Typography.Text>
                <Table<Transition>
                  rowKey={(r) => `${r.from}-${r.to}`}
                  size="small"
                  pagination={false}
                  dataSource={d.lifecycle.transitions}
                  data-testid="value-flow"
                  locale={{ emptyText: t('valueInsights.dashboard.noFlow') }}
                  columns={[
                    {
                      key: 'f',
                      title: t('valueInsights.dashboard.from'),
                      render: (_, r) => stageLabel(t, r.from),
                    },
                    {
                      key: 't',
                      title: t('valueInsights.dashboard.to'),
                      render: (_, r) => stageLabel(t, r.to),
                    },
                    {
                      key: 'n',
                      title: t('valueInsights.dashboard.customerCount'),
                      align: 'right',
                      render: (_, r) => fmt.number(r.customers),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('valueInsights.dashboard.alertsByManager')}>
                <Table<Alerts>
                  rowKey={(r) => r.ownerId ?? 'none'}
                  size="small"
                  pagination={false}
                  dataSource={d.alertsByManager}
                  data-testid="value-alerts"
                  locale={{ emptyText: t('valueInsights.dashboard.noAlerts') }}
                  columns={[
                    {
                      key: 'o',
                      title: t('valueInsights.owner'),
                      render: (_, r) => r.ownerName ?? t('valueInsights.none'),
                    },
                    { key: 'open', title: t('valueInsights.status.open'), align: 'right', dataIndex: 'open' },
                    {
                      key: 'retained',
                      title: t('valueInsights.status.retained'),
                      align: 'right',
                      dataIndex: 'retained',
                    },
                    { key: 'lost', title: t('valueInsights.status.lost'), align: 'right', dataIndex: 'lost' },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Flex>
  );
};
