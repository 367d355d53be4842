import { kpiDefinition, localDayOf, type KpiKey } from '@steward/core';
import type { Db } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import type { JobContext, JobDefinition } from '../../platform/jobs/types.js';
import * as notifications from '../notifications/service.js';
import * as goalRepo from './goal-repo.js';
import type { GoalRow } from './goal-repo.js';
import { progressOf } from './goals.js';
import * as repo from './repo.js';

/** Who hears that a goal went off track: the manager and their team lead, or the team's lead. */
async function recipientsOf(
  db: Db,
  orgId: string,
  goal: GoalRow,
): Promise<{ ids: string[]; name: string | null }> {
  if (goal.subjectType === 'team') {
    const team = await repo.findTeam(db, orgId, goal.subjectId);
    return { ids: team?.leadId ? [team.leadId] : [], name: team?.name ?? null };
  }
  const user = await repo.findUser(db, orgId, goal.subjectId);
  if (!user) return { ids: [], name: null };
  const ids = user.status === 'active' ? [user.id] : [];
  const team = user.teamId ? await repo.findTeam(db, orgId, user.teamId) : null;
  if (team?.leadId && team.leadId !== user.id) ids.push(team.leadId);
  return { ids, name: user.name };
}

/**
 * The job `goal-watch`: judges every goal running on asOf's local day against its straight line as
 * of asOf. A goal that goes off track notifies once per spell (offTrackNotifiedAt marks the spell;
 * the dedupe key makes a re-run send nothing); back on track ends the spell.
 */
export async function runGoalWatch(ctx: JobContext) {
  const { db } = ctx.deps;
  const { timeZone } = await repo.findOrg(db, ctx.orgId);
  const running = await goalRepo.runningGoals(db, ctx.orgId, localDayOf(ctx.asOf, timeZone), ctx.asOf);
  const counts = { checked: 0, offTrack: 0, notified: 0, backOnTrack: 0 };
  for (const goal of running) {
    const p = await progressOf(db, ctx.orgId, goal, ctx.asOf);
    await db.transaction(async (tx) => {
      if (p.offTrack) {
        counts.offTrack++;
        if (goal.offTrackNotifiedAt) return;
        const { ids, name } = await recipientsOf(tx, ctx.orgId, goal);
        for (const userId of ids) {
          const sent = await notifications.notify(tx, {
            orgId: ctx.orgId,
            userId,
            kind: 'goal_off_track',
            data: {
              goalId: goal.id,
              kpi: goal.kpi,
              kpiName: kpiDefinition(goal.kpi as KpiKey).name,
              subjectType: goal.subjectType,
              subjectId: goal.subjectId,
              subjectName: name,
              target: p.target,
              actual: p.actual,
              expected: p.expected,
              periodStart: goal.periodStart,
              periodEnd: goal.periodEnd,
            },
            entity: 'goal',
            entityId: goal.id,
            dedupeKey: `goal_off_track:${goal.id}:${ctx.asOf.toISOString()}:${userId}`,
            at: ctx.asOf,
          });
          if (sent) counts.notified++;
        }
        await goalRepo.updateGoal(tx, ctx.orgId, goal.id, { offTrackNotifiedAt: ctx.asOf });
        await tx.insert(auditLog).values({
          orgId: ctx.orgId,
          id: newId(),
          actorId: ctx.actorId,
          action: 'goal.off_track',
          entity: 'goal',
          entityId: goal.id,
          data: { actual: p.actual, expected: p.expected, notified: ids, jobId: ctx.jobId },
          at: ctx.asOf,
        });
      } else if (goal.offTrackNotifiedAt) {
        counts.backOnTrack++;
        await goalRepo.updateGoal(tx, ctx.orgId, goal.id, { offTrackNotifiedAt: null });
        await tx.insert(auditLog).values({
          orgId: ctx.orgId,
          id: newId(),
          actorId: ctx.actorId,
          action: 'goal.back_on_track',
          entity: 'goal',
          entityId: goal.id,
          data: { actual: p.actual, expected: p.expected, jobId: ctx.jobId },
          at: ctx.asOf,
        });
      }
    });
    counts.checked++;
    await ctx.progress(counts.checked / running.length);
  }
  if (!running.length) await ctx.progress(1);
  return { ...counts, asOf: ctx.asOf.toISOString() };
}

export const goalWatchJob: JobDefinition = {
  name: 'goal-watch',
  handler: runGoalWatch,
  cron: '0 7 * * *',
};
