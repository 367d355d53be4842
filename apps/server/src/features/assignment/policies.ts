import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { PoolPolicyBody } from '@steward/contracts';
import { poolPolicies, teams, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { forbidden, validationFailed } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';

const present = (r: typeof poolPolicies.$inferSelect) => ({
  id: r.id,
  scope: r.scope as 'organization' | 'team' | 'user',
  scopeId: r.scopeId,
  maxHeld: r.maxHeld,
  maxClaimsPerDay: r.maxClaimsPerDay,
  cooldownDays: r.cooldownDays,
  maxProtected: r.maxProtected,
});

export async function listPolicies(deps: Deps, actor: Actor) {
  const rows = await deps.db.select().from(poolPolicies).where(eq(poolPolicies.orgId, actor.orgId));
  return { data: rows.map(present) };
}

/** Sets the pool limits of the organization, a team or a person (directors and admins). */
export async function setPolicy(deps: Deps, actor: Actor, body: z.infer<typeof PoolPolicyBody>) {
  if (actor.role !== 'admin' && actor.role !== 'director')
    throw forbidden('Only directors and administrators set pool limits.');
  const scopeId = body.scope === 'organization' ? null : (body.scopeId ?? null);
  if (body.scope !== 'organization' && !scopeId)
    throw validationFailed([{ path: 'scopeId', message: 'required for a team or user scope' }]);
  return deps.db.transaction(async (tx) => {
    if (scopeId) {
      const table = body.scope === 'team' ? teams : users;
      const found = await tx
        .select({ id: table.id })
        .from(table)
        .where(and(eq(table.orgId, actor.orgId), eq(table.id, scopeId)));
      if (!found.length) throw validationFailed([{ path: 'scopeId', message: `no such ${body.scope}` }]);
    }
    const where = and(
      eq(poolPolicies.orgId, actor.orgId),
      eq(poolPolicies.scope, body.scope),
      scopeId ? eq(poolPolicies.scopeId, scopeId) : isNull(poolPolicies.scopeId),
    );
    const values = {
      maxHeld: body.maxHeld ?? null,
      maxClaimsPerDay: body.maxClaimsPerDay ?? null,
      cooldownDays: body.cooldownDays ?? null,
      maxProtected: body.maxProtected ?? null,
    };
    const [existing] = await tx.select().from(poolPolicies).where(where);
    const [row] = existing
      ? await tx.update(poolPolicies).set(values).where(where).returning()
      : await tx
          .insert(poolPolicies)
          .values({ orgId: actor.orgId, id: newId(), scope: body.scope, scopeId, ...values })
          .returning();
    await audit(tx, actor, 'pool_policy.set', 'pool_policy', row!.id, {
      scope: body.scope,
      scopeId,
      ...values,
    });
    return present(row!);
  });
}
