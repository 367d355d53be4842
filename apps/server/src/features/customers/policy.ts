import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';

const POOL_UNMASKED = new Set(['admin', 'director', 'team_lead']);

/** Who may do what to customers; which records they reach is customerScope's job. */
export const customerPolicy = {
  assertCanWrite(actor: Actor) {
    if (!actor.permissions.writeCustomers) throw forbidden('Your role may only read customers.');
  },
  assertCanDelete(actor: Actor) {
    if (!actor.permissions.deleteCustomers)
      throw forbidden('Your role may not delete customers; release them instead.');
  },
  assertCanMerge(actor: Actor) {
    if (!actor.permissions.mergeCustomers) throw forbidden('Your role may not merge customers.');
  },
  /** Whether a customer outside the actor's scope may be named to them (as a duplicate candidate). */
  canReach(actor: Actor, c: { ownerId: string | null; teamId: string | null }): boolean {
    switch (actor.permissions.reach) {
      case 'organization':
        return true;
      case 'team':
        return c.teamId !== null && actor.scopeTeamIds.includes(c.teamId);
      case 'own':
        return c.ownerId === actor.userId;
    }
  },
  /**
   * Whether the actor sees this customer's phone, e-mail and ID number unmasked: roles with the
   * permission do — except that a customer in the public pool is masked to everyone below team lead.
   */
  sensitive(actor: Actor, customer: { ownerId: string | null }): boolean {
    if (!actor.permissions.readSensitive) return false;
    return customer.ownerId !== null || POOL_UNMASKED.has(actor.role);
  },
};
