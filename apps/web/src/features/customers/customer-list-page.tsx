import { useState } from 'react';
import { Button, Card, Empty, Flex, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { CustomerOut } from '@steward/contracts';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { flatten, useCustomerCount, useCustomerList, type Sort } from './api';
import { customerColumns, SORTABLE, type SortField } from './customer-columns';
import { CustomerFiltersBar } from './customer-filters';
import { CustomerFormDrawer } from './customer-form-drawer';
import { useUrlFilters } from './use-url-filters';
import { ExportButton } from '../exports/export-button';
import { SavedViewsBar } from '../views/saved-views-bar';
import { ColumnsPicker } from '../views/columns-picker';
import { viewFilters, viewPatch } from '../views/customer-view';

const DEFAULT_SORT: Sort = '-createdAt';

export const CustomerListPage = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const me = useSession();
  const { filters, setFilters, clear, active } = useUrlFilters();
  const [creating, setCreating] = useState(false);
  const [visible, setVisible] = useState<string[] | null>(null);
  const list = useCustomerList(filters);
  const count = useCustomerCount(filters);
  const rows = flatten(list.data?.pages);
  const sort = filters.sort ?? DEFAULT_SORT;
  const allColumns = customerColumns(t, fmt, sort);
  const columns = visible ? allColumns.filter((c) => visible.includes(String(c.key))) : allColumns;

  const onTableChange: TableProps<CustomerOut>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.columnKey as SortField | undefined;
    if (!s?.order || !field || !SORTABLE.includes(field)) {
      setFilters({ sort: undefined });
      return;
    }
    setFilters({ sort: (s.order === 'descend' ? `-${field}` : field) as Sort });
  };

  const empty = active ? (
    <Empty description={t('customers.emptyFiltered')}>
      <Button onClick={clear}>{t('customers.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty
      description={
        me.permissions.writeCustomers ? t('customers.emptyCanCreate') : t('customers.emptyReadOnly')
      }
    >
      {me.permissions.writeCustomers && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('customers.new')}
        </Button>
      )}
    </Empty>
  );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="baseline" gap={12}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('customers.title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="customer-count" aria-live="polite">
            {count.data
              ? t('customers.count', { count: count.data.count, formatted: fmt.number(count.data.count) })
              : ''}
          </Typography.Text>
        </Flex>
        <Flex gap={8} wrap>
          <ExportButton list="customers" filters={{ ...viewFilters(filters), sort: filters.sort }} />
          {me.permissions.writeCustomers && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="new-customer"
            >
              {t('customers.new')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Card size="small">
        <Flex vertical gap={8}>
          <Flex wrap gap={8}>
            <SavedViewsBar
              list="customers"
              snapshot={{ filters: viewFilters(filters), columns: visible ?? [], sort: filters.sort ?? null }}
              onApply={(v) => {
                setFilters(viewPatch(v));
                setVisible(v.columns.length ? v.columns : null);
              }}
            />
            <ColumnsPicker
              columns={allColumns.map((c) => ({ key: String(c.key), title: String(c.title) }))}
              value={visible}
              onChange={setVisible}
            />
          </Flex>
          <CustomerFiltersBar filters={filters} onChange={setFilters} onClear={clear} active={active} />
        </Flex>
      </Card>
      {list.error && !list.isFetchingNextPage && (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      )}
      <Table<CustomerOut>
        data-testid="customer-table"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
        pagination={false}
        onChange={onTableChange}
        scroll={{ x: 1300 }}
        size="middle"
        locale={{ emptyText: list.isPending ? ' ' : list.error ? t('customers.loadFailed') : empty }}
        showSorterTooltip={false}
      />
      {rows.length > 0 && (
        <Flex justify="center" align="center" gap={12}>
          <Typography.Text type="secondary">
            {t('customers.shown', {
              shown: fmt.number(rows.length),
              total: fmt.number(count.data?.count ?? rows.length),
            })}
          </Typography.Text>
          {list.hasNextPage && (
            <Button
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
              data-testid="load-more"
            >
              {t('customers.loadMore')}
            </Button>
          )}
        </Flex>
      )}
      <CustomerFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          navigate(`/customers/${c.id}`);
        }}
      />
    </Flex>
  );
};
