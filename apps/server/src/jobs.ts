import type { JobDefinition } from './platform/jobs/types.js';
import { poolReclaimJob } from './features/assignment/reclaim-job.js';
import { slaWatchJob } from './features/complaints/sla-watch-job.js';
import { valueRefreshJob } from './features/value/refresh-job.js';
import { goalWatchJob } from './features/performance/goal-watch-job.js';
import { kpiFactsJob } from './features/performance/kpi-facts.js';
import { visitPlanJob } from './features/visits/visit-plan-job.js';
import { taskEscalationJob } from './features/visits/escalation-job.js';
import { careRemindersJob } from './features/visits/care-job.js';
import { importJob } from './features/imports/job.js';
import { exportJob } from './features/exports/job.js';
import { exportCleanupJob } from './features/exports/cleanup-job.js';
import { webhookDeliverJob } from './features/webhooks/job.js';

/** Every background job the server knows, by its API name. */
export const jobDefinitions: JobDefinition[] = [
  poolReclaimJob,
  slaWatchJob,
  valueRefreshJob,
  goalWatchJob,
  kpiFactsJob,
  visitPlanJob,
  taskEscalationJob,
  careRemindersJob,
  importJob,
  exportJob,
  exportCleanupJob,
  webhookDeliverJob,
];
