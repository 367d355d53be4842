import { useState } from 'react';
import { App, Col, Flex, Modal, Row, Select, Typography } from 'antd';
import type { TaskOut } from '@steward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, errorText } from '../../shared/errors';
import { useSession } from '../../shared/session';
import { useUsers } from '../customers/api';
import { InteractionForm } from '../customers/interaction-form';
import { useUpdateTask } from '../tasks/api';
import { TEAM_ROLES } from '../team/api';
import { agendaKeys, useAgenda } from './api';
import { AgendaCalendar } from './agenda-calendar';
import { AgendaList } from './agenda-list';

/** A manager's day: overdue, today and upcoming work, a month calendar, and logging a visit in place. */
export const AgendaPage = () => {
  const { t } = useTranslation();
  const me = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const lead = TEAM_ROLES.includes(me.user.role);
  const users = useUsers();
  const [who, setWho] = useState<string>(me.user.id);
  const agenda = useAgenda(who === me.user.id ? undefined : who);
  const update = useUpdateTask();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [logging, setLogging] = useState<TaskOut | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: agendaKeys.all });
  const markDone = (task: TaskOut) => {
    setBusyId(task.id);
    update.mutate(
      { id: task.id, patch: { status: 'done' } },
      {
        onSuccess: () => message.success(t('agenda.doneSaved')),
        onError: (e) => message.error(errorText(t, e)),
        onSettled: () => {
          setBusyId(null);
          void refresh();
        },
      },
    );
  };

  const people = (users.data?.data ?? []).filter(
    (u) => u.status !== 'departed' && (u.role === 'manager' || u.role === 'team_lead' || u.id === me.user.id),
  );
  const lists = {
    overdue: agenda.data?.overdue ?? [],
    today: agenda.data?.today ?? [],
    upcoming: agenda.data?.upcoming ?? [],
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="baseline" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('agenda.title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="agenda-date">
            {agenda.data ? t('agenda.todayIs', { date: agenda.data.date }) : t('agenda.subtitle')}
          </Typography.Text>
        </Flex>
        {lead && people.length > 0 && (
          <Select
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 220 }}
            value={who}
            onChange={setWho}
            aria-label={t('agenda.person')}
            options={people.map((u) => ({
              value: u.id,
              label: u.id === me.user.id ? t('agenda.me') : u.name,
            }))}
          />
        )}
      </Flex>
      {agenda.error && <ErrorAlert error={agenda.error} onRetry={() => void agenda.refetch()} />}
      <Row gutter={[16, 16]}>
        {(['overdue', 'today', 'upcoming'] as const).map((b) => (
          <Col key={b} xs={24} lg={8}>
            <AgendaList
              bucket={b}
              tasks={lists[b]}
              loading={agenda.isPending}
              busyId={busyId}
              onLogVisit={setLogging}
              onDone={markDone}
            />
          </Col>
        ))}
      </Row>
      <AgendaCalendar assigneeId={who} />
      <Modal
        open={logging !== null}
        title={logging ? t('agenda.logTitle', { title: logging.title }) : ''}
        footer={null}
        width={760}
        destroyOnHidden
        onCancel={() => setLogging(null)}
      >
        {logging?.customerId && (
          <InteractionForm
            customerId={logging.customerId}
            taskId={logging.id}
            defaultType="visit"
            onDone={() => {
              setLogging(null);
              void refresh();
            }}
          />
        )}
      </Modal>
    </Flex>
  );
};
