import type { JobDefinition } from '../../platform/jobs/types.js';
import { deliverDue } from './deliver.js';

/**
 * `webhook-deliver`: delivers the organization's webhook deliveries due at or before `asOf` (first
 * attempts and retries), stamping results and retry times with `asOf`. The in-process worker does
 * the same continuously; this job is the manual (and test) handle. Claims make it idempotent.
 */
export const webhookDeliverJob: JobDefinition = {
  name: 'webhook-deliver',
  handler: async (ctx) => {
    const counts = await deliverDue(ctx.deps, ctx.asOf, ctx.orgId);
    return { ...counts, asOf: ctx.asOf.toISOString() };
  },
};
