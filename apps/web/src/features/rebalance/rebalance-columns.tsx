import { Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { LoadBar } from '../team/labels';
import { reasonText, type ManagerLoad, type Move } from './api';

const REASON_COLORS: Record<string, string> = {
  even_load: 'blue',
  improve_fit: 'green',
  swap_improve_fit: 'purple',
};

/** Managers' customers before and after the proposal, against their capacity. */
export const managerColumns = (t: TFunction): TableColumnsType<ManagerLoad> => [
  {
    key: 'name',
    dataIndex: 'name',
    title: t('rebalance.fields.manager'),
    width: 180,
    render: (name: string, m) => <Link to={`/team/people/${m.id}`}>{name}</Link>,
  },
  {
    key: 'capacity',
    dataIndex: 'capacity',
    title: t('rebalance.fields.capacity'),
    width: 90,
    align: 'right',
  },
  {
    key: 'before',
    title: t('rebalance.fields.before'),
    width: 200,
    render: (_: unknown, m) => <LoadBar load={m.before} capacity={m.capacity} width={130} />,
  },
  {
    key: 'after',
    title: t('rebalance.fields.after'),
    width: 200,
    render: (_: unknown, m) => <LoadBar load={m.after} capacity={m.capacity} width={130} />,
  },
  {
    key: 'change',
    title: t('rebalance.fields.change'),
    width: 90,
    align: 'right',
    sorter: (a, b) => a.after - a.before - (b.after - b.before),
    render: (_: unknown, m) => {
      const d = m.after - m.before;
      if (d === 0) return <Typography.Text type="secondary">0</Typography.Text>;
      return <Typography.Text type={d > 0 ? 'warning' : 'success'}>{d > 0 ? `+${d}` : d}</Typography.Text>;
    },
  },
];

/** The proposed moves as a diff: customer, from → to, and why. */
export const moveColumns = (t: TFunction): TableColumnsType<Move> => [
  {
    key: 'customer',
    dataIndex: 'customerName',
    title: t('rebalance.fields.customer'),
    width: 200,
    render: (name: string, m) => <Link to={`/customers/${m.customerId}`}>{name}</Link>,
  },
  {
    key: 'move',
    title: t('rebalance.fields.move'),
    width: 260,
    render: (_: unknown, m) => (
      <Space size={6} wrap>
        <Typography.Text delete type="secondary">
          {m.fromName}
        </Typography.Text>
        <ArrowRightOutlined aria-label={t('rebalance.fields.to')} />
        <Typography.Text strong>{m.toName}</Typography.Text>
      </Space>
    ),
  },
  {
    key: 'reason',
    title: t('rebalance.fields.reason'),
    render: (_: unknown, m) => (
      <Space size={6} wrap>
        <Tag color={REASON_COLORS[m.reason.code] ?? 'default'}>
          {t(`rebalance.reasonTags.${m.reason.code}`, { defaultValue: m.reason.code })}
        </Tag>
        <Typography.Text>{reasonText(t, m.reason)}</Typography.Text>
      </Space>
    ),
  },
];
