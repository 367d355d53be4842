import { endOfLocalDay } from '../time/zones.js';
import { localDayOf } from './days.js';

/** How a planned visit (a visit task) turned out. */
export type VisitOutcome = 'on_time' | 'late' | 'missed' | 'pending' | 'cancelled';

export type VisitTaskFacts = { dueAt: Date; completedAt: Date | null; status: string };

/**
 * The one definition of visit plan completion (KPIs reuse it):
 * - on time: done, completed no later than the end of the due day in the organization's time zone;
 * - late: done after that;
 * - missed: not done, and the end of the due day plus `graceDays` has passed at `now`;
 * - pending: not done yet, still within grace; cancelled: withdrawn (not counted as planned).
 */
export function classifyVisit(
  task: VisitTaskFacts,
  ctx: { now: Date; timeZone: string; graceDays: number },
): VisitOutcome {
  if (task.status === 'cancelled') return 'cancelled';
  const dueEnd = endOfLocalDay(localDayOf(task.dueAt, ctx.timeZone), ctx.timeZone);
  if (task.status === 'done' && task.completedAt)
    return task.completedAt.getTime() <= dueEnd.getTime() ? 'on_time' : 'late';
  return ctx.now.getTime() > dueEnd.getTime() + ctx.graceDays * 86_400_000 ? 'missed' : 'pending';
}

export type VisitCompletion = {
  planned: number;
  doneOnTime: number;
  doneLate: number;
  missed: number;
  pending: number;
  /** (on time + late) / planned, or null with nothing planned. */
  completionRate: number | null;
  /** on time / planned, or null with nothing planned. */
  onTimeRate: number | null;
};

/** Sums outcomes into the completion figures of one group. */
export function summarizeVisits(outcomes: Partial<Record<VisitOutcome, number>>): VisitCompletion {
  const doneOnTime = outcomes.on_time ?? 0;
  const doneLate = outcomes.late ?? 0;
  const missed = outcomes.missed ?? 0;
  const pending = outcomes.pending ?? 0;
  const planned = doneOnTime + doneLate + missed + pending;
  const rate = (n: number) => (planned ? Math.round((n / planned) * 10_000) / 10_000 : null);
  return {
    planned,
    doneOnTime,
    doneLate,
    missed,
    pending,
    completionRate: rate(doneOnTime + doneLate),
    onTimeRate: rate(doneOnTime),
  };
}
