import type { Actor } from '../../platform/actor.js';
import { cannotDeactivate, cannotManageTeams, userNotFound } from './errors.js';

/** Roles that may own customers, and so take them over in a handover. */
export const OWNER_ROLES = ['admin', 'director', 'team_lead', 'manager'];
/** Who takes customers in a rule-mode handover: account managers of the departing user's team. */
export const HANDOVER_ROLES = ['manager'];

/** Fields a team lead (or a director) may change on the people they manage. */
export const PROFILE_FIELDS = ['level', 'capacity', 'regions', 'industries', 'languages', 'status'] as const;

const inScope = (actor: Actor, teamId: string | null) => !!teamId && actor.scopeTeamIds.includes(teamId);

/**
 * What the actor may edit on a user: 'all' (admin), 'profile' (a director for anyone, a team
 * lead for members of the teams they lead, sub-teams included) or nothing. A user outside a
 * lead's teams is not found for them (404), as customers are; other roles get 403.
 */
export function editRights(actor: Actor, target: { teamId: string | null }): 'all' | 'profile' | 'none' {
  if (actor.role === 'admin') return 'all';
  if (actor.role === 'director') return 'profile';
  if (actor.role === 'team_lead') {
    if (!inScope(actor, target.teamId)) throw userNotFound();
    return 'profile';
  }
  return 'none';
}

export function assertMayManageTeams(actor: Actor) {
  if (actor.role !== 'admin' && actor.role !== 'director') throw cannotManageTeams();
}

/** Only admins, directors and team leads deactivate anyone (403 before any lookup). */
export function assertMayDeactivateAnyone(actor: Actor) {
  if (actor.role !== 'admin' && actor.role !== 'director' && actor.role !== 'team_lead')
    throw cannotDeactivate();
}

/** Admins, directors, and the lead of the user's team (or a parent team) deactivate a user. */
export function assertMayDeactivate(actor: Actor, target: { teamId: string | null }) {
  if (actor.role === 'admin' || actor.role === 'director') return;
  if (actor.role !== 'team_lead') throw cannotDeactivate();
  if (!inScope(actor, target.teamId)) throw userNotFound();
}
