import { useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Row,
  Segmented,
  Select,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { SendOutlined, SettingOutlined } from '@ant-design/icons';
import type { SurveySendOut } from '@steward/contracts';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { flatten } from '../customers/api';
import { canSendSurveys, useSurveyAnalytics, useSurveySends, useSurveyTemplates } from './api';
import { sendColumns } from './send-columns';
import { SendModal } from './send-modal';
import { GroupChart, TrendChart, type ManagerMetric } from './survey-charts';

type Kind = 'all' | 'csat' | 'nps';
type Status = 'all' | 'pending' | 'answered' | 'expired';

const num = (v: number | null | undefined, digits: number) =>
  v === null || v === undefined ? '—' : v.toFixed(digits);

/** Survey results over the last year (by month and by manager) and every send in scope. */
export const SurveysPage = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const [kind, setKind] = useState<Kind>('all');
  const [groupBy, setGroupBy] = useState<'manager' | 'team'>('manager');
  const [metric, setMetric] = useState<ManagerMetric>('csatAvg');
  const [templateId, setTemplateId] = useState<string | undefined>();
  const [status, setStatus] = useState<Status>('all');
  const [low, setLow] = useState(false);
  const [sending, setSending] = useState(false);
  const kindQuery = kind === 'all' ? {} : { kind };
  const trend = useSurveyAnalytics({ groupBy: 'month', ...kindQuery });
  const groups = useSurveyAnalytics({ groupBy, ...kindQuery });
  const templates = useSurveyTemplates();
  const sends = useSurveySends({
    templateId,
    status: status === 'all' ? undefined : status,
    low: low ? 'true' : undefined,
  });
  const rows = flatten<SurveySendOut>(sends.data?.pages);
  const total = trend.data?.total;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="baseline" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('surveys.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('surveys.subtitle')}</Typography.Text>
        </Flex>
        <Flex gap={8}>
          <Link to="/surveys/templates">
            <Button icon={<SettingOutlined />}>{t('surveys.templatesLink')}</Button>
          </Link>
          {canSendSurveys(me.user.role) && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              onClick={() => setSending(true)}
              data-testid="send-survey"
            >
              {t('surveys.sendButton')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Segmented<Kind>
        value={kind}
        onChange={setKind}
        options={(['all', 'csat', 'nps'] as const).map((k) => ({
          value: k,
          label: t(`surveys.kindFilter.${k}`),
        }))}
      />
      {trend.error && <ErrorAlert error={trend.error} onRetry={() => void trend.refetch()} />}
      <Row gutter={[16, 16]} data-testid="survey-stats">
        {(
          [
            ['sent', fmt.number(total?.sent ?? 0)],
            ['responses', fmt.number(total?.responses ?? 0)],
            ['responseRate', total?.responseRate == null ? '—' : `${(total.responseRate * 100).toFixed(1)}%`],
            ['csatAvg', num(total?.csatAvg, 2)],
            ['nps', num(total?.nps, 1)],
            ['lowScores', fmt.number(total?.lowScores ?? 0)],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} xs={12} sm={8} lg={4}>
            <Card size="small" loading={trend.isPending}>
              <Statistic title={t(`surveys.metric.${key}`)} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('surveys.trendTitle')}>
            {trend.data?.data.length ? (
              <TrendChart rows={trend.data.data} />
            ) : (
              <Empty description={t('surveys.noData')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={
              <Segmented
                size="small"
                value={groupBy}
                onChange={(v) => setGroupBy(v as 'manager' | 'team')}
                options={[
                  { value: 'manager', label: t('surveys.byManager') },
                  { value: 'team', label: t('surveys.byTeam') },
                ]}
              />
            }
            extra={
              <Segmented<ManagerMetric>
                size="small"
                value={metric}
                onChange={setMetric}
                options={(['csatAvg', 'nps', 'responseRate'] as const).map((m) => ({
                  value: m,
                  label: t(`surveys.metric.${m}`),
                }))}
              />
            }
          >
            {groups.data?.data.some((r) => r[metric] !== null) ? (
              <GroupChart rows={groups.data.data} metric={metric} />
            ) : (
              <Empty description={t('surveys.noData')} />
            )}
          </Card>
        </Col>
      </Row>
      <Flex gap={8} wrap align="center">
        <Select
          allowClear
          placeholder={t('surveys.filter.template')}
          style={{ minWidth: 220 }}
          value={templateId}
          onChange={setTemplateId}
          options={(templates.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        <Select<Status>
          style={{ minWidth: 140 }}
          value={status}
          onChange={setStatus}
          options={(['all', 'pending', 'answered', 'expired'] as const).map((s) => ({
            value: s,
            label: s === 'all' ? t('surveys.filter.allStatuses') : t(`surveys.status.${s}`),
          }))}
        />
        <Checkbox checked={low} onChange={(e) => setLow(e.target.checked)}>
          {t('surveys.filter.lowOnly')}
        </Checkbox>
      </Flex>
      {sends.error && <ErrorAlert error={sends.error} onRetry={() => void sends.refetch()} />}
      <Table<SurveySendOut>
        data-testid="send-table"
        rowKey="id"
        columns={sendColumns(t, fmt)}
        dataSource={rows}
        loading={sends.isPending || (sends.isFetching && !sends.isFetchingNextPage)}
        pagination={false}
        scroll={{ x: 1200 }}
        size="middle"
        locale={{ emptyText: sends.isPending ? ' ' : <Empty description={t('surveys.emptySends')} /> }}
      />
      {sends.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void sends.fetchNextPage()} loading={sends.isFetchingNextPage}>
            {t('surveys.loadMore')}
          </Button>
        </Flex>
      )}
      <SendModal open={sending} onClose={() => setSending(false)} />
    </Flex>
  );
};
