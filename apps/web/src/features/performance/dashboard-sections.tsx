import type { ReactNode } from 'react';
import { Button, Flex, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KpiDefinitionOut, KpiResult, ScorecardOut, TeamOut } from '@steward/contracts';
import { useFormat } from '../../shared/format';
import { useValueDashboard } from '../value/api';
import { compact, tierLabel } from '../value/labels';
import { localized, useKpis } from './api';
import { DashCard, DashChart, type DashColumn } from './dashboard-card';
import {
  kpiSubject,
  useComplaintAnalytics,
  useKpiTrend,
  useSalesGoals,
  useVisitCompletion,
  type DashSubject,
} from './dashboard-api';
import { monthTarget, radarValue, RADAR_KPIS, scoreBuckets, type TrendMonth } from './dashboard-math';
import { formatKpi } from './kpi-format';
import type { Period } from './period';
import type { RankingRow } from './review-api';

const BLUE = '#1677ff';
const GREEN = '#52c41a';
const ORANGE = '#fa8c16';
const RED = '#cf1322';
const GREY = '#bfbfbf';

const kpiValue = (r: KpiResult | undefined, key: string) => r?.data.find((k) => k.kpi === key) ?? null;
const pct = (v: number | null | undefined, lang: string) =>
  v === null || v === undefined
    ? '—'
    : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(v);
const num = (v: number | null | undefined, lang: string, digits = 1) =>
  v === null || v === undefined
    ? '—'
    : new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);

// ---- sales and target trend ---------------------------------------------------------------

type TrendRow = { label: string; sales: number | null; orders: number | null; target: number | null };

/** Sales per month against the target of the subject's sales goals, over the trend months. */
export const SalesTrendCard = ({
  subject,
  months,
  teams,
  fileParts,
}: {
  subject: DashSubject;
  months: TrendMonth[];
  teams: TeamOut[];
  fileParts: string[];
}) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trend = useKpiTrend(kpiSubject(subject), months);
  const goals = useSalesGoals(subject);
  const topTeams = new Set(teams.filter((x) => !x.parentId).map((x) => x.id));
  const ownGoals = (goals.data?.data ?? []).filter((g) =>
    subject.kind === 'organization'
      ? g.subjectType === 'team' && topTeams.has(g.subjectId)
      : g.subjectType === subject.kind && g.subjectId === subject.id,
  );
  const error = trend.find((q) => q.error)?.error ?? goals.error;
  const ready = trend.every((q) => q.data) && !goals.isPending;
  const currency = trend.find((q) => q.data)?.data?.data.find((k) => k.kpi === 'sales_amount')?.unit;
  const money = (v: number | null) => (v === null ? '—' : fmt.money(v, currency));
  const rows: TrendRow[] | undefined = ready
    ? months.map((m, i) => ({
        label: m.label,
        sales: kpiValue(trend[i]!.data, 'sales_amount')?.value ?? null,
        orders: kpiValue(trend[i]!.data, 'order_count')?.value ?? null,
        target: goals.data ? monthTarget(ownGoals, m) : null,
      }))
    : undefined;
  const columns: DashColumn<TrendRow>[] = [
    { key: 'month', title: t('dash.columns.month'), value: (r) => r.label },
    {
      key: 'sales',
      title: t('dash.columns.sales'),
      align: 'right',
      value: (r) => r.sales,
      render: (r) => money(r.sales),
    },
    {
      key: 'target',
      title: t('dash.columns.target'),
      align: 'right',
      value: (r) => r.target,
      render: (r) => money(r.target),
    },
    {
      key: 'attainment',
      title: t('dash.columns.attainment'),
      align: 'right',
      value: (r) => (r.target && r.sales !== null ? Math.round((r.sales / r.target) * 1000) / 10 : null),
      render: (r) => (r.target && r.sales !== null ? pct(r.sales / r.target, fmt.lang) : '—'),
    },
    {
      key: 'orders',
      title: t('dash.columns.orders'),
      align: 'right',
      value: (r) => r.orders,
      render: (r) => num(r.orders, fmt.lang, 0),
    },
  ];
  const option = rows && {
    animation: false,
    legend: { top: 0 },
    grid: { left: 64, right: 16, top: 36, bottom: 32 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? money(v) : '—') },
    xAxis: { type: 'category', data: rows.map((r) => r.label) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compact(v, fmt.lang) } },
    series: [
      {
        name: t('dash.columns.sales'),
        type: 'bar',
        data: rows.map((r) => r.sales),
        itemStyle: { color: BLUE },
      },
      {
        name: t('dash.columns.target'),
        type: 'line',
        data: rows.map((r) => r.target),
        connectNulls: false,
        itemStyle: { color: ORANGE },
      },
    ],
  };
  return (
    <DashCard<TrendRow>
      title={t('dash.salesTrend')}
      name={t('dash.salesTrend')}
      testId="dash-sales"
      rows={rows}
      rowKey={(r) => r.label}
      columns={columns}
      loading={!ready}
      error={error}
      onRetry={() => {
        trend.forEach((q) => void q.refetch());
        void goals.refetch();
      }}
      fileParts={fileParts}
      empty={t('dash.noData')}
      chart={option && <DashChart option={option} label={t('dash.salesTrend')} testId="dash-sales-chart" />}
    />
  );
};

// ---- leaderboard, teams side by side, score distribution ------------------------------------

/** The ranking of a team or the company for the period; a row opens the person's dashboard. */
export const LeaderboardCard = ({
  rows,
  loading,
  error,
  onRetry,
  teamView,
  onOpen,
  fileParts,
}: {
  rows: RankingRow[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  teamView: boolean;
  onOpen: (r: RankingRow) => void;
  fileParts: string[];
}) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rank = (r: RankingRow) => (teamView ? r.teamRank : r.companyRank);
  const sorted = rows && [...rows].sort((a, b) => (rank(a) ?? 1e9) - (rank(b) ?? 1e9));
  const columns: DashColumn<RankingRow>[] = [
    { key: 'rank', title: t('dash.columns.rank'), value: (r) => rank(r), render: (r) => rank(r) ?? '—' },
    {
      key: 'name',
      title: t('dash.columns.manager'),
      value: (r) => r.managerName,
      render: (r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={(e) => {
            e.stopPropagation();
            onOpen(r);
          }}
          data-testid={`dash-open-${r.managerId}`}
        >
          {r.managerName}
        </Button>
      ),
    },
    { key: 'team', title: t('dash.columns.team'), value: (r) => r.teamName },
    {
      key: 'score',
      title: t('dash.columns.score'),
      align: 'right',
      value: (r) => r.overall,
      render: (r) => num(r.overall, fmt.lang, 2),
    },
    ...(teamView
      ? [
          {
            key: 'company',
            title: t('dash.columns.companyRank'),
            align: 'right' as const,
            value: (r: RankingRow) => r.companyRank,
          },
        ]
      : []),
  ];
  const top = (sorted ?? []).slice(0, 15).reverse();
  const option = {
    animation: false,
    grid: { left: 96, right: 24, top: 8, bottom: 24 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: top.map((r) => r.managerName) },
    series: [
      {
        name: t('dash.columns.score'),
        type: 'bar',
        data: top.map((r) => r.overall),
        itemStyle: { color: BLUE },
      },
    ],
  };
  return (
    <DashCard<RankingRow>
      title={t('dash.leaderboard')}
      name={t('dash.leaderboard')}
      testId="dash-leaderboard"
      rows={sorted}
      rowKey={(r) => r.managerId}
      columns={columns}
      loading={loading}
      error={error}
      onRetry={onRetry}
      fileParts={fileParts}
      empty={t('dash.noMembers')}
      tableFirst
      onRowClick={onOpen}
      chart={
        <DashChart
          option={option}
          label={t('dash.leaderboard')}
          testId="dash-leaderboard-chart"
          height={Math.max(200, top.length * 24 + 40)}
        />
      }
    />
  );
};

type TeamRow = { teamId: string; teamName: string; members: number; avg: number | null; best: number | null };

/** The company's teams side by side (from the company ranking); a row opens the team's dashboard. */
export const TeamsCard = ({
  rows,
  loading,
  error,
  onRetry,
  onOpen,
  fileParts,
}: {
  rows: RankingRow[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  onOpen: (teamId: string) => void;
  fileParts: string[];
}) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const byTeam = new Map<string, TeamRow & { scores: number[] }>();
  for (const r of rows ?? []) {
    if (!r.teamId) continue;
    const x = byTeam.get(r.teamId) ?? {
      teamId: r.teamId,
      teamName: r.teamName ?? '—',
      members: 0,
      avg: null,
      best: null,
      scores: [],
    };
    x.members++;
    if (r.overall !== null) x.scores.push(r.overall);
    byTeam.set(r.teamId, x);
  }
  const teams: TeamRow[] | undefined = rows
    ? [...byTeam.values()]
        .map(({ scores, ...x }) => ({
          ...x,
          avg: scores.length
            ? Math.round((scores.reduce((s, v) => s + v, 0) / scores.length) * 100) / 100
            : null,
          best: scores.length ? Math.max(...scores) : null,
        }))
        .sort((a, b) => (b.avg ?? -1) - (a.avg ?? -1))
    : undefined;
  const columns: DashColumn<TeamRow>[] = [
    {
      key: 'team',
      title: t('dash.columns.team'),
      value: (r) => r.teamName,
      render: (r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={(e) => {
            e.stopPropagation();
            onOpen(r.teamId);
          }}
          data-testid={`dash-team-${r.teamId}`}
        >
          {r.teamName}
        </Button>
      ),
    },
    { key: 'members', title: t('dash.columns.members'), align: 'right', value: (r) => r.members },
    {
      key: 'avg',
      title: t('dash.columns.avgScore'),
      align: 'right',
      value: (r) => r.avg,
      render: (r) => num(r.avg, fmt.lang, 2),
    },
    {
      key: 'best',
      title: t('dash.columns.bestScore'),
      align: 'right',
      value: (r) => r.best,
      render: (r) => num(r.best, fmt.lang, 2),
    },
  ];
  const option = {
    animation: false,
    grid: { left: 48, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: (teams ?? []).map((r) => r.teamName), axisLabel: { interval: 0 } },
    yAxis: { type: 'value' },
    series: [
      {
        name: t('dash.columns.avgScore'),
        type: 'bar',
        data: (teams ?? []).map((r) => r.avg),
        itemStyle: { color: BLUE },
      },
    ],
  };
  return (
    <DashCard<TeamRow>
      title={t('dash.teams')}
      name={t('dash.teams')}
      testId="dash-teams"
      rows={teams}
      rowKey={(r) => r.teamId}
      columns={columns}
      loading={loading}
      error={error}
      onRetry={onRetry}
      fileParts={fileParts}
      empty={t('dash.noTeams')}
      tableFirst
      onRowClick={(r) => onOpen(r.teamId)}
      chart={<DashChart option={option} label={t('dash.teams')} testId="dash-teams-chart" />}
    />
  );
};

type BucketRow = { label: string; count: number };

/** How the overall scores of the people shown spread, in buckets of ten points. */
export const DistributionCard = ({
  rows,
  loading,
  error,
  onRetry,
  fileParts,
}: {
  rows: RankingRow[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  fileParts: string[];
}) => {
  const { t } = useTranslation();
  const buckets: BucketRow[] | undefined = rows?.length
    ? scoreBuckets(rows.map((r) => r.overall)).map((b) => ({ label: `${b.from}–${b.to}`, count: b.count }))
    : rows && [];
  const unscored = (rows ?? []).filter((r) => r.overall === null).length;
  const option = {
    animation: false,
    grid: { left: 40, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: (buckets ?? []).map((b) => b.label), name: t('dash.columns.score') },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('dash.columns.people'),
        type: 'bar',
        data: (buckets ?? []).map((b) => b.count),
        itemStyle: { color: GREEN },
      },
    ],
  };
  return (
    <DashCard<BucketRow>
      title={t('dash.distribution')}
      name={t('dash.distribution')}
      testId="dash-distribution"
      rows={buckets}
      rowKey={(r) => r.label}
      columns={[
        { key: 'range', title: t('dash.columns.scoreRange'), value: (r) => r.label },
        { key: 'count', title: t('dash.columns.people'), align: 'right', value: (r) => r.count },
      ]}
      loading={loading}
      error={error}
      onRetry={onRetry}
      fileParts={fileParts}
      empty={t('dash.noMembers')}
      chart={<DashChart option={option} label={t('dash.distribution')} testId="dash-distribution-chart" />}
      footer={
        unscored > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('dash.unscored', { count: unscored })}
          </Typography.Text>
        )
      }
    />
  );
};

// ---- a person's scorecard ---------------------------------------------------------------

type ItemRow = ScorecardOut['items'][number];

/** A person's scorecard items for the period: attainment per KPI against its target. */
export const ScorecardItemsCard = ({
  card,
  loading,
  error,
  onRetry,
  definitions,
  fileParts,
  extra,
}: {
  card: ScorecardOut | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  definitions: KpiDefinitionOut[];
  fileParts: string[];
  extra?: ReactNode;
}) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const names = new Map(definitions.map((d) => [d.key, localized(d.name, fmt.lang)]));
  const units = new Map(definitions.map((d) => [d.key, d.unit]));
  const show = (kpi: string, v: number | null) => formatKpi(v, units.get(kpi) ?? 'count', fmt, t);
  const items = card?.items;
  const option = {
    animation: false,
    grid: { left: 120, right: 24, top: 8, bottom: 24 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)}%` },
    xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: (items ?? []).map((i) => names.get(i.kpi) ?? i.kpi) },
    series: [
      {
        name: t('dash.columns.attainment'),
        type: 'bar',
        data: (items ?? []).map((i) => ({
          value: Math.round(i.attainment * 1000) / 10,
          itemStyle: { color: i.attainment >= 1 ? GREEN : i.attainment >= 0.9 ? BLUE : RED },
        })),
      },
    ],
  };
  return (
    <DashCard<ItemRow>
      title={
        <Flex gap={8} align="baseline">
          {t('dash.scorecard')}
          {card && (
            <Typography.Text type="secondary" data-testid="dash-overall">
              {t('dash.overall', { score: num(card.overall, fmt.lang, 2) })}
            </Typography.Text>
          )}
        </Flex>
      }
      name={t('dash.scorecard')}
      testId="dash-scorecard"
      rows={items}
      rowKey={(r) => r.kpi}
      columns={[
        { key: 'kpi', title: t('dash.columns.kpi'), value: (r) => names.get(r.kpi) ?? r.kpi },
        { key: 'weight', title: t('dash.columns.weight'), align: 'right', value: (r) => r.weight },
        {
          key: 'target',
          title: t('dash.columns.target'),
          align: 'right',
          value: (r) => r.target,
          render: (r) => show(r.kpi, r.target),
        },
        {
          key: 'actual',
          title: t('dash.columns.actual'),
          align: 'right',
          value: (r) => r.actual,
          render: (r) => show(r.kpi, r.actual),
        },
        {
          key: 'attainment',
          title: t('dash.columns.attainment'),
          align: 'right',
          value: (r) => Math.round(r.attainment * 1000) / 10,
          render: (r) => pct(r.attainment, fmt.lang),
        },
        {
          key: 'points',
          title: t('dash.columns.points'),
          align: 'right',
          value: (r) => r.points,
          render: (r) => num(r.points, fmt.lang, 2),
        },
      ]}
      loading={loading}
      error={error}
      onRetry={onRetry}
      fileParts={fileParts}
      empty={t('dash.noData')}
      extra={extra}
      chart={<DashChart option={option} label={t('dash.scorecard')} testId="dash-scorecard-chart" />}
    />
  );
};

// ---- KPI radar ------------------------------------------------------------------------------

type RadarRow = { kpi: string; name: string; value: number | null; other: number | null; unit: string };

/** Rate-like KPIs of the subject on one 0–100 scale, beside those of the level above when readable. */
export const RadarCard = ({
  result,
  compareSubject,
  compareLabel,
  subjectLabel,
  period,
  definitions,
  fileParts,
}: {
  result: KpiResult | undefined;
  compareSubject: string | null;
  compareLabel: string;
  subjectLabel: string;
  period: Period;
  definitions: KpiDefinitionOut[];
  fileParts: string[];
}) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const other = useKpis(compareSubject, period.from, period.to);
  const names = new Map(definitions.map((d) => [d.key, localized(d.name, fmt.lang)]));
  const rows: RadarRow[] | undefined = result
    ? RADAR_KPIS.map((k) => ({
        kpi: k,
        name: names.get(k) ?? k,
        value: kpiValue(result, k)?.value ?? null,
        other: compareSubject ? (kpiValue(other.data, k)?.value ?? null) : null,
        unit: kpiValue(result, k)?.unit ?? 'ratio',
      }))
    : undefined;
  const compared = !!compareSubject && !!other.data;
  const option = rows && {
    animation: false,
    legend: { bottom: 0 },
    tooltip: {},
    radar: {
      radius: '62%',
      indicator: rows.map((r) => ({ name: r.name, max: 100 })),
    },
    series: [
      {
        type: 'radar',
        data: [
          {
            name: subjectLabel,
            value: rows.map((r) => radarValue(r.kpi, r.value) ?? 0),
            itemStyle: { color: BLUE },
            areaStyle: { opacity: 0.2 },
          },
          ...(compared
            ? [
                {
                  name: compareLabel,
                  value: rows.map((r) => radarValue(r.kpi, r.other) ?? 0),
                  itemStyle: { color: GREY },
                  lineStyle: { type: 'dashed' },
                },
              ]
            : []),
        ],
      },
    ],
  };
  const columns: DashColumn<RadarRow>[] = [
    { key: 'kpi', title: t('dash.columns.kpi'), value: (r) => r.name },
    {
      key: 'value',
      title: subjectLabel,
      align: 'right',
      value: (r) => r.value,
      render: (r) => formatKpi(r.value, r.unit, fmt, t),
    },
    {
      key: 'scaled',
      title: t('dash.columns.scaled'),
      align: 'right',
      value: (r) => radarValue(r.kpi, r.value),
      render: (r) => num(radarValue(r.kpi, r.value), fmt.lang),
    },
    ...(compared
      ? [
          {
            key: 'other',
            title: compareLabel,
            align: 'right' as const,
            value: (r: RadarRow) => r.other,
            render: (r: RadarRow) => formatKpi(r.other, r.unit, fmt, t),
          },
        ]
      : []),
  ];
  return (
    <DashCard<RadarRow>
      title={t('dash.radar')}
      name={t('dash.radar')}
      testId="dash-radar"
      rows={rows}
      rowKey={(r) => r.kpi}
      columns={columns}
      loading={!result}
      fileParts={fileParts}
      empty={t('dash.noData')}
      chart={option && <DashChart option={option} label={t('dash.radar')} testId="dash-radar-chart" />}
      footer={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('dash.radarScale')}
        </Typography.Text>
      }
    />
  );
};

// ---- visit and task completion ----------------------------------------------------------------

type VisitRow = VisitRowBase & { key: string };
type VisitRowBase = {
  name: string | null;
  planned: number;
  doneOnTime: number;
  doneLate: number;
  missed: number;
  pending: number;
  completionRate: number | null;
};

/** Visit-plan completion (on time, late, missed, pending) per person or team; task on-time rate. */
export const VisitsCard = ({
  subject,
  period,
  memberIds,
  result,
  fileParts,
}: {
  subject: DashSubject;
  period: Period;
  memberIds: Set<string> | null;
  result: KpiResult | undefined;
  fileParts: string[];
}) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const groupBy = subject.kind === 'organization' ? 'team' : 'manager';
  const q = useVisitCompletion(period.from, period.to, groupBy);
  const waiting = subject.kind === 'team' && !memberIds;
  const rows: VisitRow[] | undefined = waiting
    ? undefined
    : q.data?.data
        .filter((r) =>
          subject.kind === 'manager'
            ? r.id === subject.id
            : subject.kind === 'team'
              ? r.id !== null && !!memberIds?.has(r.id)
              : true,
        )
        .map((r) => ({ ...r, key: r.id ?? 'none', name: r.name ?? t('dash.unassigned') }));
  const none = t('dash.unassigned');
  const option = {
    animation: false,
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 48 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: (rows ?? []).map((r) => r.name ?? none),
      axisLabel: { interval: 0, rotate: (rows?.length ?? 0) > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: (
      [
        ['doneOnTime', GREEN],
        ['doneLate', ORANGE],
        ['missed', RED],
        ['pending', GREY],
      ] as const
    ).map(([k, color]) => ({
      name: t(`dash.visit.${k}`),
      type: 'bar',
      stack: 'visits',
      data: (rows ?? []).map((r) => r[k]),
      itemStyle: { color },
    })),
  };
  const taskOnTime = kpiValue(result, 'task_on_time_rate')?.value ?? null;
  const count = (k: keyof VisitRowBase): DashColumn<VisitRow> => ({
    key: k,
    title: t(`dash.visit.${k}`),
    align: 'right',
    value: (r) => r[k],
  });
  return (
    <DashCard<VisitRow>
      title={t('dash.visits')}
      name={t('dash.visits')}
      testId="dash-visits"
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        {
          key: 'name',
          title: groupBy === 'team' ? t('dash.columns.team') : t('dash.columns.manager'),
          value: (r) => r.name,
        },
        count('planned'),
        count('doneOnTime'),
        count('doneLate'),
        count('missed'),
        count('pending'),
        {
          key: 'rate',
          title: t('dash.visit.completionRate'),
          align: 'right',
          value: (r) => r.completionRate,
          render: (r) => pct(r.completionRate, fmt.lang),
        },
      ]}
      loading={q.isPending || waiting}
      error={q.error}
      onRetry={() => void q.refetch()}
      fileParts={fileParts}
      empty={t('dash.noVisits')}
      chart={<DashChart option={option} label={t('dash.visits')} testId="dash-visits-chart" />}
      footer={
        <Typography.Text type="secondary" data-testid="dash-task-on-time">
          {t('dash.taskOnTime', { rate: pct(taskOnTime, fmt.lang) })}
        </Typography.Text>
      }
    />
  );
};

// ---- complaint timeliness --------------------------------------------------------------------

type TimeRow = { key: 'firstResponse' | 'resolution'; median: number | null; p90: number | null };

/**
 * Complaint count and hours to first response and to resolution of the subject (its KPIs); for
 * the company also the 90th percentiles, breaches and repeats of the complaint analytics.
 */
export const ComplaintsCard = ({
  subject,
  period,
  result,
  fileParts,
}: {
  subject: DashSubject;
  period: Period;
  result: KpiResult | undefined;
  fileParts: string[];
}) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const company = subject.kind === 'organization';
  const a = useComplaintAnalytics(period.from, period.to, company);
  const rows: TimeRow[] | undefined =
    result && (!company || a.data || a.error)
      ? [
          {
            key: 'firstResponse',
            median: kpiValue(result, 'first_response_hours_median')?.value ?? null,
            p90: a.data?.firstResponseHours.p90 ?? null,
          },
          {
            key: 'resolution',
            median: kpiValue(result, 'resolution_hours_median')?.value ?? null,
            p90: a.data?.resolutionHours.p90 ?? null,
          },
        ]
      : undefined;
  const known = rows?.filter((r) => r.median !== null || r.p90 !== null);
  const hours = (v: number | null) => (v === null ? '—' : t('perf.hours', { value: num(v, fmt.lang) }));
  const count = kpiValue(result, 'complaint_count')?.value ?? null;
  const option = rows && {
    animation: false,
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? hours(v) : '—') },
    xAxis: { type: 'category', data: rows.map((r) => t(`dash.complaint.${r.key}`)) },
    yAxis: { type: 'value', name: t('dash.complaint.hoursAxis') },
    series: [
      {
        name: t('dash.complaint.median'),
        type: 'bar',
        data: rows.map((r) => r.median),
        itemStyle: { color: BLUE },
      },
      ...(company
        ? [
            {
              name: t('dash.complaint.p90'),
              type: 'bar',
              data: rows.map((r) => r.p90),
              itemStyle: { color: ORANGE },
            },
          ]
        : []),
    ],
  };
  return (
    <DashCard<TimeRow>
      title={t('dash.complaints')}
      name={t('dash.complaints')}
      testId="dash-complaints"
      rows={known?.length ? rows : known}
      rowKey={(r) => r.key}
      columns={[
        { key: 'measure', title: t('dash.complaint.measure'), value: (r) => t(`dash.complaint.${r.key}`) },
        {
          key: 'median',
          title: t('dash.complaint.medianHours'),
          align: 'right',
          value: (r) => r.median,
          render: (r) => hours(r.median),
        },
        ...(company
          ? [
              {
                key: 'p90',
                title: t('dash.complaint.p90Hours'),
                align: 'right' as const,
                value: (r: TimeRow) => r.p90,
                render: (r: TimeRow) => hours(r.p90),
              },
            ]
          : []),
      ]}
      loading={!rows}
      fileParts={fileParts}
      empty={t('dash.noData')}
      chart={
        option && (
          <DashChart
            option={option}
            label={t('dash.complaints')}
            testId="dash-complaints-chart"
            height={220}
          />
        )
      }
      footer={
        <Flex gap={32} wrap style={{ marginTop: 8 }}>
          <Statistic title={t('dash.complaint.count')} value={count === null ? '—' : fmt.number(count)} />
          {company && a.data && (
            <>
              <Statistic title={t('dash.complaint.breached')} value={fmt.number(a.data.breached)} />
              <Statistic title={t('dash.complaint.repeat')} value={fmt.number(a.data.repeat.customers)} />
            </>
          )}
        </Flex>
      }
    />
  );
};

// ---- book value ----------------------------------------------------------------------------

type TierRow = { tier: string | null; customers: number; clv: number; monetary: number };

/** The book's value (sum of CLV) and its customers and value per tier, for the subject. */
export const BookValueCard = ({
  subject,
  result,
  fileParts,
}: {
  subject: DashSubject;
  result: KpiResult | undefined;
  fileParts: string[];
}) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useValueDashboard({
    teamId: subject.kind === 'team' ? subject.id : undefined,
    ownerId: subject.kind === 'manager' ? subject.id : undefined,
    flowDays: 30,
  });
  const book = kpiValue(result, 'book_value');
  const rows: TierRow[] | undefined = q.data?.tiers;
  const option = {
    animation: false,
    legend: { top: 0 },
    grid: { left: 48, right: 72, top: 36, bottom: 32 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: (rows ?? []).map((r) => tierLabel(t, r.tier)) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', axisLabel: { formatter: (v: number) => compact(v, fmt.lang) } },
    ],
    series: [
      {
        name: t('dash.columns.customers'),
        type: 'bar',
        data: (rows ?? []).map((r) => r.customers),
        itemStyle: { color: BLUE },
      },
      {
        name: t('dash.columns.clv'),
        type: 'bar',
        yAxisIndex: 1,
        data: (rows ?? []).map((r) => Math.round(r.clv)),
        itemStyle: { color: GREEN },
        tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt.money(v) : '—') },
      },
    ],
  };
  return (
    <DashCard<TierRow>
      title={
        <Flex gap={8} align="baseline">
          {t('dash.bookValue')}
          <Typography.Text type="secondary" data-testid="dash-book-value">
            {book ? formatKpi(book.value, book.unit, fmt, t) : ''}
          </Typography.Text>
        </Flex>
      }
      name={t('dash.bookValue')}
      testId="dash-book"
      rows={rows}
      rowKey={(r) => r.tier ?? 'none'}
      columns={[
        { key: 'tier', title: t('dash.columns.tier'), value: (r) => tierLabel(t, r.tier) },
        { key: 'customers', title: t('dash.columns.customers'), align: 'right', value: (r) => r.customers },
        {
          key: 'clv',
          title: t('dash.columns.clv'),
          align: 'right',
          value: (r) => Math.round(r.clv * 100) / 100,
          render: (r) => fmt.money(r.clv),
        },
        {
          key: 'monetary',
          title: t('dash.columns.monetary'),
          align: 'right',
          value: (r) => Math.round(r.monetary * 100) / 100,
          render: (r) => fmt.money(r.monetary),
        },
      ]}
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      fileParts={fileParts}
      empty={t('dash.noCustomers')}
      chart={<DashChart option={option} label={t('dash.bookValue')} testId="dash-book-chart" />}
    />
  );
};
