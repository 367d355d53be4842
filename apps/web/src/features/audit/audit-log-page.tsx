import { Button, DatePicker, Empty, Flex, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AuditEntry } from '@steward/contracts';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { flatten, useUsers } from '../customers/api';
import { ExportButton } from '../exports/export-button';
import { useAuditLog } from './api';
import { AUDIT_ENTITIES, KNOWN_ACTIONS, actionLabel, entityLabel } from './audit-labels';

const FILTERS = ['actorId', 'entity', 'action', 'from', 'to'] as const;
const DAY = 'YYYY-MM-DD';

/** Details of an entry as "key: value" pairs, one per line. */
const Details = ({ data }: { data: Record<string, unknown> }) => {
  const entries = Object.entries(data);
  if (!entries.length) return <>—</>;
  return (
    <Typography.Text style={{ fontSize: 12, whiteSpace: 'pre-wrap' }} ellipsis={{ tooltip: true }}>
      {entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('\n')}
    </Typography.Text>
  );
};

/** The audit log (administrators and directors): who wrote what, when, filterable and exportable. */
export const AuditLogPage = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const users = useUsers();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(
    FILTERS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v),
  ) as Partial<Record<(typeof FILTERS)[number], string>>;
  const list = useAuditLog(filters);
  const rows = flatten<AuditEntry>(list.data?.pages);

  const set = (patch: Partial<Record<(typeof FILTERS)[number], string | null>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.columns.at'), key: 'at', width: 170, render: (_, e) => fmt.dateTime(e.at) },
    {
      title: t('audit.columns.actor'),
      key: 'actor',
      width: 160,
      render: (_, e) => e.actorName ?? (e.actorId ? '—' : t('audit.system')),
    },
    {
      title: t('audit.columns.action'),
      key: 'action',
      width: 220,
      render: (_, e) => <span title={e.action}>{actionLabel(t, e.action)}</span>,
    },
    {
      title: t('audit.columns.entity'),
      key: 'entity',
      width: 200,
      render: (_, e) => (
        <span title={e.entityId ?? undefined}>
          {entityLabel(t, e.entity)}
          {e.entityId && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
              {e.entityId.slice(0, 8)}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: t('audit.columns.details'), key: 'details', render: (_, e) => <Details data={e.data} /> },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="baseline" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('audit.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('audit.subtitle')}</Typography.Text>
        </Flex>
        <ExportButton list="audit" filters={filters} />
      </Flex>
      <Flex gap={8} wrap align="center">
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          value={filters.actorId}
          onChange={(v?: string) => set({ actorId: v ?? null })}
          placeholder={t('audit.filters.actor')}
          aria-label={t('audit.filters.actor')}
          loading={users.isPending}
          options={(users.data?.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          style={{ width: 200 }}
          data-testid="audit-filter-actor"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          value={filters.entity}
          onChange={(v?: string) => set({ entity: v ?? null })}
          placeholder={t('audit.filters.entity')}
          aria-label={t('audit.filters.entity')}
          options={AUDIT_ENTITIES.map((e) => ({ value: e, label: entityLabel(t, e) }))}
          style={{ width: 180 }}
          data-testid="audit-filter-entity"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          value={filters.action}
          onChange={(v?: string) => set({ action: v ?? null })}
          placeholder={t('audit.filters.action')}
          aria-label={t('audit.filters.action')}
          options={KNOWN_ACTIONS.map((a) => ({ value: a, label: actionLabel(t, a) }))}
          style={{ width: 240 }}
          data-testid="audit-filter-action"
        />
        <DatePicker.RangePicker
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
          placeholder={[t('audit.filters.from'), t('audit.filters.to')]}
          onChange={(r) =>
            set({
              from: r?.[0] ? r[0].format(DAY) : null,
              to: r?.[1] ? r[1].format(DAY) : null,
            })
          }
          data-testid="audit-filter-days"
        />
      </Flex>
      {list.error && !list.isFetchingNextPage && (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      )}
      <Table<AuditEntry>
        data-testid="audit-table"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
        pagination={false}
        scroll={{ x: 1000 }}
        size="middle"
        locale={{
          emptyText: list.isPending ? (
            ' '
          ) : list.error ? (
            errorText(t, list.error)
          ) : (
            <Empty description={t('audit.empty')} />
          ),
        }}
      />
      {rows.length > 0 && (
        <Flex justify="center" align="center" gap={12}>
          <Typography.Text type="secondary">
            {t('audit.shown', { shown: fmt.number(rows.length) })}
          </Typography.Text>
          {list.hasNextPage && (
            <Button
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
              data-testid="audit-load-more"
            >
              {t('audit.loadMore')}
            </Button>
          )}
        </Flex>
      )}
    </Flex>
  );
};
