import type { GoalOut } from '@steward/contracts';
import type { GoalWithName } from './goal-repo.js';

export function presentGoal(g: GoalWithName): GoalOut {
  return {
    id: g.id,
    subjectType: g.subjectType as GoalOut['subjectType'],
    subjectId: g.subjectId,
    subjectName: g.subjectName,
    kpi: g.kpi,
    periodStart: g.periodStart,
    periodEnd: g.periodEnd,
    target: Number(g.target),
    parentGoalId: g.parentGoalId,
    note: g.note,
    offTrackNotifiedAt: g.offTrackNotifiedAt ? g.offTrackNotifiedAt.toISOString() : null,
    createdBy: g.createdBy,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}
