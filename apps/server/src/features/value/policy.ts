import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import { managerNotFound } from './errors.js';

const TIER_OVERRIDERS = new Set(['admin', 'director', 'team_lead']);
/** The owner (a manager sees only their book), their lead, a director or an admin. */
const ALERT_RESOLVERS = new Set(['admin', 'director', 'team_lead', 'manager']);
const ORG_READERS = new Set(['admin', 'director', 'analyst']);
const REEVALUATORS = new Set(['admin', 'director', 'team_lead']);

/** Who may do what with orders and value scores; which customers they reach is customerScope's. */
export const valuePolicy = {
  /** Orders are written by the roles that write customers. */
  assertCanWriteOrders(actor: Actor) {
    if (!actor.permissions.writeCustomers) throw forbidden('Your role may not record orders.');
  },
  assertCanOverrideTier(actor: Actor) {
    if (!TIER_OVERRIDERS.has(actor.role))
      throw forbidden('Only team leads, directors and administrators override tiers.');
  },
  assertCanResolveAlerts(actor: Actor) {
    if (!ALERT_RESOLVERS.has(actor.role))
      throw forbidden(
        'Only the owner, their team lead, a director or an administrator resolves churn alerts.',
      );
  },
  /**
   * Whose at-risk list the actor may read: their own; a lead also that of anyone in their teams;
   * directors, admins and analysts anyone's.
   */
  assertCanReadBook(actor: Actor, manager: { id: string; teamId: string | null }) {
    if (manager.id === actor.userId || ORG_READERS.has(actor.role)) return;
    if (actor.role === 'team_lead' && manager.teamId && actor.scopeTeamIds.includes(manager.teamId)) return;
    // Another manager's book outside the caller's teams is "not found", as an unknown id.
    throw managerNotFound();
  },
  assertCanReevaluate(actor: Actor) {
    if (!REEVALUATORS.has(actor.role))
      throw forbidden('Only team leads, directors and administrators re-evaluate low-value customers.');
  },
};
