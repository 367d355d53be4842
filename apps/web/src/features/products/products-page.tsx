import { useState } from 'react';
import { App, Button, Empty, Flex, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { ProductOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { productKeys, useProductCategories, useProducts } from './api';
import { ProductModal } from './product-modal';

type Filters = { q: string; category: string | null; active: 'true' | 'false' | null };

/**
 * The product catalog: everyone signed in reads it; senior and key-account managers, directors and
 * administrators add, edit, deactivate and reactivate products (decision 0025).
 */
export const ProductsPage = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const canEdit = me.permissions.editReferenceData;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<Filters>({ q: '', category: null, active: null });
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<ProductOut | 'new' | null>(null);
  const list = useProducts({ q: filters.q, category: filters.category, active: filters.active });
  const categories = useProductCategories();
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];

  const refresh = () => queryClient.invalidateQueries({ queryKey: productKeys.all });
  const setActive = async (p: ProductOut, active: boolean) => {
    try {
      await api.patch(`/products/${p.id}`, { active });
      message.success(active ? t('products.reactivated') : t('products.deactivated'));
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      await refresh();
    }
  };

  const columns: TableColumnsType<ProductOut> = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('products.code'),
      render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
    },
    { key: 'name', dataIndex: 'name', title: t('products.name') },
    { key: 'category', dataIndex: 'category', title: t('products.category') },
    {
      key: 'unitPrice',
      title: t('products.unitPrice'),
      align: 'right',
      render: (_: unknown, p) => `${fmt.money(p.unitPrice, p.currency)} / ${p.unit}`,
    },
    {
      key: 'active',
      title: t('products.status'),
      render: (_: unknown, p) =>
        p.active ? (
          <Tag color="green">{t('products.statusActive')}</Tag>
        ) : (
          <Tag>{t('products.statusInactive')}</Tag>
        ),
    },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, p: ProductOut) => (
              <Space size={4}>
                <Button size="small" onClick={() => setEditing(p)} data-testid={`edit-product-${p.code}`}>
                  {t('common.edit')}
                </Button>
                {p.active ? (
                  <Popconfirm
                    title={t('products.deactivateConfirm')}
                    okText={t('products.deactivate')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => void setActive(p, false)}
                  >
                    <Button size="small" data-testid={`deactivate-product-${p.code}`}>
                      {t('products.deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button
                    size="small"
                    onClick={() => void setActive(p, true)}
                    data-testid={`reactivate-product-${p.code}`}
                  >
                    {t('products.reactivate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('products.title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="products-subtitle">
            {canEdit ? t('products.subtitleEditor') : t('products.subtitleReader')}
          </Typography.Text>
        </div>
        {canEdit && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="new-product"
          >
            {t('products.create')}
          </Button>
        )}
      </Flex>
      <Flex gap={12} wrap>
        <Input.Search
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() }))}
          placeholder={t('products.search')}
          aria-label={t('products.search')}
          style={{ width: 280 }}
          data-testid="product-search"
        />
        <Select
          allowClear
          value={filters.category}
          onChange={(v?: string) => setFilters((f) => ({ ...f, category: v ?? null }))}
          placeholder={t('products.category')}
          aria-label={t('products.category')}
          options={(categories.data?.data ?? []).map((c) => ({ value: c, label: c }))}
          style={{ width: 180 }}
          data-testid="product-filter-category"
        />
        <Select
          allowClear
          value={filters.active}
          onChange={(v?: 'true' | 'false') => setFilters((f) => ({ ...f, active: v ?? null }))}
          placeholder={t('products.status')}
          aria-label={t('products.status')}
          options={[
            { value: 'true', label: t('products.statusActive') },
            { value: 'false', label: t('products.statusInactive') },
          ]}
          style={{ width: 140 }}
          data-testid="product-filter-active"
        />
      </Flex>
      {list.error && !list.isFetchingNextPage && (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      )}
      <Table<ProductOut>
        data-testid="product-table"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
        pagination={false}
        size="middle"
        locale={{ emptyText: list.isPending ? ' ' : <Empty description={t('products.empty')} /> }}
      />
      {list.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('products.loadMore')}
          </Button>
        </Flex>
      )}
      {canEdit && (
        <ProductModal
          open={editing !== null}
          editing={editing === 'new' ? null : editing}
          categories={categories.data?.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            message.success(t('products.saved'));
            void refresh();
          }}
        />
      )}
    </Flex>
  );
};
