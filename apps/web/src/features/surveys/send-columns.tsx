import { Rate, Tag, Typography } from 'antd';
import type { SurveySendOut } from '@steward/contracts';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { useFormat } from '../../shared/format';

const STATUS_COLOR = { pending: 'blue', answered: 'green', expired: 'default' } as const;

/** Columns of the sends table: who, which survey, when, and the answer. */
export const sendColumns = (t: TFunction, fmt: ReturnType<typeof useFormat>) => [
  {
    title: t('surveys.col.customer'),
    key: 'customer',
    render: (_: unknown, r: SurveySendOut) => (
      <Link to={`/customers/${r.customerId}`}>{r.customerName ?? '—'}</Link>
    ),
  },
  {
    title: t('surveys.col.template'),
    key: 'template',
    render: (_: unknown, r: SurveySendOut) => (
      <span>
        {r.templateName} <Tag>{t(`surveys.kind.${r.kind}`)}</Tag>
      </span>
    ),
  },
  {
    title: t('surveys.col.owner'),
    key: 'owner',
    render: (_: unknown, r: SurveySendOut) => r.ownerName ?? '—',
  },
  {
    title: t('surveys.col.trigger'),
    key: 'trigger',
    render: (_: unknown, r: SurveySendOut) => t(`surveys.sendTrigger.${r.trigger}`),
  },
  {
    title: t('surveys.col.sentAt'),
    key: 'sentAt',
    render: (_: unknown, r: SurveySendOut) => fmt.dateTime(r.sentAt),
  },
  {
    title: t('surveys.col.status'),
    key: 'status',
    render: (_: unknown, r: SurveySendOut) => (
      <Tag color={STATUS_COLOR[r.status]}>{t(`surveys.status.${r.status}`)}</Tag>
    ),
  },
  {
    title: t('surveys.col.score'),
    key: 'score',
    render: (_: unknown, r: SurveySendOut) =>
      r.score === null ? (
        '—'
      ) : r.kind === 'csat' ? (
        <span>
          <Rate disabled value={r.score} style={{ fontSize: 14 }} />{' '}
          {r.low && <Tag color="red">{t('surveys.low')}</Tag>}
        </span>
      ) : (
        <span>
          <Typography.Text strong>{r.score}</Typography.Text> / 10{' '}
          {r.low && <Tag color="red">{t('surveys.low')}</Tag>}
        </span>
      ),
  },
  {
    title: t('surveys.col.comment'),
    key: 'comment',
    ellipsis: true,
    render: (_: unknown, r: SurveySendOut) => r.comment ?? '',
  },
  {
    title: t('surveys.col.link'),
    key: 'link',
    render: (_: unknown, r: SurveySendOut) =>
      r.url && r.status === 'pending' ? (
        <Typography.Text copyable={{ text: r.url, tooltips: [t('surveys.copyLink'), t('surveys.copied')] }}>
          {t('surveys.link')}
        </Typography.Text>
      ) : null,
  },
];
