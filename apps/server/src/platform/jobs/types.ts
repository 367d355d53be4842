import type { Deps } from '../deps.js';

export type JobContext = {
  deps: Deps;
  orgId: string;
  jobId: string;
  actorId: string | null;
  /** The moment the job runs "as of": everything at or before it counts, nothing after. */
  asOf: Date;
  options: Record<string, unknown>;
  /** Reports progress, 0..1. */
  progress: (fraction: number) => Promise<void>;
};

export type JobHandler = (ctx: JobContext) => Promise<Record<string, unknown>>;

export type JobDefinition = {
  name: string;
  handler: JobHandler;
  /** The options POST /jobs/{name}/run accepts besides `asOf`; any other key is refused (400). */
  options?: string[];
  /** Validates and normalizes the options of POST /jobs/{name}/run; throws AppError on bad input. */
  parseOptions?: (raw: Record<string, unknown>) => Record<string, unknown>;
  /** A cron expression for the schedule, in the server's time zone (optional). */
  cron?: string;
};
