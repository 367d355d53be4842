/**
 * Issue #5 benchmark: the `value-refresh` job over 1,000,000 customers and ~10,000,000 orders on
 * PostgreSQL, against the one SQL pass that builds the summary (frequency, recency, age and mean spend
 * per customer from the orders).
 *
 *   npm run seed:bench                 # once: 1M customers in steward_bench
 *   npx tsx bench/src/value-bench.ts   # copies it, adds the orders, writes bench/results/value.md
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig, openDatabase, runValueRefresh } from '@steward/server';
import { benchDatabaseUrl } from './config.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const COPY = 'steward_bench_value';
const out: string[] = ['# Value benchmark', '', `Run: ${new Date().toISOString()}`, ''];
const log = (line: string) => {
  console.log(line);
  out.push(line);
};
const seconds = (t0: number) => (performance.now() - t0) / 1000;

const source = new URL(benchDatabaseUrl());
const admin = new pg.Client({ connectionString: new URL('/postgres', source).toString() });
await admin.connect();
const keep = process.env.BENCH_KEEP === '1';
const exists = (await admin.query(`select 1 from pg_database where datname = $1`, [COPY])).rowCount;
const url = new URL(`/${COPY}`, source).toString();
const c = new pg.Client({ connectionString: url });
if (!keep || !exists) {
  await admin.query(`drop database if exists ${COPY} with (force)`);
  let t0 = performance.now();
  await admin.query(`create database ${COPY} template ${source.pathname.slice(1)}`);
  console.log(`copied the bench database in ${seconds(t0).toFixed(1)} s`);
  await c.connect();
  // Orders: 1–20 per customer (mean 10.5) over the two years before now, spend from a skewed
  // distribution per customer; a few customers' orders on the same day.
  t0 = performance.now();
  await c.query(`delete from orders`);
  await c.query(
    `insert into orders (org_id, id, customer_id, ordered_at, amount, currency)
     select c.org_id, gen_random_uuid(), c.id,
            now() - (random() * 730) * interval '1 day',
            round((10 + random() * random() * 2000)::numeric, 2), 'CNY'
       from customers c
      cross join lateral generate_series(1, 1 + abs(hashtext(c.id::text)) % 20) g`,
  );
  await c.query('analyze orders');
  console.log(`orders inserted in ${seconds(t0).toFixed(1)} s`);
} else {
  await c.connect();
}
const {
  rows: [counts],
} = await c.query<{ customers: number; orders: number; org: string }>(
  `select (select count(*)::int from customers) customers, (select count(*)::int from orders) orders,
          (select id from organizations where name = 'Demo') org`,
);

// The baseline: one SQL pass building the BG/NBD / Gamma-Gamma summary for every customer.
const baseline: number[] = [];
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  await c.query(
    `select customer_id,
            count(distinct (ordered_at at time zone 'Asia/Shanghai')::date) - 1 as frequency,
            max(ordered_at) - min(ordered_at) as recency,
            now() - min(ordered_at) as age,
            avg(amount) as mean_spend
       from orders where org_id = $1 and ordered_at <= now()
      group by customer_id`,
    [counts!.org],
  );
  baseline.push(seconds(t0));
}
baseline.sort((a, b) => a - b);
await c.end();

const database = await openDatabase({ databaseUrl: url });
const deps = { db: database.db, dbKind: 'postgres' as const, config: loadConfig({}), now: () => new Date() };
const t0 = performance.now();
let last = 0;
const result = await runValueRefresh({
  deps,
  orgId: counts!.org,
  jobId: '00000000-0000-0000-0000-000000000000',
  actorId: null,
  asOf: new Date(),
  options: { unit: 'week' },
  progress: async (f) => {
    if (f - last >= 0.1) {
      last = f;
      console.log(`  progress ${(f * 100).toFixed(0)} % at ${seconds(t0).toFixed(1)} s`);
    }
  },
});
const job = seconds(t0);
const memory = process.memoryUsage().rss / 1024 / 1024;
await database.close();
if (!keep) await admin.query(`drop database if exists ${COPY} with (force)`);
await admin.end();

log('## value-refresh: 1,000,000 customers (PostgreSQL)');
log('');
log('| measure | value |');
log('| --- | ---: |');
log(
  `| customers / orders | ${counts!.customers.toLocaleString('en')} / ${counts!.orders.toLocaleString('en')} |`,
);
log(`| summary SQL pass (median of 3) | ${baseline[1]!.toFixed(1)} s |`);
log(`| value-refresh job | ${job.toFixed(1)} s |`);
log(`| ratio job ÷ summary pass | ${(job / baseline[1]!).toFixed(2)} |`);
log(
  `| customers scored / alerts opened | ${result.customers.toLocaleString('en')} / ${result.alertsOpened.toLocaleString('en')} |`,
);
log(`| process RSS after the job | ${memory.toFixed(0)} MB |`);
log('');
mkdirSync(path.join(here, '../results'), { recursive: true });
writeFileSync(path.join(here, '../results/value.md'), out.join('\n') + '\n');
