/**
 * One `value-refresh` run on the clone `npm run bench:value -w bench` kept (BENCH_KEEP=1), as of
 * BENCH_VALUE_DAYS days after its last run (default 1: the next nightly run), after a day's orders
 * dated since that run (as the bench adds them), printing its progress marks and result — for
 * profiling one run, e.g. with `node --cpu-prof --import tsx`. It first vacuums and analyzes the
 * tables the job writes, as autovacuum would have since the last run:
 *
 *   BENCH_VALUE_DAYS=3 npx tsx bench/src/value-once.ts
 */
import pg from 'pg';
import { openDatabase } from '@steward/server';
import { benchDatabaseUrl } from './config.js';
import { addDaysOrders, lastRunAsOf, runValueJob, vacuumWritten } from './value-job.js';

const url = new URL(`/${process.env.BENCH_VALUE_DB || 'steward_bench_value'}`, benchDatabaseUrl()).toString();
// Opening the database applies the working tree's migrations first.
const database = await openDatabase({ databaseUrl: url });
const client = new pg.Client({ connectionString: url });
await client.connect();
const { rows } = await client.query<{ org_id: string }>('select org_id from customers limit 1');
const days = Number(process.env.BENCH_VALUE_DAYS || 1);
const last = (await lastRunAsOf(client)) ?? Date.now() - 86_400_000;
const asOf = new Date(last + days * 86_400_000);
await addDaysOrders(client, new Date(last), asOf);
await client.end();
// As autovacuum would have done since the last run (it is off on the bench machines).
const v0 = performance.now();
await vacuumWritten(url);
console.log(`VACUUM ANALYZE of the tables the job writes: ${((performance.now() - v0) / 1000).toFixed(1)} s`);
const t0 = performance.now();
const seconds = () => ((performance.now() - t0) / 1000).toFixed(1);
const result = await runValueJob(database, rows[0]!.org_id, asOf, (f) =>
  console.log(`  ${(f * 100).toFixed(0)} % at ${seconds()} s`),
);
console.log(`value-refresh: ${seconds()} s`, result);
await database.close();
