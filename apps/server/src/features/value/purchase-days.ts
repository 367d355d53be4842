import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';

/**
 * The organization's purchase-day store (`purchase_days`, decision 0071): each customer's distinct
 * local purchase days up to a moment, with the spend of each day. `value-refresh` brings it up to
 * its `asOf` in a short transaction of its own, then once more (usually a no-op) inside the
 * transaction that reads it, so the read sees the store as of `asOf` (population.ts).
 *
 * - Incremental, when the store holds the organization's orders up to a moment at or before
 *   `asOf`, in the same time zone: only the customers listed in `value_stale` since (an order of
 *   theirs was written: the trigger of migration 0024) or with an order after the stored moment up
 *   to `asOf` are aggregated again, from their own orders.
 * - Full otherwise (the first run, a run as of an earlier moment, a new time zone): every row of
 *   the organization is rebuilt from its orders up to `asOf`.
 *
 * The stale entries are removed only as they were seen (same `seq`): an order written while this
 * runs lists its customer again with a new `seq`, so the next run rebuilds it. Entries an order
 * write still holds are skipped (`skip locked`) and stay for the next run, so a refresh never
 * waits for an order write and the two cannot deadlock; order writes wait for the entries the
 * refresh took until its transaction ends. One refresh per organization at a time (a
 * transaction-scoped advisory lock); `tx` must be a transaction.
 */
export async function refreshPurchaseDays(
  tx: Db,
  orgId: string,
  asOf: Date,
  tz: string,
): Promise<{ mode: 'full' | 'incremental'; rebuilt: number }> {
  const org = sql`${orgId}::uuid`;
  const asOfAt = sql`${asOf.toISOString()}::timestamptz`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('purchase_days:' || ${orgId}, 0))`);
  const [state] = await queryRows<{ as_of: string | Date; tz: string }>(
    tx,
    sql`select as_of, tz from purchase_days_state where org_id = ${org}`,
  );
  const incremental =
    state !== undefined && state.tz === tz && new Date(state.as_of).getTime() <= asOf.getTime();
  // The customers to aggregate again; `seen` is the stale list as this statement sees it.
  const changed: SQL = incremental
    ? sql`d as (
        select customer_id from seen
        union
        select customer_id from orders
         where org_id = ${org} and ordered_at > ${new Date(state!.as_of).toISOString()}::timestamptz
           and ordered_at <= ${asOfAt})`
    : sql`d as (select null::uuid as customer_id where false)`;
  const ofChanged = incremental ? sql`and o.customer_id in (select customer_id from d)` : sql``;
  if (!incremental) await tx.execute(sql`delete from purchase_days where org_id = ${org}`);
  const [res] = await queryRows<{ rebuilt: number }>(
    tx,
    sql`with seen as (select customer_id, seq from value_stale where org_id = ${org} for update skip locked),
      ${changed},
      agg as (
        select customer_id, array_agg(day order by day) as days, array_agg(cents order by day) as cents
          from (select o.customer_id, (o.ordered_at at time zone ${tz}::text)::date - date '1970-01-01' as day,
                       (sum(o.amount) * 100)::bigint as cents
                  from orders o
                 where o.org_id = ${org} and o.ordered_at <= ${asOfAt} ${ofChanged}
                 group by 1, 2) x
         group by 1),
      up as (
        insert into purchase_days (org_id, customer_id, days, cents)
        select ${org}, customer_id, days, cents from agg
        on conflict (org_id, customer_id) do update set days = excluded.days, cents = excluded.cents
        returning 1),
      -- Customers whose orders up to asOf are all gone (deleted, moved to another customer).
      gone as (
        delete from purchase_days p
         where p.org_id = ${org} and p.customer_id in (select customer_id from d)
           and not exists (select 1 from agg where agg.customer_id = p.customer_id)),
      cleared as (
        delete from value_stale s using seen
         where s.org_id = ${org} and s.customer_id = seen.customer_id and s.seq = seen.seq)
      select (select count(*)::int from up) as rebuilt`,
  );
  await tx.execute(
    sql`insert into purchase_days_state (org_id, as_of, tz) values (${org}, ${asOfAt}, ${tz})
        on conflict (org_id) do update set as_of = excluded.as_of, tz = excluded.tz`,
  );
  return { mode: incremental ? 'incremental' : 'full', rebuilt: Number(res?.rebuilt ?? 0) };
}

/**
 * The read of the store, in customer id order: the days and the spend of each in hundredths, as
 * text 'd1,d2,…' and 'c1,c2,…' (parsed by the caller: much cheaper than a driver's array parsing).
 */
export function purchaseDaysQuery(orgId: string): SQL {
  return sql`
    select customer_id as id, array_to_string(days, ',') as days, array_to_string(cents, ',') as cents
      from purchase_days where org_id = ${orgId}::uuid order by customer_id`;
}
