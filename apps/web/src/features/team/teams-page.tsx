import { useState } from 'react';
import { Alert, App, Button, Empty, Flex, Popconfirm, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { TeamOut } from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ErrorAlert } from '../../shared/errors';
import { useSession } from '../../shared/session';
import { useUsers } from '../customers/api';
import { useTeams } from '../pool/api';
import { ORG_EDIT_ROLES, teamKeys } from './api';
import { TeamModal, type TeamEdit } from './team-modal';
import { teamErrorText } from './team-errors';

type Node = TeamOut & { children?: Node[] };

const toTree = (teams: TeamOut[]): Node[] => {
  const ids = new Set(teams.map((x) => x.id));
  const build = (parentId: string | null): Node[] =>
    teams
      .filter((x) => (parentId === null ? !x.parentId || !ids.has(x.parentId) : x.parentId === parentId))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((x) => {
        const children = build(x.id);
        return children.length ? { ...x, children } : { ...x };
      });
  return build(null);
};

/** The team tree with leads and head counts; admins and directors add, rename, move and delete. */
export const TeamsPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const users = useUsers();
  const [edit, setEdit] = useState<TeamEdit | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const canEdit = ORG_EDIT_ROLES.includes(me.user.role);
  const teamList = teams.data?.data ?? [];
  const people = users.data?.data ?? [];
  const nameOf = (id: string | null) => (id ? people.find((u) => u.id === id)?.name : undefined);

  const remove = async (team: TeamOut) => {
    setDeleteError(null);
    try {
      await api.del(`/teams/${team.id}`);
      await queryClient.invalidateQueries({ queryKey: teamKeys.teams });
      message.success(t('teams.deleted', { name: team.name }));
    } catch (e) {
      setDeleteError(teamErrorText(t, e));
    }
  };

  const columns: TableColumnsType<Node> = [
    {
      key: 'name',
      dataIndex: 'name',
      title: t('teams.name'),
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      key: 'lead',
      dataIndex: 'leadId',
      title: t('teams.lead'),
      width: 200,
      render: (id: string | null) =>
        id ? (
          <Link to={`/team/people/${id}`}>{nameOf(id) ?? '—'}</Link>
        ) : (
          <Typography.Text type="secondary">{t('teams.noLead')}</Typography.Text>
        ),
    },
    {
      key: 'members',
      title: t('people.title'),
      width: 120,
      render: (_: unknown, x) => (
        <Link to={`/team/people?teamId=${x.id}`}>
          {t('teams.members', {
            count: people.filter((u) => u.teamId === x.id && u.status !== 'departed').length,
          })}
        </Link>
      ),
    },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 260,
            render: (_: unknown, x: Node) => (
              <Space size={4} wrap>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEdit({ team: x })}
                  data-testid={`team-edit-${x.id}`}
                >
                  {t('common.edit')}
                </Button>
                <Button size="small" icon={<PlusOutlined />} onClick={() => setEdit({ parentId: x.id })}>
                  {t('teams.addChild')}
                </Button>
                <Popconfirm
                  title={t('teams.deleteConfirm', { name: x.name })}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(x)}
                >
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`${t('common.delete')} ${x.name}`}
                    data-testid={`team-delete-${x.id}`}
                  />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="baseline" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('teams.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {canEdit ? t('teams.subtitle') : t('teams.readOnly')}
          </Typography.Text>
        </Flex>
        {canEdit && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEdit({ parentId: null })}
            data-testid="new-team"
          >
            {t('teams.add')}
          </Button>
        )}
      </Flex>
      {deleteError && (
        <Alert
          type="error"
          showIcon
          closable
          title={deleteError}
          onClose={() => setDeleteError(null)}
          data-testid="team-delete-error"
        />
      )}
      {teams.error && <ErrorAlert error={teams.error} onRetry={() => void teams.refetch()} />}
      <Table<Node>
        data-testid="team-tree"
        rowKey="id"
        columns={columns}
        dataSource={toTree(teamList)}
        loading={teams.isPending}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        key={teamList.length}
        size="middle"
        locale={{
          emptyText: teams.isPending ? (
            ' '
          ) : teams.error ? (
            t('teams.loadFailed')
          ) : (
            <Empty description={t('teams.empty')} />
          ),
        }}
      />
      <TeamModal edit={edit} teams={teamList} users={people} onClose={() => setEdit(null)} />
    </Flex>
  );
};
