import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { TaskStatus } from '@steward/contracts';
import { tasks } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { assignee } from './repo.js';
import { cannotCreateTasks, illegalTransition, onlyForYourself } from './errors.js';

const ORG_READERS = new Set(['admin', 'director', 'analyst']);
const ASSIGNERS = new Set(['admin', 'director', 'team_lead']);

/**
 * The one place that says which tasks an actor may see; every task query ANDs it in. Directors,
 * admins and analysts: the organization; a team lead: their own and those of people in their
 * teams (by the assignee's current team); everyone else: tasks assigned to them.
 * Queries using it must join the assignee (repo.assignee).
 */
export function taskScope(actor: Actor): SQL {
  const base = eq(tasks.orgId, actor.orgId);
  if (ORG_READERS.has(actor.role)) return base;
  const mine = eq(tasks.assigneeId, actor.userId);
  if (actor.role === 'team_lead') {
    const team = actor.scopeTeamIds.length ? inArray(assignee.teamId, actor.scopeTeamIds) : sql`false`;
    return and(base, or(mine, team))!;
  }
  return and(base, mine)!;
}

/** A task is open work while it is open or in progress. */
export const isOpen = (status: string) => status === 'open' || status === 'in_progress';

export const taskPolicy = {
  /** Leads, directors and admins assign; managers only to themselves; agents and analysts not at all. */
  assertCanCreate(actor: Actor, assigneeId: string) {
    if (ASSIGNERS.has(actor.role)) return;
    if (actor.role !== 'manager') throw cannotCreateTasks();
    if (assigneeId !== actor.userId) throw onlyForYourself();
  },
  /** Whether the actor may give a task to this (active) user. */
  canAssignTo(actor: Actor, user: { id: string; teamId: string | null }): boolean {
    if (user.id === actor.userId) return true;
    if (actor.role === 'admin' || actor.role === 'director') return true;
    if (actor.role === 'team_lead') return user.teamId !== null && actor.scopeTeamIds.includes(user.teamId);
    return false;
  },
  /** Leads, directors and admins change everything on a task they can see. */
  supervises(actor: Actor): boolean {
    return ASSIGNERS.has(actor.role);
  },
  /**
   * The status flow: open ⇄ in_progress → done, either → cancelled. Reopening a done or
   * cancelled task is for supervisors; cancelling is for supervisors and the task's creator.
   */
  assertTransition(from: TaskStatus, to: TaskStatus, who: { supervisor: boolean; creator: boolean }) {
    if (from === to) return;
    if (!isOpen(from) && !who.supervisor)
      throw illegalTransition(from, to, 'only a team lead, director or administrator reopens a task.');
    if (to === 'cancelled' && !who.supervisor && !who.creator)
      throw illegalTransition(from, to, 'only whoever assigned the task, or a lead, cancels it.');
  },
};
