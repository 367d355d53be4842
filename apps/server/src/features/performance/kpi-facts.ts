/**
 * Pre-aggregated order and new-customer facts per organization, local day and credited user
 * (docs/decisions/0060). Readers take the facts of the days listed in `kpi_fact_days` and compute
 * every other instant of the window directly, so the answer is the same with or without facts;
 * the `kpi-facts` job builds the missing days, and triggers (migration 0010) delete the days a
 * write touches.
 */
import { addLocalDays, endOfLocalDay, isCalendarDate, localDayOf, startOfLocalDay } from '@steward/core';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/client.js';
import { uuidArray, wordArray } from '../../db/sql-arrays.js';
import { validationFailed } from '../../platform/errors.js';
import type { JobContext, JobDefinition } from '../../platform/jobs/types.js';
import * as kpiRepo from './kpi-repo.js';
import { refreshLifecycleBoundaries } from './lifecycle-boundaries.js';
import type { By, Credited, Window } from './kpi-repo.js';
import { ownerAt } from './kpi-repo.js';
import * as repo from './repo.js';
import { taskFactsCtes } from './task-facts.js';

export type Flow = { orders: number; amount: number | null; newCustomers: number };

const lockKey = (orgId: string) => sql`hashtextextended(${`kpi_facts:${orgId}`}, 0)`;

/**
 * Splits the window into the local days that have facts and the instants that do not (the
 * sub-windows to compute directly). `from` is the window's first local day. A whole day counts
 * when it lies wholly inside the window; a partial day (built while it ran, decision 0061) counts
 * when the window reaches its `covered_until`, and the window computes directly from there on.
 */
export async function coverage(db: Db, w: Window, from: string) {
  const lastDay = localDayOf(w.end, w.timeZone);
  const rows =
    lastDay < from
      ? []
      : await queryRows<{ day: string; covered_until: Date | string | null }>(
          db,
          sql`select day::text as day, covered_until from kpi_fact_days
               where org_id = ${w.orgId} and day >= ${from}::date and day <= ${lastDay}::date
               order by day`,
        );
  const covered: string[] = [];
  const gaps: { start: Date; end: Date }[] = [];
  let cursor = w.start.getTime();
  for (const r of rows) {
    // The first instant after the facts of the day: the next day, or covered_until.
    const after =
      r.covered_until === null
        ? endOfLocalDay(r.day, w.timeZone).getTime() + 1
        : new Date(r.covered_until).getTime();
    if (after - 1 > w.end.getTime()) continue;
    const dayStart = startOfLocalDay(r.day, w.timeZone).getTime();
    if (dayStart > cursor) gaps.push({ start: new Date(cursor), end: new Date(dayStart - 1) });
    covered.push(r.day);
    cursor = after;
  }
  if (cursor <= w.end.getTime()) gaps.push({ start: new Date(cursor), end: w.end });
  return { covered, gaps };
}

/**
 * Orders, sales in the organization's currency and new customers of the window, per credited
 * user when `by` (else one entry under null): facts for covered days, direct SQL for the rest.
 */
export async function flowTotals(
  db: Db,
  w: Window,
  from: string,
  credited: Credited,
  currency: string,
  by: By,
): Promise<Map<string | null, Flow>> {
  const { covered, gaps } = await coverage(db, w, from);
  const out = new Map<string | null, Flow>();
  const entry = (uid: string | null) => {
    const key = by ? uid : null;
    let e = out.get(key);
    if (!e) out.set(key, (e = { orders: 0, amount: null, newCustomers: 0 }));
    return e;
  };
  const addAmount = (e: Flow, amount: number | null) => {
    if (amount !== null) e.amount = (e.amount ?? 0) + amount;
  };
  const [facts, ...direct] = await Promise.all([
    covered.length
      ? queryRows<{ uid: string | null; orders: number; amount: number | null; new_customers: number }>(
          db,
          sql`select ${by ? sql`f.user_id` : sql`null::uuid`} as uid, sum(f.orders)::int as orders,
                     sum(f.sales)::float8 as amount, sum(f.new_customers)::int as new_customers
                from kpi_day_facts f
               where f.org_id = ${w.orgId} and f.day = any(${wordArray(covered)}::date[])
                 -- the range bounds the scan of each user's days; the list alone only filters them
                 and f.day >= ${covered[0]}::date and f.day <= ${covered[covered.length - 1]}::date
                 ${credited === null ? sql`` : sql`and f.user_id = any(${uuidArray(credited)})`}
               group by 1`,
        )
      : Promise.resolve([]),
    ...gaps.flatMap((g) => {
      const gw = { ...w, start: g.start, end: g.end };
      return [
        kpiRepo.orderTotals(db, gw, credited, currency, by),
        kpiRepo.newCustomers(db, gw, credited, by),
      ];
    }),
  ]);
  for (const f of facts) {
    const e = entry(f.uid);
    e.orders += f.orders;
    e.newCustomers += f.new_customers;
    addAmount(e, f.amount);
  }
  for (const rows of direct)
    for (const r of rows as { uid: string | null; n: number; amount?: number | null }[]) {
      const e = entry(r.uid);
      if ('amount' in r) {
        e.orders += r.n;
        addAmount(e, r.amount ?? null);
      } else e.newCustomers += r.n;
    }
  return out;
}

/**
 * Builds the facts of the local days first..last (inclusive) in one transaction, under the org's
 * lock — or, with `until`, of the single day `first` up to that instant (a partial day, decision
 * 0061: the facts then cover the day's instants before `until`).
 */
export async function buildDays(
  db: Db,
  orgId: string,
  first: string,
  last: string,
  builtAt: Date,
  until: Date | null = null,
) {
  const { timeZone, currency } = await repo.findOrg(db, orgId);
  const start = startOfLocalDay(first, timeZone).toISOString();
  const end = (until ?? startOfLocalDay(addLocalDays(last, 1), timeZone)).toISOString();
  const coveredUntil = until ? sql`${end}::timestamptz` : sql`null::timestamptz`;
  await db.transaction(async (tx) => {
    // Waits for writers in flight (they hold the lock shared) and holds later ones until commit.
    await tx.execute(sql`select pg_advisory_xact_lock(${lockKey(orgId)})`);
    await tx.execute(
      sql`delete from kpi_day_facts where org_id = ${orgId} and day >= ${first}::date and day <= ${last}::date`,
    );
    await tx.execute(
      sql`insert into kpi_day_facts (org_id, day, user_id, orders, sales, new_customers)
          select ${orgId}, x.day, x.uid, sum(x.orders)::int, sum(x.sales), sum(x.nc)::int
            from (select (o.ordered_at at time zone ${timeZone})::date as day, ${ownerAt(sql`o.ordered_at`)} as uid,
                         1 as orders, case when o.currency = ${currency} then o.amount end as sales, 0 as nc
                    from orders o join customers c on c.org_id = o.org_id and c.id = o.customer_id
                   where o.org_id = ${orgId} and o.ordered_at >= ${start}::timestamptz and o.ordered_at < ${end}::timestamptz
                  union all
                  select (c.created_at at time zone ${timeZone})::date, ${ownerAt(sql`c.created_at`)}, 0, null, 1
                    from customers c
                   where c.org_id = ${orgId} and c.deleted_at is null and c.merged_into_id is null
                     and c.created_at >= ${start}::timestamptz and c.created_at < ${end}::timestamptz) x
           group by x.day, x.uid`,
    );
    // Task facts for whole days only (a running day's tasks are not judged yet; decision 0065),
    // written by the same statement, which keeps each day's latest task creation counted.
    await tx.execute(
      sql`delete from kpi_task_facts where org_id = ${orgId} and day >= ${first}::date and day <= ${last}::date`,
    );
    const tasks = until ? null : taskFactsCtes(orgId, timeZone, start, end);
    await tx.execute(
      sql`${tasks ? sql`with ${tasks.ctes}` : sql``}
          insert into kpi_fact_days (org_id, day, built_at, covered_until, tasks_created_max)
          select ${orgId}, d::date, ${builtAt.toISOString()}::timestamptz, ${coveredUntil},
                 ${tasks ? tasks.createdMax(sql`d::date`) : sql`null::timestamptz`}
            from generate_series(${first}::date, ${last}::date, interval '1 day') d
          on conflict (org_id, day) do update set built_at = excluded.built_at, covered_until = excluded.covered_until,
            tasks_created_max = excluded.tasks_created_max`,
    );
  });
}

/** The local days from the first order or customer up to the last day wholly before asOf that have no whole-day facts. */
export async function missingDays(db: Db, orgId: string, asOf: Date): Promise<string[]> {
  const { timeZone } = await repo.findOrg(db, orgId);
  let last = localDayOf(asOf, timeZone);
  if (endOfLocalDay(last, timeZone).getTime() > asOf.getTime()) last = addLocalDays(last, -1);
  const rows = await queryRows<{ day: string }>(
    db,
    sql`with bounds as (
          select least((select min(ordered_at) from orders where org_id = ${orgId}),
                       (select min(created_at) from customers where org_id = ${orgId})) as first)
        select d::date::text as day
          from bounds, generate_series((bounds.first at time zone ${timeZone})::date, ${last}::date, interval '1 day') d
         where bounds.first is not null
           and not exists (select 1 from kpi_fact_days f
                            where f.org_id = ${orgId} and f.day = d::date and f.covered_until is null)
         order by 1`,
  );
  return rows.map((r) => r.day);
}

/** Runs of consecutive days, each at most `size` long. */
export function runsOf(days: string[], size: number): { first: string; last: string }[] {
  const runs: { first: string; last: string; n: number }[] = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    if (run && run.n < size && addLocalDays(run.last, 1) === day) {
      run.last = day;
      run.n++;
    } else runs.push({ first: day, last: day, n: 1 });
  }
  return runs.map(({ first, last }) => ({ first, last }));
}

/**
 * Builds the day of asOf, still running, up to asOf (a partial day, decision 0061) unless its
 * facts already reach asOf. Readers then compute directly only what happened since. Returns
 * whether it built.
 */
export async function buildPartialDay(db: Db, orgId: string, asOf: Date): Promise<boolean> {
  const { timeZone } = await repo.findOrg(db, orgId);
  const day = localDayOf(asOf, timeZone);
  if (startOfLocalDay(day, timeZone).getTime() >= asOf.getTime()) return false;
  const [row] = await queryRows<{ covered_until: Date | string | null }>(
    db,
    sql`select covered_until from kpi_fact_days where org_id = ${orgId} and day = ${day}::date`,
  );
  if (row && (row.covered_until === null || new Date(row.covered_until).getTime() >= asOf.getTime()))
    return false;
  await buildDays(db, orgId, day, day, asOf, asOf);
  return true;
}

/**
 * The job `kpi-facts` (hourly, or POST /jobs/kpi-facts/run {asOf}): builds the facts of every
 * local day wholly before asOf that has none — the first run builds the history, later runs the
 * previous day and the days writes invalidated — then the day of asOf up to asOf, then the
 * lifecycle boundaries of the customers whose orders changed (decision 0063). Batches of up
 * to 7 days, one transaction each.
 */
export async function runKpiFacts(ctx: JobContext) {
  const since = typeof ctx.options.since === 'string' ? ctx.options.since : null;
  const days = (await missingDays(ctx.deps.db, ctx.orgId, ctx.asOf)).filter((d) => !since || d >= since);
  const runs = runsOf(days, 7);
  let done = 0;
  for (const run of runs) {
    await buildDays(ctx.deps.db, ctx.orgId, run.first, run.last, ctx.asOf);
    done++;
    await ctx.progress(done / (runs.length + 1));
  }
  const partial = await buildPartialDay(ctx.deps.db, ctx.orgId, ctx.asOf);
  const lifecycle = await refreshLifecycleBoundaries(ctx.deps.db, ctx.orgId);
  await ctx.progress(1);
  return {
    days: days.length,
    batches: runs.length,
    partial,
    lifecycleBuilt: lifecycle.built,
    lifecycleAll: lifecycle.all,
    asOf: ctx.asOf.toISOString(),
  };
}

/** Option `since` (a calendar day): build only the missing days from then on (e.g. a first run in steps). */
export function parseKpiFactsOptions(raw: Record<string, unknown>): Record<string, unknown> {
  if (raw.since === undefined) return { ...raw };
  if (typeof raw.since !== 'string' || !isCalendarDate(raw.since))
    throw validationFailed([{ path: 'since', message: 'expected a calendar day YYYY-MM-DD' }]);
  return { ...raw };
}

export const kpiFactsJob: JobDefinition = {
  name: 'kpi-facts',
  handler: runKpiFacts,
  options: ['since'],
  parseOptions: parseKpiFactsOptions,
  cron: '15 * * * *',
};
