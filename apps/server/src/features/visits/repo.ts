import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { customers, tasks } from '../../db/schema/index.js';

/** A task of one customer, locked for the update that completes it. */
export async function lockCustomerTask(db: Db, orgId: string, customerId: string, taskId: string) {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.orgId, orgId), eq(tasks.id, taskId), eq(tasks.customerId, customerId)))
    .for('update');
  return row ?? null;
}

export async function completeTask(db: Db, orgId: string, taskId: string, completedAt: Date, now: Date) {
  await db
    .update(tasks)
    .set({ status: 'done', completedAt, updatedAt: now })
    .where(and(eq(tasks.orgId, orgId), eq(tasks.id, taskId)));
}

export async function setNextVisitDue(db: Db, orgId: string, customerId: string, due: Date | null) {
  await db
    .update(customers)
    .set({ nextVisitDueAt: due })
    .where(and(eq(customers.orgId, orgId), eq(customers.id, customerId)));
}

/**
 * A UUIDv7 made in SQL (48-bit Unix milliseconds of the clock, version 7, random rest) for the ids
 * of rows written by set-based jobs. Ids that grow with time append to the right edge of the
 * primary-key index; gen_random_uuid() scatters hundreds of thousands of inserts over the whole
 * index, each dirtying (and after every checkpoint logging in full) a random page (decision 0052).
 * `date_part` (double precision) rather than `extract` (numeric since PostgreSQL 14): it is made
 * once per row of runs that write hundreds of thousands.
 */
export const timeOrderedId = sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
  placing substring(int8send((date_part('epoch', clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6),
  52, 1), 53, 1), 'hex')::uuid`;
