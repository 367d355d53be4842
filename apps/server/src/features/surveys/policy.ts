import { and, eq, type SQL } from 'drizzle-orm';
import { surveySends } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { customerScope } from '../../platform/scope.js';
import { cannotManageTemplates, cannotSendSurveys } from './errors.js';

const TEMPLATE_MANAGERS = new Set(['admin', 'director']);

/**
 * Survey sends are seen through their customer: whoever sees the customer (customerScope) sees
 * its surveys and their scores. Queries using it must join customers on the send's customer.
 */
export const sendScope = (actor: Actor): SQL =>
  and(eq(surveySends.orgId, actor.orgId), customerScope(actor))!;

export const surveyPolicy = {
  /** Templates are organization-wide: directors and administrators write them; everyone reads. */
  assertCanManageTemplates(actor: Actor) {
    if (!TEMPLATE_MANAGERS.has(actor.role)) throw cannotManageTemplates();
  },
  /** Everyone who works with customers sends surveys to the customers in their scope. */
  canSend(actor: Actor): boolean {
    return actor.role !== 'analyst';
  },
  assertCanSend(actor: Actor) {
    if (!this.canSend(actor)) throw cannotSendSurveys();
  },
};
