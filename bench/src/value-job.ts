import { loadConfig, runValueRefresh, type Database } from '@steward/server';

/** One `value-refresh` of the organization in weeks as of `asOf`, called as the job queue calls it. */
export function runValueJob(database: Database, orgId: string, asOf: Date, progress: (f: number) => void) {
  return runValueRefresh({
    deps: { db: database.db, dbKind: 'postgres', config: loadConfig({}), now: () => new Date() },
    orgId,
    jobId: '00000000-0000-0000-0000-000000000000',
    actorId: null,
    asOf,
    options: { unit: 'week' },
    progress: async (f) => progress(f),
  });
}
