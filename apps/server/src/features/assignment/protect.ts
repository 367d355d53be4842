import { and, eq } from 'drizzle-orm';
import { canProtect } from '@steward/core';
import { customers } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { forbidden, ruleViolation } from '../../platform/errors.js';
import * as customerService from '../customers/service.js';
import { poolPolicyFromRows } from './limits.js';
import * as repo from './repo.js';

/**
 * Marks an owned customer protected from reclaim, or lifts the mark. A manager may protect at most
 * the pool policy's maxProtected of their customers (core `canProtect`); the owner, their lead,
 * a director or an admin may set it.
 */
export async function setProtected(deps: Deps, actor: Actor, customerId: string, value: boolean) {
  if (!actor.permissions.writeCustomers) throw forbidden('Your role may only read customers.');
  return deps.db.transaction(async (tx) => {
    const customer = await customerService.loadVisible(tx, actor, customerId, true);
    if (!customer.ownerId) throw ruleViolation('not_owned', 'A customer in the pool cannot be protected.');
    if (value && !customer.protected) {
      const owner = (await repo.lockUser(tx, actor.orgId, customer.ownerId))!;
      const count = await repo.countProtected(tx, actor.orgId, owner.id);
      const decision = canProtect(
        poolPolicyFromRows(await repo.policiesFor(tx, actor.orgId)),
        owner.id,
        owner.teamId,
        count,
      );
      if (!decision.ok) {
        const limit = (decision.reason.data as { limit: number }).limit;
        throw ruleViolation(
          'protect_limit_reached',
          `${owner.name} protects ${limit} customers already, the most allowed.`,
        );
      }
    }
    if (customer.protected !== value) {
      await tx
        .update(customers)
        .set({ protected: value, updatedAt: deps.now() })
        .where(and(eq(customers.orgId, actor.orgId), eq(customers.id, customerId)));
      await audit(tx, actor, value ? 'customer.protect' : 'customer.unprotect', 'customer', customerId);
    }
    return customerService.presentForActor(actor, await customerService.loadVisible(tx, actor, customerId));
  });
}
