import { useMemo, useState } from 'react';
import { Badge, Calendar, Card, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TaskOut } from '@steward/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/format';
import { useCalendarTasks } from './api';

const STATUS_BADGE = {
  open: 'default',
  in_progress: 'processing',
  done: 'success',
  cancelled: 'default',
} as const;

/** A month of one person's tasks, by due day in the organization's time zone. */
export const AgendaCalendar = ({ assigneeId }: { assigneeId: string }) => {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [month, setMonth] = useState<Dayjs>(() => (fmt.tz ? dayjs().tz(fmt.tz) : dayjs()));
  // The grid shows a few days of the neighbouring months too.
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(14, 'day').format('YYYY-MM-DD');
  const at = (day: string) =>
    (fmt.tz ? dayjs.tz(`${day}T00:00:00`, fmt.tz) : dayjs(`${day}T00:00:00`)).format();
  const tasks = useCalendarTasks(assigneeId, at(from), at(to));
  const byDay = useMemo(() => {
    const m = new Map<string, TaskOut[]>();
    for (const task of tasks.data?.data ?? []) {
      if (task.status === 'cancelled') continue;
      const day = fmt.date(task.dueAt);
      m.set(day, [...(m.get(day) ?? []), task]);
    }
    return m;
  }, [tasks.data, fmt]);

  return (
    <Card size="small" title={t('agenda.calendar')} data-testid="agenda-calendar">
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d)}
        onSelect={(d) => setMonth(d)}
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const items = byDay.get(d.format('YYYY-MM-DD')) ?? [];
          if (!items.length) return null;
          return (
            <ul
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
              data-testid={`calendar-day-${d.format('YYYY-MM-DD')}`}
            >
              {items.slice(0, 3).map((task) => (
                <li
                  key={task.id}
                  style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
                >
                  <Badge status={task.overdue ? 'error' : STATUS_BADGE[task.status]} text={task.title} />
                </li>
              ))}
              {items.length > 3 && (
                <li>
                  <Typography.Text type="secondary">
                    {t('agenda.more', { count: items.length - 3 })}
                  </Typography.Text>
                </li>
              )}
            </ul>
          );
        }}
      />
    </Card>
  );
};
