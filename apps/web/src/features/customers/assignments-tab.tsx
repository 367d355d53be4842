import { Empty, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AssignmentHistoryItem } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { flatten, useAssignments } from './api';

type Kind = AssignmentHistoryItem['kind'];
const KIND_COLORS: Record<Kind, string> = {
  create: 'default',
  assign: 'blue',
  release: 'orange',
  claim: 'green',
  reclaim: 'volcano',
  handover: 'purple',
  rule: 'cyan',
};

/** Who held the customer when: creation, assignments, releases to the pool, claims, reclaims. */
export const AssignmentsTab = ({ customerId }: { customerId: string }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const history = useAssignments(customerId);
  const rows = flatten(history.data?.pages);
  const holder = (id: string | null, name: string | null) =>
    id ? (name ?? '—') : <Tag color="geekblue">{t('customer.publicPool')}</Tag>;

  const columns: TableColumnsType<AssignmentHistoryItem> = [
    {
      key: 'at',
      dataIndex: 'at',
      title: t('assignments.at'),
      width: 160,
      render: (v: string) => <Tooltip title={fmt.relative(v)}>{fmt.dateTime(v)}</Tooltip>,
    },
    {
      key: 'kind',
      dataIndex: 'kind',
      title: t('assignments.kind'),
      width: 110,
      render: (k: Kind) => <Tag color={KIND_COLORS[k]}>{t(`assignments.kinds.${k}`)}</Tag>,
    },
    {
      key: 'change',
      title: t('assignments.change'),
      width: 260,
      render: (_: unknown, a) => (
        <Typography.Text>
          {holder(a.fromUserId, a.fromName)}
          {' → '}
          <Typography.Text strong>{holder(a.toUserId, a.toName)}</Typography.Text>
        </Typography.Text>
      ),
    },
    {
      key: 'actor',
      dataIndex: 'actorName',
      title: t('assignments.actor'),
      width: 140,
      render: (v: string | null, a) => v ?? (a.ruleId ? t('assignments.byRule') : t('history.system')),
    },
    {
      key: 'reason',
      dataIndex: 'reason',
      title: t('assignments.reason'),
      render: (v: string | null) => v || '—',
    },
  ];

  return (
    <Flex vertical gap={12}>
      {history.error && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
      <Table<AssignmentHistoryItem>
        data-testid="assignments-table"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={history.isPending}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{
          emptyText: history.isPending ? ' ' : <Empty description={t('assignments.empty')} />,
        }}
      />
    </Flex>
  );
};
