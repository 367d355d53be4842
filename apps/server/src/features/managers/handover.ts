import { forgetAllSessions } from '../../platform/actor-cache.js';
import {
  mayOwnTierA,
  planHandover,
  type Candidate,
  type HandoverCustomer,
  type ManagerLevel,
  type ManagerStatus,
  type Tier,
} from '@steward/core';
import type { DeactivateBody } from '@steward/contracts';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import type { Db } from '../../db/client.js';
import type { ErrorDetail } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { validationFailed } from '../../platform/errors.js';
import * as assignment from '../assignment/service.js';
import * as repo from './repo.js';
import { assertMayDeactivate, assertMayDeactivateAnyone, HANDOVER_ROLES, OWNER_ROLES } from './policy.js';
import { alreadyDeparted, cannotDeactivateSelf, invalidHandover, userNotFound } from './errors.js';

type Departing = { id: string; teamId: string | null; status: string };
type Choice = Pick<DeactivateBody, 'mode' | 'assignments' | 'taskAssigneeId'>;
type Plan = {
  customers: { customerId: string; to: { id: string; teamId: string | null } | null }[];
  tasks: { taskId: string; customerId: string | null; assigneeId: string }[];
};

const TIERS = new Set(['A', 'B', 'C', 'D']);
const asCandidate = (u: repo.UserRow, extraLoad = 0): Candidate => ({
  id: u.id,
  teamId: u.teamId,
  level: u.level as ManagerLevel,
  capacity: u.capacity,
  load: u.load + extraLoad,
  loadValue: 0,
  regions: u.regions,
  industries: u.industries,
  languages: u.languages,
  status: u.status as ManagerStatus,
});

/** Checks the hand-picked targets: each an active colleague with room, senior enough for A-tier customers. */
async function checkManual(
  db: Db,
  actor: Actor,
  user: Departing,
  owned: HandoverCustomer[],
  assignments: NonNullable<DeactivateBody['assignments']>,
) {
  const byId = new Map(owned.map((c) => [c.id, c]));
  const targets = await repo.activeOwners(db, actor.orgId, user.id, {
    ids: [...new Set(assignments.map((a) => a.managerId))],
    roles: OWNER_ROLES,
  });
  const found = new Map(targets.map((t) => [t.id, t]));
  const bad: ErrorDetail[] = [];
  const invalid: ErrorDetail[] = [];
  const seen = new Set<string>();
  const added = new Map<string, number>();
  assignments.forEach((a, i) => {
    const cust = byId.get(a.customerId);
    if (!cust || seen.has(a.customerId)) {
      bad.push({
        path: `assignments.${i}.customerId`,
        message: cust ? 'listed twice' : 'not a customer of this user',
      });
      return;
    }
    seen.add(a.customerId);
    const t = found.get(a.managerId);
    const path = `assignments.${i}.managerId`;
    if (!t) return invalid.push({ path, message: 'not an active account manager of this organization' });
    const load = t.load + (added.get(t.id) ?? 0);
    if (load >= t.capacity) return invalid.push({ path, message: 'at capacity' });
    if (cust.tier === 'A' && !mayOwnTierA(t.level as ManagerLevel))
      return invalid.push({ path, message: 'too junior for an A-tier customer' });
    added.set(t.id, (added.get(t.id) ?? 0) + 1);
  });
  if (bad.length) throw validationFailed(bad);
  if (invalid.length) throw invalidHandover(invalid);
  return { targets, added };
}

/** Whoever takes tasks that do not follow a customer: the chosen colleague, else the team lead, else the actor. */
async function taskFallback(db: Db, actor: Actor, user: Departing, chosen: string | undefined) {
  if (chosen) {
    const [u] = await repo.activeOwners(db, actor.orgId, user.id, { ids: [chosen], roles: OWNER_ROLES });
    if (!u)
      throw validationFailed([{ path: 'taskAssigneeId', message: 'not an active colleague of this user' }]);
    return u.id;
  }
  const team = user.teamId ? await repo.findTeam(db, actor.orgId, user.teamId) : null;
  if (team?.leadId && team.leadId !== user.id) {
    const lead = await repo.findUser(db, actor.orgId, team.leadId);
    if (lead?.status === 'active') return lead.id;
  }
  return actor.userId;
}

/**
 * The handover plan (PRODUCT.md C2): customers picked by hand go to their chosen colleague;
 * the others go by core `planHandover` to the best-fitting active account manager of the same
 * team with room, or to the pool. Open tasks follow their customer; the rest go to the fallback.
 */
async function buildPlan(db: Db, actor: Actor, user: Departing, choice: Choice): Promise<Plan> {
  const owned: HandoverCustomer[] = (await repo.ownedCustomers(db, actor.orgId, user.id)).map((c) => ({
    id: c.id,
    tier: c.tier && TIERS.has(c.tier) ? (c.tier as Tier) : null,
    region: c.region,
    industry: c.industry,
  }));
  const openTasks = await repo.openTasksOf(db, actor.orgId, user.id);
  const team = user.teamId
    ? await repo.activeOwners(db, actor.orgId, user.id, { teamId: user.teamId, roles: HANDOVER_ROLES })
    : [];
  const to = new Map<string, { id: string; teamId: string | null } | null>();
  let rest = owned;
  let added = new Map<string, number>();
  if (choice.mode === 'manual' && choice.assignments?.length) {
    const manual = await checkManual(db, actor, user, owned, choice.assignments);
    added = manual.added;
    const map = Object.fromEntries(choice.assignments.map((a) => [a.customerId, a.managerId]));
    const picked = owned.filter((c) => map[c.id] !== undefined);
    const mplan = planHandover(
      picked,
      [],
      manual.targets.map((t) => asCandidate(t)),
      'manual',
      map,
    );
    const targets = new Map(manual.targets.map((t) => [t.id, t]));
    for (const p of mplan.customers) {
      const t = p.managerId ? targets.get(p.managerId)! : null;
      to.set(p.customerId, t && { id: t.id, teamId: t.teamId });
    }
    rest = owned.filter((c) => map[c.id] === undefined);
  }
  const byId = new Map(team.map((t) => [t.id, t]));
  const rplan = planHandover(
    rest,
    [],
    team.map((t) => asCandidate(t, added.get(t.id) ?? 0)),
    'rule',
  );
  for (const p of rplan.customers) {
    const t = p.managerId ? byId.get(p.managerId)! : null;
    to.set(p.customerId, t && { id: t.id, teamId: t.teamId });
  }
  const fallback = await taskFallback(db, actor, user, choice.taskAssigneeId);
  return {
    customers: owned.map((c) => ({ customerId: c.id, to: to.get(c.id) ?? null })),
    tasks: openTasks.map((t) => ({
      taskId: t.id,
      customerId: t.customerId,
      assigneeId: (t.customerId && to.get(t.customerId)?.id) || fallback,
    })),
  };
}

const summarize = (plan: Plan) => ({
  moved: plan.customers.filter((c) => c.to).length,
  toPool: plan.customers.filter((c) => !c.to).length,
  tasksMoved: plan.tasks.length,
  plan: plan.customers.map((c) => ({ customerId: c.customerId, managerId: c.to?.id ?? null })),
  tasks: plan.tasks,
});

function checkDeactivation(actor: Actor, user: Departing | null): asserts user is Departing {
  if (!user) throw userNotFound();
  assertMayDeactivate(actor, user);
  if (user.id === actor.userId) throw cannotDeactivateSelf();
  if (user.status === 'departed') throw alreadyDeparted();
}

/** What deactivating the user would do, without doing it. */
export async function handoverPreview(deps: Deps, actor: Actor, id: string) {
  assertMayDeactivateAnyone(actor);
  return deps.db.transaction(async (tx) => {
    const user = await repo.findUser(tx, actor.orgId, id);
    checkDeactivation(actor, user);
    return summarize(await buildPlan(tx, actor, user, { mode: 'rule' }));
  });
}

/**
 * Deactivates a user in one transaction: status 'departed', every session ended, every customer
 * handed over (assignment history kind 'handover', field history, audit) and every open task
 * moved. Any invalid choice rolls all of it back.
 */
async function deactivateUserInner(deps: Deps, actor: Actor, id: string, body: DeactivateBody) {
  assertMayDeactivateAnyone(actor);
  return deps.db.transaction(async (tx) => {
    const user = await repo.lockUser(tx, actor.orgId, id);
    checkDeactivation(actor, user);
    const plan = await buildPlan(tx, actor, user, body);
    const now = deps.now();
    for (const c of plan.customers)
      await assignment.moveOwner(tx, actor, c.customerId, user.id, c.to, 'handover', body.reason, now);
    for (const t of plan.tasks) {
      await repo.reassignTask(tx, actor.orgId, t.taskId, t.assigneeId, now);
      await audit(tx, actor, 'task.handover', 'task', t.taskId, { from: user.id, to: t.assigneeId });
    }
    await repo.updateUser(tx, actor.orgId, id, { status: 'departed' });
    await repo.deleteSessions(tx, actor.orgId, id);
    await repo.insertFieldHistory(tx, actor.orgId, actor.userId, now, [
      { entity: 'user', entityId: id, field: 'status', oldValue: user.status, newValue: 'departed' },
      ...plan.tasks.map((t) => ({
        entity: 'task',
        entityId: t.taskId,
        field: 'assigneeId',
        oldValue: user.id,
        newValue: t.assigneeId,
      })),
    ]);
    const result = summarize(plan);
    await audit(tx, actor, 'user.deactivate', 'user', id, {
      mode: body.mode,
      reason: body.reason,
      moved: result.moved,
      toPool: result.toPool,
      tasksMoved: result.tasksMoved,
    });
    return result;
  });
}

/** deactivateUser, then forget cached sessions: who is who has changed. */
export async function deactivateUser(...args: Parameters<typeof deactivateUserInner>) {
  const result = await deactivateUserInner(...args);
  forgetAllSessions();
  return result;
}
