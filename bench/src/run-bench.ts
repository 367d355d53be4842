/**
 * Measures the two hot paths of the foundation issue against the database loaded by
 * seed-million.ts, through HTTP on loopback:
 *
 *   - a manager's scoped list (page of 50, filtered, sorted by -createdAt) and the unfiltered list;
 *   - a search by a partial phone number, organization-wide (director) and as a manager.
 *
 * Each scenario: a warm-up, then BENCH_REQUESTS sequential requests (median, p95, p99), then a
 * throughput run of BENCH_THROUGHPUT_REQUESTS at concurrency BENCH_CONCURRENCY. The same is done
 * against a bare Fastify + pg handler replaying the exact SQL (text and parameters) the application
 * sent for each request; the throughput runs alternate in BENCH_ROUNDS rounds, and the ratio is the
 * median of the per-round application req/s ÷ bare req/s.
 *
 *   npm run bench            # from the repository root, after npm run seed:bench
 *
 * Writes the markdown table to bench/results/latest.md (git-ignored; BENCH_OUT names another file there).
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Captured, FromChild, ToChild } from './server-child.js';
import { benchDatabaseUrl, DEMO_PASSWORD } from './config.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const url = benchDatabaseUrl();
const num = (v: string | undefined, dflt: number) => (v && Number.isFinite(Number(v)) ? Number(v) : dflt);
const WARMUP = num(process.env.BENCH_WARMUP, 200);
const REQUESTS = num(process.env.BENCH_REQUESTS, 2000);
const CONCURRENCY = num(process.env.BENCH_CONCURRENCY, 8);
const THROUGHPUT_REQUESTS = num(process.env.BENCH_THROUGHPUT_REQUESTS, 2000);
// The throughput run alternates application and bare rounds, so that a change in the machine's
// load (other processes on a shared host) weighs on both sides alike; ratio = median of the
// per-round ratios.
const ROUNDS = Math.max(1, num(process.env.BENCH_ROUNDS, 5));
const log = (msg: string) => console.log(`[bench] ${msg}`);

// ---------------------------------------------------------------- child servers

type Child = {
  proc: ChildProcess;
  port: number;
  call: (m: DistributiveOmit<ToChild, 'id'>) => Promise<Captured[] | undefined>;
};
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

async function startChild(mode: 'app' | 'bare'): Promise<Child> {
  const proc = fork(path.join(here, 'server-child.ts'), [mode], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_DATABASE_URL: url },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (captured: Captured[] | undefined) => void>();
  let nextId = 1;
  const port = await new Promise<number>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${mode} server exited with ${String(code)}`)));
    proc.on('message', (m: FromChild) => {
      if (m.type === 'ready') resolve(m.port);
      else pending.get(m.id)?.(m.captured);
    });
  });
  const call = (m: DistributiveOmit<ToChild, 'id'>) =>
    new Promise<Captured[] | undefined>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      proc.send({ ...m, id });
    });
  return { proc, port, call };
}

// ---------------------------------------------------------------- HTTP client (keep-alive, loopback only)

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function request(
  port: number,
  method: string,
  pathname: string,
  headers: Record<string, string> = {},
  body?: string,
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path: pathname, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

async function login(port: number, email: string): Promise<string> {
  const res = await request(
    port,
    'POST',
    '/api/v1/auth/login',
    { 'content-type': 'application/json' },
    JSON.stringify({ email, password: DEMO_PASSWORD }),
  );
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.body}`);
  const setCookie = res.headers['set-cookie'] ?? [];
  const cookie = setCookie.map((c) => c.split(';')[0]).find((c) => c?.startsWith('steward_session='));
  if (!cookie) throw new Error(`login ${email}: no session cookie`);
  return cookie;
}

// ---------------------------------------------------------------- measurement

type Target = { port: number; paths: string[]; headers: Record<string, string> };
type Stats = { n: number; median: number; p95: number; p99: number; max: number; rows: number };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function one(t: Target, i: number) {
  const res = await request(t.port, 'GET', t.paths[i % t.paths.length]!, t.headers);
  if (res.status !== 200)
    throw new Error(`GET ${t.paths[i % t.paths.length]} → ${res.status} ${res.body.slice(0, 300)}`);
  return res.body;
}

async function latency(t: Target): Promise<Stats> {
  for (let i = 0; i < WARMUP; i++) await one(t, i);
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    const body = await one(t, i);
    times.push(performance.now() - start);
    rows += (JSON.parse(body) as { data: unknown[] }).data.length;
  }
  times.sort((a, b) => a - b);
  return {
    n: REQUESTS,
    median: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1)!,
    rows: rows / REQUESTS,
  };
}

/** Requests per second with CONCURRENCY requests in flight, `total` in all. */
async function throughput(t: Target, total: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < total; i = next++) await one(t, i);
    }),
  );
  return total / ((performance.now() - start) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** ROUNDS alternating rounds (application first, then bare), THROUGHPUT_REQUESTS per side in all. */
async function pairedThroughput(app: Target, bare: Target) {
  const perRound = Math.ceil(THROUGHPUT_REQUESTS / ROUNDS);
  const rounds: { app: number; bare: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const a = await throughput(app, perRound);
    const b = await throughput(bare, perRound);
    rounds.push({ app: a, bare: b });
  }
  return {
    appRps: median(rounds.map((r) => r.app)),
    bareRps: median(rounds.map((r) => r.bare)),
    ratio: median(rounds.map((r) => r.app / r.bare)),
    ratios: rounds.map((r) => r.app / r.bare),
  };
}

// ---------------------------------------------------------------- scenarios

type Scenario = { name: string; user: string; paths: string[] };

/** Picks search terms that exist: 5-digit substrings of real phone numbers (not the leading "1x"). */
async function phoneTerms(client: pg.Client, ownerEmail: string | null, count: number): Promise<string[]> {
  const { rows } = await client.query<{ phone_norm: string }>(
    `select c.phone_norm from customers c
      where c.deleted_at is null and c.phone_norm is not null
        and ($1::text is null or c.owner_id = (select id from users where email = $1))
      order by c.id limit $2`,
    [ownerEmail, count],
  );
  return rows.map((r, i) => r.phone_norm.slice(3 + (i % 4), 8 + (i % 4)));
}

/** Two-character name terms that exist: characters 2–3 of real names (common and rare ones). */
async function nameTerms(client: pg.Client, count: number): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select name from customers where deleted_at is null and char_length(name) >= 4 order by id limit $1`,
    [count],
  );
  return rows.map((r) => [...r.name].slice(1, 3).join(''));
}

async function main() {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { rows: sizeRows } = await db.query<{ n: number }>(`select count(*)::int as n from customers`);
  const customers = sizeRows[0]!.n;
  const { rows: stageRows } = await db.query<{ stage: string; n: number }>(
    `select stage, count(*)::int as n from customers where owner_id = (select id from users where email = 'manager1@steward.demo') group by 1 order by 2 desc`,
  );
  log(
    `${customers.toLocaleString('en')} customers; manager1 holds ${stageRows.map((r) => `${r.stage} ${r.n}`).join(', ')}`,
  );
  const orgTerms = await phoneTerms(db, null, 20);
  const managerTerms = await phoneTerms(db, 'manager1@steward.demo', 20);
  const shortTerms = await nameTerms(db, 20);
  await db.end();

  const list = '/api/v1/customers?limit=50&sort=-createdAt';
  const scenarios: Scenario[] = [
    {
      name: 'List, manager, stage filter',
      user: 'manager1@steward.demo',
      paths: ['active', 'churned', 'prospect', 'mature'].map((s) => `${list}&stage=${s}`),
    },
    {
      name: 'List, manager, stage + region filter',
      user: 'manager1@steward.demo',
      paths: ['北京', '上海', '广东·深圳', '四川·成都'].map(
        (r) => `${list}&stage=active&region=${encodeURIComponent(r)}`,
      ),
    },
    { name: 'List, manager, no filter', user: 'manager1@steward.demo', paths: [list] },
    {
      name: 'Search phone, director (organization)',
      user: 'director@steward.demo',
      paths: orgTerms.map((q) => `/api/v1/customers?q=${q}&limit=50`),
    },
    {
      name: 'Search phone, manager',
      user: 'manager1@steward.demo',
      paths: managerTerms.map((q) => `/api/v1/customers?q=${q}&limit=50`),
    },
    {
      name: 'Search name, 2 characters, director (organization)',
      user: 'director@steward.demo',
      paths: shortTerms.map((q) => `/api/v1/customers?q=${encodeURIComponent(q)}&limit=50`),
    },
  ];

  // BENCH_ONLY=<regular expression> keeps the scenarios whose name matches (e.g. "List").
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : null;
  if (only) scenarios.splice(0, scenarios.length, ...scenarios.filter((s) => only.test(s.name)));

  const app = await startChild('app');
  const bare = await startChild('bare');
  log(`app on 127.0.0.1:${app.port}, bare on 127.0.0.1:${bare.port}; ${os.cpus().length} cores`);

  const cookies = new Map<string, string>();
  for (const s of scenarios) if (!cookies.has(s.user)) cookies.set(s.user, await login(app.port, s.user));

  type Result = {
    scenario: Scenario;
    app: Stats;
    bare: Stats;
    appRps: number;
    bareRps: number;
    ratio: number;
    ratios: number[];
    queriesPerRequest: number;
    sql: Captured;
  };
  const results: Result[] = [];
  for (const [si, s] of scenarios.entries()) {
    const appTarget: Target = { port: app.port, paths: s.paths, headers: { cookie: cookies.get(s.user)! } };
    // Capture the SQL the application runs for each path and hand it to the bare server.
    const barePaths: string[] = [];
    let queriesPerRequest = 0;
    let sample: Captured | undefined;
    for (const [pi, p] of s.paths.entries()) {
      await app.call({ type: 'capture-start' });
      await one(appTarget, pi);
      const captured = (await app.call({ type: 'capture-take' })) ?? [];
      queriesPerRequest = captured.length;
      const listSql = captured.find((q) => /from "customers"/i.test(q.text) && /limit \$\d+/i.test(q.text));
      if (!listSql)
        throw new Error(`no customer list statement captured for ${p}: ${JSON.stringify(captured)}`);
      sample ??= listSql;
      const key = `s${si}p${pi}`;
      await bare.call({ type: 'register', key, query: listSql });
      barePaths.push(`/bare/${key}`);
    }
    const bareTarget: Target = { port: bare.port, paths: barePaths, headers: {} };
    log(`${s.name}: latency…`);
    const appStats = await latency(appTarget);
    const bareStats = await latency(bareTarget);
    log(`${s.name}: throughput…`);
    const { appRps, bareRps, ratio, ratios } = await pairedThroughput(appTarget, bareTarget);
    const r = {
      scenario: s,
      app: appStats,
      bare: bareStats,
      appRps,
      bareRps,
      ratio,
      ratios,
      queriesPerRequest,
      sql: sample!,
    };
    results.push(r);
    log(
      `${s.name}: app median ${appStats.median.toFixed(2)} p95 ${appStats.p95.toFixed(2)} p99 ${appStats.p99.toFixed(2)} ms, ${appRps.toFixed(0)} req/s; ` +
        `bare median ${bareStats.median.toFixed(2)} p99 ${bareStats.p99.toFixed(2)} ms, ${bareRps.toFixed(0)} req/s; ratio ${ratio.toFixed(2)} (rounds ${ratios.map((x) => x.toFixed(2)).join(', ')})`,
    );
  }

  await app.call({ type: 'stop' });
  await bare.call({ type: 'stop' });
  agent.destroy();

  // ---------------------------------------------------------------- report
  const f = (n: number) => n.toFixed(1);
  const lines = [
    `# Steward benchmark — ${new Date().toISOString()}`,
    '',
    `- Dataset: ${customers.toLocaleString('en')} customers in one organization (20 managers + 3 team leads own them; ~8% in the pool)`,
    `- Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, PostgreSQL on 127.0.0.1`,
    `- Latency: ${WARMUP} warm-up then ${REQUESTS} sequential requests per scenario; throughput: ${THROUGHPUT_REQUESTS} requests per side at concurrency ${CONCURRENCY} in ${ROUNDS} alternating rounds (req/s and ratio: medians over the rounds); load average at the end ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')}; HTTP keep-alive on loopback`,
    `- Bare baseline: Fastify + pg.Pool (max 10) replaying the exact SQL text and parameters the application sent`,
    '',
    '| Scenario | Rows/page | App median (ms) | App p95 (ms) | App p99 (ms) | App req/s | Bare median (ms) | Bare p99 (ms) | Bare req/s | Ratio | SQL per request |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.scenario.name} | ${f(r.app.rows)} | ${r.app.median.toFixed(2)} | ${r.app.p95.toFixed(2)} | ${r.app.p99.toFixed(2)} | ${r.appRps.toFixed(0)} | ${r.bare.median.toFixed(2)} | ${r.bare.p99.toFixed(2)} | ${r.bareRps.toFixed(0)} | ${r.ratio.toFixed(2)} | ${r.queriesPerRequest} |`,
    ),
    '',
    'Paths (rotated):',
    '',
    ...results.map(
      (r) =>
        `- ${r.scenario.name} (${r.scenario.user}): ${r.scenario.paths
          .slice(0, 3)
          .map((p) => `\`${decodeURIComponent(p)}\``)
          .join(', ')}${r.scenario.paths.length > 3 ? ', …' : ''}`,
    ),
    '',
    'Captured list statements:',
    '',
    ...results.flatMap((r) => [`- ${r.scenario.name}:`, '', '  ```sql', `  ${r.sql.text}`, '  ```', '']),
  ];
  const md = lines.join('\n');
  console.log('\n' + md);
  const outDir = path.join(here, '..', 'results');
  mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, process.env.BENCH_OUT || 'latest.md');
  writeFileSync(outFile, md);
  log(`written to ${path.relative(process.cwd(), outFile)}`);
}

await main();
