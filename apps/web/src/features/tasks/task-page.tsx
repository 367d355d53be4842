import { useState } from 'react';
import { App, Button, Empty, Flex, Table, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { TaskOut, TaskStatus } from '@steward/contracts';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useFormat } from '../../shared/format';
import { useSession } from '../../shared/session';
import { flatten } from '../customers/api';
import { TASK_TABS, tabQuery, useTasks, useUpdateTask, type TaskTab } from './api';
import { taskColumns } from './task-columns';
import { TaskModal } from './task-modal';
import { ExportButton } from '../exports/export-button';
import { NO_FILTERS, TaskFilters, useFilterQuery, type TaskFilterValues } from './task-filters';

const EMPTY_KEYS = { mine: 'tasks.emptyMine', overdue: 'tasks.emptyOverdue', all: 'tasks.emptyAll' } as const;

/** Tasks: mine, overdue (for leads, their people's) and everything the caller can see. */
export const TaskPage = () => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: TaskTab = TASK_TABS.includes(raw as TaskTab) ? (raw as TaskTab) : 'mine';
  const [creating, setCreating] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [filters, setFilters] = useState<TaskFilterValues>(NO_FILTERS);
  const filterQuery = useFilterQuery(filters);
  const list = useTasks({ ...tabQuery(tab, me.user.id), ...filterQuery });
  const update = useUpdateTask();
  const rows = flatten<TaskOut>(list.data?.pages);

  const changeStatus = (task: TaskOut, status: TaskStatus) => {
    setBusyId(task.id);
    update.mutate(
      { id: task.id, patch: { status } },
      {
        onSuccess: () => message.success(t('tasks.updated')),
        onError: (e) =>
          message.error(
            e instanceof ApiError && e.code === 'illegal_transition'
              ? t('tasks.illegalTransition')
              : errorText(t, e),
          ),
        onSettled: () => setBusyId(null),
      },
    );
  };

  const empty = (
    <Empty description={t(EMPTY_KEYS[tab])}>
      {tab !== 'overdue' && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('tasks.new')}
        </Button>
      )}
    </Empty>
  );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="baseline" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('tasks.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('tasks.subtitle')}</Typography.Text>
        </Flex>
        <Flex gap={8} wrap>
          <ExportButton list="tasks" filters={{ ...tabQuery(tab, me.user.id), ...filterQuery }} />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="new-task"
          >
            {t('tasks.new')}
          </Button>
        </Flex>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'mine' ? {} : { tab: k }, { replace: true })}
        items={TASK_TABS.map((k) => ({
          key: k,
          label: <span data-testid={`task-tab-${k}`}>{t(`tasks.tabs.${k}`)}</span>,
        }))}
        style={{ marginBottom: -16 }}
      />
      <TaskFilters value={filters} onChange={setFilters} />
      {list.error && !list.isFetchingNextPage && (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      )}
      <Table<TaskOut>
        data-testid="task-table"
        rowKey="id"
        columns={taskColumns(t, fmt, { busyId, onChange: changeStatus })}
        dataSource={rows}
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
        pagination={false}
        scroll={{ x: 1100 }}
        size="middle"
        locale={{ emptyText: list.isPending ? ' ' : list.error ? t('tasks.loadFailed') : empty }}
      />
      {rows.length > 0 && (
        <Flex justify="center" align="center" gap={12}>
          <Typography.Text type="secondary">
            {t('tasks.shown', { count: rows.length, shown: fmt.number(rows.length) })}
          </Typography.Text>
          {list.hasNextPage && (
            <Button
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
              data-testid="task-load-more"
            >
              {t('tasks.loadMore')}
            </Button>
          )}
        </Flex>
      )}
      <TaskModal open={creating} onClose={() => setCreating(false)} onCreated={() => setCreating(false)} />
    </Flex>
  );
};
