import {
  checkShares,
  elapsedFraction,
  endOfLocalDay,
  equalShares,
  goalProgress,
  kpiDefinition,
  roundKpi,
  splitTarget,
  startOfLocalDay,
  type KpiKey,
} from '@steward/core';
import type { GoalCascade, GoalCreate, GoalListQuery, GoalProgressOut, GoalUpdate } from '@steward/contracts';
import type { Db } from '../../db/client.js';
import type { goals } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import {
  alreadyCascaded,
  badGoalSubject,
  badPeriod,
  badSplit,
  cannotSetGoals,
  goalNotFound,
  noMembers,
  notATeamGoal,
} from './errors.js';
import * as goalRepo from './goal-repo.js';
import type { GoalRow } from './goal-repo.js';
import { computeKpis, creditedUsers } from './kpis.js';
import { goalScope, performancePolicy } from './policy.js';
import { presentGoal } from './presenter.js';
import * as repo from './repo.js';

/** Whether the actor may set goals for this subject; a subject they cannot reach is "not found". */
async function assertCanSetGoal(
  db: Db,
  actor: Actor,
  subjectType: string,
  subjectId: string,
  /** New goals need an active person; existing goals of someone who left can still be edited or removed. */
  requireActive = true,
) {
  if (!performancePolicy.setsGoals(actor)) throw cannotSetGoals();
  if (subjectType === 'manager') {
    const user = await repo.findUser(db, actor.orgId, subjectId);
    if (
      !user ||
      (requireActive && user.status !== 'active') ||
      !performancePolicy.canSetGoalForManager(actor, user)
    )
      throw badGoalSubject('no active person with this id in your teams');
  } else {
    const team = await repo.findTeam(db, actor.orgId, subjectId);
    if (!team || !performancePolicy.canSetGoalForTeam(actor, team.id))
      throw badGoalSubject('no team with this id among your teams');
  }
}

async function loadGoal(db: Db, actor: Actor, id: string, lock = false) {
  const row = await goalRepo.findGoal(db, goalScope(actor), id, lock);
  if (!row) throw goalNotFound();
  return row;
}

export async function listGoals(deps: Deps, actor: Actor, query: GoalListQuery) {
  const cursor = decodeCursor(query.cursor);
  const where = [goalScope(actor), ...goalRepo.filterConditions(query)];
  if (cursor) where.push(goalRepo.after(cursor));
  const rows = await goalRepo.listGoals(deps.db, where, query.limit + 1);
  const page = pageOf(rows, query.limit, goalRepo.cursorOf);
  return { data: page.data.map(presentGoal), nextCursor: page.nextCursor };
}

export async function getGoal(deps: Deps, actor: Actor, id: string) {
  return presentGoal(await loadGoal(deps.db, actor, id));
}

export async function createGoal(deps: Deps, actor: Actor, input: GoalCreate) {
  return deps.db.transaction(async (tx) => {
    await assertCanSetGoal(tx, actor, input.subjectType, input.subjectId);
    const now = deps.now();
    const id = newId();
    await goalRepo.insertGoals(tx, [
      {
        orgId: actor.orgId,
        id,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        kpi: input.kpi,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        target: input.target,
        note: input.note ?? null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    await audit(tx, actor, 'goal.create', 'goal', id, { ...input });
    const [row] = await goalRepo.goalsByIds(tx, actor.orgId, [id]);
    return presentGoal(row!);
  });
}

export async function updateGoal(deps: Deps, actor: Actor, id: string, patch: GoalUpdate) {
  return deps.db.transaction(async (tx) => {
    const before = await loadGoal(tx, actor, id, true);
    await assertCanSetGoal(tx, actor, before.subjectType, before.subjectId, false);
    const set: Partial<typeof goals.$inferInsert> = {};
    if (patch.target !== undefined && patch.target !== Number(before.target)) set.target = patch.target;
    if (patch.periodStart !== undefined && patch.periodStart !== before.periodStart)
      set.periodStart = patch.periodStart;
    if (patch.periodEnd !== undefined && patch.periodEnd !== before.periodEnd)
      set.periodEnd = patch.periodEnd;
    if (patch.note !== undefined && (patch.note ?? null) !== before.note) set.note = patch.note ?? null;
    if ((set.periodStart ?? before.periodStart) > (set.periodEnd ?? before.periodEnd)) throw badPeriod();
    if (!Object.keys(set).length) return presentGoal(before);
    const changed = Object.keys(set);
    set.updatedAt = deps.now();
    await goalRepo.updateGoal(tx, actor.orgId, id, set);
    await audit(tx, actor, 'goal.update', 'goal', id, { fields: changed });
    const [row] = await goalRepo.goalsByIds(tx, actor.orgId, [id]);
    return presentGoal(row!);
  });
}

/** Deletes a goal; goals cascaded from it stay, no longer linked to it. */
export async function deleteGoal(deps: Deps, actor: Actor, id: string) {
  await deps.db.transaction(async (tx) => {
    const before = await loadGoal(tx, actor, id, true);
    await assertCanSetGoal(tx, actor, before.subjectType, before.subjectId, false);
    await goalRepo.deleteGoal(tx, actor.orgId, id);
    await audit(tx, actor, 'goal.delete', 'goal', id, {
      subjectType: before.subjectType,
      subjectId: before.subjectId,
      kpi: before.kpi,
    });
  });
}

/**
 * Cascades a team goal to the team's active managers (sub-teams included): equally, or by shares
 * adding up to 1. Sums are divided; a rate or average target is given to every member as is.
 */
export async function cascadeGoal(deps: Deps, actor: Actor, id: string, body: GoalCascade) {
  return deps.db.transaction(async (tx) => {
    const parent = await loadGoal(tx, actor, id, true);
    if (parent.subjectType !== 'team') throw notATeamGoal();
    await assertCanSetGoal(tx, actor, parent.subjectType, parent.subjectId);
    if ((await goalRepo.childCount(tx, actor.orgId, id)) > 0) throw alreadyCascaded();
    const teamIds = await repo.teamSubtree(tx, actor.orgId, parent.subjectId);
    const members = await repo.usersInTeams(tx, actor.orgId, teamIds, { activeManagersOnly: true });
    if (!members.length) throw noMembers();
    let shares: Record<string, number>;
    if (body.split === 'equal') shares = equalShares(members.map((m) => m.id));
    else {
      shares = body.split;
      const known = new Set(members.map((m) => m.id));
      for (const memberId of Object.keys(shares))
        if (!known.has(memberId)) throw badSplit(`split.${memberId}`, 'not an active manager of this team');
      const problem = checkShares(shares);
      if (problem) throw badSplit('split', problem);
    }
    const targets = splitTarget(Number(parent.target), shares, kpiDefinition(parent.kpi as KpiKey).additive);
    const now = deps.now();
    const rows = Object.entries(targets).map(([memberId, target]) => ({
      orgId: actor.orgId,
      id: newId(),
      subjectType: 'manager',
      subjectId: memberId,
      kpi: parent.kpi,
      periodStart: parent.periodStart,
      periodEnd: parent.periodEnd,
      target,
      parentGoalId: parent.id,
      note: parent.note,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    }));
    await goalRepo.insertGoals(tx, rows);
    for (const r of rows)
      await audit(tx, actor, 'goal.create', 'goal', r.id, {
        parentGoalId: parent.id,
        subjectId: r.subjectId,
        target: r.target,
      });
    await audit(tx, actor, 'goal.cascade', 'goal', parent.id, { split: body.split, children: rows.length });
    const created = await goalRepo.goalsByIds(
      tx,
      actor.orgId,
      rows.map((r) => r.id),
    );
    return { data: created.map(presentGoal) };
  });
}

/** Actual (from the KPI service) against the straight-line expectation at `asOf`. */
export async function progressOf(db: Db, orgId: string, goal: GoalRow, asOf: Date): Promise<GoalProgressOut> {
  const key = goal.kpi as KpiKey;
  const def = kpiDefinition(key);
  const credited = await creditedUsers(db, orgId, {
    type: goal.subjectType as 'manager' | 'team',
    id: goal.subjectId,
  });
  const { values, currency, timeZone } = await computeKpis(
    db,
    orgId,
    credited,
    goal.periodStart,
    goal.periodEnd,
    asOf,
  );
  const start = startOfLocalDay(goal.periodStart, timeZone).getTime();
  const end = endOfLocalDay(goal.periodEnd, timeZone).getTime() + 1;
  const fraction = elapsedFraction(start, end, asOf.getTime());
  const target = Number(goal.target);
  const p = goalProgress({
    target,
    actual: values[key],
    fraction,
    direction: def.direction,
    additive: def.additive,
  });
  return {
    goalId: goal.id,
    kpi: key,
    unit: def.unit === 'currency' ? currency : def.unit,
    target,
    actual: p.actual,
    expected: roundKpi(p.expected, 4)!,
    ratio: roundKpi(p.ratio, 4),
    offTrack: p.offTrack,
    elapsed: roundKpi(fraction, 4)!,
    asOf: asOf.toISOString(),
  };
}

export async function goalProgressOf(deps: Deps, actor: Actor, id: string, asOf?: string) {
  const goal = await loadGoal(deps.db, actor, id);
  return progressOf(deps.db, actor.orgId, goal, asOf ? new Date(asOf) : deps.now());
}
