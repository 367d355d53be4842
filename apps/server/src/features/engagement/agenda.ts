import { eq, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { AgendaOut, AgendaQuery } from '@steward/contracts';
import { agendaWindow } from '@steward/core';
import { tasks } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { notFound } from '../../platform/errors.js';
import { orgLocale } from '../visits/settings-repo.js';
import { taskPolicy, taskScope } from './policy.js';
import { presentTask } from './presenter.js';
import * as repo from './repo.js';

const LIMIT = 300;
const OPEN = ['open', 'in_progress'];

/**
 * A person's agenda in the organization's time zone: overdue (open, due before today), today
 * (due today, done ones included) and upcoming (open, due in the next `days` days). By default
 * the caller's own; leads ask for people in their teams, directors, admins and analysts for anyone.
 */
export async function getAgenda(deps: Deps, actor: Actor, q: AgendaQuery): Promise<AgendaOut> {
  const who = q.assigneeId ?? actor.userId;
  if (who !== actor.userId) {
    const user = await repo.findUser(deps.db, actor.orgId, who);
    if (!user) throw notFound('User');
    const reader = taskPolicy.supervises(actor) || actor.role === 'analyst';
    const inTeams =
      actor.role === 'team_lead' ? user.teamId !== null && actor.scopeTeamIds.includes(user.teamId) : reader;
    // Someone outside the caller's teams is "not found", as an unknown id: existence is not revealed.
    if (!inTeams) throw notFound('User');
  }
  const now = deps.now();
  const { timeZone } = await orgLocale(deps.db, actor.orgId);
  const w = agendaWindow(now, timeZone, q.days);
  const base: SQL[] = [taskScope(actor), eq(tasks.assigneeId, who)];
  const list = (...where: (SQL | undefined)[]) =>
    repo.listTasks(deps.db, [...base, ...(where.filter(Boolean) as SQL[])], LIMIT);
  const [overdue, today, upcoming] = await Promise.all([
    list(inArray(tasks.status, OPEN), lt(tasks.dueAt, w.todayStart)),
    list(
      or(inArray(tasks.status, OPEN), eq(tasks.status, 'done')),
      gte(tasks.dueAt, w.todayStart),
      lt(tasks.dueAt, w.tomorrowStart),
    ),
    list(inArray(tasks.status, OPEN), gte(tasks.dueAt, w.tomorrowStart), lt(tasks.dueAt, w.upcomingEnd)),
  ]);
  const out = (rows: repo.TaskWithNames[]) => rows.map((r) => presentTask(r, now));
  return {
    date: w.today,
    timeZone,
    assigneeId: who,
    overdue: out(overdue),
    today: out(today),
    upcoming: out(upcoming),
  };
}
