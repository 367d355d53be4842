import { Col, Flex, Row, Statistic, Table } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/format';
import { useKpiDefinitions, useKpis, useTeamList } from '../performance/api';
import { BookValueCard, SalesTrendCard, TeamsCard } from '../performance/dashboard-sections';
import { trendMonths } from '../performance/dashboard-math';
import { thisMonth } from '../performance/period';
import { useRankings } from '../performance/review-api';
import { useValueDashboard } from '../value/api';
import { segmentLabel } from '../value/labels';
import { HOME_KPIS, HomeCard, KpiStats } from './home-card';

const ORGANIZATION = { kind: 'organization' } as const;

type SegmentRow = { segment: string; customers: number; clv: number };
type ManagerRow = { ownerId: string | null; ownerName: string | null; open: number };

/** Value by RFM segment, and open churn alerts by manager, from the value dashboard of the scope. */
const ValueCards = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useValueDashboard({ flowDays: 30 });
  const segments: SegmentRow[] = [...(q.data?.segments ?? [])].sort((a, b) => b.clv - a.clv);
  const alerts = q.data?.alertsByManager ?? [];
  const total = alerts.reduce(
    (s, a) => ({ open: s.open + a.open, retained: s.retained + a.retained, lost: s.lost + a.lost }),
    { open: 0, retained: 0, lost: 0 },
  );
  const byManager: ManagerRow[] = alerts
    .filter((a) => a.open > 0)
    .sort((a, b) => b.open - a.open)
    .slice(0, 5);
  const state = { loading: q.isPending, error: q.error, onRetry: () => void q.refetch() };
  return (
    <>
      <Col xs={24} xl={12}>
        <HomeCard
          title={t('home.segments.title')}
          to="/value"
          testId="home-segments"
          {...state}
          empty={q.data && q.data.scored > 0 ? null : t('home.segments.empty')}
        >
          <Table<SegmentRow>
            size="small"
            rowKey="segment"
            pagination={false}
            dataSource={segments}
            columns={[
              {
                key: 'segment',
                title: t('home.segments.segment'),
                render: (_, r) => (
                  <span data-testid={`home-segment-${r.segment}`}>{segmentLabel(t, r.segment)}</span>
                ),
              },
              {
                key: 'customers',
                title: t('home.segments.customers'),
                align: 'right',
                render: (_, r) => fmt.number(r.customers),
              },
              {
                key: 'clv',
                title: t('home.segments.clv'),
                align: 'right',
                render: (_, r) => fmt.money(r.clv),
              },
            ]}
          />
        </HomeCard>
      </Col>
      <Col xs={24} xl={12}>
        <HomeCard
          title={t('home.churn.title')}
          to="/value/at-risk"
          testId="home-churn"
          {...state}
          empty={alerts.length ? null : t('home.churn.empty')}
        >
          <Flex vertical gap={12}>
            <Flex wrap gap={24}>
              <Statistic
                title={t('home.churn.open')}
                valueRender={() => (
                  <span
                    style={{ color: total.open ? '#cf1322' : undefined }}
                    data-testid="home-churn-open-alerts"
                  >
                    {fmt.number(total.open)}
                  </span>
                )}
              />
              <Statistic title={t('home.churn.retained')} value={fmt.number(total.retained)} />
              <Statistic title={t('home.churn.lost')} value={fmt.number(total.lost)} />
            </Flex>
            {byManager.length > 0 && (
              <Table<ManagerRow>
                size="small"
                rowKey={(r) => r.ownerId ?? 'none'}
                pagination={false}
                dataSource={byManager}
                columns={[
                  { key: 'owner', title: t('home.churn.byManager'), render: (_, r) => r.ownerName ?? '—' },
                  {
                    key: 'open',
                    title: t('home.churn.open'),
                    align: 'right',
                    render: (_, r) => fmt.number(r.open),
                  },
                ]}
              />
            )}
          </Flex>
        </HomeCard>
      </Col>
    </>
  );
};

/**
 * A director's (and, read-only, an analyst's) start: company KPIs and sales trend, teams side by
 * side, book value by tier, value by segment, churn at risk. The charts are the dashboard's own.
 */
export const DirectorHome = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const month = thisMonth();
  const kpis = useKpis('organization', month.from, month.to);
  const definitions = useKpiDefinitions();
  const teams = useTeamList();
  const rankings = useRankings({ organization: true }, month.from, month.to);
  const fileParts = [t('dash.company'), month.from, month.to];
  return (
    <Row gutter={[16, 16]} data-testid="home-director">
      <Col xs={24}>
        <HomeCard
          title={t('home.companyKpis.title')}
          to="/performance/dashboard"
          testId="home-company-kpis"
          loading={kpis.isPending}
          error={kpis.error}
          onRetry={() => void kpis.refetch()}
        >
          {kpis.data && (
            <KpiStats
              result={kpis.data}
              definitions={definitions.data?.data ?? []}
              keys={HOME_KPIS}
              testId="home-company-kpi"
            />
          )}
        </HomeCard>
      </Col>
      <Col xs={24} xl={12}>
        <SalesTrendCard
          subject={ORGANIZATION}
          months={trendMonths(month)}
          teams={teams.data?.data ?? []}
          fileParts={fileParts}
        />
      </Col>
      <Col xs={24} xl={12}>
        <TeamsCard
          rows={rankings.data?.data}
          loading={rankings.isPending}
          error={rankings.error}
          onRetry={() => void rankings.refetch()}
          onOpen={(id) => void navigate(`/performance/dashboard?team=${id}`)}
          fileParts={fileParts}
        />
      </Col>
      <Col xs={24} xl={12}>
        <BookValueCard subject={ORGANIZATION} result={kpis.data} fileParts={fileParts} />
      </Col>
      <ValueCards />
    </Row>
  );
};
