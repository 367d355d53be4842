import type { TestApp } from '../../../test/build-test-app.js';
import { newId } from '../../platform/ids.js';
import type { JobContext } from '../../platform/jobs/types.js';

/** A job context for calling a handler directly (as the queue would), e.g. twice at once. */
export const jobContext = (
  t: TestApp,
  orgId: string,
  asOf: Date,
  options: Record<string, unknown> = {},
): JobContext => ({
  deps: t.deps,
  orgId,
  jobId: newId(),
  actorId: null,
  asOf,
  options,
  progress: async () => {},
});
