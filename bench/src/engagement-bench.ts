/**
 * Issue #4 benchmark: the `visit-plan` job over 1,000,000 customers and the `sla-watch` job over
 * 100,000 open complaints, on PostgreSQL, each called as the job queue calls it (the handler with
 * a job context), on a copy of the seeded bench database.
 *
 *   npm run seed:bench                         # once: 1M customers in steward_bench
 *   npm run bench:engagement -w bench          # = npx tsx bench/src/engagement-bench.ts
 *
 * The copy (BENCH_ENGAGEMENT_DB, default steward_bench_engagement) is made with `createdb -T` under
 * /tmp/benchdb.lock (BENCH_DB_LOCK), retried while the source is in use, migrated, and prepared once:
 *
 * - Tiers are set directly, not by running value-refresh: the bench seed has no orders by default,
 *   so value-refresh would find no historic value and put every customer in D (no visits). The tiers
 *   follow the default tier rule's shares (percentile cutoffs 0.8 / 0.5 / 0.2: 20 % A, 30 % B,
 *   30 % C, 20 % D), drawn from a hash of the customer id, so every copy gets the same tiers.
 * - 100,000 open complaints on owned customers (assignee = owner, the owner's team, mixed
 *   severities and categories, a `created` timeline event each) are written before each sla-watch
 *   round with due times that make the job warn and then breach every one of them:
 *   first response warned at T+3.5 h, breached at T+5 h; resolution warned at T+40 h, breached at T+50 h.
 *   The seed's 23 owners get ~4,350 complaints each, so each recipient gets one digest notification
 *   per run (a per-complaint notification is written only when a run flags one complaint of theirs):
 *   the `notifications` count is of digests, one per assignee or lead (a lead who also owns customers
 *   gets one for both roles).
 *
 * Each round (BENCH_RUNS, default 3) starts from the same state: tasks emptied (TRUNCATE), then
 * `visit-plan` first run (asOf = the seed's "now", 7 days' lookahead) and the next day's run; then
 * the complaints rewritten and `sla-watch` at the four instants above plus a re-run with nothing left.
 * A CHECKPOINT precedes every timed run, so one run's dirty pages are not flushed during the next.
 * The one-minute load average is recorded beside every timing (the machine is shared); the report
 * gives the median of the rounds. Writes bench/results/engagement.md.
 *
 * Environment: BENCH_DATABASE_URL (the seeded database, only ever copied), BENCH_ENGAGEMENT_DB,
 * BENCH_RUNS, BENCH_ENGAGEMENT_ONLY (`visit` | `sla`), BENCH_KEEP=1 (keep the prepared copy and
 * reuse it next time), BENCH_DB_LOCK, BENCH_EXPLAIN=1 (the jobs' connections load `auto_explain`,
 * which writes the plan of every statement over a second, with buffers and WAL, to the server log;
 * needs a superuser, as the bench's connection is; the timings then include the instrumentation).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig, openDatabase, runSlaWatch, runVisitPlan } from '@steward/server';
import { benchDatabaseUrl } from './config.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const COPY = process.env.BENCH_ENGAGEMENT_DB || 'steward_bench_engagement';
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS || 3));
const ONLY = process.env.BENCH_ENGAGEMENT_ONLY;
const KEEP = process.env.BENCH_KEEP === '1';
const COMPLAINTS = 100_000;
const H = 3_600_000;
const DAY = 24 * H;

const out: string[] = ['# Engagement and service job benchmarks', '', `Run: ${new Date().toISOString()}`, ''];
const log = (line: string) => {
  console.log(line);
  out.push(line);
};
const load = () => loadavg()[0]!;
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Copies `from` to `to` with `createdb -T` under the bench lock. CREATE DATABASE refuses while
 * anyone else is connected to the source (the seed, another helper's copy): retried for 30 minutes.
 */
async function copyDatabase(admin: pg.Client, source: URL, from: string, to: string) {
  await admin.query(`drop database if exists ${to} with (force)`);
  const args = [
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
  ];
  const t0 = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync('flock', args, {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, PGPASSWORD: decodeURIComponent(source.password) },
      });
      break;
    } catch (e) {
      const stderr = String((e as { stderr?: Buffer }).stderr ?? '');
      if (!/being accessed by other users/.test(stderr) || attempt >= 60)
        throw new Error(stderr || String(e), { cause: e });
      console.log(`${from} is in use, retrying in 30 s (attempt ${attempt})`);
      await sleep(30_000);
    }
  }
  console.log(`copied ${from} → ${to} in ${seconds(t0).toFixed(1)} s`);
}

/** Tiers by the default rule's shares (see the header), once per copy. */
async function prepare(c: pg.Client) {
  const { rows } = await c.query<{ tiered: number }>(`select count(tier)::int as tiered from customers`);
  if ((rows[0]?.tiered ?? 0) > 0) return;
  const t0 = performance.now();
  await c.query(
    `update customers set tier = (array['A','A','B','B','B','C','C','C','D','D'])[1 + abs(hashtext(id::text)) % 10]`,
  );
  await c.query('vacuum (analyze) customers');
  console.log(`tiered the customers in ${seconds(t0).toFixed(1)} s`);
}

/** The complaints of one sla-watch round, all created within 10 minutes before `t0`. */
async function writeComplaints(c: pg.Client, orgId: string, t0: Date) {
  await c.query(`delete from tasks where org_id = $1 and type = 'complaint'`, [orgId]);
  await c.query(`truncate complaints, complaint_events`);
  await c.query(
    `delete from notifications where org_id = $1 and kind in ('complaint_sla_warning', 'complaint_sla_breach')`,
    [orgId],
  );
  await c.query(
    `with picked as (
       select cu.id as customer_id, cu.owner_id, cu.team_id, h
         from customers cu, lateral (select abs(hashtext(cu.id::text || ':complaint')) as h) x
        where cu.org_id = $1 and cu.owner_id is not null and cu.deleted_at is null
        order by h limit ${COMPLAINTS}
     ), rows as (
       select gen_random_uuid() as id, p.*,
              $2::timestamptz - make_interval(secs => (p.h % 600)) as created_at
         from picked p
     ), ins as (
       insert into complaints (org_id, id, customer_id, channel, category, severity, description, status,
                               owner_id, team_id, assignee_id, sla_mode, first_response_due_at,
                               resolution_due_at, first_response_warn_at, resolution_warn_at,
                               created_by, created_at, updated_at)
       select $1, r.id, r.customer_id, (array['phone','email','wechat','web'])[1 + r.h % 4],
              (array['quality','logistics','billing','service','other'])[1 + r.h % 5],
              (array['low','medium','high','critical'])[1 + r.h % 4], 'benchmark complaint', 'open',
              r.owner_id, r.team_id, r.owner_id, 'calendar',
              r.created_at + interval '4 hours', r.created_at + interval '48 hours',
              r.created_at + interval '3.2 hours', r.created_at + interval '38.4 hours',
              r.owner_id, r.created_at, r.created_at
         from rows r
       returning id, created_at
     )
     insert into complaint_events (org_id, id, complaint_id, kind, to_status, data, internal, actor_id, at)
     select $1, gen_random_uuid(), i.id, 'created', 'open', '{}'::jsonb, true, null, i.created_at from ins i`,
    [orgId, t0.toISOString()],
  );
  await c.query('vacuum (analyze) complaints, complaint_events, tasks, notifications');
}

type Timing = { seconds: number; load: number; result: Record<string, unknown> };

const source = new URL(benchDatabaseUrl());
const admin = new pg.Client({ connectionString: new URL('/postgres', source).toString() });
await admin.connect();
const exists = (await admin.query(`select 1 from pg_database where datname = $1`, [COPY])).rowCount;
if (!KEEP || !exists) await copyDatabase(admin, source, source.pathname.slice(1), COPY);
const url = new URL(`/${COPY}`, source).toString();
const explain = [
  'session_preload_libraries=auto_explain',
  'auto_explain.log_min_duration=1000',
  'auto_explain.log_analyze=on',
  'auto_explain.log_buffers=on',
  'auto_explain.log_wal=on',
  'auto_explain.log_timing=on',
  'auto_explain.log_nested_statements=on',
]
  .map((o) => `-c ${o}`)
  .join(' ');
const jobUrl = process.env.BENCH_EXPLAIN === '1' ? `${url}?options=${encodeURIComponent(explain)}` : url;

const database = await openDatabase({ databaseUrl: jobUrl }); // applies the committed migrations
const deps = { db: database.db, dbKind: 'postgres' as const, config: loadConfig({}), now: () => new Date() };
const c = new pg.Client({ connectionString: url });
await c.connect();
await prepare(c);
const {
  rows: [facts],
} = await c.query<{ org: string; seeded: Date; customers: number; owned: number; tiers: string }>(
  `select (select id from organizations where name = 'Demo') as org,
          (select max(created_at) from customers) + interval '30 days' as seeded,
          count(*)::int as customers, count(owner_id)::int as owned,
          (select string_agg(tier || ' ' || n, ', ' order by tier) from
             (select tier, count(*) n from customers group by tier) t) as tiers
     from customers`,
);
const orgId = facts!.org;
const ctx = (asOf: Date, options: Record<string, unknown> = {}) => ({
  deps,
  orgId,
  jobId: crypto.randomUUID(),
  actorId: null,
  asOf,
  options,
  progress: async () => {},
});
async function timed(run: () => Promise<Record<string, unknown>>): Promise<Timing> {
  await c.query('checkpoint');
  const before = load();
  const t0 = performance.now();
  const result = await run();
  const s = seconds(t0);
  return { seconds: s, load: Math.max(before, load()), result };
}
const show = (label: string, t: Timing) =>
  console.log(
    `  ${label}: ${t.seconds.toFixed(1)} s (load ${t.load.toFixed(2)}) ${JSON.stringify(t.result)}`,
  );

log(
  `Dataset: ${facts!.customers.toLocaleString('en')} customers, ${facts!.owned.toLocaleString('en')} owned; tiers ${facts!.tiers}.`,
);
log('');

const rows: string[] = [];
const row = (name: string, ts: Timing[], what: (t: Timing) => string) =>
  rows.push(
    `| ${name} | ${ts.map((t) => `${t.seconds.toFixed(1)} s (${t.load.toFixed(1)})`).join(', ')} | **${median(ts.map((t) => t.seconds)).toFixed(1)} s** | ${what(ts[0]!)} |`,
  );

if (ONLY !== 'sla') {
  const asOf = new Date(facts!.seeded);
  const first: Timing[] = [];
  const daily: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    await c.query('truncate tasks');
    await c.query('vacuum (analyze) tasks');
    console.log(`visit-plan round ${i + 1}`);
    first.push(await timed(() => runVisitPlan(ctx(asOf))));
    show('first run', first.at(-1)!);
    daily.push(await timed(() => runVisitPlan(ctx(new Date(asOf.getTime() + DAY)))));
    show('next day', daily.at(-1)!);
  }
  row('`visit-plan` first run (asOf, 7 days ahead)', first, (t) => `${t.result.created} visit tasks created`);
  row('`visit-plan` next day (asOf + 1 day)', daily, (t) => `${t.result.created} visit tasks created`);
}

if (ONLY !== 'visit') {
  const t0 = new Date(new Date(facts!.seeded).getTime() + 2 * DAY);
  const steps: [string, number][] = [
    ['`sla-watch` first-response warnings (T + 3.5 h)', 3.5 * H],
    ['`sla-watch` first-response breaches (T + 5 h)', 5 * H],
    ['`sla-watch` resolution warnings (T + 40 h)', 40 * H],
    ['`sla-watch` resolution breaches (T + 50 h)', 50 * H],
    ['`sla-watch` re-run, nothing left (T + 50 h)', 50 * H],
  ];
  const times: Timing[][] = steps.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    const w0 = performance.now();
    await writeComplaints(c, orgId, t0);
    console.log(`sla-watch round ${i + 1} (${COMPLAINTS} complaints written in ${seconds(w0).toFixed(1)} s)`);
    for (const [k, [label, offset]] of steps.entries()) {
      times[k]!.push(await timed(() => runSlaWatch(ctx(new Date(t0.getTime() + offset)))));
      show(label, times[k]!.at(-1)!);
    }
  }
  const flagged = (t: Timing) =>
    Object.entries(t.result)
      .filter(([k, v]) => k !== 'asOf' && v)
      .map(([k, v]) => `${k} ${Number(v).toLocaleString('en')}`)
      .join(', ') || 'nothing flagged';
  steps.forEach(([label], k) => row(label, times[k]!, flagged));
}

await c.end();
await database.close();
if (!KEEP) await admin.query(`drop database if exists ${COPY} with (force)`);
await admin.end();

log(`## visit-plan and sla-watch (PostgreSQL, ${RUNS} rounds)`);
log('');
log('| job run | each round: time (1-min load average) | median | result (round 1) |');
log('| --- | --- | ---: | --- |');
for (const r of rows) log(r);
log('');
mkdirSync(path.join(here, '../results'), { recursive: true });
writeFileSync(path.join(here, '../results/engagement.md'), out.join('\n') + '\n');
