import { nextDueAfterVisit } from '@steward/core';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { forbidden, ruleViolation, validationFailed } from '../../platform/errors.js';
import { isOpen, taskPolicy } from '../engagement/policy.js';
import { planOf } from './plan.js';
import * as repo from './repo.js';

/**
 * Completes the task an interaction was logged for, in the interaction's transaction: the task
 * becomes done at the interaction's time; for a visit task the customer's next visit falls due one
 * cadence after it (no plan: no next due date). Only an open task of the same customer qualifies,
 * and only its assignee, its creator or a lead (director, admin) completes it.
 */
export async function completeTaskByInteraction(
  tx: Db,
  actor: Actor,
  customer: { id: string; tier: string | null },
  taskId: string,
  occurredAt: Date,
  now: Date,
): Promise<{ nextVisitDueAt: Date | null } | null> {
  const task = await repo.lockCustomerTask(tx, actor.orgId, customer.id, taskId);
  if (!task) throw validationFailed([{ path: 'taskId', message: 'not a task of this customer' }]);
  if (!isOpen(task.status))
    throw ruleViolation('task_not_open', `The task is already ${task.status}.`, [
      { path: 'taskId', message: `task is ${task.status}` },
    ]);
  if (task.assigneeId !== actor.userId && task.createdBy !== actor.userId && !taskPolicy.supervises(actor))
    throw forbidden('Only the assignee, whoever created it, or their lead completes this task.');
  await repo.completeTask(tx, actor.orgId, task.id, occurredAt, now);
  await audit(tx, actor, 'task.update', 'task', task.id, {
    fields: ['status'],
    from: task.status,
    to: 'done',
    via: 'interaction',
  });
  if (task.type !== 'visit') return null;
  const { effective } = await planOf(tx, actor.orgId, customer);
  const next = effective.cadenceDays === null ? null : nextDueAfterVisit(occurredAt, effective.cadenceDays);
  await repo.setNextVisitDue(tx, actor.orgId, customer.id, next);
  return { nextVisitDueAt: next };
}
