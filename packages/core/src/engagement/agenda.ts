import { startOfLocalDay } from '../time/zones.js';
import { addDays, localDayOf } from './days.js';

/**
 * A manager's agenda in the organization's time zone: overdue (open work due before today),
 * today (everything due today, done included, so the day's progress shows), upcoming (open work
 * due in the next `upcomingDays` days after today).
 */
export function agendaWindow(now: Date, timeZone: string, upcomingDays: number) {
  const today = localDayOf(now, timeZone);
  return {
    today,
    todayStart: startOfLocalDay(today, timeZone),
    tomorrowStart: startOfLocalDay(addDays(today, 1), timeZone),
    upcomingEnd: startOfLocalDay(addDays(today, 1 + upcomingDays), timeZone),
  };
}

export type AgendaBucket = 'overdue' | 'today' | 'upcoming' | null;

export function agendaBucket(
  task: { dueAt: Date; status: string },
  w: ReturnType<typeof agendaWindow>,
): AgendaBucket {
  const due = task.dueAt.getTime();
  const open = task.status === 'open' || task.status === 'in_progress';
  if (due >= w.todayStart.getTime() && due < w.tomorrowStart.getTime())
    return open || task.status === 'done' ? 'today' : null;
  if (!open) return null;
  if (due < w.todayStart.getTime()) return 'overdue';
  if (due < w.upcomingEnd.getTime()) return 'upcoming';
  return null;
}
