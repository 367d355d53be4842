/**
 * Issue #6 benchmark: the team dashboard (`GET /kpis?subject=team:…`, a lead's team, one month) and
 * the company leaderboard (`GET /scorecards/rankings?organization=true`, the director, one month)
 * on 1,000,000 customers, ~10,000,000 orders and 1,000 managers, over HTTP against the application
 * in its own process (bench/src/server-child.ts), as in the main benchmark.
 *
 *   npm run seed:bench                                  # once: 1M customers in steward_bench
 *   npm run bench:performance -w bench                  # writes bench/results/performance.md
 *
 * It copies steward_bench to steward_bench_perf (BENCH_KEEP=1 reuses an existing copy), adds 1,000
 * managers in 100 teams of 10, ~10.5 M orders, hand-overs of 5 % of the customers in the last 90
 * days, a `create` history row per owned customer (as the services write), the scores of a
 * value refresh and ~600,000 tasks due over the previous two months and the current one, measures a few requests computed directly (no facts yet), runs the `kpi-facts` job, then
 * BENCH_WARMUP (20) warm-up and BENCH_REQUESTS (200) sequential requests per scenario.
 */
import { execSync, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig, openDatabase, refreshLifecycleBoundaries, runKpiFacts } from '@steward/server';
import {
  addCreationRows,
  addHandovers,
  addManagersInTeams,
  addOrders,
  addTasks,
  copyBenchDatabase,
  dropDatabase,
  seconds,
} from './bench-db.js';
import { DEMO_PASSWORD } from './config.js';
import type { FromChild, ToChild } from './server-child.js';
import { runValueJob } from './value-job.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const NAME = process.env.BENCH_PERF_DB || 'steward_bench_perf';
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const TEAM_WARMUP = Number(process.env.BENCH_TEAM_WARMUP ?? WARMUP);
const TEAM_REQUESTS = Number(process.env.BENCH_TEAM_REQUESTS ?? REQUESTS);
const keep = process.env.BENCH_KEEP === '1';
const skipDirect = process.env.BENCH_SKIP_DIRECT === '1';
const out: string[] = [
  '# Performance dashboards benchmark (issue #6)',
  '',
  `Run: ${new Date().toISOString()}`,
  '',
];
const log = (line: string) => {
  console.log(line);
  out.push(line);
};
const load = () =>
  execSync('uptime')
    .toString()
    .trim()
    .replace(/.*load average: /, '');

// ---------------------------------------------------------------- data

// The months measured: the last full month, and the current one so far.
const now = new Date();
const local = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
})
  .format(now)
  .split('-')
  .map(Number) as [number, number];
const monthOf = (y: number, m: number) => {
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${last}` };
};
const current = monthOf(local[0], local[1]);
const previous = local[1] === 1 ? monthOf(local[0] - 1, 12) : monthOf(local[0], local[1] - 1);

const { url, created } = await copyBenchDatabase(NAME, { keep });
const c = new pg.Client({ connectionString: url });
await c.connect();
const {
  rows: [org],
} = await c.query<{ id: string }>(`select id from organizations where name = 'Demo'`);
// Each step once (BENCH_KEEP=1 resumes a copy where an earlier run stopped).
const has = async (q: string) => ((await c.query(q, [org!.id])).rowCount ?? 0) > 0;
let t0 = performance.now();
if (created || !(await has(`select 1 from teams where org_id = $1 and name like 'Bench team %' limit 1`))) {
  await addManagersInTeams(c, org!.id, { managers: 1000, teamSize: 10 });
  console.log(`managers and teams in ${seconds(t0).toFixed(1)} s`);
}
t0 = performance.now();
if (created || !(await has(`select 1 from orders where org_id = $1 limit 1`))) {
  await addOrders(c);
  console.log(`orders in ${seconds(t0).toFixed(1)} s`);
}
t0 = performance.now();
if (
  created ||
  !(await has(`select 1 from assignment_history where org_id = $1 and reason = 'bench' limit 1`))
) {
  await addHandovers(c, org!.id, 0.05, 90);
  await c.query('analyze');
  console.log(`hand-overs and analyze in ${seconds(t0).toFixed(1)} s`);
}
t0 = performance.now();
if (
  created ||
  !(await has(`select 1 from assignment_history where org_id = $1 and kind = 'create' limit 1`))
) {
  await addCreationRows(c, org!.id);
  await c.query('analyze assignment_history');
  console.log(`creation rows in ${seconds(t0).toFixed(1)} s`);
}
// Scores as a nightly value refresh leaves them (book value reads the CLV at the period's end).
t0 = performance.now();
if (created || !(await has(`select 1 from customer_scores where org_id = $1 limit 1`))) {
  const database = await openDatabase({ databaseUrl: url });
  await runValueJob(database, org!.id, new Date(), () => {});
  await database.close();
  console.log(`value refresh in ${seconds(t0).toFixed(1)} s`);
}
// Tasks due from the month before the previous one to the end of the current one (task KPIs).
t0 = performance.now();
if (created || !(await has(`select 1 from tasks where org_id = $1 and title = 'bench task' limit 1`))) {
  const [py, pm] = previous.from.split('-').map(Number) as [number, number];
  const [cy, cm] = current.from.split('-').map(Number) as [number, number];
  await addTasks(c, org!.id, new Date(Date.UTC(py, pm - 2, 1)), new Date(Date.UTC(cy, cm, 1)));
  // Written with the triggers off: delist every day of a kept copy's facts, as the trigger would have.
  await c.query(`delete from kpi_fact_days where org_id = $1`, [org!.id]);
  console.log(`tasks in ${seconds(t0).toFixed(1)} s`);
}
const { rows: teams } = await c.query<{ id: string; lead_email: string; members: number; customers: number }>(
  `select t.id, u.email as lead_email,
          (select count(*)::int from users m where m.org_id = t.org_id and m.team_id = t.id and m.role = 'manager') as members,
          (select count(*)::int from customers x join users m on m.org_id = x.org_id and m.id = x.owner_id
            where x.org_id = t.org_id and m.team_id = t.id) as customers
     from teams t join users u on u.org_id = t.org_id and u.id = t.lead_id
    where t.org_id = $1 and t.name like 'Bench team %' order by t.name limit 10`,
  [org!.id],
);
const {
  rows: [counts],
} = await c.query<{ customers: number; orders: number; managers: number; handovers: number }>(
  `select (select count(*)::int from customers) customers, (select count(*)::int from orders) orders,
          (select count(*)::int from users where role = 'manager' and status = 'active') managers,
          (select count(*)::int from assignment_history where kind <> 'create') handovers`,
);
await c.end();

// ---------------------------------------------------------------- server and client

const child = fork(path.join(here, 'server-child.ts'), ['app'], {
  execArgv: ['--import', 'tsx'],
  env: { ...process.env, BENCH_DATABASE_URL: url },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
let seq = 0;
const port = await new Promise<number>((resolve, reject) => {
  child.on('message', (m: FromChild) => (m.type === 'ready' ? resolve(m.port) : undefined));
  child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
});
const stop = () =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.send({ id: ++seq, type: 'stop' } satisfies ToChild);
  });

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function request(method: string, pathname: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path: pathname, agent, headers }, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}
async function login(email: string) {
  const res = await request(
    'POST',
    '/api/v1/auth/login',
    { 'content-type': 'application/json' },
    JSON.stringify({ email, password: DEMO_PASSWORD }),
  );
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.body}`);
  const cookie = (res.headers['set-cookie'] ?? [])
    .map((x) => x.split(';')[0])
    .find((x) => x?.startsWith('steward_session='));
  if (!cookie) throw new Error(`login ${email}: no cookie`);
  return cookie;
}

type Call = { path: string; cookie: string };
async function timeOne(call: Call) {
  const t0 = performance.now();
  const res = await request('GET', call.path, { cookie: call.cookie });
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${call.path} → ${res.status} ${res.body.slice(0, 300)}`);
  return { ms, body: res.body };
}
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(name: string, calls: Call[], warmup = WARMUP, requests = REQUESTS) {
  for (let i = 0; i < warmup; i++) await timeOne(calls[i % calls.length]!);
  const before = load();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) times.push((await timeOne(calls[i % calls.length]!)).ms);
  times.sort((a, b) => a - b);
  const row = {
    name,
    n: requests,
    median: pct(times, 50),
    p95: pct(times, 95),
    p99: pct(times, 99),
    max: times[times.length - 1]!,
    load: `${before} → ${load()}`,
  };
  console.log(JSON.stringify(row));
  return row;
}

const director = await login('director@steward.demo');
const leads = new Map<string, string>();
for (const t of teams) leads.set(t.lead_email, await login(t.lead_email));
const teamCalls = (m: { from: string; to: string }) =>
  teams.map((t) => ({
    path: `/api/v1/kpis?subject=team:${t.id}&from=${m.from}&to=${m.to}`,
    cookie: leads.get(t.lead_email)!,
  }));
const boardCalls = (m: { from: string; to: string }) => [
  { path: `/api/v1/scorecards/rankings?organization=true&from=${m.from}&to=${m.to}`, cookie: director },
];

// ---------------------------------------------------------------- before facts: computed directly

// The server applied the migrations (0009 rewrites every customer): vacuum as production's
// autovacuum would have (visibility maps for index-only scans, statistics), and forget any facts
// of a kept copy.
const c2 = new pg.Client({ connectionString: url });
await c2.connect();
t0 = performance.now();
// (These machines run PostgreSQL with autovacuum off, /etc/postgresql/15/main/conf.d/90-ci.conf:
// without this, the value refresh's 293,000 new tasks leave the planner estimating one row.)
for (const table of [
  'customers',
  'orders',
  'assignment_history',
  'customer_scores',
  'score_history',
  'tasks',
  'churn_alerts',
  'notifications',
])
  await c2.query(`vacuum (analyze) ${table}`);
console.log(`vacuum in ${seconds(t0).toFixed(1)} s`);
// BENCH_SKIP_DIRECT=1 keeps the facts of a kept copy and skips the direct measurements; the job
// then rebuilds the first 7 days of the previous month, for its time per day.
if (skipDirect) {
  await c2.query(`delete from kpi_fact_days where day >= $1::date and day < $1::date + 7`, [previous.from]);
  // A day built while it ran (decision 0061) is built again at this run's asOf.
  await c2.query(`delete from kpi_fact_days where covered_until is not null`);
} else {
  await c2.query(`delete from kpi_fact_days`);
  // And the lifecycle boundaries (decision 0063): the job builds every customer's again.
  await c2.query(`update organizations set lifecycle_tz = null`);
}
await c2.end();
const direct = skipDirect
  ? []
  : [
      await measure('Team dashboard, previous month, no facts', teamCalls(previous), 1, 5),
      await measure('Company leaderboard, previous month, no facts', boardCalls(previous), 0, 2),
    ];
const kpisDirect = skipDirect ? null : JSON.parse((await timeOne(teamCalls(previous)[0]!)).body);
const boardDirect = skipDirect ? null : JSON.parse((await timeOne(boardCalls(previous)[0]!)).body);

// ---------------------------------------------------------------- the kpi-facts job

const database = await openDatabase({ databaseUrl: url });
const deps = { db: database.db, dbKind: 'postgres' as const, config: loadConfig({}), now: () => new Date() };
// The job's last step builds the customers' lifecycle boundaries (decision 0063): all of them on
// a first run. Run here on its own first, to time it apart from the facts.
const t0b = performance.now();
const boundaries = await refreshLifecycleBoundaries(database.db, org!.id);
const boundarySeconds = seconds(t0b);
t0 = performance.now();
const loadBefore = load();
// BENCH_FACTS_SINCE (default: the first day of the previous month) bounds the first build, which
// over the whole two years takes long on a loaded machine; the time per day is reported.
const since = process.env.BENCH_FACTS_SINCE ?? previous.from;
// The job runs hourly and also builds the day still running up to its asOf (decision 0061): it
// runs here BENCH_FACTS_LAG_MINUTES (60) in the past, so the current month computes the last hour
// of orders directly, as between two hourly runs.
const factsAsOf = new Date(Date.now() - Number(process.env.BENCH_FACTS_LAG_MINUTES ?? 60) * 60_000);
const job = await runKpiFacts({
  deps,
  orgId: org!.id,
  jobId: '00000000-0000-0000-0000-000000000000',
  actorId: null,
  asOf: factsAsOf,
  options: since === 'all' ? {} : { since },
  progress: async () => {},
});
const jobSeconds = seconds(t0);
const loadAfter = load();
const t1 = performance.now();
const rerun = await runKpiFacts({
  deps,
  orgId: org!.id,
  jobId: '00000000-0000-0000-0000-000000000000',
  actorId: null,
  asOf: factsAsOf,
  options: since === 'all' ? {} : { since },
  progress: async () => {},
});
const rerunSeconds = seconds(t1);
await database.close();
// A first run that built every customer's lifecycle boundaries updated a million rows; autovacuum
// then vacuums customers (visibility map for the book's index-only reads): done here at once.
const c3 = new pg.Client({ connectionString: url });
await c3.connect();
const tv = performance.now();
if (boundaries.all) await c3.query('vacuum (analyze) customers');
// The build emptied lifecycle_stale of a million entries: every book read checks it, and a table of
// dead rows is read whole until vacuumed (a team's KPIs took 373 ms instead of 197 ms, median, measured on the copy).
await c3.query('vacuum (analyze) lifecycle_stale');
// And the facts the job wrote (it deletes and inserts each day it builds), as autovacuum would.
for (const table of ['kpi_day_facts', 'kpi_task_facts', 'kpi_fact_days'])
  await c3.query(`vacuum (analyze) ${table}`);
const vacuumSeconds = seconds(tv);
await c3.end();

// Same answers with and without facts.
const same = skipDirect
  ? null
  : JSON.stringify(JSON.parse((await timeOne(teamCalls(previous)[0]!)).body).data) ===
      JSON.stringify(kpisDirect.data) &&
    JSON.stringify(JSON.parse((await timeOne(boardCalls(previous)[0]!)).body).data) ===
      JSON.stringify(boardDirect.data);

// ---------------------------------------------------------------- with facts

const rows = [];
const month = (m: { from: string }) => m.from.slice(0, 7);
const boardRounds = Number(process.env.BENCH_BOARD_ROUNDS ?? 3);
for (let round = 0; round < boardRounds; round++)
  rows.push(
    await measure(`Company leaderboard, ${month(previous)} (round ${round + 1})`, boardCalls(previous)),
  );
rows.push(await measure(`Company leaderboard, ${month(current)} so far`, boardCalls(current)));
const teamRounds = Number(process.env.BENCH_TEAM_ROUNDS ?? 3);
for (let round = 0; round < teamRounds; round++)
  rows.push(
    await measure(
      `Team dashboard, ${month(previous)} (round ${round + 1})`,
      teamCalls(previous),
      TEAM_WARMUP,
      TEAM_REQUESTS,
    ),
  );
if (teamRounds)
  rows.push(
    await measure(`Team dashboard, ${month(current)} so far`, teamCalls(current), TEAM_WARMUP, TEAM_REQUESTS),
  );
await stop();
agent.destroy();
if (!keep) await dropDatabase(url);

// ---------------------------------------------------------------- report

const f = (ms: number) => ms.toFixed(1);
log(
  `Data: ${counts!.customers.toLocaleString('en')} customers, ${counts!.orders.toLocaleString('en')} orders, ` +
    `${counts!.managers.toLocaleString('en')} active managers in teams of 10, ${counts!.handovers.toLocaleString('en')} hand-overs. ` +
    `Teams measured: ${teams.length} (members ${teams.map((t) => t.members).join('/')}; customers ${teams.map((t) => t.customers).join('/')}).`,
);
log('');
log(
  `kpi-facts job, first run (days since ${since}, asOf ${factsAsOf.toISOString()}, today up to then: ${String(job.partial)}): ${jobSeconds.toFixed(1)} s for ${job.days} days (${((jobSeconds / Math.max(1, job.days as number)) * 1000).toFixed(0)} ms a day) (load ${loadBefore} → ${loadAfter}); re-run (${rerun.days} days missing): ${rerunSeconds.toFixed(2)} s.`,
);
log(
  `Lifecycle boundaries (decision 0063), the job's last step, run on its own before it: ${boundaries.built} customers built (${boundaries.all ? 'all: first build' : 'listed only'}) in ${boundarySeconds.toFixed(1)} s; then the job built ${String(job.lifecycleBuilt)}, its re-run ${String(rerun.lifecycleBuilt)}; vacuum of customers after a full build ${vacuumSeconds.toFixed(1)} s.`,
);
log(
  `Answers with facts equal the direct computation (team KPIs and leaderboard): ${same === null ? 'not checked (BENCH_SKIP_DIRECT)' : same ? 'yes' : 'NO'}.`,
);
log('');
log(
  '| Scenario | requests | median (ms) | p95 (ms) | p99 (ms) | max (ms) | load average (1, 5, 15 min) before → after |',
);
log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of [...direct, ...rows])
  log(`| ${r.name} | ${r.n} | ${f(r.median)} | ${f(r.p95)} | ${f(r.p99)} | ${f(r.max)} | ${r.load} |`);
log('');
mkdirSync(path.join(here, '../results'), { recursive: true });
writeFileSync(path.join(here, '../results/performance.md'), out.join('\n') + '\n');
process.exit(same === false ? 1 : 0);
