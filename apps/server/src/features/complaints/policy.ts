import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import { complaints, customers } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { assignee } from './repo.js';
import { badField, cannotManageSettings, cannotWriteComplaints } from './errors.js';

const SETTINGS_WRITERS = new Set(['admin', 'director']);
const ASSIGN_ANYONE = new Set(['admin', 'director', 'service_agent']);

/**
 * The one place that says which complaints an actor may see; every complaint query ANDs it in
 * (and joins the customer and the assignee). Admins, directors, service agents and analysts: the
 * organization; a team lead: complaints of customers of their teams, raised in their teams, or
 * assigned to someone in them; a manager: complaints of their own customers or assigned to them.
 */
export function complaintScope(actor: Actor): SQL {
  const base = eq(complaints.orgId, actor.orgId);
  const mine = eq(complaints.assigneeId, actor.userId);
  switch (actor.permissions.reach) {
    case 'organization':
      return base;
    case 'team': {
      const teams = actor.scopeTeamIds;
      if (!teams.length) return and(base, mine)!;
      return and(
        base,
        or(
          mine,
          inArray(customers.teamId, teams),
          inArray(complaints.teamId, teams),
          inArray(assignee.teamId, teams),
        ),
      )!;
    }
    case 'own':
      return and(base, or(mine, eq(customers.ownerId, actor.userId)))!;
  }
}

export const complaintPolicy = {
  /** Analysts read complaints; every other role works on those in its scope. */
  assertCanWrite(actor: Actor) {
    if (actor.role === 'analyst') throw cannotWriteComplaints();
  },
  assertCanManageSettings(actor: Actor) {
    if (!SETTINGS_WRITERS.has(actor.role)) throw cannotManageSettings();
  },
  /**
   * Who may be made the assignee: an active user who is not an analyst; admins, directors and
   * service agents pick anyone, a team lead people of their teams or service agents, a manager
   * themself or a service agent. The customer's owner is always allowed.
   */
  assertCanAssign(
    actor: Actor,
    user: { id: string; role: string; status: string; teamId: string | null } | null,
    ownerId: string | null,
  ) {
    if (!user || user.status !== 'active' || user.role === 'analyst')
      throw badField('assigneeId', 'no active user with this id who can work on complaints');
    if (user.id === actor.userId || user.id === ownerId || ASSIGN_ANYONE.has(actor.role)) return;
    if (user.role === 'service_agent') return;
    if (actor.role === 'team_lead' && user.teamId && actor.scopeTeamIds.includes(user.teamId)) return;
    throw badField('assigneeId', 'you may not give complaints to this user');
  },
};
