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

export async function vacuumWritten(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`vacuum analyze ${VALUE_WRITTEN_TABLES.join(', ')}`);
  } finally {
    await client.end();
  }
}

/**
 * A day's business before a nightly run (decision 0071): orders dated between the previous run and
 * this one for ~1.4 % of the customers (10.5M orders over two years is ~14,400 a day), and 500 of
 * the older orders deleted (corrections), all through the orders' triggers as the API writes them;
 * then the orders vacuumed and analyzed.
 */
export async function addDaysOrders(c: pg.Client, from: Date, to: Date) {
  const t0 = performance.now();
  const added = await c.query(
    `insert into orders (org_id, id, customer_id, ordered_at, amount, currency)
     select c.org_id, gen_random_uuid(), c.id, $1::timestamptz + random() * ($2::timestamptz - $1::timestamptz),
            round((10 + random() * random() * 2000)::numeric, 2), 'CNY'
       from customers c tablesample bernoulli (1.44) where c.deleted_at is null`,
    [from.toISOString(), to.toISOString()],
  );
  const deleted = await c.query(
    `delete from orders where id in (select id from orders tablesample system (0.01) where ordered_at < $1 limit 500)`,
    [from.toISOString()],
  );
  // As autovacuum would after the day's writes (it is off on the bench machines).
  await c.query('vacuum analyze orders');
  console.log(
    `  a day's orders: ${added.rowCount} added, ${deleted.rowCount} deleted in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { added: added.rowCount ?? 0, deleted: deleted.rowCount ?? 0 };
}

/** The as-of of the clone's last value-refresh (null before the first): the next night follows it. */
export async function lastRunAsOf(c: pg.Client): Promise<number | null> {
  const { rows } = await c.query<{ last: Date | null }>('select max(as_of) as last from customer_scores');
  return rows[0]?.last?.getTime() ?? null;
}
