import type { Actor } from '../../platform/actor.js';
import { cannotConfigure, cannotPlan } from './errors.js';

const CONFIGURERS = new Set(['admin', 'director']);
const PLANNERS = new Set(['admin', 'director', 'team_lead', 'manager']);

/** Who may change visit plans; which customers they reach is customerScope's job (a manager: own). */
export const visitPolicy = {
  assertCanConfigure(actor: Actor) {
    if (!CONFIGURERS.has(actor.role)) throw cannotConfigure();
  },
  assertCanPlan(actor: Actor) {
    if (!PLANNERS.has(actor.role)) throw cannotPlan();
  },
};
