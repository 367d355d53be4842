import { and, eq, sql } from 'drizzle-orm';
import { proposeReevaluation, utilisation, type Candidate, type Tier } from '@steward/core';
import type { ReevaluationApplyBody, ReevaluationOut, ReevaluationQuery } from '@steward/contracts';
import { queryRows, type Db } from '../../db/client.js';
import { orgSettings, teams, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { capacityExceeded } from '../assignment/errors.js';
import * as assignment from '../assignment/service.js';
import { loadVisible } from '../customers/service.js';
import { teamAndSubteams } from './dashboard.js';
import { valuePolicy } from './policy.js';

/** org_settings key naming the standard-service team: `"<teamId>"` or `{"teamId": "<teamId>"}`. */
export const STANDARD_TEAM_KEY = 'standard_service_team';
const POOL = 'pool';

/** The configured standard-service team, or null (then the rest go back to the public pool). */
export async function standardTeam(db: Db, orgId: string) {
  const [row] = await db
    .select({ value: orgSettings.value })
    .from(orgSettings)
    .where(and(eq(orgSettings.orgId, orgId), eq(orgSettings.key, STANDARD_TEAM_KEY)));
  const v = row?.value as string | { teamId?: unknown } | undefined;
  const id = typeof v === 'string' ? v : typeof v?.teamId === 'string' ? v.teamId : null;
  if (!id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [team] = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, id)));
  return team ?? null;
}

/** The teams a re-evaluation covers: the requested subtree within the actor's reach; null = all. */
async function teamScope(db: Db, actor: Actor, teamId: string | undefined): Promise<string[] | null> {
  valuePolicy.assertCanReevaluate(actor);
  const subtree = teamId ? await teamAndSubteams(db, actor.orgId, teamId) : null;
  if (actor.permissions.reach !== 'team') return subtree;
  if (teamId && !actor.scopeTeamIds.includes(teamId))
    // Another lead's team answers as an unknown team does: its existence is not revealed.
    throw validationFailed([{ path: 'teamId', message: 'no such team' }]);
  return subtree ?? actor.scopeTeamIds;
}

type UserRow = typeof users.$inferSelect & { load: number };
type CustomerRow = {
  id: string;
  name: string;
  owner_id: string;
  tier: string | null;
  region: string | null;
  industry: string | null;
  current_value: number;
  predicted_value: number;
};

const inTeams = (col: string, scope: string[] | null) =>
  scope === null ? sql`true` : scope.length ? sql`${sql.raw(col)} in ${scope}` : sql`false`;

/**
 * GET /reevaluation (PRODUCT.md C3): the C- and D-tier customers held in the teams, with their
 * current value (the last 12 months' spend the tier rule used, as of the last value-refresh) and
 * predicted value (the discounted CLV of the same refresh). Core `proposeReevaluation` proposes
 * those whose CLV is at least `upliftRatio` × the current value to the best-fitting manager with
 * room (level, load, fit); the rest go to the standard-service team (org setting
 * `standard_service_team`, to its least-utilised active member with room) or, when none is set,
 * back to the public pool (toUserId null).
 */
export async function proposeMoves(deps: Deps, actor: Actor, q: ReevaluationQuery): Promise<ReevaluationOut> {
  const scope = await teamScope(deps.db, actor, q.teamId);
  const std = await standardTeam(deps.db, actor.orgId);
  const people = await queryRows<UserRow & Record<string, unknown>>(
    deps.db,
    sql`select u.id, u.name, u.team_id as "teamId", u.level, u.capacity, u.regions, u.industries, u.languages,
               u.status, u.role,
               (select count(*)::int from customers c
                 where c.org_id = u.org_id and c.owner_id = u.id and c.deleted_at is null) as load
          from users u
         where u.org_id = ${actor.orgId} and u.status = 'active' and u.role = 'manager'
           and (${inTeams('u.team_id', scope)} or u.team_id = ${std?.id ?? null})`,
  );
  const managers: Candidate[] = people.map((u) => ({
    id: u.id,
    teamId: u.teamId,
    level: u.level as Candidate['level'],
    capacity: Number(u.capacity),
    load: Number(u.load),
    loadValue: 0,
    regions: u.regions,
    industries: u.industries,
    languages: u.languages,
    status: 'active',
  }));
  const rows = await queryRows<CustomerRow>(
    deps.db,
    sql`select c.id, c.name, c.owner_id, c.tier, c.region, c.industry,
               coalesce(s.tier_value,
                        (select (e->'inputs'->>'value')::float8 from jsonb_array_elements(s.explanation) e
                          where e->>'score' = 'tier' limit 1), 0) as current_value,
               s.clv as predicted_value
          from customers c
          join customer_scores s on s.org_id = c.org_id and s.customer_id = c.id
         where c.org_id = ${actor.orgId} and c.deleted_at is null and c.owner_id is not null
           and c.tier in ('C', 'D') and s.clv is not null and ${inTeams('c.team_id', scope)}`,
  );
  const stdId = std?.id ?? POOL;
  const result = proposeReevaluation(
    rows.map((r) => ({
      id: r.id,
      ownerId: r.owner_id,
      tier: r.tier as Tier | null,
      region: r.region,
      industry: r.industry,
      currentValue: Number(r.current_value),
      predictedValue: Number(r.predicted_value),
    })),
    managers,
    stdId,
    { lowValueQuantile: 1, upliftRatio: q.upliftRatio, minPredictedValue: q.minPredictedValue },
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const name = new Map(people.map((u) => [u.id, u.name]));
  const ownerNames = await ownerNamesOf(deps.db, actor.orgId, [...new Set(rows.map((r) => r.owner_id))]);
  const teamOf = new Map(people.map((u) => [u.id, u.teamId]));
  const loads = new Map(managers.map((m) => [m.id, m.load]));
  const stdMembers = managers.filter((m) => std && m.teamId === std.id);
  let unplaced = 0;
  const proposals: ReevaluationOut['proposals'] = [];
  for (const p of result.proposals) {
    const c = byId.get(p.customerId)!;
    let toUserId: string | null = null;
    if (p.action !== 'standard_team') toUserId = p.managerId;
    else if (std) {
      if (teamOf.get(c.owner_id) === std.id) continue; // already served by the standard team
      const room = stdMembers
        .filter((m) => loads.get(m.id)! < m.capacity)
        .sort(
          (a, b) =>
            utilisation(loads.get(a.id)!, a.capacity) - utilisation(loads.get(b.id)!, b.capacity) ||
            (a.id < b.id ? -1 : 1),
        )[0];
      if (!room) {
        unplaced++;
        continue;
      }
      loads.set(room.id, loads.get(room.id)! + 1);
      toUserId = room.id;
    }
    const data = p.reason.data as { uplift?: number | null };
    proposals.push({
      customerId: c.id,
      customerName: c.name,
      tier: c.tier as ReevaluationOut['proposals'][number]['tier'],
      fromUserId: c.owner_id,
      fromName: ownerNames.get(c.owner_id) ?? null,
      action: p.action,
      toUserId,
      toName: toUserId ? (name.get(toUserId) ?? null) : null,
      currentValue: Number(c.current_value),
      predictedValue: Number(c.predicted_value),
      uplift: typeof data.uplift === 'number' ? data.uplift : null,
      reason: p.reason as ReevaluationOut['proposals'][number]['reason'],
    });
  }
  const rank = { assign_manager: 0, keep_owner: 1, standard_team: 2 } as const;
  proposals.sort(
    (a, b) =>
      rank[a.action] - rank[b.action] ||
      (b.uplift ?? Infinity) - (a.uplift ?? Infinity) ||
      a.currentValue - b.currentValue ||
      (a.customerId < b.customerId ? -1 : 1),
  );
  return {
    standardTeam: std,
    threshold: result.threshold,
    candidates: rows.length,
    total: proposals.length,
    unplaced,
    freedCapacity: result.freedCapacity,
    proposals: proposals.slice(0, q.limit),
  };
}

async function ownerNamesOf(db: Db, orgId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from users where org_id = ${orgId} and id in ${ids}`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Adds the move's position to an error from the assignment service. */
const atMove = (i: number, err: unknown) =>
  err instanceof AppError
    ? new AppError(
        err.status,
        err.code,
        `Move ${i + 1}: ${err.message}`,
        err.details?.map((d) => ({ ...d, path: `moves.${i}.${d.path}` })),
        err.extra,
      )
    : err;

/**
 * POST /reevaluation/apply: all moves in one transaction, each through the assignment service —
 * `assign` (its checks: reach, active, capacity; history kind 'assign' with the reason) for a
 * manager, `moveOwner` after the same checks for a member of the standard-service team (who may
 * be outside a lead's teams), `release` for null (to the pool). Any refusal rolls back every move.
 */
export async function applyMoves(deps: Deps, actor: Actor, body: ReevaluationApplyBody) {
  valuePolicy.assertCanReevaluate(actor);
  return deps.db.transaction(async (tx) => {
    const inTx: Deps = { ...deps, db: tx };
    const std = await standardTeam(tx, actor.orgId);
    let applied = 0;
    let unchanged = 0;
    for (const [i, move] of body.moves.entries()) {
      try {
        const c = await loadVisible(tx, actor, move.customerId, true);
        if (c.ownerId === move.toUserId) {
          unchanged++;
          continue;
        }
        if (move.toUserId === null) await assignment.release(inTx, actor, c.id, { reason: body.reason });
        else if (
          !(await moveToStandardTeam(tx, actor, c, move.toUserId, std?.id ?? null, body.reason, deps.now()))
        )
          await assignment.assign(inTx, actor, c.id, { managerId: move.toUserId, reason: body.reason });
        applied++;
      } catch (err) {
        throw atMove(i, err);
      }
    }
    await audit(tx, actor, 'customer.reevaluate', 'customer', null, {
      reason: body.reason,
      applied,
      unchanged,
      moves: body.moves,
    });
    return { applied, unchanged };
  });
}

/** A move to an active standard-team member outside the actor's reach; false when `assign` applies. */
async function moveToStandardTeam(
  tx: Db,
  actor: Actor,
  c: { id: string; ownerId: string | null },
  toUserId: string,
  stdId: string | null,
  reason: string,
  at: Date,
) {
  if (!stdId || actor.permissions.reach !== 'team') return false;
  const [target] = await tx
    .select()
    .from(users)
    .where(and(eq(users.orgId, actor.orgId), eq(users.id, toUserId)))
    .for('update');
  if (!target || target.teamId !== stdId || actor.scopeTeamIds.includes(stdId)) return false;
  if (target.status !== 'active' || target.role !== 'manager')
    throw validationFailed([
      { path: 'toUserId', message: 'not an active manager of the standard-service team' },
    ]);
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int n from customers where org_id = ${actor.orgId} and owner_id = ${target.id} and deleted_at is null`,
  );
  if (n >= target.capacity) throw capacityExceeded(target.name, target.capacity);
  await assignment.moveOwner(
    tx,
    actor,
    c.id,
    c.ownerId,
    { id: target.id, teamId: target.teamId },
    'assign',
    reason,
    at,
  );
  return true;
}
