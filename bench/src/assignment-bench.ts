/**
 * Issue #3 benchmarks: the pool-reclaim job over 1,000,000 customers held by 1,000 managers (on a
 * copy of the seeded bench database), and a rebalancing proposal for 100,000 customers across
 * 500 managers (the core algorithm the server runs for large books).
 *
 *   npm run seed:bench                       # once: 1M customers in steward_bench
 *   npx tsx bench/src/assignment-bench.ts    # writes bench/results/assignment.md
 */
import { mkdirSync, writeFileSync } from 'node:fs';
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

async function reclaimBench() {
  const source = new URL(benchDatabaseUrl());
  const copy = 'steward_bench_reclaim';
  const admin = new pg.Client({ connectionString: new URL('/postgres', source).toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${copy} with (force)`);
  const t0 = performance.now();
  await admin.query(`create database ${copy} template ${source.pathname.slice(1)}`);
  console.log(`copied the bench database in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const url = new URL(`/${copy}`, source).toString();
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
  // 1,000 managers: add 980 to the demo's 20, then spread the owned customers over all of them,
  // assigned over the last 100 days, with interactions on a fraction so most are kept.
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
    `insert into interactions (org_id, id, customer_id, type, occurred_at, summary)
     select org_id, gen_random_uuid(), id, 'call', now() - (abs(hashtext(id::text || 'i')) % 20) * interval '1 day', 'bench'
       from customers where org_id = $1 and owner_id is not null and abs(hashtext(id::text)) % 10 < 7`,
    [org!.id],
  );
  await c.query('analyze');
  const {
    rows: [counts],
  } = await c.query<{ owned: number; managers: number }>(
    `select (select count(*)::int from customers where org_id = $1 and owner_id is not null) owned,
            (select count(distinct owner_id)::int from customers where org_id = $1) managers`,
    [org!.id],
  );
  await c.end();
  const database = await openDatabase({ databaseUrl: url });
  const deps = {
    db: database.db,
    dbKind: 'postgres' as const,
    config: loadConfig({}),
    now: () => new Date(),
  };
  const run = async (asOf: Date) => {
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
    return { result, seconds: (performance.now() - started) / 1000 };
  };
  // The first run clears the backlog; the next ones are the nightly runs that follow it.
  const now = Date.now();
  const backlog = await run(new Date(now));
  const nightly = [];
  for (let day = 1; day <= 3; day++) nightly.push(await run(new Date(now + day * 86_400_000)));
  const nightlySeconds = nightly.map((n) => n.seconds).sort((a, b) => a - b);
  await database.close();
  await admin.query(`drop database if exists ${copy} with (force)`);
  await admin.end();
  log('## Pool-reclaim job: 1,000,000 customers, 1,000 managers (PostgreSQL)');
  log('');
  log('| measure | value |');
  log('| --- | ---: |');
  log(
    `| owned customers checked | ${counts!.owned.toLocaleString('en')} (of 1,000,000; the rest are in the pool) |`,
  );
  log(`| managers holding them | ${counts!.managers.toLocaleString('en')} |`);
  log(`| first run over the backlog: time | ${backlog.seconds.toFixed(1)} s |`);
  log(
    `| first run: reclaimed / warned | ${backlog.result.reclaimed.toLocaleString('en')} / ${backlog.result.warned.toLocaleString('en')} |`,
  );
  log(`| nightly runs (asOf +1, +2, +3 days): median time | ${nightlySeconds[1]!.toFixed(1)} s |`);
  log(
    `| nightly runs: checked / reclaimed / warned (each) | ${nightly.map((n) => `${n.result.checked.toLocaleString('en')} / ${n.result.reclaimed.toLocaleString('en')} / ${n.result.warned.toLocaleString('en')}`).join('; ')} |`,
  );
  log('');
}

rebalanceBench();
await reclaimBench();
mkdirSync(path.join(here, '../results'), { recursive: true });
writeFileSync(path.join(here, '../results/assignment.md'), out.join('\n') + '\n');
