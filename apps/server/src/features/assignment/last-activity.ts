import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/**
 * `customers.last_order_at` is the latest `orders.ordered_at` of the customer, and
 * `customers.last_contacted_at` the latest `interactions.occurred_at` (decision 0023). The
 * pool-reclaim job reads them instead of looking up both per customer; every write that adds,
 * changes or moves orders keeps `last_order_at` with one of these two calls, in its transaction.
 */

/** After inserting orders: moves each customer's last order forward to the latest new one. */
export async function noteNewOrders(
  db: Db,
  orgId: string,
  items: readonly { customerId: string; orderedAt: Date }[],
) {
  if (!items.length) return;
  const latest = new Map<string, number>();
  for (const i of items) {
    const at = i.orderedAt.getTime();
    if (!(latest.get(i.customerId)! >= at)) latest.set(i.customerId, at);
  }
  const rows = [...latest].map(([id, at]) => ({ id, at: new Date(at).toISOString() }));
  await db.execute(
    sql`update customers c set last_order_at = n.at
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as n(id uuid, at timestamptz)
         where c.org_id = ${orgId} and c.id = n.id
           and (c.last_order_at is null or c.last_order_at < n.at)`,
  );
}

/**
 * After orders were changed or moved (an upsert by external id, a re-dated order): sets each
 * named customer's last order from its orders again, which may move it back or clear it.
 */
export async function recomputeLastOrderAt(db: Db, orgId: string, customerIds: readonly string[]) {
  const ids = [...new Set(customerIds)];
  if (!ids.length) return;
  await db.execute(
    sql`update customers c set last_order_at = m.at
          from (select n.id,
                       (select max(o.ordered_at) from orders o
                         where o.org_id = ${orgId} and o.customer_id = n.id) as at
                  from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) as e(v)
                  cross join lateral (select e.v::uuid as id) n) m
         where c.org_id = ${orgId} and c.id = m.id and c.last_order_at is distinct from m.at`,
  );
}
