import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';

const SEE_ALL = new Set(['admin', 'director']);

/**
 * Who may import: every role that writes customers. Administrators, directors and team leads
 * import for anyone in their reach (owners named in the file, or the assignment rules); an
 * account manager imports into their own book only (every record is theirs; no owner column).
 */
export const importPolicy = {
  assertCanImport(actor: Actor) {
    if (!actor.permissions.writeCustomers) throw forbidden('Your role may not import data.');
  },
  ownBookOnly: (actor: Actor) => actor.permissions.reach === 'own',
  /** Imports listed and read: all of the organization's for admins and directors, else one's own. */
  createdByFilter: (actor: Actor): string | null => (SEE_ALL.has(actor.role) ? null : actor.userId),
};
