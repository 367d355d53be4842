import { loadConfig, runValueRefresh, type Database } from '@steward/server';
import pg from 'pg';

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

/** The tables a `value-refresh` writes, vacuumed and analyzed as autovacuum would between nightly runs. */
export const VALUE_WRITTEN_TABLES = [
  'customers',
  'customer_scores',
  'score_history',
  'field_history',
  'churn_alerts',
  'tasks',
  'notifications',
  'book_value_snapshots',
  'lifecycle_stale',
  'purchase_days',
  'purchase_days_state',
  'value_stale',
];

export async function vacuumWritten(url: string, tables: readonly string[] = VALUE_WRITTEN_TABLES) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`vacuum analyze ${tables.join(', ')}`);
  } finally {
    await client.end();
  }
}
