/**
 * Issue #5 benchmark: the `value-refresh` job over 1,000,000 customers and ~10,500,000 orders on
 * PostgreSQL, against the one SQL pass that builds the summary (frequency, recency, age and mean spend
 * per customer from the orders).
 *
 *   npm run seed:bench          # once: 1M customers in steward_bench
 *   npm run bench:value -w bench
 *
 * Clones steward_bench (under /tmp/benchdb.lock, as every bench clone is taken) into
 * steward_bench_value, adds the orders, times the summary SQL pass 3 times and the job
 * BENCH_VALUE_RUNS times (default 3; run i is as of i days after the first, like the nightly runs: the first run
 * changes almost every customer's tier and stage and opens the first alerts, the later runs are
 * the steady state), writes bench/results/value.md. BENCH_KEEP=1 keeps the clone with its orders
 * (and the state the runs left) for the next run; without it the clone is dropped at the end.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '@steward/server';
import { benchDatabaseUrl } from './config.js';
import { addDaysOrders, lastRunAsOf, runValueJob, vacuumWritten } from './value-job.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const COPY = process.env.BENCH_VALUE_DB || 'steward_bench_value';
const RUNS = Number(process.env.BENCH_VALUE_RUNS || 3);
const out: string[] = ['# Value benchmark', '', `Run: ${new Date().toISOString()}`, ''];
const log = (line: string) => {
  console.log(line);
  out.push(line);
};
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

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
  // The shared lock every clone of the bench database takes (a seed in progress holds it).
  execFileSync(
    'flock',
    [
      '/tmp/benchdb.lock',
      'createdb',
      '-h',
      source.hostname,
      '-p',
      source.port || '5432',
      '-U',
      decodeURIComponent(source.username || 'postgres'),
      '-T',
      source.pathname.slice(1),
      COPY,
    ],
    { stdio: 'inherit' },
  );
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
  await c.query('vacuum analyze orders');
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
  const l = load();
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
  console.log(`summary SQL pass ${i + 1}: ${baseline[i]!.toFixed(2)} s (load ${l})`);
}

// A kept clone continues where its last run left off: the next night after it.
const lastAsOf = (await lastRunAsOf(c)) ?? 0;

const database = await openDatabase({ databaseUrl: url });
type Run = {
  seconds: number;
  load: string;
  rss: number;
  vacuum: number;
  result: Awaited<ReturnType<typeof runValueJob>>;
  day: { added: number; deleted: number } | null;
};
const runs: Run[] = [];
// Run i is as of i days after the first, as the nightly runs are: scores move by a day's worth.
const firstAsOf = Math.max(Date.now(), lastAsOf + 86_400_000);
for (let i = 0; i < RUNS; i++) {
  const asOf = new Date(firstAsOf + i * 86_400_000);
  const previous = i > 0 ? firstAsOf + (i - 1) * 86_400_000 : lastAsOf;
  const day = previous ? await addDaysOrders(c, new Date(previous), asOf) : null;
  const l = load();
  const t0 = performance.now();
  let last = 0;
  const result = await runValueJob(database, counts!.org, asOf, (f) => {
    if (f - last >= 0.1) {
      last = f;
      console.log(`  progress ${(f * 100).toFixed(0)} % at ${seconds(t0).toFixed(1)} s`);
    }
  });
  const took = seconds(t0);
  // What autovacuum does between nightly runs in production (it is off on the bench machines):
  // without it the next run reads the dead rows of this one (80.9 and 99.9 s instead of 67.9 s).
  const v0 = performance.now();
  await vacuumWritten(url);
  const run = {
    seconds: took,
    load: l,
    rss: process.memoryUsage().rss / 1024 / 1024,
    result,
    vacuum: seconds(v0),
    day,
  };
  runs.push(run);
  console.log(
    `value-refresh run ${i + 1}: ${run.seconds.toFixed(1)} s (load before ${l}, after ${load()})`,
    result,
  );
}
await database.close();
await c.end();
if (!keep) await admin.query(`drop database if exists ${COPY} with (force)`);
await admin.end();

const base = median(baseline);
log('## value-refresh: 1,000,000 customers (PostgreSQL)');
log('');
log('| measure | value |');
log('| --- | ---: |');
log(
  `| customers / orders | ${counts!.customers.toLocaleString('en')} / ${counts!.orders.toLocaleString('en')} |`,
);
log(
  `| summary SQL pass (median of 3) | ${base.toFixed(1)} s (runs ${baseline.map((b) => b.toFixed(1)).join(', ')}) |`,
);
runs.forEach((r, i) =>
  log(
    `| value-refresh run ${i + 1} (load ${r.load}) | ${r.seconds.toFixed(1)} s = ${(r.seconds / base).toFixed(2)} × the pass; ` +
      `${r.result.customers.toLocaleString('en')} scored, tiers changed ${r.result.tiersChanged.toLocaleString('en')}, ` +
      `stages changed ${r.result.stagesChanged.toLocaleString('en')}, ` +
      (r.day
        ? `after a day's ${r.day.added.toLocaleString('en')} new and ${r.day.deleted} deleted orders, `
        : '') +
      `purchase days ${r.result.purchaseDays.mode} (${r.result.purchaseDays.rebuilt.toLocaleString('en')} customers rebuilt), alerts opened ${r.result.alertsOpened.toLocaleString('en')} / ` +
      `closed ${r.result.alertsClosed.toLocaleString('en')}; RSS ${r.rss.toFixed(0)} MB; VACUUM ANALYZE after it ${r.vacuum.toFixed(1)} s |`,
  ),
);
if (runs.length)
  log(
    `| value-refresh median of ${runs.length} | ${median(runs.map((r) => r.seconds)).toFixed(1)} s = ${(median(runs.map((r) => r.seconds)) / base).toFixed(2)} × the pass |`,
  );
log('');
mkdirSync(path.join(here, '../results'), { recursive: true });
writeFileSync(path.join(here, '../results/value.md'), out.join('\n') + '\n');
