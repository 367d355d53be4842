import { and, eq, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { reclaimDecision, reclaimPolicyFromWindows, type ReclaimPolicy, type Tier } from '@steward/core';
import { queryRows, type Db } from '../../db/client.js';
import { customers, poolPolicies } from '../../db/schema/index.js';
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

/** Owned customers judged per round trip (one read, one write transaction). */
const CHUNK = 20_000;

type Facts = {
  id: string;
  owner_id: string;
  tier: string | null;
  protected: boolean;
  /** Epoch milliseconds: when the current owner got the customer (else when it was created). */
  assigned: number;
  last_interaction: number | null;
  last_order: number | null;
};

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
  // Stored as windows per tier ({default, A, B, C, D}; decision 0022), not as a ReclaimPolicy.
  return row?.reclaim ? reclaimPolicyFromWindows(row.reclaim) : DEFAULT_RECLAIM;
}

const epochMs = (x: SQL) => sql`floor(extract(epoch from ${x}) * 1000)::float8`;

/**
 * The owned customers stored in heap blocks [from, to) of `customers` (to null: from `from` to
 * the end), with what had happened by `asOf`. Chunks by physical position read each page once
 * (a TID range scan), where chunks by id touch one page per row. The last interaction and order
 * come from `customers.last_contacted_at` / `last_order_at` (the latest ever, decision 0023); only
 * where that is later than `asOf` (a back-dated run) is the latest one at or before `asOf` looked
 * up in interactions / orders.
 */
function readChunk(ctx: JobContext, from: number, to: number | null) {
  const asOf = sql`${ctx.asOf.toISOString()}::timestamptz`;
  const tid = (block: number) => sql`${`(${block},0)`}::tid`;
  return queryRows<Facts>(
    ctx.deps.db,
    sql`select c.id, c.owner_id, c.tier, c.protected,
               ${epochMs(sql`coalesce(c.assigned_at, c.created_at)`)} as assigned,
               ${epochMs(sql`case when c.last_contacted_at <= ${asOf} then c.last_contacted_at
                                  when c.last_contacted_at is not null then
                                    (select max(i.occurred_at) from interactions i
                                      where i.org_id = c.org_id and i.customer_id = c.id and i.occurred_at <= ${asOf})
                             end`)} as last_interaction,
               ${epochMs(sql`case when c.last_order_at <= ${asOf} then c.last_order_at
                                  when c.last_order_at is not null then
                                    (select max(o.ordered_at) from orders o
                                      where o.org_id = c.org_id and o.customer_id = c.id and o.ordered_at <= ${asOf})
                             end`)} as last_order
          from customers c
         where c.org_id = ${ctx.orgId} and c.deleted_at is null and c.owner_id is not null
           and c.created_at <= ${asOf} and coalesce(c.assigned_at, c.created_at) <= ${asOf}
           and c.ctid >= ${tid(from)} ${to === null ? sql`` : sql`and c.ctid < ${tid(to)}`}`,
  );
}

/**
 * Returns the customers to the pool — only those still held by the owner they were judged for
 * (a claim or assignment since then wins) — and writes, set-based in one statement, each one's
 * assignment history, field history, notification to the former owner and audit row.
 */
async function reclaimAll(tx: Db, ctx: JobContext, items: { row: Facts; reasons: unknown }[]) {
  if (!items.length) return 0;
  const asOf = sql`${ctx.asOf.toISOString()}::timestamptz`;
  const actor = sql`${ctx.actorId}::uuid`;
  const input = JSON.stringify(
    items.map((r) => ({
      id: r.row.id,
      owner_id: r.row.owner_id,
      reason: JSON.stringify(r.reasons),
      data: { reasons: r.reasons },
    })),
  );
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
    tx,
    sql`with r as (
          select * from jsonb_to_recordset(${input}::jsonb) as r(id uuid, owner_id uuid, reason text, data jsonb)
        ),
        done as (
          update customers c
             set owner_id = null, team_id = null, assigned_at = null, protected = false, updated_at = ${asOf},
                 -- the history row below, as its trigger would set them (decision 0067)
                 owner_changed_at = ${asOf}, owner_changed_to = null
            from r
           where c.org_id = ${ctx.orgId} and c.id = r.id and c.owner_id = r.owner_id
          returning c.id, r.owner_id, r.reason, r.data
        ),
        history as (
          insert into assignment_history (org_id, id, customer_id, kind, from_user_id, to_user_id, actor_id, reason, at)
          select ${ctx.orgId}, gen_random_uuid(), d.id, 'reclaim', d.owner_id, null, ${actor}, d.reason, ${asOf}
            from done d
        ),
        fields as (
          insert into field_history (org_id, id, entity, entity_id, field, old_value, new_value, actor_id, at)
          select ${ctx.orgId}, gen_random_uuid(), 'customer', d.id, 'ownerId', to_jsonb(d.owner_id), null, ${actor}, ${asOf}
            from done d
        ),
        notes as (
          insert into notifications (org_id, id, user_id, kind, data, entity, entity_id, created_at)
          select ${ctx.orgId}, gen_random_uuid(), d.owner_id, 'customer_reclaimed', d.data, 'customer', d.id, ${asOf}
            from done d
        ),
        audits as (
          insert into audit_log (org_id, id, actor_id, action, entity, entity_id, data, at)
          select ${ctx.orgId}, gen_random_uuid(), ${actor}, 'customer.reclaim', 'customer', d.id,
                 jsonb_build_object('from', d.owner_id, 'jobId', ${ctx.jobId}::text), ${asOf}
            from done d
        )
        select count(*)::int as n from done`,
  );
  return n;
}

/** Warns owners of customers coming due; one warning per customer, owner and due moment. */
async function warnAll(tx: Db, ctx: JobContext, items: { row: Facts; dueAt: number; reasons: unknown }[]) {
  if (!items.length) return 0;
  const input = JSON.stringify(
    items.map((w) => ({
      id: w.row.id,
      owner_id: w.row.owner_id,
      data: { dueAt: new Date(w.dueAt).toISOString(), reasons: w.reasons },
      dedupe_key: `reclaim_warning:${w.row.id}:${w.row.owner_id}:${w.dueAt}`,
    })),
  );
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
    tx,
    sql`with w as (
          select * from jsonb_to_recordset(${input}::jsonb) as w(id uuid, owner_id uuid, data jsonb, dedupe_key text)
        ),
        ins as (
          insert into notifications (org_id, id, user_id, kind, data, entity, entity_id, dedupe_key, created_at)
          select ${ctx.orgId}, gen_random_uuid(), w.owner_id, 'reclaim_warning', w.data, 'customer', w.id,
                 w.dedupe_key, ${ctx.asOf.toISOString()}::timestamptz
            from w
          on conflict do nothing
          returning 1
        )
        select count(*)::int as n from ins`,
  );
  return n;
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
  // Chunks of about CHUNK owned customers by heap block; the last one, open-ended, also takes
  // rows written past the end while the job runs. A row that another transaction moves between
  // chunks meanwhile may be judged twice (harmless: reclaims check the owner, warnings are
  // idempotent) or, rarely, not until the next run.
  const [{ blocks } = { blocks: 0 }] = await queryRows<{ blocks: number }>(
    db,
    sql`select (pg_relation_size('customers') / current_setting('block_size')::int)::int as blocks`,
  );
  const step = Math.max(1, Math.ceil(blocks / Math.max(1, Math.ceil(total / CHUNK))));
  for (let from = 0; ; from += step) {
    const last = from + step >= blocks;
    const rows = await readChunk(ctx, from, last ? null : from + step);
    const reclaim: { row: Facts; reasons: unknown }[] = [];
    const warn: { row: Facts; dueAt: number; reasons: unknown }[] = [];
    for (const row of rows) {
      const d = reclaimDecision(
        {
          tier: (row.tier as Tier | null) ?? null,
          lastInteractionAt: row.last_interaction,
          lastOrderAt: row.last_order,
          assignedAt: row.assigned,
          protected: row.protected,
        },
        policy,
        asOf.getTime(),
      );
      if (d.action === 'reclaim') reclaim.push({ row, reasons: d.reasons });
      else if (d.action === 'warn') warn.push({ row, dueAt: d.dueAt!, reasons: d.reasons });
    }
    if (reclaim.length || warn.length)
      await db.transaction(async (tx) => {
        counts.reclaimed += await reclaimAll(tx, ctx, reclaim);
        counts.warned += await warnAll(tx, ctx, warn);
      });
    counts.checked += rows.length;
    await ctx.progress(last ? 1 : Math.min(1, (from + step) / blocks));
    if (last) break;
  }
  return { ...counts, kept: counts.checked - counts.reclaimed - counts.warned, asOf: asOf.toISOString() };
}

export const poolReclaimJob: JobDefinition = {
  name: 'pool-reclaim',
  handler: runPoolReclaim,
  cron: '30 2 * * *',
};
