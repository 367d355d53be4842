/**
 * The customers' stored lifecycle boundaries (decision 0063): `customers.lifecycle_days` holds
 * `liveBoundaries` of all the customer's local purchase days, so that the retention and churn KPIs
 * read one small array per customer of a book instead of walking its orders. A trigger on orders
 * lists the customers each write touches in `lifecycle_stale` (migration 0019); readers take the
 * stored boundaries only for customers not listed, and only while `organizations.lifecycle_tz` is
 * the organization's time zone. This step of the `kpi-facts` job rebuilds the listed customers —
 * or every customer, after a change of time zone or on the first run.
 */
import { liveBoundaries } from '@steward/core';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/client.js';
import { uuidArray, wordArray } from '../../db/sql-arrays.js';

/** Customers per read and write (one statement each, one transaction per chunk). */
export const BOUNDARY_CHUNK = 20_000;

export type BoundaryRow = {
  id: string;
  seq: string | number | null;
  days: number[];
  through: Date | string | null;
};

/** Reads one chunk: the customers after `after` (all of them, or the listed ones) with their purchase days. */
export function readBoundaryChunk(db: Db, orgId: string, timeZone: string, all: boolean, after: string) {
  const keys = all
    ? sql`select c.id from customers c where c.org_id = ${orgId} and c.id > ${after}::uuid order by c.id limit ${BOUNDARY_CHUNK}`
    : sql`select s.customer_id as id from lifecycle_stale s where s.org_id = ${orgId} and s.customer_id > ${after}::uuid
           order by s.customer_id limit ${BOUNDARY_CHUNK}`;
  return queryRows<BoundaryRow>(
    db,
    sql`select k.id, s.seq,
               array(select distinct (o.ordered_at at time zone ${timeZone})::date - date '1970-01-01'
                       from orders o where o.org_id = ${orgId} and o.customer_id = k.id order by 1) as days,
               (select max(o.ordered_at) from orders o where o.org_id = ${orgId} and o.customer_id = k.id) as through
          from (${keys}) k
          left join lifecycle_stale s on s.org_id = ${orgId} and s.customer_id = k.id
         order by k.id`,
  );
}

/** A `text[]` parameter of array literals (quoted: they hold braces and commas). */
const literals = (xs: string[]) => sql`${`{${xs.map((x) => `"${x}"`).join(',')}}`}::text[]`;

/**
 * Writes the boundaries of one chunk and removes the `lifecycle_stale` entries it read — only
 * those whose `seq` is unchanged: an order written since the read (or still uncommitted, whose
 * entry this delete waits for) keeps its customer listed, so readers never take boundaries that
 * miss an order.
 */
export async function writeBoundaryChunk(db: Db, orgId: string, rows: BoundaryRow[]) {
  const bounds = rows.map((r) => `{${liveBoundaries(r.days).join(',')}}`);
  const through = rows.map((r) => (r.through === null ? null : new Date(r.through).toISOString()));
  const seen = rows.filter((r) => r.seq !== null);
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`update customers c set lifecycle_days = v.days::int[], lifecycle_through = v.through
            from unnest(${uuidArray(rows.map((r) => r.id))}, ${literals(bounds)}, ${wordArray(through)}::timestamptz[])
                 as v(id, days, through)
           where c.org_id = ${orgId} and c.id = v.id`,
    );
    if (seen.length)
      await tx.execute(
        sql`delete from lifecycle_stale s
             using unnest(${uuidArray(seen.map((r) => r.id))}, ${wordArray(seen.map((r) => r.seq))}::bigint[]) as v(id, seq)
             where s.org_id = ${orgId} and s.customer_id = v.id and s.seq = v.seq`,
      );
  });
}

/**
 * Brings the organization's stored boundaries up to date: every customer when they were built in
 * another time zone (or never), else the customers listed stale. Returns how many were built.
 */
export async function refreshLifecycleBoundaries(
  db: Db,
  orgId: string,
): Promise<{ built: number; all: boolean }> {
  const [org] = await queryRows<{ time_zone: string; lifecycle_tz: string | null }>(
    db,
    sql`select time_zone, lifecycle_tz from organizations where id = ${orgId}`,
  );
  if (!org) return { built: 0, all: false };
  const all = org.lifecycle_tz !== org.time_zone;
  let after = '00000000-0000-0000-0000-000000000000';
  let built = 0;
  for (;;) {
    const rows = await readBoundaryChunk(db, orgId, org.time_zone, all, after);
    if (!rows.length) break;
    await writeBoundaryChunk(db, orgId, rows);
    built += rows.length;
    after = rows[rows.length - 1]!.id;
    if (rows.length < BOUNDARY_CHUNK) break;
  }
  // Only now do readers take the boundaries; a time zone changed meanwhile leaves them unused
  // (the next run builds again).
  if (all)
    await db.execute(sql`update organizations set lifecycle_tz = ${org.time_zone} where id = ${orgId}`);
  return { built, all };
}
