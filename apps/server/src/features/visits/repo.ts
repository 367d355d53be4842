import { and, eq } from 'drizzle-orm';
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
