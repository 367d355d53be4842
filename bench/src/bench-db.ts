/**
 * Shared set-up for the benchmarks that need more than the seeded customers: a private copy of
 * steward_bench (taken under /tmp/benchdb.lock, as docs/BENCHMARKS.md asks, and retried while the
 * seed holds the source), 1,000 managers in teams with the owned customers spread over them, and
 * ~10 M orders. All set-based SQL on the copy; the seeded database is never touched.
 */
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { benchDatabaseUrl } from './config.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** Copies the bench database to `name` (dropping an older copy) and returns the copy's URL. */
export async function copyBenchDatabase(name: string, opts: { keep?: boolean } = {}) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  const source = new URL(benchDatabaseUrl());
  const url = new URL(`/${name}`, source).toString();
  const admin = new pg.Client({ connectionString: new URL('/postgres', source).toString() });
  await admin.connect();
  try {
    const exists = (await admin.query(`select 1 from pg_database where datname = $1`, [name])).rowCount;
    if (opts.keep && exists) return { url, created: false };
    await admin.query(`drop database if exists ${name} with (force)`);
    const args = ['/tmp/benchdb.lock', 'createdb', '-h', source.hostname, '-p', source.port || '5432'];
    if (source.username) args.push('-U', decodeURIComponent(source.username));
    args.push('-T', source.pathname.slice(1), name);
    for (let attempt = 1; ; attempt++) {
      try {
        execFileSync('flock', args, { stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
        break;
      } catch (e) {
        const text = String((e as { stderr?: Buffer }).stderr ?? e);
        if (attempt >= 60 || !/being accessed by other users/.test(text)) throw new Error(text, { cause: e });
        console.log(`source database in use, retrying in 30 s (${attempt})`);
        await sleep(30_000);
      }
    }
    return { url, created: true };
  } finally {
    await admin.end();
  }
}

/** Drops a copy made by copyBenchDatabase. */
export async function dropDatabase(url: string) {
  const u = new URL(url);
  const admin = new pg.Client({ connectionString: new URL('/postgres', u).toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${u.pathname.slice(1)} with (force)`);
  await admin.end();
}

/**
 * Brings the organization to `managers` active managers in teams of `teamSize` (new teams, each
 * with a lead `benchlead<n>@steward.bench` whose password is the demo's), then spreads the owned
 * customers evenly over all managers. Returns the team ids.
 */
export async function addManagersInTeams(
  c: pg.Client,
  orgId: string,
  opts: { managers: number; teamSize: number },
) {
  const teams = Math.ceil(opts.managers / opts.teamSize);
  const {
    rows: [demo],
  } = await c.query<{ password_hash: string }>(
    `select password_hash from users where org_id = $1 and role = 'team_lead' order by email limit 1`,
    [orgId],
  );
  await c.query(
    `insert into teams (org_id, id, name) select $1, gen_random_uuid(), 'Bench team ' || lpad(g::text, 3, '0')
       from generate_series(1, $2) g`,
    [orgId, teams],
  );
  await c.query(
    `insert into users (org_id, id, email, name, role, password_hash, team_id, capacity)
     select $1, gen_random_uuid(), 'benchlead' || substr(t.name, 12)::int || '@steward.bench',
            'Bench lead ' || substr(t.name, 12), 'team_lead', $2, t.id, 0
       from teams t where t.org_id = $1 and t.name like 'Bench team %'`,
    [orgId, demo!.password_hash],
  );
  await c.query(
    `update teams t set lead_id = u.id from users u
      where t.org_id = $1 and u.org_id = $1 and u.team_id = t.id and u.role = 'team_lead' and t.name like 'Bench team %'`,
    [orgId],
  );
  const { rows: managerCount } = await c.query<{ n: number }>(
    `select count(*)::int as n from users where org_id = $1 and role = 'manager'`,
    [orgId],
  );
  const n = managerCount[0]?.n ?? 0;
  await c.query(
    `insert into users (org_id, id, email, name, role, password_hash, capacity)
     select $1, gen_random_uuid(), 'bench' || g || '@steward.bench', 'Bench ' || lpad(g::text, 4, '0'), 'manager', $2, 5000
       from generate_series(1, $3) g`,
    [orgId, demo!.password_hash, Math.max(0, opts.managers - n)],
  );
  // Manager k (by id) goes to bench team k mod teams; customers to manager hash(id) mod managers.
  await c.query(
    `with m as (select id, row_number() over (order by id) - 1 as k from users where org_id = $1 and role = 'manager'),
          t as (select id, row_number() over (order by name) - 1 as k from teams where org_id = $1 and name like 'Bench team %')
     update users u set team_id = t.id from m, t where u.org_id = $1 and u.id = m.id and t.k = m.k % $2`,
    [orgId, teams],
  );
  await c.query(
    `with m as (select id, team_id, row_number() over (order by id) - 1 as k from users where org_id = $1 and role = 'manager')
     update customers c set owner_id = m.id, team_id = m.team_id
       from m where c.org_id = $1 and c.owner_id is not null and m.k = abs(hashtext(c.id::text || 'o')) % $2`,
    [orgId, opts.managers],
  );
  const { rows } = await c.query<{ id: string; lead_email: string }>(
    `select t.id, u.email as lead_email from teams t join users u on u.org_id = t.org_id and u.id = t.lead_id
      where t.org_id = $1 and t.name like 'Bench team %' order by t.name`,
    [orgId],
  );
  return rows;
}

/**
 * Orders: 1–20 per customer (mean 10.5, ≈10.5 M for 1 M customers) over the two years before now,
 * spend from a skewed distribution — the same as the value benchmark.
 */
export async function addOrders(c: pg.Client) {
  await c.query(`delete from orders`);
  // Loading 10 M rows into random-uuid b-trees is slow: drop the orders' keys and indexes, load,
  // and build them again from their own definitions (sorted builds).
  const { rows: constraints } = await c.query<{ name: string; def: string }>(
    `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = 'orders'::regclass and contype in ('p', 'f', 'u') order by contype desc`,
  );
  const { rows: indexes } = await c.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.tablename = 'orders' and i.schemaname = 'public'
        and not exists (select 1 from pg_constraint k where k.conname = i.indexname)`,
  );
  for (const k of constraints) await c.query(`alter table orders drop constraint "${k.name}"`);
  for (const i of indexes) await c.query(`drop index "${i.name}"`);
  await c.query(
    `insert into orders (org_id, id, customer_id, ordered_at, amount, currency)
     select c.org_id, gen_random_uuid(), c.id,
            now() - (random() * 730) * interval '1 day',
            round((10 + random() * random() * 2000)::numeric, 2), 'CNY'
       from customers c
      cross join lateral generate_series(1, 1 + abs(hashtext(c.id::text)) % 20) g`,
  );
  await c.query(`set maintenance_work_mem = '512MB'`);
  for (const k of [...constraints].reverse())
    await c.query(`alter table orders add constraint "${k.name}" ${k.def}`);
  for (const i of indexes) await c.query(i.def);
}

/**
 * Hand-overs: `share` of the owned customers changed hands at a random moment of the last
 * `days` days, from the next manager (by id) to the current owner — so their orders before the
 * hand-over are credited to someone else (assignment history, as the services write it).
 */
export async function addHandovers(c: pg.Client, orgId: string, share: number, days: number) {
  await c.query(
    `with m as (select id, row_number() over (order by id) - 1 as k, count(*) over () as n
                  from users where org_id = $1 and role = 'manager'),
          prev as (select a.id, b.id as prev_id from m a join m b on b.k = (a.k + 1) % a.n)
     insert into assignment_history (org_id, id, customer_id, kind, from_user_id, to_user_id, reason, at)
     select c.org_id, gen_random_uuid(), c.id, 'handover', p.prev_id, c.owner_id, 'bench',
            now() - (abs(hashtext(c.id::text || 'h')) % ($3::int * 86400)) * interval '1 second'
       from customers c join prev p on p.id = c.owner_id
      where c.org_id = $1 and abs(hashtext(c.id::text || 'handover')) % 10000 < $2::float8 * 10000`,
    [orgId, share, days],
  );
}

/**
 * A `create` row in the assignment history of every owned customer, at its creation, to the owner
 * it was created for (the first hand-over's previous owner, else the owner now) — as the services
 * write for every customer they create. The copy's triggers are off for this insert (`replica`):
 * the benchmark forgets the KPI facts and lifecycle boundaries afterwards anyway, and sets what
 * the history trigger keeps on the customers here.
 */
export async function addCreationRows(c: pg.Client, orgId: string) {
  await c.query(`set session_replication_role = replica`);
  try {
    await c.query(
      `insert into assignment_history (org_id, id, customer_id, kind, from_user_id, to_user_id, reason, at)
       select x.org_id, gen_random_uuid(), x.id, 'create', null, x.first_owner, 'bench-create', x.created_at
         from (select c.org_id, c.id, c.created_at,
                      coalesce((select h.from_user_id from assignment_history h
                                 where h.org_id = c.org_id and h.customer_id = c.id order by h.at limit 1), c.owner_id) as first_owner
                 from customers c where c.org_id = $1) x
        where x.first_owner is not null`,
      [orgId],
    );
  } finally {
    await c.query(`set session_replication_role = origin`);
  }
  // What the history trigger keeps on each customer (decision 0067), for the rows written without it.
  await c.query(
    `update customers c set owner_changed_at = l.at, owner_changed_to = l.to_user_id
       from (select distinct on (customer_id) customer_id, at, to_user_id from assignment_history
              where org_id = $1 order by customer_id, at desc, id desc) l
      where c.org_id = $1 and c.id = l.customer_id`,
    [orgId],
  );
}

/**
 * Tasks as account managers have them (task KPIs): one for ~60 % of the owned customers, due at a
 * uniform instant of [since, until), assigned to the owner; half visits, then calls and
 * follow-ups. Due before now: 75 % done (four in five by the due day, the rest two days late),
 * 15 % left open, 10 % cancelled; due later: 5 % done early, the rest open. Created two weeks
 * before they are due (at most now). Triggers are off, as for the other bulk rows.
 */
export async function addTasks(c: pg.Client, orgId: string, since: Date, until: Date) {
  await c.query(`set session_replication_role = replica`);
  try {
    await c.query(
      `insert into tasks (org_id, id, type, title, customer_id, assignee_id, due_at, status, completed_at,
                          source_key, created_at, updated_at)
       select x.org_id, gen_random_uuid(),
              case when x.k < 0.5 then 'visit' when x.k < 0.8 then 'call' else 'follow_up' end,
              'bench task', x.id, x.owner_id, x.due, x.status,
              case when x.status <> 'done' then null
                   when x.due > now() then now() - x.l * interval '2 days'
                   when x.l < 0.8 then x.due + interval '2 hours' else x.due + interval '2 days' end,
              'bench-task:' || x.id, least(now(), x.due - interval '14 days'), least(now(), x.due - interval '14 days')
         from (select c.org_id, c.id, c.owner_id, y.k, y.l, y.due,
                      case when y.due > now() then (case when y.s < 0.05 then 'done' else 'open' end)
                           when y.s < 0.75 then 'done' when y.s < 0.9 then 'open' else 'cancelled' end as status
                 from customers c
                 cross join lateral (select random() + 0 * length(c.id::text) as k, random() as l, random() as s,
                                            $2::timestamptz + random() * ($3::timestamptz - $2::timestamptz) as due) y
                where c.org_id = $1 and c.owner_id is not null and c.deleted_at is null
                  and random() < 0.6) x`,
      [orgId, since.toISOString(), until.toISOString()],
    );
  } finally {
    await c.query(`set session_replication_role = origin`);
  }
}
