import type { Actor } from '../../platform/actor.js';
import { performancePolicy } from './policy.js';

const CONFIGURERS = new Set(['admin', 'director']);

/**
 * Who may do what with scorecards, reviews, incentives and training. Reading follows
 * performancePolicy (self, a lead's teams, directors/admins/analysts everything). Writing about a
 * person (ratings, reviews, training records) is for their team lead, directors and
 * administrators — never about oneself. Templates, plans, levels and closing payouts: directors
 * and administrators.
 */
export const reviewPolicy = {
  configures: (actor: Actor) => CONFIGURERS.has(actor.role),
  canWriteAbout(actor: Actor, user: { id: string; teamId: string | null }): boolean {
    return user.id !== actor.userId && performancePolicy.canSetGoalForManager(actor, user);
  },
  /** Reviews are read by the reviewed person (once signed), their lead, directors and admins. */
  readsAllReviews: (actor: Actor) => CONFIGURERS.has(actor.role),
};
