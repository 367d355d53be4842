import { useState } from 'react';
import { Button, Card, Empty, Flex, Input, Select, Table, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { RoleSchema, USER_STATUSES, type UserSummary } from '@steward/contracts';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/errors';
import { useSession } from '../../shared/session';
import { useTeams } from '../pool/api';
import { usePeople, type PeopleFilters } from './api';
import { peopleColumns } from './people-columns';
import { PersonModal } from './person-modal';

/** Everyone the caller may manage, with level, capacity and load; admins add people here. */
export const PeoplePage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const filters: PeopleFilters = {
    teamId: params.get('teamId') ?? undefined,
    role: params.get('role') ?? undefined,
    status: params.get('status') ?? undefined,
  };
  const people = usePeople(filters);
  const teams = useTeams();
  const teamList = teams.data?.data ?? [];
  const teamName = (id: string | null) =>
    id ? (teamList.find((x) => x.id === id)?.name ?? '—') : t('people.noTeam');
  const needle = q.trim().toLowerCase();
  const rows = (people.data?.data ?? []).filter(
    (u) => !needle || u.name.toLowerCase().includes(needle) || u.email.toLowerCase().includes(needle),
  );
  const active = Boolean(needle || filters.teamId || filters.role || filters.status);

  const setFilter = (key: keyof PeopleFilters, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const empty = active ? (
    <Empty description={t('people.emptyFiltered')}>
      <Button
        onClick={() => {
          setQ('');
          setParams({}, { replace: true });
        }}
      >
        {t('customers.clearFilters')}
      </Button>
    </Empty>
  ) : (
    <Empty description={t('people.empty')} />
  );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="baseline" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('people.title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="people-count">
            {people.data ? t('people.count', { count: rows.length }) : t('people.subtitle')}
          </Typography.Text>
        </Flex>
        {me.user.role === 'admin' && (
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            onClick={() => setAdding(true)}
            data-testid="add-person"
          >
            {t('people.add')}
          </Button>
        )}
      </Flex>
      <Card size="small">
        <Flex gap={8} wrap>
          <Input.Search
            allowClear
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('people.search')}
            aria-label={t('people.search')}
            style={{ width: 240 }}
            data-testid="people-search"
          />
          <Select
            allowClear
            value={filters.teamId}
            onChange={(v?: string) => setFilter('teamId', v)}
            placeholder={t('people.filterTeam')}
            aria-label={t('people.fields.team')}
            options={teamList.map((x) => ({ value: x.id, label: x.name }))}
            style={{ width: 180 }}
            data-testid="people-team"
          />
          <Select
            allowClear
            value={filters.role}
            onChange={(v?: string) => setFilter('role', v)}
            placeholder={t('people.filterRole')}
            aria-label={t('people.fields.role')}
            options={RoleSchema.options.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            style={{ width: 160 }}
            data-testid="people-role"
          />
          <Select
            allowClear
            value={filters.status}
            onChange={(v?: string) => setFilter('status', v)}
            placeholder={t('people.filterStatus')}
            aria-label={t('people.fields.status')}
            options={USER_STATUSES.map((s) => ({ value: s, label: t(`userStatus.${s}`) }))}
            style={{ width: 140 }}
            data-testid="people-status"
          />
        </Flex>
      </Card>
      {people.error && <ErrorAlert error={people.error} onRetry={() => void people.refetch()} />}
      <Table<UserSummary>
        data-testid="people-table"
        rowKey="id"
        columns={peopleColumns(t, teamName)}
        dataSource={rows}
        loading={people.isPending || people.isFetching}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 1150 }}
        size="middle"
        onRow={(u) => ({ onDoubleClick: () => navigate(`/team/people/${u.id}`) })}
        locale={{ emptyText: people.isPending ? ' ' : people.error ? t('people.loadFailed') : empty }}
        showSorterTooltip={false}
      />
      <PersonModal
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(u) => navigate(`/team/people/${u.id}`)}
      />
    </Flex>
  );
};
