import { Breadcrumb, Button, Col, DatePicker, Flex, Row, Segmented, Skeleton, Typography } from 'antd';
import { TeamOutlined, TrophyOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../shared/errors';
import { useSession } from '../../shared/session';
import { ORG_READER_ROLES, useKpiDefinitions, useKpis, useTeamList } from './api';
import { kpiSubject, type DashSubject } from './dashboard-api';
import { trendMonths } from './dashboard-math';
import {
  BookValueCard,
  ComplaintsCard,
  DistributionCard,
  LeaderboardCard,
  RadarCard,
  SalesTrendCard,
  ScorecardItemsCard,
  TeamsCard,
  VisitsCard,
} from './dashboard-sections';
import { KpiCards } from './kpi-cards';
import { PerfTabs } from './perf-tabs';
import { periodOf, type Period } from './period';
import { useRankings, useScorecard, type RankingRow } from './review-api';

type Kind = 'month' | 'quarter' | 'year';
const KINDS: readonly Kind[] = ['month', 'quarter', 'year'];
const ID = /^[0-9a-f-]{36}$/i;

/** The period of the URL (?period=month|quarter|year&at=YYYY-MM-DD), else this month. */
const periodFromUrl = (params: URLSearchParams): Period => {
  const kind = (KINDS as readonly string[]).includes(params.get('period') ?? '')
    ? (params.get('period') as Kind)
    : 'month';
  const at = dayjs(params.get('at') ?? undefined);
  return periodOf(kind, at.isValid() ? at : dayjs());
};

/**
 * Performance dashboards: the company (directors, administrators, analysts), a team (its lead) or
 * one person (everyone for themselves). Drill down from the company to a team, to a person, to
 * the person's customers. The subject and period live in the URL, so a drill-down can be shared.
 */
export const DashboardPage = () => {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const role = me.user.role;
  const orgReader = ORG_READER_ROLES.includes(role);
  const [params, setParams] = useSearchParams();
  const period = periodFromUrl(params);
  const teams = useTeamList();
  const definitions = useKpiDefinitions();
  const defs = definitions.data?.data ?? [];

  const teamParam = ID.test(params.get('team') ?? '') ? params.get('team') : null;
  const managerParam = ID.test(params.get('manager') ?? '') ? params.get('manager') : null;
  const myTeams = (teams.data?.data ?? []).filter(
    (x) => x.leadId === me.user.id || me.user.teamIds.includes(x.id),
  );
  const subject: DashSubject | null = managerParam
    ? { kind: 'manager', id: managerParam, teamId: teamParam }
    : teamParam
      ? { kind: 'team', id: teamParam }
      : orgReader
        ? { kind: 'organization' }
        : role === 'team_lead'
          ? teams.isPending
            ? null
            : myTeams[0]
              ? { kind: 'team', id: myTeams[0].id }
              : { kind: 'manager', id: me.user.id, teamId: null }
          : { kind: 'manager', id: me.user.id, teamId: null };

  const go = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const setPeriod = (kind: Kind, day: dayjs.Dayjs) => go({ period: kind, at: periodOf(kind, day).from });
  const openTeam = (id: string) => go({ team: id, manager: null });
  const openPerson = (r: RankingRow) =>
    go({ manager: r.managerId, team: subject?.kind === 'team' ? subject.id : r.teamId });

  const kpis = useKpis(subject ? kpiSubject(subject) : null, period.from, period.to);
  const rankings = useRankings(
    subject?.kind === 'team'
      ? { teamId: subject.id }
      : subject?.kind === 'organization'
        ? { organization: true }
        : null,
    period.from,
    period.to,
  );
  const card = useScorecard(subject?.kind === 'manager' ? subject.id : null, period.from, period.to);
  const months = trendMonths(period);

  if (!subject) return <Skeleton active />;

  const teamName = (id: string | null) => (teams.data?.data ?? []).find((x) => x.id === id)?.name;
  const personName =
    subject.kind === 'manager'
      ? subject.id === me.user.id
        ? me.user.name
        : (card.data?.managerName ?? '…')
      : '';
  const label =
    subject.kind === 'organization'
      ? t('dash.company')
      : subject.kind === 'team'
        ? (teamName(subject.id) ?? '…')
        : personName;
  const fileParts = [label, period.from, period.to];
  const crumbTeam = subject.kind === 'team' ? subject.id : subject.kind === 'manager' ? subject.teamId : null;
  const canReadTeam = orgReader || role === 'team_lead';
  const memberIds = rankings.error
    ? new Set<string>()
    : rankings.data
      ? new Set(rankings.data.data.map((r) => r.managerId))
      : null;
  const compare =
    subject.kind === 'team' && orgReader
      ? { subject: 'organization', label: t('dash.company') }
      : subject.kind === 'manager' && subject.teamId && canReadTeam
        ? { subject: `team:${subject.teamId}`, label: teamName(subject.teamId) ?? t('dash.team') }
        : null;
  const rankingProps = {
    rows: rankings.data?.data,
    loading: rankings.isPending,
    error: rankings.error,
    onRetry: () => void rankings.refetch(),
    fileParts,
  };

  const cards = [
    <SalesTrendCard
      key="sales"
      subject={subject}
      months={months}
      teams={teams.data?.data ?? []}
      fileParts={fileParts}
    />,
    <RadarCard
      key="radar"
      result={kpis.data}
      compareSubject={compare?.subject ?? null}
      compareLabel={compare?.label ?? ''}
      subjectLabel={label}
      period={period}
      definitions={defs}
      fileParts={fileParts}
    />,
    ...(subject.kind === 'organization'
      ? [<TeamsCard key="teams" {...rankingProps} onOpen={openTeam} />]
      : []),
    ...(subject.kind === 'manager'
      ? [
          <ScorecardItemsCard
            key="scorecard"
            card={card.data}
            loading={card.isPending}
            error={card.error}
            onRetry={() => void card.refetch()}
            definitions={defs}
            fileParts={fileParts}
          />,
        ]
      : [
          <LeaderboardCard
            key="leaderboard"
            {...rankingProps}
            teamView={subject.kind === 'team'}
            onOpen={openPerson}
          />,
          <DistributionCard key="distribution" {...rankingProps} />,
        ]),
    <VisitsCard
      key="visits"
      subject={subject}
      period={period}
      memberIds={memberIds}
      result={kpis.data}
      fileParts={fileParts}
    />,
    <ComplaintsCard
      key="complaints"
      subject={subject}
      period={period}
      result={kpis.data}
      fileParts={fileParts}
    />,
    <BookValueCard key="book" subject={subject} result={kpis.data} fileParts={fileParts} />,
  ];

  return (
    <Flex vertical gap={16} data-testid="perf-dashboard" data-subject={kpiSubject(subject)}>
      <PerfTabs />
      <Breadcrumb
        data-testid="dash-breadcrumb"
        items={[
          ...(orgReader
            ? [
                {
                  title: (
                    <a onClick={() => go({ team: null, manager: null })} data-testid="dash-crumb-company">
                      {t('dash.company')}
                    </a>
                  ),
                },
              ]
            : []),
          ...(crumbTeam
            ? [
                {
                  title:
                    subject.kind === 'team' ? (
                      <span data-testid="dash-crumb-team">{teamName(crumbTeam) ?? '…'}</span>
                    ) : (
                      <a onClick={() => openTeam(crumbTeam)} data-testid="dash-crumb-team">
                        {teamName(crumbTeam) ?? t('dash.team')}
                      </a>
                    ),
                },
              ]
            : []),
          ...(subject.kind === 'manager'
            ? [{ title: <span data-testid="dash-crumb-person">{personName}</span> }]
            : []),
        ]}
      />
      <Flex gap={12} wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="dash-title">
          {subject.kind === 'organization'
            ? t('dash.companyTitle')
            : subject.kind === 'team'
              ? t('dash.teamTitle', { name: label })
              : t('dash.personTitle', { name: label })}
        </Typography.Title>
        <Segmented<Kind>
          value={period.kind as Kind}
          onChange={(k) => setPeriod(k, dayjs(period.from))}
          options={KINDS.map((k) => ({
            value: k,
            label: <span data-testid={`dash-period-${k}`}>{t(`perf.periods.${k}`)}</span>,
          }))}
        />
        <DatePicker
          allowClear={false}
          picker={period.kind as Kind}
          value={dayjs(period.from)}
          onChange={(d) => d && setPeriod(period.kind as Kind, d)}
          aria-label={t('dash.period')}
          data-testid="dash-period-picker"
        />
        <Typography.Text type="secondary" data-testid="dash-period-dates">
          {period.from} ~ {period.to}
        </Typography.Text>
        {subject.kind === 'manager' && (
          <Flex gap={8} style={{ marginLeft: 'auto' }}>
            <Button
              icon={<TeamOutlined />}
              onClick={() => void navigate(`/customers?ownerId=${subject.id}`)}
              data-testid="dash-customers"
            >
              {t('dash.customers')}
            </Button>
            <Button
              icon={<TrophyOutlined />}
              onClick={() => void navigate(`/performance/scorecards?managerId=${subject.id}`)}
              data-testid="dash-open-scorecard"
            >
              {t('dash.openScorecard')}
            </Button>
          </Flex>
        )}
      </Flex>
      {kpis.error && <ErrorAlert error={kpis.error} onRetry={() => void kpis.refetch()} />}
      <KpiCards result={kpis.data} definitions={defs} loading={kpis.isPending} />
      <Row gutter={[16, 16]}>
        {cards.map((c) => (
          <Col key={c.key} xs={24} xl={12}>
            {c}
          </Col>
        ))}
      </Row>
    </Flex>
  );
};
