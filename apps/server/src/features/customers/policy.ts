import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';

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
  sensitive(actor: Actor): boolean {
    return actor.permissions.readSensitive;
  },
};
