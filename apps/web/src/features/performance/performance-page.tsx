import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Segmented, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useSession } from '../../shared/session';
import {
  GOAL_SETTER_ROLES,
  ORG_READER_ROLES,
  useGoals,
  useKpiDefinitions,
  useKpis,
  useTeamList,
} from './api';
import { GoalChart } from './goal-chart';
import { GoalModal } from './goal-modal';
import { GoalTable } from './goal-table';
import { KpiCards } from './kpi-cards';
import { PerfTabs } from './perf-tabs';
import { PERIOD_KINDS, periodOf, rangePeriod, thisMonth, type Period, type PeriodKind } from './period';

type Scope = 'me' | 'team' | 'organization';

/** KPIs for me, my team or the organization over a period, and the goals with their progress. */
export const PerformancePage = () => {
  const { t } = useTranslation();
  const me = useSession();
  const role = me.user.role;
  const [scope, setScope] = useState<Scope>('me');
  const [period, setPeriod] = useState<Period>(thisMonth);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const teams = useTeamList();
  const definitions = useKpiDefinitions();
  const goals = useGoals();

  const orgReader = ORG_READER_ROLES.includes(role);
  const teamOptions = (teams.data?.data ?? [])
    .filter(
      (x) =>
        orgReader || (role === 'team_lead' && (x.leadId === me.user.id || me.user.teamIds.includes(x.id))),
    )
    .map((x) => ({ value: x.id, label: x.name }));
  const scopes: Scope[] = [
    'me',
    ...(orgReader || role === 'team_lead' ? (['team'] as const) : []),
    ...(orgReader ? (['organization'] as const) : []),
  ];
  const team = teamId ?? teamOptions[0]?.value ?? null;
  const subject =
    scope === 'me'
      ? `manager:${me.user.id}`
      : scope === 'organization'
        ? 'organization'
        : team
          ? `team:${team}`
          : null;
  const kpis = useKpis(subject, period.from, period.to);
  const defs = definitions.data?.data ?? [];

  const changeKind = (kind: PeriodKind) =>
    setPeriod(kind === 'range' ? { ...period, kind } : periodOf(kind, dayjs(period.from)));

  return (
    <Flex vertical gap={16}>
      <PerfTabs />
      <Flex align="baseline" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('perf.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('perf.subtitle')}</Typography.Text>
      </Flex>
      <Flex gap={12} wrap align="center">
        <Segmented<Scope>
          value={scope}
          onChange={setScope}
          options={scopes.map((s) => ({
            value: s,
            label: <span data-testid={`perf-scope-${s}`}>{t(`perf.scopes.${s}`)}</span>,
          }))}
        />
        {scope === 'team' && (
          <Select
            style={{ minWidth: 180 }}
            value={team ?? undefined}
            onChange={setTeamId}
            options={teamOptions}
            placeholder={t('perf.pickTeam')}
            data-testid="perf-team"
          />
        )}
        <Segmented<PeriodKind>
          value={period.kind}
          onChange={changeKind}
          options={PERIOD_KINDS.map((k) => ({
            value: k,
            label: <span data-testid={`perf-period-${k}`}>{t(`perf.periods.${k}`)}</span>,
          }))}
        />
        {period.kind === 'range' ? (
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(period.from), dayjs(period.to)]}
            onChange={(v) => v?.[0] && v[1] && setPeriod(rangePeriod(v[0], v[1]))}
            data-testid="perf-range"
          />
        ) : (
          <DatePicker
            allowClear={false}
            picker={period.kind}
            value={dayjs(period.from)}
            onChange={(d) => d && setPeriod(periodOf(period.kind as Exclude<PeriodKind, 'range'>, d))}
            data-testid="perf-period-picker"
          />
        )}
        <Typography.Text type="secondary" data-testid="perf-period-dates">
          {period.from} ~ {period.to}
        </Typography.Text>
      </Flex>
      {kpis.error && <ErrorAlert error={kpis.error} onRetry={() => void kpis.refetch()} />}
      <KpiCards result={kpis.data} definitions={defs} loading={kpis.isPending} />
      <Card
        title={t('perf.goals')}
        extra={
          GOAL_SETTER_ROLES.includes(role) && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="new-goal"
            >
              {t('perf.newGoal')}
            </Button>
          )
        }
      >
        {goals.error && <ErrorAlert error={goals.error} onRetry={() => void goals.refetch()} />}
        <GoalChart goals={goals.data?.data ?? []} definitions={defs} />
        <GoalTable
          goals={goals.data?.data ?? []}
          loading={goals.isPending}
          definitions={defs}
          canEdit={GOAL_SETTER_ROLES.includes(role)}
        />
      </Card>
      <GoalModal open={creating} onClose={() => setCreating(false)} period={period} definitions={defs} />
    </Flex>
  );
};
