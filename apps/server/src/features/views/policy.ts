import type { Actor } from '../../platform/actor.js';
import { notViewOwner, teamNotYours } from './errors.js';

/**
 * Saved views: private to their owner, or shared with one team the owner belongs to or leads
 * (its members see and apply it); only the owner changes or deletes one.
 */
export const viewPolicy = {
  assertCanShareWith(actor: Actor, teamId: string | null | undefined) {
    if (teamId && !actor.teamIds.includes(teamId)) throw teamNotYours();
  },
  assertOwner(actor: Actor, view: { userId: string }) {
    if (view.userId !== actor.userId) throw notViewOwner();
  },
};
