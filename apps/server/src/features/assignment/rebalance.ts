import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { balanceLoad, proposeRebalance, teamSubtree, type RebalanceManager, type Tier } from '@steward/core';
import type { z } from 'zod';
import type { RebalanceApplyBody, RebalanceBody } from '@steward/contracts';
import { queryRows, type Db } from '../../db/client.js';
import { customers, teams, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { conflict, forbidden, validationFailed } from '../../platform/errors.js';
import { capacityExceeded } from './errors.js';
import { moveOwner } from './service.js';

/** The teams a rebalance may touch: the requested subtree, limited to the actor's reach. */
async function teamScope(db: Db, actor: Actor, teamId: string | undefined): Promise<string[] | null> {
  if (!actor.permissions.chooseOwner)
    throw forbidden('Only leads, directors and administrators rebalance books.');
  const all = await db
    .select({ id: teams.id, parentId: teams.parentId })
    .from(teams)
    .where(eq(teams.orgId, actor.orgId));
  if (teamId && !all.some((t) => t.id === teamId))
    throw validationFailed([{ path: 'teamId', message: 'no such team' }]);
  if (actor.permissions.reach === 'team') {
    const mine = actor.scopeTeamIds;
    if (teamId && !mine.includes(teamId))
      throw validationFailed([{ path: 'teamId', message: 'not one of your teams' }]);
    return teamId ? teamSubtree(all, [teamId]) : mine;
  }
  return teamId ? teamSubtree(all, [teamId]) : null;
}

type Row = {
  id: string;
  name: string;
  owner_id: string;
  tier: string | null;
  region: string | null;
  industry: string | null;
  protected: boolean;
  value: number;
};

/**
 * A proposal of ownership moves that evens out load and improves fit (core `proposeRebalance`,
 * objective in docs/decisions/0020). Customer value: spend in the 365 days before now.
 */
export async function propose(deps: Deps, actor: Actor, body: z.infer<typeof RebalanceBody>) {
  const scope = await teamScope(deps.db, actor, body.teamId);
  const managers = await deps.db
    .select()
    .from(users)
    .where(
      and(
        eq(users.orgId, actor.orgId),
        eq(users.role, 'manager'),
        eq(users.status, 'active'),
        scope ? inArray(users.teamId, scope) : undefined,
      ),
    );
  if (!managers.length)
    return {
      moves: [],
      before: null,
      after: null,
      spreadBefore: 1,
      spreadAfter: 1,
      method: 'objective' as const,
      managers: [],
    };
  const since = new Date(deps.now().getTime() - 365 * 86_400_000).toISOString();
  const ids = managers.map((m) => m.id);
  const rows = await queryRows<Row>(
    deps.db,
    sql`select c.id, c.name, c.owner_id, c.tier, c.region, c.industry, c.protected,
               coalesce((select sum(o.amount) from orders o where o.org_id = c.org_id and o.customer_id = c.id and o.ordered_at >= ${since}::timestamptz), 0)::float as value
          from customers c
         where c.org_id = ${actor.orgId} and c.deleted_at is null and c.owner_id in ${ids}`,
  );
  const byOwner = new Map<string, Row[]>();
  for (const r of rows) byOwner.set(r.owner_id, [...(byOwner.get(r.owner_id) ?? []), r]);
  const input: RebalanceManager[] = managers.map((m) => ({
    id: m.id,
    level: m.level as RebalanceManager['level'],
    capacity: m.capacity,
    regions: m.regions,
    industries: m.industries,
    languages: m.languages,
    status: 'active',
    customers: (byOwner.get(m.id) ?? []).map((c) => ({
      id: c.id,
      value: c.value,
      tier: c.tier as Tier | null,
      region: c.region,
      industry: c.industry,
      protected: c.protected,
    })),
  }));
  // Small books get the full objective search (load, value and fit); large ones the fast load
  // levelling, which moves only what the spread target needs (docs/decisions/0020).
  const large = rows.length > LARGE_BOOK;
  const result = large
    ? { ...balanceLoad(input, { targetSpread: 1.1 }), before: null, after: null }
    : proposeRebalance(input, { maxMoves: body.maxMoves });
  const before = managers.map((m) => byOwner.get(m.id)?.length ?? 0);
  const spread = (xs: number[]) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return mean ? Math.max(...xs) / mean : 1;
  };
  const name = new Map(managers.map((m) => [m.id, m.name]));
  const customerName = new Map(rows.map((r) => [r.id, r.name]));
  return {
    moves: result.moves.map((m) => ({
      ...m,
      customerName: customerName.get(m.customerId) ?? '',
      fromName: name.get(m.fromManagerId) ?? '',
      toName: name.get(m.toManagerId) ?? '',
      reason: m.reason as { code: string; data: Record<string, unknown> },
    })),
    before: result.before,
    after: result.after,
    spreadBefore: spread(before),
    spreadAfter: spread(managers.map((m) => result.loads[m.id] ?? 0)),
    method: large ? ('load_levelling' as const) : ('objective' as const),
    managers: managers.map((m) => ({
      id: m.id,
      name: m.name,
      capacity: m.capacity,
      before: byOwner.get(m.id)?.length ?? 0,
      after: result.loads[m.id] ?? 0,
    })),
  };
}

const LARGE_BOOK = 5_000;

/** Applies all or some moves of a proposal in one transaction; a move whose customer changed hands since is refused. */
export async function apply(deps: Deps, actor: Actor, body: z.infer<typeof RebalanceApplyBody>) {
  const scope = await teamScope(deps.db, actor, undefined);
  return deps.db.transaction(async (tx) => {
    const now = deps.now();
    for (const [i, move] of body.moves.entries()) {
      const [c] = await tx
        .select({ ownerId: customers.ownerId })
        .from(customers)
        .where(
          and(
            eq(customers.orgId, actor.orgId),
            eq(customers.id, move.customerId),
            isNull(customers.deletedAt),
          ),
        )
        .for('update');
      if (!c || c.ownerId !== move.fromManagerId)
        throw conflict(
          'proposal_stale',
          `Move ${i + 1}: the customer no longer belongs to the proposed manager; make a new proposal.`,
        );
      const [target] = await tx
        .select()
        .from(users)
        .where(and(eq(users.orgId, actor.orgId), eq(users.id, move.toManagerId)))
        .for('update');
      if (
        !target ||
        target.status !== 'active' ||
        (scope && !(target.teamId && scope.includes(target.teamId)))
      )
        throw validationFailed([
          { path: `moves.${i}.toManagerId`, message: 'not an active manager in your teams' },
        ]);
      const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int n from customers where org_id = ${actor.orgId} and owner_id = ${target.id} and deleted_at is null`,
      );
      if (n >= target.capacity) throw capacityExceeded(target.name, target.capacity);
      await moveOwner(
        tx,
        actor,
        move.customerId,
        move.fromManagerId,
        { id: target.id, teamId: target.teamId },
        'assign',
        body.reason,
        now,
      );
    }
    return { applied: body.moves.length };
  });
}
