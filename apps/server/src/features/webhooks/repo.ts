import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { auditLog, orgSettings, users, webhookDeliveries, webhooks } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';

export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const byWebhook = (orgId: string, id: string) => and(eq(webhooks.orgId, orgId), eq(webhooks.id, id));

export async function insertWebhook(db: Db, row: typeof webhooks.$inferInsert) {
  const [r] = await db.insert(webhooks).values(row).returning();
  return r!;
}

export const listWebhooks = (db: Db, orgId: string) =>
  db.select().from(webhooks).where(eq(webhooks.orgId, orgId)).orderBy(desc(webhooks.createdAt));

export async function findWebhook(db: Db, orgId: string, id: string) {
  const [r] = await db.select().from(webhooks).where(byWebhook(orgId, id));
  return r ?? null;
}

export async function updateWebhook(db: Db, orgId: string, id: string, set: Partial<WebhookRow>) {
  const [r] = await db.update(webhooks).set(set).where(byWebhook(orgId, id)).returning();
  return r!;
}

export async function deleteWebhook(db: Db, orgId: string, id: string) {
  await db
    .delete(webhookDeliveries)
    .where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.webhookId, id)));
  await db.delete(webhooks).where(byWebhook(orgId, id));
}

export async function insertDelivery(db: Db, row: typeof webhookDeliveries.$inferInsert) {
  const [r] = await db.insert(webhookDeliveries).values(row).returning();
  return r!;
}

export async function findDelivery(db: Db, orgId: string, webhookId: string, id: string) {
  const [r] = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.orgId, orgId),
        eq(webhookDeliveries.webhookId, webhookId),
        eq(webhookDeliveries.id, id),
      ),
    );
  return r ?? null;
}

/** A webhook's deliveries, newest first (keyset on createdAt, id). */
export async function listDeliveries(
  db: Db,
  orgId: string,
  webhookId: string,
  opts: { status?: string; after?: { at: Date; id: string }; limit: number },
) {
  const where: SQL[] = [eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.webhookId, webhookId)];
  if (opts.status) where.push(eq(webhookDeliveries.status, opts.status));
  if (opts.after)
    where.push(
      or(
        lt(webhookDeliveries.createdAt, opts.after.at),
        and(eq(webhookDeliveries.createdAt, opts.after.at), lt(webhookDeliveries.id, opts.after.id)),
      )!,
    );
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(opts.limit);
}

export async function updateDelivery(db: Db, orgId: string, id: string, set: Partial<DeliveryRow>) {
  const [r] = await db
    .update(webhookDeliveries)
    .set(set)
    .where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.id, id)))
    .returning();
  return r!;
}

type ClaimedRow = {
  org_id: string;
  id: string;
  webhook_id: string;
  event: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: string | Date;
};

/**
 * Claims up to `limit` deliveries due at or before `asOf` (of one organization, or all): counts the
 * attempt and pushes nextAttemptAt to `leaseUntil`, so another worker skips them and a crash mid-send
 * only delays the retry. SKIP LOCKED lets several processes claim side by side.
 */
export async function claimDue(db: Db, asOf: Date, leaseUntil: Date, limit: number, orgId: string | null) {
  const org = orgId ? sql`and d.org_id = ${orgId}::uuid` : sql``;
  const rows = await queryRows<ClaimedRow>(
    db,
    sql`with due as (
          select d.org_id, d.id from webhook_deliveries d
           where d.status = 'pending' and d.next_attempt_at <= ${asOf.toISOString()}::timestamptz ${org}
           order by d.next_attempt_at
           limit ${limit}
           for update skip locked)
        update webhook_deliveries d
           set attempts = d.attempts + 1, next_attempt_at = ${leaseUntil.toISOString()}::timestamptz
          from due
         where d.org_id = due.org_id and d.id = due.id
        returning d.org_id, d.id, d.webhook_id, d.event, d.payload, d.attempts, d.created_at`,
  );
  return rows.map((r) => ({
    orgId: r.org_id,
    id: r.id,
    webhookId: r.webhook_id,
    event: r.event,
    payload: r.payload,
    attempts: r.attempts,
    createdAt: new Date(r.created_at),
  }));
}
export type Claimed = Awaited<ReturnType<typeof claimDue>>[number];

/** The earliest pending attempt still to come, to time the worker's next wake-up. */
export async function nextDueAt(db: Db): Promise<Date | null> {
  const rows = await queryRows<{ at: string | Date | null }>(
    db,
    sql`select min(next_attempt_at) as at from webhook_deliveries where status = 'pending'`,
  );
  const at = rows[0]?.at;
  return at ? new Date(at) : null;
}

/** Counts one more delivery failed for good; answers the new count (after a lock on the row). */
export async function addFailure(db: Db, orgId: string, id: string) {
  const [r] = await db
    .update(webhooks)
    .set({ consecutiveFailures: sql`${webhooks.consecutiveFailures} + 1` })
    .where(byWebhook(orgId, id))
    .returning();
  return r ?? null;
}

export async function resetFailures(db: Db, orgId: string, id: string) {
  await db
    .update(webhooks)
    .set({ consecutiveFailures: 0 })
    .where(and(byWebhook(orgId, id), sql`${webhooks.consecutiveFailures} <> 0`));
}

export async function activeAdmins(db: Db, orgId: string) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, 'admin'), eq(users.status, 'active')));
}

export async function auditSystem(
  db: Db,
  orgId: string,
  action: string,
  entityId: string,
  data: Record<string, unknown>,
  at: Date,
) {
  await db
    .insert(auditLog)
    .values({ orgId, id: newId(), actorId: null, action, entity: 'webhook', entityId, data, at });
}

export async function loadSetting(db: Db, orgId: string, key: string): Promise<unknown> {
  const [r] = await db
    .select({ value: orgSettings.value })
    .from(orgSettings)
    .where(and(eq(orgSettings.orgId, orgId), eq(orgSettings.key, key)));
  return r?.value;
}
