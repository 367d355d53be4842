import { and, eq } from 'drizzle-orm';
import type { CustomerVisitPlanOut, CustomerVisitPlanUpdate } from '@steward/contracts';
import { effectivePlan, planDueAt, type VisitChannel, type VisitOverride } from '@steward/core';
import type { Db } from '../../db/client.js';
import { visitPlanOverrides } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { loadVisible } from '../customers/service.js';
import { visitPolicy } from './policy.js';
import { visitCadenceOf } from './settings.js';

type Customer = Awaited<ReturnType<typeof loadVisible>>;

export async function overrideOf(db: Db, orgId: string, customerId: string): Promise<VisitOverride> {
  const [row] = await db
    .select()
    .from(visitPlanOverrides)
    .where(and(eq(visitPlanOverrides.orgId, orgId), eq(visitPlanOverrides.customerId, customerId)));
  return row ? { cadenceDays: row.cadenceDays, channel: row.channel as VisitChannel | null } : null;
}

/** The plan that applies to a customer: cadence days and channel, from its override or tier. */
export async function planOf(db: Db, orgId: string, customer: Pick<Customer, 'id' | 'tier'>) {
  const [cadence, override] = await Promise.all([
    visitCadenceOf(db, orgId),
    overrideOf(db, orgId, customer.id),
  ]);
  return { override, effective: effectivePlan(cadence, customer.tier, override) };
}

async function present(db: Db, orgId: string, c: Customer): Promise<CustomerVisitPlanOut> {
  const { override, effective } = await planOf(db, orgId, c);
  const due = planDueAt(c, effective.cadenceDays);
  return {
    customerId: c.id,
    tier: c.tier,
    override,
    effective,
    lastContactedAt: c.lastContactedAt?.toISOString() ?? null,
    nextDueAt: due?.toISOString() ?? null,
  };
}

export async function getCustomerPlan(deps: Deps, actor: Actor, customerId: string) {
  const c = await loadVisible(deps.db, actor, customerId);
  return present(deps.db, actor.orgId, c);
}

/** Sets a customer's own cadence (null: no planned visits) and channel, replacing its tier's. */
export async function putCustomerPlan(
  deps: Deps,
  actor: Actor,
  customerId: string,
  body: CustomerVisitPlanUpdate,
) {
  visitPolicy.assertCanPlan(actor);
  return deps.db.transaction(async (tx) => {
    const c = await loadVisible(tx, actor, customerId, true);
    const row = {
      cadenceDays: body.cadenceDays,
      channel: body.channel ?? null,
      updatedBy: actor.userId,
      updatedAt: deps.now(),
    };
    await tx
      .insert(visitPlanOverrides)
      .values({ orgId: actor.orgId, customerId, ...row })
      .onConflictDoUpdate({ target: [visitPlanOverrides.orgId, visitPlanOverrides.customerId], set: row });
    await audit(tx, actor, 'visit_plan.override', 'customer', customerId, {
      cadenceDays: body.cadenceDays,
      channel: row.channel,
    });
    return present(tx, actor.orgId, c);
  });
}

/** Removes a customer's override: the tier's cadence applies again. */
export async function deleteCustomerPlan(deps: Deps, actor: Actor, customerId: string) {
  visitPolicy.assertCanPlan(actor);
  return deps.db.transaction(async (tx) => {
    const c = await loadVisible(tx, actor, customerId, true);
    const gone = await tx
      .delete(visitPlanOverrides)
      .where(and(eq(visitPlanOverrides.orgId, actor.orgId), eq(visitPlanOverrides.customerId, customerId)))
      .returning({ id: visitPlanOverrides.customerId });
    if (gone.length) await audit(tx, actor, 'visit_plan.reset', 'customer', customerId);
    return present(tx, actor.orgId, c);
  });
}
