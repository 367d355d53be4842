/**
 * The SQL behind the KPIs. Every query takes the organization, a window of instants and the
 * credited users (null = the whole organization, credited or not). docs/kpis.md defines each KPI.
 * With `by` set, every row carries `uid`, the user it is credited to (null = nobody), so one query
 * answers many managers at once (rankings, payouts); without it `uid` is null throughout.
 */
import { endOfLocalDay, localDayOf } from '@steward/core';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/client.js';
import { uuidArray } from '../../db/sql-arrays.js';

export type Window = { orgId: string; start: Date; end: Date; timeZone: string };
/** The users whose record counts, or null for the organization as a whole. */
export type Credited = string[] | null;
/** Whether rows are split by credited user. */
export type By = boolean;

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Runs a KPI read with PostgreSQL's JIT and parallel workers off, for this one transaction
 * (`set_config(…, true)` is `set local`). JIT (decision 0061): these queries are thousands of
 * cheap index probes whose estimated cost passes `jit_above_cost`, and compiling them took ~100 ms
 * a query — more than running them. Parallel workers (decision 0065): a KPI request already runs
 * its sources side by side, so on a two-core server the workers a plan starts only wait for a core
 * (the current month's rankings: 78 ms with them, 45 ms without, median).
 */
export async function readRows<T>(db: Db, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`,
    );
    return queryRows<T>(tx, query);
  });
}

/**
 * The owner of customer `c` at instant `t`, from the assignment history: the last change at or
 * before t; before the first change, the owner it replaced (for a `create` row: the creation
 * owner, so orders imported from before the record existed go to the first owner); with no
 * history at all, the current owner.
 */
export const ownerAt = (t: SQL): SQL => sql`(case
  when exists (select 1 from assignment_history h where h.org_id = c.org_id and h.customer_id = c.id and h.at <= ${t})
    then (select h.to_user_id from assignment_history h where h.org_id = c.org_id and h.customer_id = c.id and h.at <= ${t}
           order by h.at desc, h.id desc limit 1)
  when exists (select 1 from assignment_history h where h.org_id = c.org_id and h.customer_id = c.id)
    then (select case when h.kind = 'create' then h.to_user_id else h.from_user_id end
            from assignment_history h where h.org_id = c.org_id and h.customer_id = c.id
           order by h.at asc, h.id asc limit 1)
  else c.owner_id end)`;

const creditedBy = (who: SQL, credited: Credited): SQL =>
  credited === null ? sql`` : sql`and ${who} = any(${uuidArray(credited)})`;

/** Up to this many credited users, narrowing to their candidates first pays; beyond, it is most customers. */
export const NARROW_UP_TO = 100;

/**
 * Customers that may be credited to one of the users at some moment (orders, creation, book):
 * owned by one of them now, or named in an assignment history row to or from one of them — the
 * only ones ownerAt can answer with one of them. No narrowing for the organization or many users.
 */
const candidates = (orgId: string, credited: Credited) =>
  credited === null || credited.length > NARROW_UP_TO
    ? sql``
    : sql`and c.id in (select x.id from customers x where x.org_id = ${orgId} and x.owner_id = any(${uuidArray(credited)})
                   union select h.customer_id from assignment_history h
                    where h.org_id = ${orgId} and h.to_user_id = any(${uuidArray(credited)})
                   union select h.customer_id from assignment_history h
                    where h.org_id = ${orgId} and h.from_user_id = any(${uuidArray(credited)}))`;

/** The credited user of a row (when split by user), or null. */
const uidOf = (who: SQL, by: By): SQL => (by ? sql`${who}` : sql`null::uuid`);

/**
 * Orders placed in the window and credited to the owner at the moment of the order, per credited
 * user when `by`. The amount sums only the organization's currency (null when none).
 */
export async function orderTotals(db: Db, w: Window, credited: Credited, currency: string, by: By = false) {
  const owner = ownerAt(sql`o.ordered_at`);
  const needOwner = by || credited !== null;
  return readRows<{ uid: string | null; n: number; amount: number | null }>(
    db,
    sql`select x.uid, count(*)::int as n, sum(x.amount) filter (where x.currency = ${currency})::float8 as amount
          from (select o.amount, o.currency, ${needOwner ? owner : sql`null::uuid`} as owner,
                       ${by ? owner : sql`null::uuid`} as uid
                  from orders o
                  join customers c on c.org_id = o.org_id and c.id = o.customer_id
                 where o.org_id = ${w.orgId} and o.ordered_at >= ${at(w.start)} and o.ordered_at <= ${at(w.end)}
                   ${candidates(w.orgId, credited)}) x
         where true ${creditedBy(sql`x.owner`, credited)}
         group by x.uid`,
  );
}

/** Customers created in the window (not deleted or merged), credited to their owner at creation. */
export async function newCustomers(db: Db, w: Window, credited: Credited, by: By = false) {
  const owner = ownerAt(sql`c.created_at`);
  const needOwner = by || credited !== null;
  return readRows<{ uid: string | null; n: number }>(
    db,
    sql`select x.uid, count(*)::int as n
          from (select ${needOwner ? owner : sql`null::uuid`} as owner, ${by ? owner : sql`null::uuid`} as uid
                  from customers c
                 where c.org_id = ${w.orgId} and c.deleted_at is null and c.merged_into_id is null
                   and c.created_at >= ${at(w.start)} and c.created_at <= ${at(w.end)}
                   ${candidates(w.orgId, credited)}) x
         where true ${creditedBy(sql`x.owner`, credited)}
         group by x.uid`,
  );
}

/**
 * The owners of customer `c` at instants t0 and t1 (columns o0, o1) with one index scan of its
 * history — the same answer as ownerAt (decision 0061), for a lateral join.
 */
export const ownersAt = (t0: SQL, t1: SQL, only: SQL = sql`true`): SQL => {
  const at1 = (t: SQL) => sql`case when count(*) = 0 then c.owner_id
      when bool_or(h.at <= ${t}) then (array_agg(h.to_user_id order by h.at desc, h.id desc) filter (where h.at <= ${t}))[1]
      else (array_agg(case when h.kind = 'create' then h.to_user_id else h.from_user_id end order by h.at, h.id))[1] end`;
  return sql`select ${at1(t0)} as o0, ${at1(t1)} as o1
      from assignment_history h where h.org_id = c.org_id and h.customer_id = c.id and ${only}`;
};

/**
 * ownersAt for a customer row `c` that carries `owner_changed_at` and `owner_changed_to` (its latest
 * history row, kept by a trigger; decision 0067): with no history, or no change since the earlier
 * instant, the owners come from the row itself, and the history is read (gated off otherwise) only
 * for a customer that changed hands since.
 */
export const bookOwnersAt = (t0: SQL, t1: SQL): SQL => {
  const first = sql`least(${t0}, ${t1})`;
  const known = (fromHistory: SQL) => sql`case when c.owner_changed_at is null then c.owner_id
      when c.owner_changed_at <= ${first} then c.owner_changed_to else ${fromHistory} end`;
  return sql`select ${known(sql`h.o0`)} as o0, ${known(sql`h.o1`)} as o1
               from (${ownersAt(t0, t1, sql`c.owner_changed_at > ${first}`)}) h`;
};

export type BookRow =
  | {
      k: 'r';
      uid: string | null;
      days: number[];
      c_sum: null;
      c_n: null;
      live: null;
      churned: null;
      retained: null;
    }
  | {
      k: 'a';
      uid: string | null;
      days: null;
      c_sum: null;
      c_n: null;
      live: number;
      churned: number;
      retained: number;
    }
  | {
      k: 's';
      uid: string | null;
      days: null;
      c_sum: number;
      c_n: number;
      clv: number | null;
      live: null;
      churned: null;
      retained: null;
    };

/** Part `index` of `of` parts of the customers, by ranges of id (uuids are uniform), to run side by side. */
export type Slice = { index: number; of: number };

const idAt = (k: number, of: number) =>
  `${Math.floor((k * 0x1_0000_0000) / of)
    .toString(16)
    .padStart(8, '0')}-0000-0000-0000-000000000000`;

const sliceOf = (slice: Slice | null): SQL => {
  if (!slice || slice.of <= 1) return sql``;
  const lo = slice.index === 0 ? sql`` : sql`and c.id >= ${idAt(slice.index, slice.of)}::uuid`;
  const hi = slice.index === slice.of - 1 ? sql`` : sql`and c.id < ${idAt(slice.index + 1, slice.of)}::uuid`;
  return sql`${lo} ${hi}`;
};

/**
 * The customers existing at some instant of [t0, t1] that may be in the credited users' book:
 * owned by one of them now (read through `customers_owner_created_idx`, no primary-key look-up),
 * or named in an assignment history row to or from one of them and not owned by them now — the
 * few moved since, looked up by key (the history and owner indexes alone find them).
 */
function bookCustomers(orgId: string, t0: Date, t1: Date, credited: Credited, slice: Slice | null): SQL {
  const cols = sql`c.org_id, c.id, c.completeness, c.owner_id, c.created_at, c.deleted_at, c.lifecycle_days, c.lifecycle_through,
                   c.owner_changed_at, c.owner_changed_to`;
  const exists = sql`c.org_id = ${orgId} and c.created_at <= ${at(t1)} and (c.deleted_at is null or c.deleted_at > ${at(t0)})
                     ${sliceOf(slice)}`;
  if (credited === null || credited.length > NARROW_UP_TO)
    return sql`select ${cols} from customers c where ${exists}`;
  const users = uuidArray(credited);
  return sql`select ${cols} from customers c where ${exists} and c.owner_id = any(${users})
             union all
             select ${cols} from customers c
              where ${exists} and (c.owner_id is null or not (c.owner_id = any(${users})))
                and c.id in (select h.customer_id from assignment_history h where h.org_id = ${orgId} and h.to_user_id = any(${users})
                             union select h.customer_id from assignment_history h where h.org_id = ${orgId} and h.from_user_id = any(${users})
                             except select x.id from customers x where x.org_id = ${orgId} and x.owner_id = any(${users}))`;
}

/**
 * Whether customer `b`'s stored lifecycle boundaries answer for the purchases up to `until`
 * (decision 0063): built in the organization's time zone, the customer not listed stale since,
 * and no order of its after `until` on until's local day (boundaries hold every order; the walk
 * is causal, so orders of later days change nothing up to the period's last day). Null stored
 * boundaries of a customer never listed mean no orders.
 */
function usableBounds(orgId: string, timeZone: string, until: Date): SQL {
  const dayEnd = endOfLocalDay(localDayOf(until, timeZone), timeZone).getTime() === until.getTime();
  return sql`(coalesce((select g.lifecycle_tz = g.time_zone from organizations g where g.id = ${orgId}), false)
      and not exists (select 1 from lifecycle_stale s where s.org_id = ${orgId} and s.customer_id = b.id)
      and (${dayEnd} or b.lifecycle_through is null or b.lifecycle_through <= ${at(until)}))`;
}

/**
 * Each book customer's CLV at t1, looked up in its scores (the latest value refresh at or before
 * t1: `score_history`, or `customer_scores` when its `as_of` is not later) — for periods before an
 * organization's first book value snapshot only (decision 0066); a lateral join on `b`, column `v.clv`.
 */
const clvAt = (orgId: string, t1: Date) => sql`left join lateral (
    select x.clv from (
      (select cs.clv, cs.as_of from customer_scores cs
        where cs.org_id = ${orgId} and cs.customer_id = b.id and cs.as_of <= ${at(t1)})
      union all
      (select sh.clv, sh.as_of from score_history sh
        where sh.org_id = ${orgId} and sh.customer_id = b.id and sh.as_of <= ${at(t1)}
        order by sh.as_of desc limit 1)) x
    order by x.as_of desc limit 1) v on true`;

/**
 * The book of the credited users at the start (t0) and at the end (t1) of a period, in one pass
 * over the candidate customers (a book at instant t: customers existing then, not deleted by then,
 * owned by a credited user at t):
 * - for retention and churn (`retention`: the day before the period and its last day, as day
 *   numbers, days since 1970-01-01), over the customers in the book at t0: `a` rows, one per
 *   user, counting those whose stored lifecycle boundaries answer (usableBounds) — live the day
 *   before, churned during the period, retained at its end — exactly as retentionFromBoundaries
 *   does (`width_bucket` counts the boundaries up to a day, as countUpTo); and `r` rows, one per
 *   other customer, with the local days of its orders up to `until` (`days`), one per order, in
 *   the order of the index (no sort in SQL; local days need not follow instants across a midnight
 *   DST change), for the lifecycle walk;
 * - `s` rows, one per user (when `snapshot`): the sum and count of profile completeness (as the
 *   profiles are now), and with `clv` the sum of each customer's CLV at t1 from its scores (clvAt).
 * With `slice`, only that range of customer ids: the parts add up (computeParts runs them side by side).
 */
export async function bookFacts(
  db: Db,
  w: Window,
  t0: Date,
  t1: Date,
  until: Date,
  credited: Credited,
  by: By,
  want: { retention: { dayBefore: number; lastDay: number } | null; snapshot: boolean; clv?: boolean },
  slice: Slice | null = null,
) {
  const needOwner = by || credited !== null;
  const inBook = (o: SQL) => (credited === null ? sql`true` : sql`${o} = any(${uuidArray(credited)})`);
  const orgId = w.orgId;
  const r = want.retention;
  const none = sql`null::int as live, null::int as churned, null::int as retained`;
  const parts: SQL[] = [];
  if (r) {
    const upTo = (day: number) => sql`width_bucket(${day}::int, coalesce(r.lifecycle_days, '{}'::int[]))`;
    parts.push(
      sql`select 'r' as k, r.uid0 as uid,
                 array(select (o.ordered_at at time zone ${w.timeZone})::date - date '1970-01-01'
                         from orders o where o.org_id = ${orgId} and o.customer_id = r.id
                          and o.ordered_at <= ${at(until)} order by o.ordered_at) as days,
                 null::float8 as c_sum, null::int as c_n, null::float8 as clv, ${none}
            from r where not r.usable`,
      sql`select 'a' as k, x.uid0 as uid, null::int[] as days, null::float8 as c_sum, null::int as c_n, null::float8 as clv,
                 count(*) filter (where x.before % 2 = 1)::int as live,
                 count(*) filter (where x.before % 2 = 1 and x.last > x.before)::int as churned,
                 count(*) filter (where x.before % 2 = 1 and x.last % 2 = 1)::int as retained
            from (select r.uid0, ${upTo(r.dayBefore)} as before, ${upTo(r.lastDay)} as last from r where r.usable) x
           group by x.uid0`,
    );
  }
  if (want.snapshot)
    parts.push(
      sql`select 's' as k, b.uid1 as uid, null::int[] as days, coalesce(sum(b.completeness), 0)::float8 as c_sum,
                 count(b.completeness)::int as c_n, ${want.clv ? sql`sum(v.clv)::float8` : sql`null::float8`} as clv, ${none}
            from b
            ${want.clv ? clvAt(orgId, t1) : sql``}
           where b.in1
           group by b.uid1`,
    );
  if (!parts.length) return [];
  return readRows<BookRow>(
    db,
    sql`with c as (${bookCustomers(orgId, t0, t1, credited, slice)}),
        b as (
          select x.id, x.completeness, x.lifecycle_days, x.lifecycle_through,
                 ${by ? sql`x.o0` : sql`null::uuid`} as uid0, ${by ? sql`x.o1` : sql`null::uuid`} as uid1,
                 (x.created_at <= ${at(t0)} and ${inBook(sql`x.o0`)}) as in0,
                 ((x.deleted_at is null or x.deleted_at > ${at(t1)}) and ${inBook(sql`x.o1`)}) as in1
            from (select c.*, ${needOwner ? sql`o.o0, o.o1` : sql`null::uuid as o0, null::uuid as o1`}
                    from c ${needOwner ? sql`cross join lateral (${bookOwnersAt(at(t0), at(t1))}) o` : sql``}) x)
        ${r ? sql`, r as (select b.*, ${usableBounds(orgId, w.timeZone, until)} as usable from b where b.in0)` : sql``}
        ${sql.join(parts, sql` union all `)}`,
  );
}

/** Scores of the CSAT and NPS surveys answered in the window, credited to the owner when sent. */
export async function surveyScores(db: Db, w: Window, credited: Credited, by: By = false) {
  return queryRows<{ uid: string | null; kind: string; score: number }>(
    db,
    sql`select ${uidOf(sql`s.owner_id`, by)} as uid, t.kind, s.score from survey_sends s
          join survey_templates t on t.org_id = s.org_id and t.id = s.template_id
         where s.org_id = ${w.orgId} and s.score is not null
           and s.answered_at >= ${at(w.start)} and s.answered_at <= ${at(w.end)}
           ${creditedBy(sql`s.owner_id`, credited)}`,
  );
}

/** Complaints raised in the window, and the hours to first response / resolution of those answered in it. */
export async function complaintFacts(db: Db, w: Window, credited: Credited, by: By = false) {
  const inWindow = (col: SQL) => sql`(${col} >= ${at(w.start)} and ${col} <= ${at(w.end)})`;
  return queryRows<{ uid: string | null; raised: boolean; first_h: number | null; resolve_h: number | null }>(
    db,
    sql`select ${uidOf(sql`c.owner_id`, by)} as uid, ${inWindow(sql`c.created_at`)} as raised,
               case when ${inWindow(sql`c.first_responded_at`)}
                    then extract(epoch from c.first_responded_at - c.created_at)::float8 / 3600 end as first_h,
               case when ${inWindow(sql`c.resolved_at`)}
                    then extract(epoch from c.resolved_at - c.created_at)::float8 / 3600 end as resolve_h
          from complaints c
         where c.org_id = ${w.orgId}
           and (${inWindow(sql`c.created_at`)} or ${inWindow(sql`c.first_responded_at`)} or ${inWindow(sql`c.resolved_at`)})
           ${creditedBy(sql`c.owner_id`, credited)}`,
  );
}

/**
 * The value of the credited users' books (sum of CLV) at the latest value refresh at or before
 * `t1`, from its snapshot (decision 0066): per owner when `by`; the organization counts the pool too.
 */
export async function bookValues(db: Db, orgId: string, t1: Date, credited: Credited, by: By = false) {
  return queryRows<{ uid: string | null; clv: number | null }>(
    db,
    sql`select ${uidOf(sql`s.owner_id`, by)} as uid, sum(s.clv)::float8 as clv
          from book_value_snapshots s
         where s.org_id = ${orgId}
           and s.as_of = (select max(x.as_of) from book_value_snapshots x where x.org_id = ${orgId} and x.as_of <= ${at(t1)})
           ${creditedBy(sql`s.owner_id`, credited)}
         group by 1`,
  );
}

/**
 * Where the book value at t1 comes from (decision 0066): `snapshot` — the latest snapshot at or
 * before t1 (none: null); `scores` — each customer's scores, for a period ending after a value
 * refresh but before the organization's first snapshot (refreshes from before migration 0021),
 * so those periods keep the values they had.
 */
export async function bookValueSource(db: Db, orgId: string, t1: Date): Promise<'snapshot' | 'scores'> {
  const [row] = await queryRows<{ snap: boolean; model: boolean }>(
    db,
    sql`select exists (select 1 from book_value_snapshots s where s.org_id = ${orgId} and s.as_of <= ${at(t1)}) as snap,
               exists (select 1 from value_models m where m.org_id = ${orgId} and m.as_of <= ${at(t1)}) as model`,
  );
  return row && !row.snap && row.model ? 'scores' : 'snapshot';
}
