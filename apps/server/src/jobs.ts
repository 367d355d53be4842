import type { JobDefinition } from './platform/jobs/types.js';
import { poolReclaimJob } from './features/assignment/reclaim-job.js';
import { valueRefreshJob } from './features/value/refresh-job.js';

/** Every background job the server knows, by its API name. */
export const jobDefinitions: JobDefinition[] = [poolReclaimJob, valueRefreshJob];
