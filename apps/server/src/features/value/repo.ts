import { and, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  churnAlerts,
  customers,
  customerScores,
  orders,
  scoreHistory,
  tierOverrides,
  valueModels,
} from '../../db/schema/index.js';
import type { Cursor } from '../../platform/pagination.js';
import { noteNewOrders, recomputeLastOrderAt } from '../assignment/last-activity.js';

export type OrderRow = typeof orders.$inferSelect;
export type ScoreRow = typeof customerScores.$inferSelect;
export type ModelRow = typeof valueModels.$inferSelect;
export type OverrideRow = typeof tierOverrides.$inferSelect;

/** Customers in `scope` named by id or external id (for resolving the items of a bulk call). */
export async function findCustomersByKeys(db: Db, scope: SQL, ids: string[], externalIds: string[]) {
  const ors: SQL[] = [];
  if (ids.length) ors.push(inArray(customers.id, ids));
  if (externalIds.length) ors.push(inArray(customers.externalId, externalIds));
  if (!ors.length) return [];
  return db
    .select({ id: customers.id, externalId: customers.externalId })
    .from(customers)
    .where(and(scope, or(...ors)));
}

/** Existing orders with these external ids, and whether their customer is in `scope`. */
export async function findOrdersByExternalIds(db: Db, orgId: string, scope: SQL, externalIds: string[]) {
  if (!externalIds.length) return [];
  return db
    .select({
      externalId: orders.externalId,
      reachable: sql<boolean>`(${customers.id} is not null)`,
    })
    .from(orders)
    .leftJoin(customers, and(eq(customers.orgId, orders.orgId), eq(customers.id, orders.customerId), scope))
    .where(and(eq(orders.orgId, orgId), inArray(orders.externalId, externalIds)));
}

/** Inserts orders; one with an external id that exists replaces that order's fields. */
export async function upsertOrders(db: Db, rows: (typeof orders.$inferInsert)[]) {
  if (!rows.length) return;
  const orgId = rows[0]!.orgId;
  const externalIds = rows.map((r) => r.externalId).filter((v): v is string => !!v);
  // Orders replaced by external id may move off a customer or back in time: recompute those.
  const replaced = externalIds.length
    ? await db
        .select({ customerId: orders.customerId })
        .from(orders)
        .where(and(eq(orders.orgId, orgId), inArray(orders.externalId, externalIds)))
    : [];
  await db
    .insert(orders)
    .values(rows)
    .onConflictDoUpdate({
      target: [orders.orgId, orders.externalId],
      targetWhere: sql`${orders.externalId} is not null`,
      set: {
        customerId: sql`excluded.customer_id`,
        orderedAt: sql`excluded.ordered_at`,
        amount: sql`excluded.amount`,
        currency: sql`excluded.currency`,
        channel: sql`excluded.channel`,
        lines: sql`excluded.lines`,
      },
    });
  await noteNewOrders(db, orgId, rows);
  await recomputeLastOrderAt(
    db,
    orgId,
    replaced.map((r) => r.customerId),
  );
}

export async function listOrders(
  db: Db,
  scope: SQL,
  f: { customerId?: string; from?: Date; to?: Date },
  cursor: Cursor | null,
  limit: number,
) {
  return db
    .select({ o: orders })
    .from(orders)
    .innerJoin(customers, and(eq(customers.orgId, orders.orgId), eq(customers.id, orders.customerId)))
    .where(
      and(
        scope,
        f.customerId ? eq(orders.customerId, f.customerId) : undefined,
        f.from ? sql`${orders.orderedAt} >= ${f.from.toISOString()}::timestamptz` : undefined,
        f.to ? sql`${orders.orderedAt} <= ${f.to.toISOString()}::timestamptz` : undefined,
        cursor
          ? sql`(${orders.orderedAt}, ${orders.id}) < (${cursor.v}::timestamptz, ${cursor.id})`
          : undefined,
      ),
    )
    .orderBy(desc(orders.orderedAt), desc(orders.id))
    .limit(limit);
}

export async function findScore(db: Db, orgId: string, customerId: string): Promise<ScoreRow | null> {
  const [row] = await db
    .select()
    .from(customerScores)
    .where(and(eq(customerScores.orgId, orgId), eq(customerScores.customerId, customerId)));
  return row ?? null;
}

/** The latest points of a customer's P(alive) / CLV history, oldest first. */
export async function scoreHistoryOf(db: Db, orgId: string, customerId: string, limit = 52) {
  const rows = await db
    .select()
    .from(scoreHistory)
    .where(and(eq(scoreHistory.orgId, orgId), eq(scoreHistory.customerId, customerId)))
    .orderBy(desc(scoreHistory.asOf))
    .limit(limit);
  return rows.reverse();
}

export async function latestModel(db: Db, orgId: string): Promise<ModelRow | null> {
  const [row] = await db
    .select()
    .from(valueModels)
    .where(eq(valueModels.orgId, orgId))
    .orderBy(desc(valueModels.createdAt))
    .limit(1);
  return row ?? null;
}

export async function findOverride(db: Db, orgId: string, customerId: string): Promise<OverrideRow | null> {
  const [row] = await db
    .select()
    .from(tierOverrides)
    .where(and(eq(tierOverrides.orgId, orgId), eq(tierOverrides.customerId, customerId)));
  return row ?? null;
}

export async function upsertOverride(db: Db, row: typeof tierOverrides.$inferInsert) {
  await db
    .insert(tierOverrides)
    .values(row)
    .onConflictDoUpdate({
      target: [tierOverrides.orgId, tierOverrides.customerId],
      set: { tier: row.tier, reason: row.reason, by: row.by, at: row.at },
    });
}

export async function deleteOverride(db: Db, orgId: string, customerId: string) {
  await db
    .delete(tierOverrides)
    .where(and(eq(tierOverrides.orgId, orgId), eq(tierOverrides.customerId, customerId)));
}

export async function openAlertOf(db: Db, orgId: string, customerId: string) {
  const [row] = await db
    .select()
    .from(churnAlerts)
    .where(
      and(
        eq(churnAlerts.orgId, orgId),
        eq(churnAlerts.customerId, customerId),
        eq(churnAlerts.status, 'open'),
        isNull(churnAlerts.closedAt),
      ),
    )
    .limit(1);
  return row ?? null;
}
