import type { Db } from '../../db/client.js';
import { tasks } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import * as notifications from '../notifications/service.js';
import type { SendRow } from './repo.js';
import * as repo from './repo.js';

const DAY = 86_400_000;

const title = (language: string, customer: string, kind: string, score: number) =>
  language === 'en-US'
    ? `Follow up on a low ${kind.toUpperCase()} score (${score}) from ${customer}`
    : `满意度低分回访：${customer}（${kind.toUpperCase()} ${score} 分）`;

/**
 * A low score becomes a follow-up task, due within a day, for the customer's owner — or, for a
 * customer in the pool, whoever sent the survey — and a notification. Exactly once per send
 * (sourceKey `survey_low:{sendId}`). Returns the task id, or null when there is nobody to ask.
 */
export async function createLowScoreFollowUp(
  tx: Db,
  send: SendRow,
  kind: string,
  now: Date,
): Promise<string | null> {
  const customer = await repo.findCustomerBrief(tx, send.orgId, send.customerId);
  const assigneeId = customer?.ownerId ?? send.createdBy ?? send.ownerId;
  if (!assigneeId || send.score === null) return null;
  const org = await repo.findOrganization(tx, send.orgId);
  const name = customer?.name ?? '';
  const sourceKey = `survey_low:${send.id}`;
  const [task] = await tx
    .insert(tasks)
    .values({
      orgId: send.orgId,
      id: newId(),
      type: 'follow_up',
      title: title(org.language, name, kind, send.score),
      description: send.comment,
      customerId: send.customerId,
      assigneeId,
      createdBy: null,
      dueAt: new Date(now.getTime() + DAY),
      priority: 'high',
      status: 'open',
      sourceKey,
      data: { surveySendId: send.id, kind, score: send.score, comment: send.comment },
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: tasks.id });
  if (!task) return null;
  await notifications.notify(tx, {
    orgId: send.orgId,
    userId: assigneeId,
    kind: 'survey_low_score',
    data: {
      taskId: task.id,
      sendId: send.id,
      customerId: send.customerId,
      customerName: name,
      kind,
      score: send.score,
    },
    entity: 'task',
    entityId: task.id,
    dedupeKey: sourceKey,
    at: now,
  });
  return task.id;
}
