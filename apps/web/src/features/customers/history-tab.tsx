import { Button, Empty, Flex, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HistoryItem } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { flatten, useCustomFields, useHistory } from './api';

export const formatValue = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '∅';
  if (Array.isArray(v)) return v.length ? v.map(String).join(', ') : '∅';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A change to an object field (needs, customFields) becomes one row per sub-field that changed. */
const expand = (rows: HistoryItem[]): HistoryItem[] =>
  rows.flatMap((h) => {
    if (!(isPlainObject(h.oldValue) || isPlainObject(h.newValue))) return [h];
    const before = isPlainObject(h.oldValue) ? h.oldValue : {};
    const after = isPlainObject(h.newValue) ? h.newValue : {};
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
    );
    if (!keys.length) return [h];
    return keys.map((k) => ({
      ...h,
      id: `${h.id}:${k}`,
      field: `${h.field}.${k}`,
      oldValue: before[k],
      newValue: after[k],
    }));
  });

export const HistoryTab = ({ customerId }: { customerId: string }) => {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const defs = useCustomFields();
  const history = useHistory(customerId);
  const rows = expand(flatten(history.data?.pages));
  const fieldLabel = (field: string) => {
    const [head, ...rest] = field.split('.');
    if (head === 'customFields' && rest.length) {
      const def = defs.data?.find((d) => d.key === rest[0]);
      const label = def ? (i18n.language === 'en-US' ? def.labelEn : def.labelZh) : rest.join('.');
      return `${t('customer.sections.customFields')} · ${label}`;
    }
    return t(`customer.fields.${rest.length ? rest[rest.length - 1] : head}`, { defaultValue: field });
  };

  const valueText = (field: string, v: unknown) => {
    if (typeof v === 'string' && field === 'stage') return t(`stage.${v}`, { defaultValue: v });
    if (typeof v === 'string' && field === 'type') return t(`customerType.${v}`, { defaultValue: v });
    return formatValue(v);
  };

  const columns: TableColumnsType<HistoryItem> = [
    {
      key: 'at',
      dataIndex: 'at',
      title: t('history.at'),
      width: 160,
      render: (v: string) => <Tooltip title={fmt.relative(v)}>{fmt.dateTime(v)}</Tooltip>,
    },
    {
      key: 'field',
      dataIndex: 'field',
      title: t('history.field'),
      width: 150,
      render: (v: string) => fieldLabel(v),
    },
    {
      key: 'change',
      title: t('history.change'),
      render: (_: unknown, h) => (
        <Typography.Text>
          <Typography.Text delete type="secondary">
            {valueText(h.field, h.oldValue)}
          </Typography.Text>
          {' → '}
          <Typography.Text strong>{valueText(h.field, h.newValue)}</Typography.Text>
        </Typography.Text>
      ),
    },
    {
      key: 'actor',
      dataIndex: 'actorName',
      title: t('history.actor'),
      width: 140,
      render: (v: string | null) => v ?? t('history.system'),
    },
  ];

  return (
    <Flex vertical gap={12}>
      {history.error && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
      <Table<HistoryItem>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={history.isPending}
        pagination={false}
        scroll={{ x: 700 }}
        locale={{ emptyText: history.isPending ? ' ' : <Empty description={t('history.empty')} /> }}
      />
      {history.hasNextPage && (
        <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
          {t('customers.loadMore')}
        </Button>
      )}
    </Flex>
  );
};
