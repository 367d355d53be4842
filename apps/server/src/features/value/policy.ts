import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';

const TIER_OVERRIDERS = new Set(['admin', 'director', 'team_lead']);

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
};
