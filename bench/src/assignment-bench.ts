/**
 * Issue #3 benchmarks: the pool-reclaim job over 1,000,000 customers held by 1,000 managers (on a
 * copy of the seeded bench database), and a rebalancing proposal for 100,000 customers across
 * 500 managers (the core algorithm the server runs for large books).
 *
 *   npm run seed:bench                       # once: 1M customers in steward_bench
 *   npx tsx bench/src/assignment-bench.ts    # writes bench/results/assignment.md
 *
 * Environment: BENCH_DATABASE_URL (the seeded database, only ever copied), BENCH_ASSIGNMENT_ONLY
 * (`rebalance` | `reclaim`), BENCH_RECLAIM_DB (name of the prepared copy, default
 * steward_bench_reclaim), BENCH_RECLAIM_RUNS (sessions, default 3), BENCH_RECLAIM_REUSE=1 (reuse
 * an existing prepared copy), BENCH_RECLAIM_KEEP=1 (keep it afterwards), BENCH_DB_LOCK.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { balanceLoad, proposeRebalance, type RebalanceManager } from '@steward/core';
import { loadConfig, openDatabase, runPoolReclaim } from '@steward/server';
import { createRng } from '@steward/server/seed';
import { benchDatabaseUrl } from './config.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const out: string[] = ['# Assignment benchmarks', '', `Run: ${new Date().toISOString()}`, ''];
const log = (line: string) => {
  console.log(line);
  out.push(line);
};

function rebalanceBench() {
  const rng = createRng(7);
  const regions = ['北京', '上海', '广东·广州', '广东·深圳', '浙江·杭州', '四川·成都'];
  const managers: RebalanceManager[] = Array.from({ length: 500 }, (_, i) => ({
    id: `m${String(i).padStart(3, '0')}`,
    level: (['junior', 'senior', 'key_account'] as const)[i % 3]!,
    capacity: 300,
    regions: [regions[i % 6]!],
    industries: ['制造业'],
    languages: ['zh'],
    customers: [],
  }));
  // Skewed books: a power law over managers, as after years of uneven claiming.
  for (let c = 0; c < 100_000; c++) {
    let m = managers[Math.floor(Math.pow(rng.next(), 1.6) * 500)]!;
    if (m.customers.length >= m.capacity) m = managers.find((x) => x.customers.length < x.capacity)!;
    m.customers.push({
      id: `c${c}`,
      value: rng.gamma(2, 500),
      tier: (['A', 'B', 'C', 'D'] as const)[c % 4]!,
      region: regions[c % 6]!,
      industry: '制造业',
    });
  }
  const times: number[] = [];
  let result = balanceLoad(managers);
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    result = balanceLoad(managers);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  log('## Rebalancing proposal: 100,000 customers, 500 managers (capacity 300 each)');
  log('');
  log('| measure | value |');
  log('| --- | ---: |');
  log(`| median time (5 runs) | ${times[2]!.toFixed(0)} ms |`);
  log(`| moves proposed | ${result.moves.length.toLocaleString('en')} |`);
  log(
    `| load spread (max ÷ mean) before → after | ${result.spreadBefore.toFixed(3)} → ${result.spreadAfter.toFixed(3)} |`,
  );
  log('');
  // The full objective search, for scale: one team's book.
  const team = managers.slice(0, 20).map((m) => ({ ...m, customers: m.customers.slice(0, 250) }));
  const t0 = performance.now();
  const small = proposeRebalance(team, { maxMoves: 20 });
  log(
    `Objective search on one team (20 managers, ${team.reduce((s, m) => s + m.customers.length, 0).toLocaleString('en')} customers, 20 moves): ${(performance.now() - t0).toFixed(0)} ms, ${small.moves.length} moves.`,
  );
  log('');
}

/** One-minute load average, for the record beside every timing (the machine is shared). */
const load = () => loadavg()[0]!.toFixed(2);

/**
 * Copies a database with `createdb -T`, holding the lock other helpers take on the machine's
 * bench database (BENCH_DB_LOCK, default /tmp/benchdb.lock) while copying from it; falls back to
 * CREATE DATABASE … TEMPLATE where flock or createdb is missing.
 */
async function copyDatabase(admin: pg.Client, source: URL, from: string, to: string) {
  await admin.query(`drop database if exists ${to} with (force)`);
  const t0 = performance.now();
  try {
    execFileSync(
      'flock',
      [
        process.env.BENCH_DB_LOCK || '/tmp/benchdb.lock',
        'createdb',
        '-h',
        source.hostname,
        '-p',
        source.port || '5432',
        '-U',
        decodeURIComponent(source.username) || 'postgres',
        '-T',
        from,
        to,
      ],
      { stdio: 'inherit', env: { ...process.env, PGPASSWORD: decodeURIComponent(source.password) } },
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    await admin.query(`create database ${to} template ${from}`);
  }
  console.log(`copied ${from} → ${to} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * The data of the measurement, once, on `url` (a copy of the bench database): migrated, 1,000
 * managers (980 added to the demo's 20), the owned customers spread over all of them and assigned
 * over the last 100 days, and an interaction within the last 20 days on 70 % of them — written as
 * the app writes it, so the customer's last contact follows (decision 0023).
 */
async function prepare(url: string) {
  const database = await openDatabase({ databaseUrl: url }); // runs the migrations
  await database.close();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const {
    rows: [org],
  } = await c.query<{ id: string }>(`select id from organizations where name = 'Demo'`);
  const {
    rows: [team],
  } = await c.query<{ team_id: string }>(
    `select team_id from users where org_id = $1 and role = 'manager' limit 1`,
    [org!.id],
  );
  await c.query(
    `insert into users (org_id, id, email, name, role, password_hash, team_id, capacity)
     select $1, gen_random_uuid(), 'bench' || g || '@steward.bench', 'Bench ' || g, 'manager', 'x', $2, 5000
       from generate_series(1, 980) g`,
    [org!.id, team!.team_id],
  );
  await c.query(
    `with m as (select id, team_id, row_number() over (order by id) - 1 as k from users where org_id = $1 and role = 'manager')
     update customers c set owner_id = m.id, team_id = m.team_id,
            assigned_at = now() - (abs(hashtext(c.id::text)) % 100) * interval '1 day'
       from m where c.org_id = $1 and c.owner_id is not null and m.k = abs(hashtext(c.id::text || 'o')) % 1000`,
    [org!.id],
  );
  await c.query(
    `with i as (
       insert into interactions (org_id, id, customer_id, type, occurred_at, summary)
       select org_id, gen_random_uuid(), id, 'call', now() - (abs(hashtext(id::text || 'i')) % 20) * interval '1 day', 'bench'
         from customers where org_id = $1 and owner_id is not null and abs(hashtext(id::text)) % 10 < 7
       returning org_id, customer_id, occurred_at)
     update customers c set last_contacted_at = greatest(c.last_contacted_at, i.occurred_at)
       from i where c.org_id = i.org_id and c.id = i.customer_id`,
    [org!.id],
  );
  await c.query('vacuum analyze');
  await c.end();
}

async function reclaimBench() {
  const source = new URL(benchDatabaseUrl());
  const sourceDb = source.pathname.slice(1);
  const prepared = process.env.BENCH_RECLAIM_DB || 'steward_bench_reclaim';
  const copy = `${prepared}_run`;
  const reps = Number(process.env.BENCH_RECLAIM_RUNS || 3);
  const urlOf = (db: string) => new URL(`/${db}`, source).toString();
  const admin = new pg.Client({ connectionString: new URL('/postgres', source).toString() });
  await admin.connect();
  const { rowCount: exists } = await admin.query(`select 1 from pg_database where datname = $1`, [prepared]);
  if (process.env.BENCH_RECLAIM_REUSE === '1' && exists) {
    console.log(`reusing the prepared ${prepared}`);
    await (await openDatabase({ databaseUrl: urlOf(prepared) })).close(); // newer migrations, once
  } else {
    await copyDatabase(admin, source, sourceDb, prepared);
    const t0 = performance.now();
    await prepare(urlOf(prepared));
    console.log(`prepared ${prepared} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const c = new pg.Client({ connectionString: urlOf(prepared) });
  await c.connect();
  const {
    rows: [org],
  } = await c.query<{ id: string }>(`select id from organizations where name = 'Demo'`);
  const {
    rows: [counts],
  } = await c.query<{ owned: number; managers: number }>(
    `select (select count(*)::int from customers where org_id = $1 and owner_id is not null) owned,
            (select count(distinct owner_id)::int from customers where org_id = $1) managers`,
    [org!.id],
  );
  await c.end();

  type Timed = { result: Awaited<ReturnType<typeof runPoolReclaim>>; seconds: number; load: string };
  /** Runs the job as of each moment in turn on a fresh copy of the prepared database. */
  const session = async (runs: Date[]) => {
    await copyDatabase(admin, source, prepared, copy);
    const database = await openDatabase({ databaseUrl: urlOf(copy) });
    const deps = {
      db: database.db,
      dbKind: 'postgres' as const,
      config: loadConfig({}),
      now: () => new Date(),
    };
    const out: Timed[] = [];
    for (const asOf of runs) {
      const started = performance.now();
      const result = await runPoolReclaim({
        deps,
        orgId: org!.id,
        jobId: '00000000-0000-0000-0000-000000000000',
        actorId: null,
        asOf,
        options: {},
        progress: async () => {},
      });
      const seconds = (performance.now() - started) / 1000;
      out.push({ result, seconds, load: load() });
      console.log(
        `asOf ${asOf.toISOString()}: ${seconds.toFixed(1)} s (load ${load()}) ${JSON.stringify(result)}`,
      );
    }
    await database.close();
    await admin.query(`drop database if exists ${copy} with (force)`);
    return out;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const DAY = 86_400_000;
  // Each session: the first run clears the backlog; the next three are the nightly runs after it.
  const sessions: Timed[][] = [];
  for (let r = 0; r < reps; r++) {
    const now = Date.now();
    sessions.push(await session([0, 1, 2, 3].map((d) => new Date(now + d * DAY))));
  }
  // A back-dated run (asOf a week ago): most customers' last contact is after asOf, so the job
  // looks up their interactions up to asOf instead of reading the stored date.
  const backdated = (await session([new Date(Date.now() - 7 * DAY)]))[0]!;
  if (process.env.BENCH_RECLAIM_KEEP !== '1')
    await admin.query(`drop database if exists ${prepared} with (force)`);
  await admin.end();

  const firsts = sessions.map((s) => s[0]!);
  const nightly = sessions.flatMap((s) => s.slice(1));
  const fmt = (t: Timed) => `${t.seconds.toFixed(1)} s (load ${t.load})`;
  const n = (x: number) => x.toLocaleString('en');
  log('## Pool-reclaim job: 1,000,000 customers, 1,000 managers (PostgreSQL)');
  log('');
  log('| measure | value |');
  log('| --- | ---: |');
  log(`| owned customers checked | ${n(counts!.owned)} (of 1,000,000; the rest are in the pool) |`);
  log(`| managers holding them | ${n(counts!.managers)} |`);
  log(
    `| first run over the backlog: median of ${firsts.length} | ${median(firsts.map((t) => t.seconds)).toFixed(1)} s |`,
  );
  log(`| first run: each (1-minute load average after it) | ${firsts.map(fmt).join('; ')} |`);
  log(
    `| first run: reclaimed / warned | ${firsts.map((t) => `${n(t.result.reclaimed)} / ${n(t.result.warned)}`).join('; ')} |`,
  );
  log(
    `| nightly runs (asOf +1, +2, +3 days): median of ${nightly.length} | ${median(nightly.map((t) => t.seconds)).toFixed(1)} s |`,
  );
  log(`| nightly runs: each | ${nightly.map(fmt).join('; ')} |`);
  log(
    `| nightly runs: checked / reclaimed / warned (session 1) | ${sessions[0]!
      .slice(1)
      .map((t) => `${n(t.result.checked)} / ${n(t.result.reclaimed)} / ${n(t.result.warned)}`)
      .join('; ')} |`,
  );
  log(
    `| back-dated first run (asOf −7 days) | ${fmt(backdated)}: ${n(backdated.result.checked)} checked, ${n(backdated.result.reclaimed)} reclaimed, ${n(backdated.result.warned)} warned |`,
  );
  log('');
}

const only = process.env.BENCH_ASSIGNMENT_ONLY; // 'rebalance' | 'reclaim'
if (only !== 'reclaim') rebalanceBench();
if (only !== 'rebalance') await reclaimBench();
mkdirSync(path.join(here, '../results'), { recursive: true });
writeFileSync(path.join(here, '../results/assignment.md'), out.join('\n') + '\n');
