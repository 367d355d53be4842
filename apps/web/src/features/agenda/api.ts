import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AgendaOut, TaskOut } from '@steward/contracts';
import { api, type Page } from '../../shared/api';

export const agendaKeys = {
  all: ['agenda'] as const,
  one: (assigneeId: string | undefined) => ['agenda', assigneeId ?? 'me'] as const,
};

/** Today, overdue and upcoming for the caller (or, for leads, someone in their teams). */
export const useAgenda = (assigneeId?: string) =>
  useQuery({
    queryKey: agendaKeys.one(assigneeId),
    queryFn: () => api.get<AgendaOut>('/agenda', { assigneeId, days: 7 }),
    placeholderData: keepPreviousData,
  });

/** One person's tasks due in a window, for the calendar (under the tasks key: task changes refresh it). */
export const useCalendarTasks = (assigneeId: string, dueFrom: string, dueTo: string) =>
  useQuery({
    queryKey: ['tasks', 'calendar', assigneeId, dueFrom, dueTo],
    queryFn: () => api.get<Page<TaskOut>>('/tasks', { assigneeId, dueFrom, dueTo, limit: 500 }),
    placeholderData: keepPreviousData,
  });
