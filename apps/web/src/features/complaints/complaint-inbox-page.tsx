import { useState } from 'react';
import { Button, Checkbox, Empty, Flex, Input, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { COMPLAINT_SEVERITY_VALUES, COMPLAINT_STATUS_VALUES, type ComplaintOut } from '@steward/contracts';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { flatten } from '../customers/api';
import { ExportButton } from '../exports/export-button';
import { COMPLAINT_WRITERS, SLA_SETTINGS_ROLES, useComplaints } from './api';
import { ComplaintModal } from './complaint-modal';
import { SeverityTag, SlaCountdown, StatusTag, useCode } from './labels';

const OPEN_STATUSES = ['open', 'acknowledged', 'in_progress', 'waiting_customer'];

/** The complaint inbox: running complaints by urgency with their SLA countdowns, filterable. */
export const ComplaintInboxPage = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const code = useCode();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const status = params.get('status')?.split(',').filter(Boolean) ?? OPEN_STATUSES;
  const severity = params.get('severity')?.split(',').filter(Boolean) ?? [];
  const breached = params.get('breached') === 'true';
  const q = params.get('q') ?? '';
  const list = useComplaints({ status, severity, breached: breached ? 'true' : undefined, q });
  const rows = flatten<ComplaintOut>(list.data?.pages);

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<ComplaintOut> = [
    {
      title: t('complaints.fields.customer'),
      key: 'customer',
      render: (_, c) => (
        <Link to={`/complaints/${c.id}`} data-testid="complaint-link">
          {c.customerName ?? '—'}
        </Link>
      ),
    },
    {
      title: t('complaints.fields.category'),
      key: 'category',
      render: (_, c) => code('category', c.category),
    },
    {
      title: t('complaints.fields.severity'),
      key: 'severity',
      render: (_, c) => <SeverityTag severity={c.severity} />,
    },
    {
      title: t('complaints.fields.status'),
      key: 'status',
      render: (_, c) => <StatusTag status={c.status} />,
    },
    { title: t('complaints.fields.sla'), key: 'sla', render: (_, c) => <SlaCountdown complaint={c} /> },
    { title: t('complaints.fields.assignee'), key: 'assignee', render: (_, c) => c.assigneeName ?? '—' },
    {
      title: t('complaints.fields.createdAt'),
      key: 'createdAt',
      render: (_, c) => fmt.dateTime(c.createdAt),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="baseline" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('complaints.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('complaints.subtitle')}</Typography.Text>
        </Flex>
        <Flex gap={8}>
          <ExportButton
            list="complaints"
            filters={{
              status: status.join(','),
              severity: severity.join(','),
              breached: breached ? 'true' : undefined,
              q,
            }}
          />
          {SLA_SETTINGS_ROLES.includes(me.user.role) && (
            <Button icon={<SettingOutlined />} onClick={() => navigate('/settings/sla')}>
              {t('navService.sla')}
            </Button>
          )}
          {COMPLAINT_WRITERS.includes(me.user.role) && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="new-complaint"
            >
              {t('complaints.new')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Flex gap={8} wrap align="center">
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('complaints.searchPlaceholder')}
          onSearch={(v) => set('q', v.trim())}
          style={{ width: 240 }}
          data-testid="complaint-search"
        />
        <Select
          mode="multiple"
          allowClear
          value={status}
          onChange={(v: string[]) => set('status', v.join(','))}
          placeholder={t('complaints.fields.status')}
          options={COMPLAINT_STATUS_VALUES.map((s) => ({ value: s, label: t(`complaints.status.${s}`) }))}
          style={{ minWidth: 260 }}
          aria-label={t('complaints.fields.status')}
        />
        <Select
          mode="multiple"
          allowClear
          value={severity}
          onChange={(v: string[]) => set('severity', v.join(','))}
          placeholder={t('complaints.fields.severity')}
          options={COMPLAINT_SEVERITY_VALUES.map((s) => ({ value: s, label: t(`complaints.severity.${s}`) }))}
          style={{ minWidth: 180 }}
          aria-label={t('complaints.fields.severity')}
        />
        <Checkbox checked={breached} onChange={(e) => set('breached', e.target.checked ? 'true' : null)}>
          {t('complaints.breachedOnly')}
        </Checkbox>
      </Flex>
      {list.error && !list.isFetchingNextPage && (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      )}
      <Table<ComplaintOut>
        data-testid="complaint-table"
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
            <Empty description={t('complaints.empty')} />
          ),
        }}
      />
      {list.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('complaints.loadMore')}
          </Button>
        </Flex>
      )}
      <ComplaintModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          navigate(`/complaints/${c.id}`);
        }}
      />
    </Flex>
  );
};
