import { Col, Flex, List, Row, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { GoalOut, NotificationOut, TaskOut } from '@steward/contracts';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useAgenda } from '../agenda/api';
import { useMarkRead, useNotifications, useUnreadCount } from '../notifications/api';
import { NotificationItem } from '../notifications/notification-item';
import { localized, useGoals, useKpiDefinitions } from '../performance/api';
import { GoalProgressCell } from '../performance/goal-progress';
import { useAtRisk } from '../value/api';
import { HomeCard } from './home-card';

const SHOWN = 5;

/** Goals whose period touches this month, of the given subjects. */
export const goalsThisMonth = (goals: GoalOut[], subject: (g: GoalOut) => boolean): GoalOut[] => {
  const from = dayjs().startOf('month').format('YYYY-MM-DD');
  const to = dayjs().endOf('month').format('YYYY-MM-DD');
  return goals.filter((g) => subject(g) && g.periodStart <= to && g.periodEnd >= from);
};

/** Goals with their progress bars; the KPI named in the interface language. */
export const GoalList = ({ goals, testId }: { goals: GoalOut[]; testId: string }) => {
  const fmt = useFormat();
  const definitions = useKpiDefinitions();
  const name = (kpi: string) => {
    const def = definitions.data?.data.find((d) => d.key === kpi);
    return def ? localized(def.name, fmt.lang) : kpi;
  };
  return (
    <List<GoalOut>
      size="small"
      dataSource={goals}
      data-testid={testId}
      renderItem={(g) => (
        <List.Item key={g.id} data-testid={`home-goal-${g.id}`}>
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Typography.Text>
              {name(g.kpi)}
              {g.subjectType !== 'manager' && g.subjectName ? ` · ${g.subjectName}` : ''}
              <Typography.Text type="secondary">
                {' '}
                ({g.periodStart} ~ {g.periodEnd})
              </Typography.Text>
            </Typography.Text>
            <GoalProgressCell goal={g} />
          </Flex>
        </List.Item>
      )}
    />
  );
};

const AgendaCard = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const agenda = useAgenda();
  const overdue = agenda.data?.overdue ?? [];
  const today = agenda.data?.today ?? [];
  const rows: (TaskOut & { bucket: 'overdue' | 'today' })[] = [
    ...today.map((x) => ({ ...x, bucket: 'today' as const })),
    ...overdue.map((x) => ({ ...x, bucket: 'overdue' as const })),
  ];
  return (
    <HomeCard
      title={t('home.agenda.title')}
      to="/agenda"
      testId="home-agenda"
      loading={agenda.isPending}
      error={agenda.error}
      onRetry={() => void agenda.refetch()}
      empty={rows.length ? null : t('home.agenda.emptyAll')}
      extra={
        agenda.data && (
          <>
            <Tag color={overdue.length ? 'red' : 'default'} data-testid="home-agenda-overdue">
              {t('home.agenda.overdue')} {fmt.number(overdue.length)}
            </Tag>
            <Tag color="blue" data-testid="home-agenda-today">
              {t('home.agenda.today')} {fmt.number(today.length)}
            </Tag>
          </>
        )
      }
    >
      <List
        size="small"
        dataSource={rows.slice(0, SHOWN)}
        renderItem={(task) => (
          <List.Item key={task.id} data-testid={`home-agenda-task-${task.id}`}>
            <Flex vertical style={{ minWidth: 0 }}>
              <Typography.Text ellipsis>{task.title}</Typography.Text>
              {task.customerId && (
                <Link to={`/customers/${task.customerId}`}>{task.customerName ?? '—'}</Link>
              )}
            </Flex>
            <Typography.Text type={task.bucket === 'overdue' ? 'danger' : 'secondary'}>
              {task.bucket === 'today' ? fmt.dateTime(task.dueAt).slice(11) : fmt.date(task.dueAt)}
            </Typography.Text>
          </List.Item>
        )}
      />
      {rows.length > SHOWN && (
        <Typography.Text type="secondary">{t('home.more', { count: rows.length - SHOWN })}</Typography.Text>
      )}
    </HomeCard>
  );
};

const AtRiskCard = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useAtRisk(undefined, SHOWN);
  const rows = q.data?.data ?? [];
  return (
    <HomeCard
      title={t('home.atRisk.title')}
      to="/value/at-risk"
      testId="home-at-risk"
      loading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      empty={rows.length ? null : t('home.atRisk.empty')}
    >
      <List
        size="small"
        dataSource={rows}
        renderItem={(r) => (
          <List.Item key={r.customerId} data-testid={`home-at-risk-${r.customerId}`}>
            <Flex vertical style={{ minWidth: 0 }}>
              <Link to={`/customers/${r.customerId}`} data-testid="home-at-risk-name">
                {r.customerName}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('home.atRisk.valueAtRisk', { amount: fmt.money(r.valueAtRisk) })}
              </Typography.Text>
            </Flex>
            <Flex gap={4}>
              {r.tier && <Tag>{r.tier}</Tag>}
              <Tag color={r.action === 'retain' ? 'red' : r.action === 'visit' ? 'orange' : 'blue'}>
                {t(`valueInsights.actions.${r.action}`)}
              </Tag>
            </Flex>
          </List.Item>
        )}
      />
    </HomeCard>
  );
};

const MyGoalsCard = () => {
  const { t } = useTranslation();
  const me = useSession();
  const goals = useGoals();
  const mine = goalsThisMonth(
    goals.data?.data ?? [],
    (g) => g.subjectType === 'manager' && g.subjectId === me.user.id,
  );
  return (
    <HomeCard
      title={t('home.goals.title')}
      to="/performance"
      testId="home-goals"
      loading={goals.isPending}
      error={goals.error}
      onRetry={() => void goals.refetch()}
      empty={mine.length ? null : t('home.goals.empty')}
    >
      <GoalList goals={mine} testId="home-goals-list" />
    </HomeCard>
  );
};

const NotificationsCard = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useNotifications(false, true);
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const items = (list.data?.pages[0]?.data ?? []).slice(0, SHOWN);
  const onOpen = (n: NotificationOut, link: string | null) => {
    if (n.readAt === null) markRead.mutate(n.id);
    if (link) void navigate(link);
  };
  return (
    <HomeCard
      title={t('home.notifications.title')}
      testId="home-notifications"
      loading={list.isPending}
      error={list.error}
      onRetry={() => void list.refetch()}
      empty={items.length ? null : t('home.notifications.empty')}
      extra={
        unread.data && unread.data.count > 0 ? (
          <Tag color="blue" data-testid="home-notifications-unread">
            {t('home.notifications.unread', { count: unread.data.count })}
          </Tag>
        ) : null
      }
    >
      <Flex vertical>
        {items.map((n) => (
          <NotificationItem key={n.id} item={n} onOpen={onOpen} />
        ))}
      </Flex>
    </HomeCard>
  );
};

/** An account manager's day: agenda, customers at risk, goals this month, notifications. */
export const ManagerHome = () => (
  <Row gutter={[16, 16]} data-testid="home-manager">
    <Col xs={24} xl={12}>
      <AgendaCard />
    </Col>
    <Col xs={24} xl={12}>
      <AtRiskCard />
    </Col>
    <Col xs={24} xl={12}>
      <MyGoalsCard />
    </Col>
    <Col xs={24} xl={12}>
      <NotificationsCard />
    </Col>
  </Row>
);
