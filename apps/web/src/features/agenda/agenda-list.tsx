import { Button, Card, Empty, Flex, List, Space, Tag, Typography } from 'antd';
import type { TaskOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../shared/format';

const STATUS_COLORS: Record<string, string> = { open: 'default', in_progress: 'processing', done: 'success' };
const isOpen = (t: TaskOut) => t.status === 'open' || t.status === 'in_progress';

type Props = {
  bucket: 'overdue' | 'today' | 'upcoming';
  tasks: TaskOut[];
  loading: boolean;
  busyId: string | null;
  onLogVisit: (task: TaskOut) => void;
  onDone: (task: TaskOut) => void;
};

/** One agenda bucket: its tasks with the customer, the due time and what to do next. */
export const AgendaList = ({ bucket, tasks, loading, busyId, onLogVisit, onDone }: Props) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const when = (task: TaskOut) =>
    bucket === 'today' ? fmt.dateTime(task.dueAt).slice(11) : fmt.dateTime(task.dueAt);
  return (
    <Card
      size="small"
      data-testid={`agenda-${bucket}`}
      title={
        <Space>
          {t(`agenda.buckets.${bucket}`)}
          <Tag color={bucket === 'overdue' && tasks.length ? 'red' : 'default'}>
            {fmt.number(tasks.length)}
          </Tag>
        </Space>
      }
    >
      <List<TaskOut>
        loading={loading}
        dataSource={tasks}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`agenda.empty.${bucket}`)} />,
        }}
        renderItem={(task) => (
          <List.Item
            data-testid={`agenda-task-${task.id}`}
            actions={
              isOpen(task)
                ? [
                    task.type === 'visit' && task.customerId ? (
                      <Button
                        key="log"
                        size="small"
                        type="primary"
                        ghost
                        onClick={() => onLogVisit(task)}
                        data-testid={`agenda-log-${task.id}`}
                      >
                        {t('agenda.logVisit')}
                      </Button>
                    ) : (
                      <Button
                        key="done"
                        size="small"
                        loading={busyId === task.id}
                        onClick={() => onDone(task)}
                        data-testid={`agenda-done-${task.id}`}
                      >
                        {t('agenda.markDone')}
                      </Button>
                    ),
                  ]
                : []
            }
          >
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Space size={6} wrap>
                <Tag>{t(`taskType.${task.type}`)}</Tag>
                <Typography.Text delete={task.status === 'done'} strong={isOpen(task)}>
                  {task.title}
                </Typography.Text>
                {task.status !== 'open' && (
                  <Tag color={STATUS_COLORS[task.status]} data-testid={`agenda-status-${task.id}`}>
                    {t(`taskStatus.${task.status}`)}
                  </Tag>
                )}
                {task.escalatedAt && <Tag color="volcano">{t('agenda.escalated')}</Tag>}
              </Space>
              <Typography.Text type={task.overdue ? 'danger' : 'secondary'}>
                {when(task)}
                {task.customerId && (
                  <>
                    {' · '}
                    <Link to={`/customers/${task.customerId}`}>{task.customerName ?? '—'}</Link>
                  </>
                )}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
};
