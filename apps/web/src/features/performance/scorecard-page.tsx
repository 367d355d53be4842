import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../shared/errors';
import { useSession } from '../../shared/session';
import { ORG_READER_ROLES, useKpiDefinitions, useTeamList } from './api';
import { PerfTabs } from './perf-tabs';
import { periodOf, thisMonth, type Period } from './period';
import { useRankings, type RankingRow } from './review-api';
import { ScorecardCard } from './scorecard-card';

const COMPANY = 'organization';

/** Rankings of a team or the company for a month, and the scorecard of the member picked in it. */
export const ScorecardPage = () => {
  const { t } = useTranslation();
  const me = useSession();
  const role = me.user.role;
  const [params, setParams] = useSearchParams();
  const [period, setPeriod] = useState<Period>(thisMonth);
  const teams = useTeamList();
  const definitions = useKpiDefinitions();
  const orgReader = ORG_READER_ROLES.includes(role);
  const ranks = orgReader || role === 'team_lead';
  const teamOptions = (teams.data?.data ?? [])
    .filter((x) => orgReader || x.leadId === me.user.id || me.user.teamIds.includes(x.id))
    .map((x) => ({ value: x.id, label: x.name }));
  const [scope, setScope] = useState<string | null>(null);
  const chosen = scope ?? (orgReader ? COMPANY : (teamOptions[0]?.value ?? null));
  const rankings = useRankings(
    !ranks || !chosen ? null : chosen === COMPANY ? { organization: true } : { teamId: chosen },
    period.from,
    period.to,
  );
  const managerId = params.get('managerId') ?? (ranks ? null : me.user.id);
  const open = (id: string) => setParams({ managerId: id });

  return (
    <Flex vertical gap={16}>
      <PerfTabs />
      <Flex gap={12} wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('scorecard.title')}
        </Typography.Title>
        <DatePicker
          allowClear={false}
          picker="month"
          value={dayjs(period.from)}
          onChange={(d) => d && setPeriod(periodOf('month', d))}
          data-testid="scorecard-month"
        />
        <Typography.Text type="secondary">
          {period.from} ~ {period.to}
        </Typography.Text>
      </Flex>
      {ranks && (
        <Card
          title={t('scorecard.rankings')}
          extra={
            <Select
              style={{ minWidth: 180 }}
              value={chosen ?? undefined}
              onChange={setScope}
              data-testid="ranking-scope"
              options={[
                ...(orgReader ? [{ value: COMPANY, label: t('scorecard.company') }] : []),
                ...teamOptions,
              ]}
            />
          }
        >
          {rankings.error && <ErrorAlert error={rankings.error} onRetry={() => void rankings.refetch()} />}
          <Table<RankingRow>
            rowKey="managerId"
            size="small"
            loading={rankings.isPending && !!chosen}
            dataSource={rankings.data?.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="ranking-table"
            columns={[
              { title: t('scorecard.columns.manager'), dataIndex: 'managerName' },
              { title: t('scorecard.columns.team'), dataIndex: 'teamName' },
              { title: t('scorecard.columns.score'), dataIndex: 'overall' },
              { title: t('scorecard.teamRank'), dataIndex: 'teamRank' },
              { title: t('scorecard.companyRank'), dataIndex: 'companyRank' },
              {
                title: t('common.actions'),
                key: 'open',
                render: (_, r) => (
                  <Button
                    size="small"
                    onClick={() => open(r.managerId)}
                    data-testid={`open-scorecard-${r.managerId}`}
                  >
                    {t('scorecard.open')}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      )}
      {managerId ? (
        <ScorecardCard
          managerId={managerId}
          from={period.from}
          to={period.to}
          definitions={definitions.data?.data ?? []}
        />
      ) : (
        <Typography.Text type="secondary">{t('scorecard.noMember')}</Typography.Text>
      )}
    </Flex>
  );
};
