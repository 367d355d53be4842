import { Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReviewOut } from '@steward/contracts';
import { ErrorAlert } from '../../shared/errors';
import { PerfTabs } from './perf-tabs';
import { useReviews } from './review-api';

export const STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  signed: 'blue',
  acknowledged: 'green',
};

/** The reviews the caller may read: their own once signed, their teams', or all. */
export const ReviewListPage = () => {
  const { t } = useTranslation();
  const reviews = useReviews();
  return (
    <Flex vertical gap={16}>
      <PerfTabs />
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('perfReviews.title')}
      </Typography.Title>
      {reviews.error && <ErrorAlert error={reviews.error} onRetry={() => void reviews.refetch()} />}
      <Table<ReviewOut>
        rowKey="id"
        size="middle"
        loading={reviews.isPending}
        dataSource={reviews.data?.data ?? []}
        locale={{ emptyText: t('perfReviews.none') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="review-table"
        columns={[
          {
            title: t('perfReviews.columns.manager'),
            key: 'manager',
            render: (_, r) => (
              <Link to={`/performance/reviews/${r.id}`} data-testid={`review-link-${r.id}`}>
                {r.managerName ?? '—'}
              </Link>
            ),
          },
          {
            title: t('perfReviews.columns.period'),
            key: 'period',
            render: (_, r) => `${t(`perfReviews.kinds.${r.periodKind}`)} · ${r.periodStart} ~ ${r.periodEnd}`,
          },
          { title: t('perfReviews.columns.reviewer'), dataIndex: 'reviewerName' },
          {
            title: t('perfReviews.columns.score'),
            key: 'score',
            render: (_, r) => String((r.scorecard as { overall?: number | null }).overall ?? '—'),
          },
          {
            title: t('perfReviews.columns.status'),
            key: 'status',
            render: (_, r) => (
              <Tag color={STATUS_COLOR[r.status]} data-testid="review-status">
                {t(`perfReviews.status.${r.status}`)}
              </Tag>
            ),
          },
        ]}
      />
    </Flex>
  );
};
