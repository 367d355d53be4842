import { and, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { reclaimDecision, type ReclaimPolicy, type Tier } from '@steward/core';
import { queryRows } from '../../db/client.js';
import {
  assignmentHistory,
  auditLog,
  customers,
  fieldHistory,
  notifications,
  poolPolicies,
} from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import type { JobContext, JobDefinition } from '../../platform/jobs/types.js';

/** Reclaim windows when an organization has set none: A customers get the longest leash. */
export const DEFAULT_RECLAIM: ReclaimPolicy = {
  default: { noFollowUpDays: 30, noOrderDays: 90, warnDays: 7 },
  byTier: {
    A: { noFollowUpDays: 60, noOrderDays: 180, warnDays: 14 },
    B: { noFollowUpDays: 45, noOrderDays: 120, warnDays: 7 },
    D: { noFollowUpDays: 30, noOrderDays: 60, warnDays: 3 },
  },
};

const CHUNK = 2000;

type Facts = {
  id: string;
  owner_id: string;
  tier: string | null;
  assigned_at: Date | string | null;
  created_at: Date | string;
  protected: boolean;
  last_interaction: Date | string | null;
  last_order: Date | string | null;
};
const ms = (d: Date | string | null) => (d === null ? null : new Date(d).getTime());

async function policyOf(ctx: JobContext): Promise<ReclaimPolicy> {
  const [row] = await ctx.deps.db
    .select({ reclaim: poolPolicies.reclaim })
    .from(poolPolicies)
    .where(
      and(
        eq(poolPolicies.orgId, ctx.orgId),
        eq(poolPolicies.scope, 'organization'),
        isNull(poolPolicies.scopeId),
      ),
    );
  return (row?.reclaim as ReclaimPolicy | null) ?? DEFAULT_RECLAIM;
}

/**
 * The scheduled job `pool-reclaim`: walks the organization's owned customers in chunks, decides
 * for each (core `reclaimDecision`) from what had happened by `asOf`, returns due ones to the pool
 * and warns owners of those coming due. Each chunk commits on its own; warnings are idempotent.
 */
export async function runPoolReclaim(ctx: JobContext) {
  const { db } = ctx.deps;
  const policy = await policyOf(ctx);
  const asOf = ctx.asOf;
  const owned = and(
    eq(customers.orgId, ctx.orgId),
    isNull(customers.deletedAt),
    isNotNull(customers.ownerId),
    lte(customers.createdAt, asOf),
  );
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(customers)
    .where(owned);
  const counts = { checked: 0, reclaimed: 0, warned: 0, kept: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await queryRows<Facts>(
      db,
      sql`select c.id, c.owner_id, c.tier, c.assigned_at, c.created_at, c.protected,
                 (select max(i.occurred_at) from interactions i where i.org_id = c.org_id and i.customer_id = c.id and i.occurred_at <= ${asOf.toISOString()}::timestamptz) as last_interaction,
                 (select max(o.ordered_at) from orders o where o.org_id = c.org_id and o.customer_id = c.id and o.ordered_at <= ${asOf.toISOString()}::timestamptz) as last_order
            from customers c
           where c.org_id = ${ctx.orgId} and c.deleted_at is null and c.owner_id is not null
             and c.created_at <= ${asOf.toISOString()}::timestamptz
             and coalesce(c.assigned_at, c.created_at) <= ${asOf.toISOString()}::timestamptz
             and c.id > ${after}
           order by c.id
           limit ${CHUNK}`,
    );
    if (!rows.length) break;
    after = rows[rows.length - 1]!.id;
    const reclaim: { row: Facts; reasons: unknown }[] = [];
    const warn: { row: Facts; dueAt: number; reasons: unknown }[] = [];
    for (const row of rows) {
      const d = reclaimDecision(
        {
          tier: (row.tier as Tier | null) ?? null,
          lastInteractionAt: ms(row.last_interaction),
          lastOrderAt: ms(row.last_order),
          assignedAt: ms(row.assigned_at) ?? ms(row.created_at)!,
          protected: row.protected,
        },
        policy,
        asOf.getTime(),
      );
      if (d.action === 'reclaim') reclaim.push({ row, reasons: d.reasons });
      else if (d.action === 'warn') warn.push({ row, dueAt: d.dueAt!, reasons: d.reasons });
    }
    await db.transaction(async (tx) => {
      if (reclaim.length) {
        const ids = reclaim.map((r) => r.row.id);
        // Only customers still held by the owner we judged: a claim or assignment since then wins.
        const done = await tx
          .update(customers)
          .set({ ownerId: null, teamId: null, assignedAt: null, protected: false, updatedAt: asOf })
          .where(
            and(eq(customers.orgId, ctx.orgId), inArray(customers.id, ids), isNotNull(customers.ownerId)),
          )
          .returning({ id: customers.id });
        const doneIds = new Set(done.map((d) => d.id));
        const items = reclaim.filter((r) => doneIds.has(r.row.id));
        if (items.length) {
          await tx.insert(assignmentHistory).values(
            items.map((r) => ({
              orgId: ctx.orgId,
              id: newId(),
              customerId: r.row.id,
              kind: 'reclaim',
              fromUserId: r.row.owner_id,
              toUserId: null,
              actorId: ctx.actorId,
              reason: JSON.stringify(r.reasons),
              at: asOf,
            })),
          );
          await tx.insert(fieldHistory).values(
            items.map((r) => ({
              orgId: ctx.orgId,
              id: newId(),
              entity: 'customer',
              entityId: r.row.id,
              field: 'ownerId',
              oldValue: r.row.owner_id,
              newValue: null,
              actorId: ctx.actorId,
              at: asOf,
            })),
          );
          await tx.insert(notifications).values(
            items.map((r) => ({
              orgId: ctx.orgId,
              id: newId(),
              userId: r.row.owner_id,
              kind: 'customer_reclaimed',
              data: { reasons: r.reasons } as Record<string, unknown>,
              entity: 'customer',
              entityId: r.row.id,
              createdAt: asOf,
            })),
          );
          await tx.insert(auditLog).values(
            items.map((r) => ({
              orgId: ctx.orgId,
              id: newId(),
              actorId: ctx.actorId,
              action: 'customer.reclaim',
              entity: 'customer',
              entityId: r.row.id,
              data: { from: r.row.owner_id, jobId: ctx.jobId },
              at: asOf,
            })),
          );
        }
        counts.reclaimed += items.length;
      }
      if (warn.length) {
        const inserted = await tx
          .insert(notifications)
          .values(
            warn.map((w) => ({
              orgId: ctx.orgId,
              id: newId(),
              userId: w.row.owner_id,
              kind: 'reclaim_warning',
              data: { dueAt: new Date(w.dueAt).toISOString(), reasons: w.reasons } as Record<string, unknown>,
              entity: 'customer',
              entityId: w.row.id,
              dedupeKey: `reclaim_warning:${w.row.id}:${w.row.owner_id}:${w.dueAt}`,
              createdAt: asOf,
            })),
          )
          .onConflictDoNothing()
          .returning({ id: notifications.id });
        counts.warned += inserted.length;
      }
    });
    counts.checked += rows.length;
    await ctx.progress(total ? counts.checked / total : 1);
  }
  return { ...counts, kept: counts.checked - counts.reclaimed - counts.warned, asOf: asOf.toISOString() };
}

export const poolReclaimJob: JobDefinition = {
  name: 'pool-reclaim',
  handler: runPoolReclaim,
  cron: '30 2 * * *',
};
