import { mayEditReferenceData } from '@steward/core';
import type { Actor } from '../../platform/actor.js';
import { cannotEditCatalog } from './errors.js';

/**
 * The product catalog is shared reference data of the organization: everyone signed in reads all
 * of it; administrators, directors and senior or key-account users edit it (decision 0025).
 */
export const productPolicy = {
  assertCanEdit(actor: Actor) {
    if (!mayEditReferenceData(actor)) throw cannotEditCatalog();
  },
};
