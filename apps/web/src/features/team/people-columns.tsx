import type { TableColumnsType } from 'antd';
import type { UserSummary } from '@steward/contracts';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { LoadBar, UserStatusTag } from './labels';

export const peopleColumns = (
  t: TFunction,
  teamName: (id: string | null) => string,
): TableColumnsType<UserSummary> => [
  {
    key: 'name',
    dataIndex: 'name',
    title: t('people.fields.name'),
    width: 190,
    defaultSortOrder: 'ascend',
    fixed: 'left',
    sorter: (a, b) => a.name.localeCompare(b.name),
    render: (name: string, u) => (
      <Link to={`/team/people/${u.id}`} data-testid={`person-${u.id}`}>
        {name}
      </Link>
    ),
  },
  { key: 'email', dataIndex: 'email', title: t('people.fields.email'), width: 200, ellipsis: true },
  {
    key: 'role',
    dataIndex: 'role',
    title: t('people.fields.role'),
    width: 130,
    render: (v: string) => t(`roles.${v}`, { defaultValue: v }),
  },
  {
    key: 'team',
    dataIndex: 'teamId',
    title: t('people.fields.team'),
    width: 140,
    render: (v: string | null) => teamName(v),
  },
  {
    key: 'level',
    dataIndex: 'level',
    title: t('people.fields.level'),
    width: 100,
    render: (v: string) => t(`level.${v}`, { defaultValue: v }),
  },
  {
    key: 'capacity',
    dataIndex: 'capacity',
    title: t('people.fields.capacity'),
    width: 100,
    align: 'right',
    sorter: (a, b) => a.capacity - b.capacity,
  },
  {
    key: 'load',
    dataIndex: 'load',
    title: t('people.fields.load'),
    width: 190,
    sorter: (a, b) => a.load / Math.max(1, a.capacity) - b.load / Math.max(1, b.capacity),
    render: (_: unknown, u) => <LoadBar load={u.load} capacity={u.capacity} width={110} />,
  },
  {
    key: 'status',
    dataIndex: 'status',
    title: t('people.fields.status'),
    width: 90,
    render: (v: string) => <UserStatusTag status={v} />,
  },
];
