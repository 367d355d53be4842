import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { customers } from '../db/schema/index.js';
import type { Actor } from './actor.js';

/**
 * The one place that says which customers an actor may see. Every customer query — list,
 * search, count, detail, update, delete — ANDs this in, so a forgotten filter cannot leak.
 */
export function customerScope(actor: Actor): SQL {
  const base = and(eq(customers.orgId, actor.orgId), isNull(customers.deletedAt))!;
  switch (actor.permissions.reach) {
    case 'organization':
      return base;
    case 'team':
      return actor.scopeTeamIds.length
        ? and(base, inArray(customers.teamId, actor.scopeTeamIds))!
        : and(base, sql`false`)!;
    case 'own':
      return and(base, eq(customers.ownerId, actor.userId))!;
  }
}

/** Customers in the organization's public pool (no owner, not deleted). */
export function poolScope(actor: Pick<Actor, 'orgId'>): SQL {
  return and(eq(customers.orgId, actor.orgId), isNull(customers.deletedAt), isNull(customers.ownerId))!;
}
