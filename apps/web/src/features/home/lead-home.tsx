import { Col, Flex, List, Progress, Row, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ComplaintOut, TaskOut } from '@steward/contracts';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useComplaints } from '../complaints/api';
import { SeverityTag, SlaCountdown } from '../complaints/labels';
import { flatten } from '../customers/api';
import { subtree, useGoals, useKpiDefinitions, useKpis, useTeamList } from '../performance/api';
import { thisMonth } from '../performance/period';
import { usePoolLimits, usePoolList } from '../pool/api';
import { useTasks } from '../tasks/api';
import { loadPercent, usePeople } from '../team/api';
import { HOME_KPIS, HomeCard, KpiStats } from './home-card';
import { GoalList, goalsThisMonth } from './manager-home';

const SHOWN = 5;
const OPEN_COMPLAINTS = ['open', 'acknowledged', 'in_progress', 'waiting_customer'];
const NEAR_BREACH = new Set(['warning', 'breached']);

/** The team a lead looks after first: one they lead, else one they belong to. */
const useMyTeam = () => {
  const me = useSession();
  const teams = useTeamList();
  const all = teams.data?.data ?? [];
  const team =
    all.find((x) => x.leadId === me.user.id) ?? all.find((x) => me.user.teamIds.includes(x.id)) ?? null;
  return { teams, all, team };
};

const TeamKpisCard = () => {
  const { t } = useTranslation();
  const { teams, team } = useMyTeam();
  const month = thisMonth();
  const kpis = useKpis(team ? `team:${team.id}` : null, month.from, month.to);
  const definitions = useKpiDefinitions();
  return (
    <HomeCard
      title={team ? `${t('home.teamKpis.title')} · ${team.name}` : t('home.teamKpis.title')}
      to={team ? `/performance/dashboard?team=${team.id}` : '/performance/dashboard'}
      testId="home-team-kpis"
      loading={teams.isPending || (!!team && kpis.isPending)}
      error={teams.error ?? kpis.error}
      onRetry={() => void (kpis.error ? kpis.refetch() : teams.refetch())}
      empty={team ? null : t('home.teamKpis.noTeam')}
    >
      {kpis.data && (
        <KpiStats
          result={kpis.data}
          definitions={definitions.data?.data ?? []}
          keys={HOME_KPIS}
          testId="home-team-kpi"
        />
      )}
    </HomeCard>
  );
};

const TeamGoalsCard = () => {
  const { t } = useTranslation();
  const { teams, all, team } = useMyTeam();
  const goals = useGoals();
  const ids = team ? subtree(all, [team.id]) : new Set<string>();
  const shown = goalsThisMonth(
    goals.data?.data ?? [],
    (g) => g.subjectType === 'team' && ids.has(g.subjectId),
  );
  return (
    <HomeCard
      title={t('home.goals.title')}
      to="/performance"
      testId="home-team-goals"
      loading={teams.isPending || goals.isPending}
      error={goals.error}
      onRetry={() => void goals.refetch()}
      empty={shown.length ? null : t('home.goals.emptyTeam')}
    >
      <GoalList goals={shown.slice(0, SHOWN)} testId="home-team-goals-list" />
    </HomeCard>
  );
};

type MemberRow = { id: string; name: string; visits: number; tasks: number };

const OverdueCard = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useTasks({ overdue: 'true' });
  const tasks = flatten<TaskOut>(q.data?.pages.slice(0, 1));
  const byMember = new Map<string, MemberRow>();
  for (const task of tasks) {
    const row = byMember.get(task.assigneeId) ?? {
      id: task.assigneeId,
      name: task.assigneeName ?? '—',
      visits: 0,
      tasks: 0,
    };
    if (task.type === 'visit') row.visits++;
    else row.tasks++;
    byMember.set(task.assigneeId, row);
  }
  const rows = [...byMember.values()].sort((a, b) => b.visits + b.tasks - (a.visits + a.tasks));
  const partial = !!q.data?.pages[0]?.nextCursor;
  return (
    <HomeCard
      title={t('home.overdue.title')}
      to="/tasks?tab=overdue"
      testId="home-overdue"
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      empty={rows.length ? null : t('home.overdue.empty')}
    >
      <Table<MemberRow>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows.slice(0, 8)}
        columns={[
          { key: 'name', title: t('home.overdue.member'), dataIndex: 'name' },
          {
            key: 'visits',
            title: t('home.overdue.visits'),
            align: 'right',
            render: (_, r) => (
              <Typography.Text type={r.visits ? 'danger' : undefined}>{fmt.number(r.visits)}</Typography.Text>
            ),
          },
          {
            key: 'tasks',
            title: t('home.overdue.tasks'),
            align: 'right',
            render: (_, r) => fmt.number(r.tasks),
          },
        ]}
      />
      {partial && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('home.overdue.partial', { count: tasks.length })}
        </Typography.Text>
      )}
    </HomeCard>
  );
};

/** Running complaints whose target is close or past (the inbox lists them by urgency). */
export const NearBreachCard = () => {
  const { t } = useTranslation();
  const q = useComplaints({ status: OPEN_COMPLAINTS });
  const near = flatten<ComplaintOut>(q.data?.pages.slice(0, 1)).filter((c) => NEAR_BREACH.has(c.sla.state));
  return (
    <HomeCard
      title={t('home.complaints.title')}
      to="/complaints"
      testId="home-complaints"
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      empty={near.length ? null : t('home.complaints.empty')}
      extra={
        near.length > 0 && (
          <Tag color="red" data-testid="home-complaints-count">
            {t('home.complaints.count', { count: near.length })}
          </Tag>
        )
      }
    >
      <List
        size="small"
        dataSource={near.slice(0, SHOWN)}
        renderItem={(c) => (
          <List.Item key={c.id}>
            <Flex vertical style={{ minWidth: 0 }}>
              <Link to={`/complaints/${c.id}`}>{c.customerName ?? '—'}</Link>
              <SlaCountdown complaint={c} />
            </Flex>
            <SeverityTag severity={c.severity} />
          </List.Item>
        )}
      />
    </HomeCard>
  );
};

const PoolCard = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pool = usePoolList({});
  const limits = usePoolLimits(true);
  const first = pool.data?.pages[0];
  const inPool = first ? `${fmt.number(first.data.length)}${first.nextCursor ? '+' : ''}` : '—';
  return (
    <HomeCard
      title={t('home.pool.title')}
      to="/pool"
      testId="home-pool"
      loading={pool.isPending}
      error={pool.error}
      onRetry={() => void pool.refetch()}
    >
      <Flex wrap gap={24}>
        <Statistic
          title={t('home.pool.available')}
          valueRender={() => <span data-testid="home-pool-count">{inPool}</span>}
        />
        {limits.data && (
          <>
            <Statistic
              title={t('home.pool.claimsLeft')}
              valueRender={() => (
                <span data-testid="home-pool-claims-left">
                  {limits.data.maxClaimsPerDay === null
                    ? t('home.pool.unlimited')
                    : fmt.number(limits.data.claimsLeft)}
                </span>
              )}
            />
            <Statistic
              title={t('home.pool.held')}
              valueRender={() => (
                <span>
                  {fmt.number(limits.data.held)}
                  {limits.data.maxHeld !== null ? ` / ${fmt.number(limits.data.maxHeld)}` : ''}
                </span>
              )}
            />
          </>
        )}
      </Flex>
    </HomeCard>
  );
};

const LoadCard = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const people = usePeople({ status: 'active' });
  const members = (people.data?.data ?? [])
    .filter((p) => p.id !== me.user.id && (p.role === 'manager' || p.role === 'team_lead'))
    .sort((a, b) => loadPercent(b.load, b.capacity) - loadPercent(a.load, a.capacity));
  return (
    <HomeCard
      title={t('home.load.title')}
      to="/team/people"
      testId="home-load"
      loading={people.isPending}
      error={people.error}
      onRetry={() => void people.refetch()}
      empty={members.length ? null : t('home.load.empty')}
    >
      <Flex vertical gap={8}>
        {members.slice(0, 8).map((p) => {
          const percent = loadPercent(p.load, p.capacity);
          return (
            <Flex key={p.id} align="center" gap={12} data-testid={`home-load-${p.id}`}>
              <Link to={`/team/people/${p.id}`} style={{ width: 120, flexShrink: 0 }}>
                <Typography.Text ellipsis>{p.name}</Typography.Text>
              </Link>
              <Progress
                percent={percent}
                size="small"
                status={percent >= 100 ? 'exception' : 'normal'}
                style={{ flex: 1, margin: 0 }}
                showInfo={false}
              />
              <Typography.Text type="secondary" style={{ width: 88, textAlign: 'right' }}>
                {t('home.load.ofCapacity', { load: fmt.number(p.load), capacity: fmt.number(p.capacity) })}
              </Typography.Text>
            </Flex>
          );
        })}
      </Flex>
    </HomeCard>
  );
};

/** A team lead's day: team goals and KPIs, overdue work by member, complaints near breach, pool, load. */
export const LeadHome = () => (
  <Row gutter={[16, 16]} data-testid="home-lead">
    <Col xs={24}>
      <TeamKpisCard />
    </Col>
    <Col xs={24} xl={12}>
      <TeamGoalsCard />
    </Col>
    <Col xs={24} xl={12}>
      <OverdueCard />
    </Col>
    <Col xs={24} xl={12}>
      <NearBreachCard />
    </Col>
    <Col xs={24} xl={12}>
      <LoadCard />
    </Col>
    <Col xs={24} xl={12}>
      <PoolCard />
    </Col>
  </Row>
);
