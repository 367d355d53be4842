import { Progress, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import type { CustomerOut } from '@steward/contracts';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { Formatters } from '../../shared/format';
import type { Sort } from './api';
import { OwnerName, StageTag, TierTag } from './labels';

export const SORTABLE = ['name', 'createdAt', 'updatedAt'] as const;
export type SortField = (typeof SORTABLE)[number];

export const orderOf = (sort: Sort, field: SortField): SortOrder =>
  sort === field ? 'ascend' : sort === `-${field}` ? 'descend' : null;

export const customerColumns = (t: TFunction, fmt: Formatters, sort: Sort): TableColumnsType<CustomerOut> => [
  {
    key: 'name',
    dataIndex: 'name',
    title: t('customer.fields.name'),
    sorter: true,
    sortOrder: orderOf(sort, 'name'),
    fixed: 'left',
    width: 220,
    render: (name: string, c) => <Link to={`/customers/${c.id}`}>{name}</Link>,
  },
  {
    key: 'tier',
    dataIndex: 'tier',
    title: t('customer.fields.tier'),
    width: 72,
    render: (_: unknown, c) => <TierTag tier={c.tier} />,
  },
  {
    key: 'stage',
    dataIndex: 'stage',
    title: t('customer.fields.stage'),
    width: 110,
    render: (_: unknown, c) => <StageTag stage={c.stage} />,
  },
  {
    key: 'owner',
    dataIndex: 'ownerName',
    title: t('customer.fields.owner'),
    width: 170,
    ellipsis: true,
    render: (_: unknown, c) => <OwnerName name={c.ownerName} ownerId={c.ownerId} />,
  },
  { key: 'region', dataIndex: 'region', title: t('customer.fields.region'), width: 110, render: dash },
  { key: 'industry', dataIndex: 'industry', title: t('customer.fields.industry'), width: 120, render: dash },
  {
    key: 'phone',
    dataIndex: 'phone',
    title: t('customer.fields.phone'),
    width: 150,
    render: (phone: string | null, c) =>
      c.masked && phone ? (
        <Tooltip title={t('customer.maskedHint')}>
          <Typography.Text type="secondary">{phone}</Typography.Text>
        </Tooltip>
      ) : (
        dash(phone)
      ),
  },
  {
    key: 'completeness',
    dataIndex: 'completeness',
    title: t('customer.fields.completeness'),
    width: 140,
    render: (v: number) => (
      <Progress
        percent={v}
        size="small"
        aria-label={t('customer.completenessLabel', { value: v })}
        strokeColor={v < 50 ? '#d46b08' : undefined}
      />
    ),
  },
  {
    key: 'createdAt',
    dataIndex: 'createdAt',
    title: t('customer.fields.createdAt'),
    sorter: true,
    sortOrder: orderOf(sort, 'createdAt'),
    width: 150,
    render: (v: string) => fmt.dateTime(v),
  },
  {
    key: 'updatedAt',
    dataIndex: 'updatedAt',
    title: t('customer.fields.updatedAt'),
    sorter: true,
    sortOrder: orderOf(sort, 'updatedAt'),
    width: 150,
    render: (v: string) => <Tooltip title={fmt.dateTime(v)}>{fmt.relative(v)}</Tooltip>,
  },
];

const dash = (v: string | null | undefined) => v || '—';
