import { mayEditReferenceData } from '@steward/core';
import type { Actor } from '../../platform/actor.js';
import { cannotConfigure, cannotEditReferenceData, cannotPlan } from './errors.js';

const CONFIGURERS = new Set(['admin', 'director']);
const PLANNERS = new Set(['admin', 'director', 'team_lead', 'manager']);

/** Who may change visit plans; which customers they reach is customerScope's job (a manager: own). */
export const visitPolicy = {
  /** Task escalation and other organization-wide switches: administrators and directors. */
  assertCanConfigure(actor: Actor) {
    if (!CONFIGURERS.has(actor.role)) throw cannotConfigure();
  },
  /** The visit cadence and the care message templates are shared reference data (decision 0025). */
  assertCanEditReferenceData(actor: Actor) {
    if (!mayEditReferenceData(actor)) throw cannotEditReferenceData();
  },
  assertCanPlan(actor: Actor) {
    if (!PLANNERS.has(actor.role)) throw cannotPlan();
  },
};
