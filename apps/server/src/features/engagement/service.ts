import type { TaskCreate, TaskListQuery, TaskStatus, TaskUpdate } from '@steward/contracts';
import { tasks } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { eq } from 'drizzle-orm';
import * as customers from '../customers/service.js';
import * as notifications from '../notifications/service.js';
import { badAssignee, cannotChangeStatus, cannotEditTask, taskNotFound } from './errors.js';
import { taskPolicy, taskScope } from './policy.js';
import { presentTask } from './presenter.js';
import * as repo from './repo.js';

export async function listTasks(deps: Deps, actor: Actor, query: TaskListQuery) {
  const now = deps.now();
  const cursor = decodeCursor(query.cursor);
  const where = [taskScope(actor), ...repo.filterConditions(query, now)];
  if (cursor) where.push(repo.after(cursor));
  const rows = await repo.listTasks(deps.db, where, query.limit + 1);
  const page = pageOf(rows, query.limit, repo.cursorOf);
  return { data: page.data.map((r) => presentTask(r, now)), nextCursor: page.nextCursor };
}

export async function getTask(deps: Deps, actor: Actor, id: string) {
  const row = await repo.findTask(deps.db, taskScope(actor), id);
  if (!row) throw taskNotFound();
  return presentTask(row, deps.now());
}

/**
 * A task for someone: leads give them to people in their teams, directors and admins to anyone
 * active, managers only to themselves. The assignee is notified in the same transaction.
 */
export async function createTask(deps: Deps, actor: Actor, input: TaskCreate) {
  taskPolicy.assertCanCreate(actor, input.assigneeId);
  return deps.db.transaction(async (tx) => {
    const target = await repo.findUser(tx, actor.orgId, input.assigneeId);
    if (!target || target.status !== 'active') throw badAssignee('no active user with this id');
    if (!taskPolicy.canAssignTo(actor, target)) throw badAssignee('not a member of your teams');
    const customer = input.customerId ? await customers.loadVisible(tx, actor, input.customerId) : null;
    const now = deps.now();
    const row = await repo.insertTask(tx, {
      orgId: actor.orgId,
      id: newId(),
      type: input.type,
      title: input.title,
      description: input.description ?? null,
      customerId: customer?.id ?? null,
      assigneeId: target.id,
      createdBy: actor.userId,
      dueAt: new Date(input.dueAt),
      priority: input.priority,
      status: 'open',
      remindAt: input.remindAt ? new Date(input.remindAt) : null,
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, actor, 'task.create', 'task', row.id, {
      type: row.type,
      assigneeId: row.assigneeId,
      customerId: row.customerId,
      dueAt: row.dueAt.toISOString(),
    });
    if (target.id !== actor.userId) {
      await notifications.notify(tx, {
        orgId: actor.orgId,
        userId: target.id,
        kind: 'task_assigned',
        data: {
          taskId: row.id,
          title: row.title,
          dueAt: row.dueAt.toISOString(),
          by: actor.name,
          byId: actor.userId,
        },
        entity: 'task',
        entityId: row.id,
        at: now,
      });
    }
    // The creator always gets the task back, even one given to someone they cannot see later.
    const full = await repo.findTask(tx, eq(tasks.orgId, actor.orgId), row.id);
    return presentTask(full!, now);
  });
}

const FIELDS = ['title', 'description', 'dueAt', 'priority', 'remindAt'] as const;
const asDate = (v: string | null | undefined) => (v ? new Date(v) : null);

/**
 * Edits a task: its assignee moves the status; its lead (or a director or admin) and its creator
 * change everything else. Done stamps completedAt; reopening clears it.
 */
export async function updateTask(deps: Deps, actor: Actor, id: string, patch: TaskUpdate) {
  return deps.db.transaction(async (tx) => {
    const before = await repo.findTask(tx, taskScope(actor), id, true);
    if (!before) throw taskNotFound();
    const supervisor = taskPolicy.supervises(actor);
    const creator = before.createdBy === actor.userId;
    const set: Partial<typeof tasks.$inferInsert> = {};
    const changed: string[] = [];
    if (patch.title !== undefined && patch.title !== before.title) set.title = patch.title;
    if (patch.description !== undefined && (patch.description ?? null) !== before.description)
      set.description = patch.description ?? null;
    if (patch.priority !== undefined && patch.priority !== before.priority) set.priority = patch.priority;
    if (patch.dueAt !== undefined && new Date(patch.dueAt).getTime() !== before.dueAt.getTime())
      set.dueAt = new Date(patch.dueAt);
    if (patch.remindAt !== undefined && asDate(patch.remindAt)?.getTime() !== before.remindAt?.getTime())
      set.remindAt = asDate(patch.remindAt);
    for (const f of FIELDS) if (f in set) changed.push(f);
    if (changed.length && !supervisor && !creator) throw cannotEditTask();

    const from = before.status as TaskStatus;
    const to = patch.status ?? from;
    const now = deps.now();
    if (to !== from) {
      if (!supervisor && !creator && before.assigneeId !== actor.userId) throw cannotChangeStatus();
      taskPolicy.assertTransition(from, to, { supervisor, creator });
      set.status = to;
      set.completedAt = to === 'done' ? now : null;
      changed.push('status');
    }
    if (!changed.length) return presentTask(before, now);
    set.updatedAt = now;
    await repo.updateTask(tx, actor.orgId, id, set);
    await audit(tx, actor, 'task.update', 'task', id, {
      fields: changed,
      ...(to !== from ? { from, to } : {}),
    });
    const after = await repo.findTask(tx, eq(tasks.orgId, actor.orgId), id);
    return presentTask(after!, now);
  });
}
