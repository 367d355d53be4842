import { Button, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { CustomerOut } from '@steward/contracts';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { Formatters } from '../../shared/format';
import { StageTag, TierTag } from '../customers/labels';

type ClaimState = {
  /** Why claiming is not possible right now, or null when it is. */
  blockedReason: string | null;
  claimingId: string | null;
  onClaim: (c: CustomerOut) => void;
  /** Whether the caller may open pool customers (only those who see the whole organization). */
  canOpen: boolean;
};

const dash = (v: string | null | undefined) => v || '—';

export const poolColumns = (
  t: TFunction,
  fmt: Formatters,
  claim: ClaimState,
): TableColumnsType<CustomerOut> => [
  {
    key: 'name',
    dataIndex: 'name',
    title: t('customer.fields.name'),
    fixed: 'left',
    width: 220,
    render: (name: string, c) => (claim.canOpen ? <Link to={`/customers/${c.id}`}>{name}</Link> : name),
  },
  {
    key: 'tier',
    dataIndex: 'tier',
    title: t('customer.fields.tier'),
    width: 80,
    render: (_: unknown, c) => <TierTag tier={c.tier} />,
  },
  {
    key: 'stage',
    dataIndex: 'stage',
    title: t('customer.fields.stage'),
    width: 110,
    render: (_: unknown, c) => <StageTag stage={c.stage} />,
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
          <Typography.Text type="secondary" data-testid={`pool-phone-${c.id}`}>
            {phone}
          </Typography.Text>
        </Tooltip>
      ) : (
        <span data-testid={`pool-phone-${c.id}`}>{dash(phone)}</span>
      ),
  },
  {
    key: 'createdAt',
    dataIndex: 'createdAt',
    title: t('customer.fields.createdAt'),
    width: 150,
    render: (v: string) => fmt.dateTime(v),
  },
  {
    key: 'claim',
    title: t('common.actions'),
    fixed: 'right',
    width: 110,
    render: (_: unknown, c) => {
      const button = (
        <Button
          type="primary"
          size="small"
          disabled={claim.blockedReason !== null || (claim.claimingId !== null && claim.claimingId !== c.id)}
          loading={claim.claimingId === c.id}
          onClick={() => claim.onClaim(c)}
          aria-label={t('pool.claimLabel', { name: c.name })}
          data-testid={`claim-${c.id}`}
        >
          {t('pool.claim')}
        </Button>
      );
      // A disabled button swallows pointer events, so the tooltip needs a wrapper to hover.
      return claim.blockedReason ? (
        <Tooltip title={claim.blockedReason}>
          <span style={{ display: 'inline-block', cursor: 'not-allowed' }}>{button}</span>
        </Tooltip>
      ) : (
        button
      );
    },
  },
];
