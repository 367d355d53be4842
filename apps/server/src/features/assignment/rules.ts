import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  chooseAssignee,
  type AssignmentRule,
  type Candidate,
  type RuleCondition,
  type Tier,
} from '@steward/core';
import type { z } from 'zod';
import type { ApplyRulesBody, DryRunBody, RuleBody, RulePatch } from '@steward/contracts';
import type { Db } from '../../db/client.js';
import { assignmentRules, customers, teams, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './repo.js';

type RuleRow = typeof assignmentRules.$inferSelect;
const EDITORS = new Set(['admin', 'director']);

const present = (r: RuleRow) => ({
  id: r.id,
  position: r.position,
  name: r.name,
  enabled: r.enabled,
  conditions: r.conditions as RuleCondition[],
  teamId: r.teamId,
  strategy: r.strategy as AssignmentRule['strategy'],
  allowAnyLevelForA: r.allowAnyLevelForA,
  onNoCapacity: r.onNoCapacity as 'pool' | 'next_rule',
});

const toCore = (r: RuleRow): AssignmentRule => ({ ...present(r), teamId: r.teamId ?? '' });

const rulesOf = (db: Db, orgId: string) =>
  db
    .select()
    .from(assignmentRules)
    .where(eq(assignmentRules.orgId, orgId))
    .orderBy(asc(assignmentRules.position), asc(assignmentRules.createdAt));

export async function listRules(deps: Deps, actor: Actor) {
  return { data: (await rulesOf(deps.db, actor.orgId)).map(present) };
}

async function checkTeam(db: Db, orgId: string, teamId: string | undefined) {
  if (!teamId) return;
  const [t] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId)));
  if (!t) throw validationFailed([{ path: 'teamId', message: 'no such team' }]);
}

export async function createRule(deps: Deps, actor: Actor, body: z.infer<typeof RuleBody>) {
  if (!EDITORS.has(actor.role)) throw forbidden('Only directors and administrators edit assignment rules.');
  return deps.db.transaction(async (tx) => {
    await checkTeam(tx, actor.orgId, body.teamId);
    const existing = await rulesOf(tx, actor.orgId);
    const position = body.position ?? (existing.at(-1)?.position ?? -1) + 1;
    const [row] = await tx
      .insert(assignmentRules)
      .values({ orgId: actor.orgId, id: newId(), ...body, position, createdAt: deps.now() })
      .returning();
    await audit(tx, actor, 'assignment_rule.create', 'assignment_rule', row!.id, { name: row!.name });
    return present(row!);
  });
}

export async function updateRule(deps: Deps, actor: Actor, id: string, body: z.infer<typeof RulePatch>) {
  if (!EDITORS.has(actor.role)) throw forbidden('Only directors and administrators edit assignment rules.');
  return deps.db.transaction(async (tx) => {
    await checkTeam(tx, actor.orgId, body.teamId);
    const [row] = await tx
      .update(assignmentRules)
      .set(body)
      .where(and(eq(assignmentRules.orgId, actor.orgId), eq(assignmentRules.id, id)))
      .returning();
    if (!row) throw notFound('Assignment rule');
    await audit(tx, actor, 'assignment_rule.update', 'assignment_rule', id, { fields: Object.keys(body) });
    return present(row);
  });
}

export async function deleteRule(deps: Deps, actor: Actor, id: string) {
  if (!EDITORS.has(actor.role)) throw forbidden('Only directors and administrators edit assignment rules.');
  await deps.db.transaction(async (tx) => {
    const gone = await tx
      .delete(assignmentRules)
      .where(and(eq(assignmentRules.orgId, actor.orgId), eq(assignmentRules.id, id)))
      .returning({ id: assignmentRules.id });
    if (!gone.length) throw notFound('Assignment rule');
    await audit(tx, actor, 'assignment_rule.delete', 'assignment_rule', id);
  });
}

/** The account managers of the organization with their current load, as the rules see them (leads are not dealt customers). */
async function candidatesOf(db: Db, orgId: string): Promise<(Candidate & { name: string })[]> {
  const rows = await db
    .select({
      u: users,
      load: sql<number>`(select count(*)::int from customers c where c.org_id = ${users.orgId} and c.owner_id = ${users.id} and c.deleted_at is null)`,
    })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, 'manager')));
  return rows.map(({ u, load }) => ({
    id: u.id,
    name: u.name,
    teamId: u.teamId,
    level: u.level as Candidate['level'],
    capacity: u.capacity,
    load,
    loadValue: 0,
    regions: u.regions,
    industries: u.industries,
    languages: u.languages,
    status: u.status as Candidate['status'],
  }));
}

type Routed = {
  customerId: string;
  customerName: string;
  managerId: string | null;
  managerName: string | null;
  ruleId: string | null;
  pool: boolean;
  reason: { code: string; data: Record<string, unknown> };
};

/** Runs the rules over customers in order, updating loads and round-robin cursors as it goes. */
async function route(db: Db, orgId: string, rows: (typeof customers.$inferSelect)[]) {
  const ruleRows = await rulesOf(db, orgId);
  const rules = ruleRows.filter((r) => r.enabled).map(toCore);
  const candidates = await candidatesOf(db, orgId);
  let state = {
    roundRobin: Object.fromEntries(
      ruleRows.filter((r) => r.lastAssigneeId).map((r) => [r.id, r.lastAssigneeId!]),
    ),
  };
  const out: Routed[] = [];
  // Higher tiers first, so that scarce senior capacity goes to the customers that need it.
  const rank = (t: string | null) => (t ? 'ABCD'.indexOf(t) : 4);
  const ordered = [...rows].sort(
    (a, b) => rank(a.tier) - rank(b.tier) || a.createdAt.getTime() - b.createdAt.getTime(),
  );
  for (const c of ordered) {
    const result = chooseAssignee(
      {
        tier: c.tier as Tier | null,
        region: c.region,
        industry: c.industry,
        source: c.source,
        customFields: c.customFields,
      },
      rules,
      candidates,
      state,
    );
    state = result.state;
    const manager = result.pool ? null : candidates.find((m) => m.id === result.managerId)!;
    if (manager) manager.load += 1;
    out.push({
      customerId: c.id,
      customerName: c.name,
      managerId: manager?.id ?? null,
      managerName: manager?.name ?? null,
      ruleId: result.ruleId,
      pool: result.pool,
      reason: result.reason,
    });
  }
  return { out, state, candidates };
}

/** Where customers would go under the current rules, without moving anyone. */
export async function dryRun(deps: Deps, actor: Actor, body: z.infer<typeof DryRunBody>) {
  if (!actor.permissions.chooseOwner)
    throw forbidden('Only leads, directors and administrators run the rules.');
  const where = body.customerIds?.length
    ? and(
        eq(customers.orgId, actor.orgId),
        isNull(customers.deletedAt),
        inArray(customers.id, body.customerIds),
      )
    : and(eq(customers.orgId, actor.orgId), isNull(customers.deletedAt), isNull(customers.ownerId));
  const rows = await deps.db
    .select()
    .from(customers)
    .where(where)
    .orderBy(sql`${customers.createdAt} desc`)
    .limit(body.customerIds?.length ?? body.sample);
  return { data: (await route(deps.db, actor.orgId, rows)).out };
}

/** Assigns pool customers by the rules (those no rule places stay in the pool), in one transaction. */
export async function applyRules(deps: Deps, actor: Actor, body: z.infer<typeof ApplyRulesBody>) {
  if (!EDITORS.has(actor.role)) throw forbidden('Only directors and administrators apply the rules in bulk.');
  return deps.db.transaction((tx) => assignByRules(tx, actor, body.customerIds, deps.now()));
}

/**
 * Assigns pool customers by the enabled rules inside the caller's transaction (used by the bulk
 * apply and by customer creation without an owner); those no rule places stay in the pool.
 */
export async function assignByRules(
  tx: Db,
  actor: Pick<Actor, 'orgId' | 'userId'>,
  customerIds: string[],
  now: Date,
) {
  const rows = await tx
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.orgId, actor.orgId),
        isNull(customers.deletedAt),
        isNull(customers.ownerId),
        inArray(customers.id, customerIds),
      ),
    )
    .for('update');
  const { out, state, candidates } = await route(tx, actor.orgId, rows);
  for (const r of out) {
    if (!r.managerId) continue;
    const m = candidates.find((c) => c.id === r.managerId)!;
    await repo.setOwner(tx, actor.orgId, r.customerId, { ownerId: m.id, teamId: m.teamId }, now);
    await repo.insertAssignment(tx, {
      orgId: actor.orgId,
      customerId: r.customerId,
      kind: 'rule',
      fromUserId: null,
      toUserId: m.id,
      actorId: actor.userId,
      ruleId: r.ruleId,
      reason: r.reason.code,
      at: now,
    });
    await audit(tx, actor, 'customer.rule', 'customer', r.customerId, {
      to: m.id,
      ruleId: r.ruleId,
      reason: r.reason,
    });
  }
  for (const [ruleId, last] of Object.entries(state.roundRobin))
    await tx
      .update(assignmentRules)
      .set({ lastAssigneeId: last })
      .where(and(eq(assignmentRules.orgId, actor.orgId), eq(assignmentRules.id, ruleId)));
  const assigned = out.filter((r) => r.managerId).length;
  return { assigned, pooled: out.length - assigned, data: out };
}
