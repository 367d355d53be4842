import { Button, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TaskOut, TaskPriority, TaskStatus } from '@steward/contracts';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { Formatters } from '../../shared/format';

const PRIORITY_COLORS: Record<TaskPriority, string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};
const STATUS_COLORS: Record<TaskStatus, string> = {
  open: 'default',
  in_progress: 'processing',
  done: 'success',
  cancelled: 'default',
};

type Actions = { busyId: string | null; onChange: (task: TaskOut, status: TaskStatus) => void };

export const taskColumns = (t: TFunction, fmt: Formatters, a: Actions): TableColumnsType<TaskOut> => [
  {
    key: 'title',
    dataIndex: 'title',
    title: t('tasks.fields.title'),
    minWidth: 160,
    render: (title: string, task) => (
      <Space size={4} wrap>
        <Typography.Text delete={task.status === 'cancelled'} data-testid={`task-title-${task.id}`}>
          {title}
        </Typography.Text>
        {task.escalatedAt && <Tag color="volcano">{t('taskFilters.escalated')}</Tag>}
      </Space>
    ),
  },
  {
    key: 'type',
    dataIndex: 'type',
    title: t('tasks.fields.type'),
    width: 90,
    render: (v: string) => t(`taskType.${v}`, { defaultValue: v }),
  },
  {
    key: 'customer',
    dataIndex: 'customerName',
    title: t('tasks.fields.customer'),
    width: 170,
    render: (name: string | null, task) =>
      task.customerId ? <Link to={`/customers/${task.customerId}`}>{name ?? '—'}</Link> : '—',
  },
  {
    key: 'assignee',
    dataIndex: 'assigneeName',
    title: t('tasks.fields.assignee'),
    width: 130,
    render: (v: string | null) => v ?? '—',
  },
  {
    key: 'dueAt',
    dataIndex: 'dueAt',
    title: t('tasks.fields.dueAt'),
    width: 215,
    render: (v: string, task) =>
      task.overdue ? (
        <Space size={4} style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text type="danger">{fmt.dateTime(v)}</Typography.Text>
          <Tag color="red">{t('tasks.overdueTag')}</Tag>
        </Space>
      ) : (
        fmt.dateTime(v)
      ),
  },
  {
    key: 'priority',
    dataIndex: 'priority',
    title: t('tasks.fields.priority'),
    width: 90,
    render: (v: TaskPriority) => <Tag color={PRIORITY_COLORS[v]}>{t(`taskPriority.${v}`)}</Tag>,
  },
  {
    key: 'status',
    dataIndex: 'status',
    title: t('tasks.fields.status'),
    width: 100,
    render: (v: TaskStatus) => <Tag color={STATUS_COLORS[v]}>{t(`taskStatus.${v}`)}</Tag>,
  },
  {
    key: 'actions',
    title: t('common.actions'),
    width: 140,
    fixed: 'right',
    render: (_: unknown, task) => (
      <Space size={4}>
        {task.status === 'open' && (
          <Button
            size="small"
            loading={a.busyId === task.id}
            onClick={() => a.onChange(task, 'in_progress')}
            data-testid={`task-start-${task.id}`}
          >
            {t('tasks.start')}
          </Button>
        )}
        {(task.status === 'open' || task.status === 'in_progress') && (
          <Button
            size="small"
            type="primary"
            ghost
            loading={a.busyId === task.id}
            onClick={() => a.onChange(task, 'done')}
            data-testid={`task-done-${task.id}`}
          >
            {t('tasks.done')}
          </Button>
        )}
      </Space>
    ),
  },
];
