import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { commissionPlans, payoutPeriods } from '../../db/schema/index.js';

export type PlanRow = typeof commissionPlans.$inferSelect;
export type PayoutPeriodRow = typeof payoutPeriods.$inferSelect;

export const listPlans = (db: Db, orgId: string) =>
  db
    .select()
    .from(commissionPlans)
    .where(eq(commissionPlans.orgId, orgId))
    .orderBy(desc(commissionPlans.effectiveFrom), desc(commissionPlans.createdAt));

export async function planStartingOn(db: Db, orgId: string, day: string): Promise<PlanRow | null> {
  const [row] = await db
    .select()
    .from(commissionPlans)
    .where(and(eq(commissionPlans.orgId, orgId), eq(commissionPlans.effectiveFrom, day)))
    .limit(1);
  return row ?? null;
}

/** The version in effect on a day: the latest one effective on or before it. */
export async function planInEffect(db: Db, orgId: string, day: string): Promise<PlanRow | null> {
  const [row] = await db
    .select()
    .from(commissionPlans)
    .where(and(eq(commissionPlans.orgId, orgId), sql`${commissionPlans.effectiveFrom} <= ${day}::date`))
    .orderBy(desc(commissionPlans.effectiveFrom), desc(commissionPlans.createdAt))
    .limit(1);
  return row ?? null;
}

export async function findPlan(db: Db, orgId: string, id: string): Promise<PlanRow | null> {
  const [row] = await db
    .select()
    .from(commissionPlans)
    .where(and(eq(commissionPlans.orgId, orgId), eq(commissionPlans.id, id)))
    .limit(1);
  return row ?? null;
}

export async function insertPlan(db: Db, row: typeof commissionPlans.$inferInsert) {
  await db.insert(commissionPlans).values(row);
}

/** The closed period with exactly these dates. */
export async function closedPeriod(db: Db, orgId: string, from: string, to: string) {
  const [row] = await db
    .select()
    .from(payoutPeriods)
    .where(
      and(
        eq(payoutPeriods.orgId, orgId),
        eq(payoutPeriods.periodStart, from),
        eq(payoutPeriods.periodEnd, to),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function overlapsClosed(db: Db, orgId: string, from: string, to: string): Promise<boolean> {
  const rows = await db
    .select({ id: payoutPeriods.id })
    .from(payoutPeriods)
    .where(
      and(
        eq(payoutPeriods.orgId, orgId),
        sql`${payoutPeriods.periodStart} <= ${to}::date and ${payoutPeriods.periodEnd} >= ${from}::date`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function insertPayoutPeriod(db: Db, row: typeof payoutPeriods.$inferInsert) {
  await db.insert(payoutPeriods).values(row);
}

/** Serializes closing payout periods within an organization (the check-then-insert runs alone). */
export async function lockClosing(db: Db, orgId: string) {
  await db.execute(sql`select 1 from organizations where id = ${orgId} for update`);
}
