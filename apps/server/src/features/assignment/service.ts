import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import type { Db } from '../../db/client.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { fieldHistory } from '../../db/schema/index.js';
import * as customers from '../customers/service.js';
import * as repo from './repo.js';
import { canClaim } from '@steward/core';
import { limitsFor, poolPolicyFromRows } from './limits.js';
import {
  alreadyOwned,
  badAssignee,
  cannotAssign,
  capacityExceeded,
  claimLimitReached,
  cooldownActive,
  holdingLimitReached,
  inactiveAssignee,
  notAManager,
} from './errors.js';
import { emitEvent } from '../webhooks/emit.js';

const OWNER_ROLES = new Set(['admin', 'director', 'team_lead', 'manager']);
const CLAIMER_ROLES = new Set(['manager', 'team_lead']);

/** Writes the assignment history, field history and audit rows of one owner change, in `tx`. */
export async function recordOwnerChange(
  tx: Db,
  actor: Actor,
  customerId: string,
  kind: repo.HistoryKind,
  from: string | null,
  to: string | null,
  reason: string | null,
  at: Date,
) {
  await repo.insertAssignment(tx, {
    orgId: actor.orgId,
    customerId,
    kind,
    fromUserId: from,
    toUserId: to,
    actorId: actor.userId,
    reason,
    at,
  });
  await tx.insert(fieldHistory).values({
    orgId: actor.orgId,
    id: newId(),
    entity: 'customer',
    entityId: customerId,
    field: 'ownerId',
    oldValue: from,
    newValue: to,
    actorId: actor.userId,
    at,
  });
  await audit(tx, actor, `customer.${kind}`, 'customer', customerId, { from, to, reason });
  const event = to ? 'customer.assigned' : 'customer.released';
  await emitEvent(tx, actor.orgId, event, { customerId, from, to, kind, reason, at: at.toISOString() }, at);
}

/**
 * Moves one customer to a new owner (or to the pool when `to` is null) and records it, inside
 * the caller's transaction. Other features (the managers' handover) call this instead of
 * writing ownership themselves.
 */
export async function moveOwner(
  tx: Db,
  actor: Actor,
  customerId: string,
  from: string | null,
  to: { id: string; teamId: string | null } | null,
  kind: repo.HistoryKind,
  reason: string | null,
  at: Date,
) {
  await repo.setOwner(
    tx,
    actor.orgId,
    customerId,
    { ownerId: to?.id ?? null, teamId: to?.teamId ?? null },
    at,
  );
  await recordOwnerChange(tx, actor, customerId, kind, from, to?.id ?? null, reason, at);
}

/** Manual assignment with a reason, by a team lead (within their teams), a director or an admin. */
export async function assign(
  deps: Deps,
  actor: Actor,
  customerId: string,
  body: { managerId: string; reason: string },
) {
  if (!actor.permissions.chooseOwner) throw cannotAssign();
  return deps.db.transaction(async (tx) => {
    const customer = await customers.loadAssignable(tx, actor, customerId);
    const target = await repo.lockUser(tx, actor.orgId, body.managerId);
    if (!target || !OWNER_ROLES.has(target.role)) throw badAssignee('no account manager with this id');
    if (target.status !== 'active') throw inactiveAssignee();
    if (
      actor.permissions.reach === 'team' &&
      target.id !== actor.userId &&
      !(target.teamId && actor.scopeTeamIds.includes(target.teamId))
    )
      throw badAssignee('not a member of your teams');
    if (customer.ownerId === target.id) return customers.presentForActor(actor, customer);
    const held = await repo.countHeld(tx, actor.orgId, target.id);
    if (held >= target.capacity) throw capacityExceeded(target.name, target.capacity);
    const now = deps.now();
    await repo.setOwner(tx, actor.orgId, customerId, { ownerId: target.id, teamId: target.teamId }, now);
    await recordOwnerChange(tx, actor, customerId, 'assign', customer.ownerId, target.id, body.reason, now);
    return customers.presentForActor(actor, await customers.loadAssignable(tx, actor, customerId));
  });
}

/** Returns a customer to the pool, with a reason. */
export async function release(deps: Deps, actor: Actor, customerId: string, body: { reason: string }) {
  return deps.db.transaction(async (tx) => {
    const customer = await customers.loadVisible(tx, actor, customerId, true);
    if (!actor.permissions.writeCustomers) throw cannotAssign();
    if (customer.ownerId === null) return customers.presentForActor(actor, customer);
    const now = deps.now();
    await repo.setOwner(tx, actor.orgId, customerId, { ownerId: null, teamId: null }, now);
    await recordOwnerChange(tx, actor, customerId, 'release', customer.ownerId, null, body.reason, now);
    return customers.presentForActor(actor, await customers.loadAssignable(tx, actor, customerId));
  });
}

/**
 * A manager takes a customer from the pool, within their limits. The manager's row is locked
 * first, so their concurrent claims queue up; the customer's row is locked next, so of two
 * managers racing for one customer exactly one wins and the other gets 409 already_claimed.
 */
export async function claim(deps: Deps, actor: Actor, customerId: string) {
  if (!CLAIMER_ROLES.has(actor.role)) throw notAManager();
  return deps.db.transaction(async (tx) => {
    const me = (await repo.lockUser(tx, actor.orgId, actor.userId))!;
    const customer = await customers.loadForClaim(tx, actor, customerId);
    if (customer.ownerId !== null) throw alreadyOwned();
    const now = deps.now();
    const tz = await repo.orgTimeZone(tx, actor.orgId);
    const rows = await repo.policiesFor(tx, actor.orgId);
    const [held, claimsToday, reclaimedAt] = [
      await repo.countHeld(tx, actor.orgId, me.id),
      await repo.countClaimsToday(tx, actor.orgId, me.id, now, tz),
      await repo.lastReclaimFrom(tx, actor.orgId, customerId, me.id, new Date(0)),
    ];
    const decision = canClaim(
      {
        managerId: me.id,
        teamId: me.teamId,
        customerOwnerId: null,
        held,
        claimsToday,
        lastReclaimedFromManagerAt: reclaimedAt?.getTime() ?? null,
        now: now.getTime(),
      },
      poolPolicyFromRows(rows),
    );
    if (!decision.ok) {
      const data = decision.reason.data as { limit?: number; until?: number };
      if (decision.code === 'cooldown_active') throw cooldownActive(new Date(data.until!));
      if (decision.code === 'claim_limit_reached') throw claimLimitReached(data.limit!);
      if (decision.code === 'holding_limit_reached') throw holdingLimitReached(data.limit!);
      throw alreadyOwned();
    }
    // Capacity is the manager's own ceiling, whatever the pool policy says.
    if (held >= me.capacity) throw holdingLimitReached(me.capacity);
    await repo.setOwner(tx, actor.orgId, customerId, { ownerId: me.id, teamId: me.teamId }, now);
    await recordOwnerChange(tx, actor, customerId, 'claim', null, me.id, null, now);
    return customers.presentForActor(actor, await customers.loadAssignable(tx, actor, customerId));
  });
}

/** What the caller may still claim: their limits and how much of them is used. */
export async function poolLimits(deps: Deps, actor: Actor) {
  const me = await repo.findUser(deps.db, actor.orgId, actor.userId);
  const limits = limitsFor(await repo.policiesFor(deps.db, actor.orgId), me!);
  const now = deps.now();
  const tz = await repo.orgTimeZone(deps.db, actor.orgId);
  const [held, claimsToday] = await Promise.all([
    repo.countHeld(deps.db, actor.orgId, actor.userId),
    repo.countClaimsToday(deps.db, actor.orgId, actor.userId, now, tz),
  ]);
  const maxHeld = Math.min(limits.maxHeld ?? Infinity, me!.capacity);
  const daily = limits.maxClaimsPerDay;
  const claimsLeft = daily === null ? Math.max(0, maxHeld - held) : Math.max(0, daily - claimsToday);
  return { ...limits, maxHeld, held, claimsToday, claimsLeft, capacity: me!.capacity };
}

export async function assignmentHistory(deps: Deps, actor: Actor, customerId: string) {
  await customers.loadVisible(deps.db, actor, customerId);
  const rows = await repo.listHistory(deps.db, actor.orgId, customerId);
  return {
    data: rows.map((r) => ({
      id: r.h.id,
      kind: r.h.kind as repo.HistoryKind,
      fromUserId: r.h.fromUserId,
      fromName: r.fromName,
      toUserId: r.h.toUserId,
      toName: r.toName,
      actorId: r.h.actorId,
      actorName: r.actorName,
      ruleId: r.h.ruleId,
      reason: r.h.reason,
      at: r.h.at.toISOString(),
    })),
    nextCursor: null,
  };
}
