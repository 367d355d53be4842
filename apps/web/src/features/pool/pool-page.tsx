import { Button, Card, Empty, Flex, Table, Typography } from 'antd';
import type { CustomerOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { flatten } from '../customers/api';
import { CustomerFiltersBar } from '../customers/customer-filters';
import { useUrlFilters } from '../customers/use-url-filters';
import { CLAIMER_ROLES, usePoolLimits, usePoolList } from './api';
import { poolColumns } from './pool-columns';
import { PoolLimitsCard } from './pool-limits-card';
import { useClaim } from './use-claim';
import { ExportButton } from '../exports/export-button';
import { viewFilters } from '../views/customer-view';

const NOT_HERE = ['owner', 'tag'] as const;

/** The public pool: customers without an owner, which account managers and team leads may claim. */
export const PoolPage = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const canClaim = CLAIMER_ROLES.includes(me.user.role);
  const { filters, setFilters, clear, active } = useUrlFilters();
  const list = usePoolList(filters);
  const limits = usePoolLimits(canClaim);
  const { claim, claimingId } = useClaim();
  const rows = flatten<CustomerOut>(list.data?.pages);

  const blockedReason = !canClaim
    ? t('pool.cannotClaimRole')
    : limits.data && limits.data.maxClaimsPerDay !== null && limits.data.claimsLeft <= 0
      ? t('pool.noClaimsLeft')
      : limits.data && limits.data.maxHeld !== null && limits.data.held >= limits.data.maxHeld
        ? t('pool.holdingFull')
        : null;

  const empty = active ? (
    <Empty description={t('pool.emptyFiltered')}>
      <Button onClick={clear}>{t('customers.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty description={t('pool.empty')} />
  );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="baseline" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('pool.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('pool.subtitle')}</Typography.Text>
        </Flex>
        <ExportButton
          list="pool"
          filters={{ ...viewFilters(filters), ownerId: undefined, sort: filters.sort }}
        />
      </Flex>
      {canClaim && (
        <PoolLimitsCard
          limits={limits.data}
          pending={limits.isPending}
          error={limits.error}
          onRetry={() => void limits.refetch()}
        />
      )}
      <Card size="small">
        <CustomerFiltersBar
          filters={filters}
          onChange={setFilters}
          onClear={clear}
          active={active}
          omit={NOT_HERE}
        />
      </Card>
      {list.error && !list.isFetchingNextPage && (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      )}
      <Table<CustomerOut>
        data-testid="pool-table"
        rowKey="id"
        columns={poolColumns(t, fmt, {
          blockedReason,
          claimingId,
          onClaim: (c) => void claim(c),
          canOpen: me.permissions.reach === 'organization',
        })}
        dataSource={rows}
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
        pagination={false}
        scroll={{ x: 1050 }}
        size="middle"
        locale={{ emptyText: list.isPending ? ' ' : list.error ? t('pool.loadFailed') : empty }}
      />
      {rows.length > 0 && (
        <Flex justify="center" align="center" gap={12}>
          <Typography.Text type="secondary">
            {t('pool.shown', { shown: fmt.number(rows.length) })}
          </Typography.Text>
          {list.hasNextPage && (
            <Button
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
              data-testid="pool-load-more"
            >
              {t('customers.loadMore')}
            </Button>
          )}
        </Flex>
      )}
    </Flex>
  );
};
