import { and, asc, eq, gte, inArray, lt, lte, not, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TaskListQuery } from '@steward/contracts';
import type { Db } from '../../db/client.js';
import { customers, tasks, users } from '../../db/schema/index.js';
import type { Cursor } from '../../platform/pagination.js';

export type TaskRow = typeof tasks.$inferSelect;
export type TaskWithNames = TaskRow & {
  assigneeName: string | null;
  assigneeTeamId: string | null;
  customerName: string | null;
  createdByName: string | null;
};

/** The assignee's user row, joined into every task query (the scope filters on its team). */
export const assignee = alias(users, 'assignee');

const createdByName = sql<
  string | null
>`(select u.name from users u where u.org_id = ${tasks.orgId} and u.id = ${tasks.createdBy})`;

const selection = {
  task: tasks,
  assigneeName: assignee.name,
  assigneeTeamId: assignee.teamId,
  customerName: customers.name,
  createdByName,
};

type Selected = {
  task: TaskRow;
  assigneeName: string | null;
  assigneeTeamId: string | null;
  customerName: string | null;
  createdByName: string | null;
};
const flatten = (r: Selected): TaskWithNames => ({
  ...r.task,
  assigneeName: r.assigneeName,
  assigneeTeamId: r.assigneeTeamId,
  customerName: r.customerName,
  createdByName: r.createdByName,
});

const base = (db: Db) =>
  db
    .select(selection)
    .from(tasks)
    .leftJoin(assignee, and(eq(assignee.orgId, tasks.orgId), eq(assignee.id, tasks.assigneeId)))
    .leftJoin(customers, and(eq(customers.orgId, tasks.orgId), eq(customers.id, tasks.customerId)));

/** Open or in progress, and due before `now`. */
export const overdueCondition = (now: Date): SQL =>
  and(inArray(tasks.status, ['open', 'in_progress']), lt(tasks.dueAt, now))!;

export function filterConditions(q: TaskListQuery, now: Date): SQL[] {
  const out: SQL[] = [];
  if (q.assigneeId?.length) out.push(inArray(tasks.assigneeId, q.assigneeId));
  if (q.customerId?.length) out.push(inArray(tasks.customerId, q.customerId));
  if (q.type?.length) out.push(inArray(tasks.type, q.type));
  if (q.status?.length) out.push(inArray(tasks.status, q.status));
  if (q.overdue === 'true') out.push(overdueCondition(now));
  if (q.overdue === 'false') out.push(not(overdueCondition(now)));
  if (q.dueFrom) out.push(gte(tasks.dueAt, new Date(q.dueFrom)));
  if (q.dueTo) out.push(lte(tasks.dueAt, new Date(q.dueTo)));
  return out;
}

/** Lists sort by due time, soonest first: keyset on (due_at, id). */
export const orderBy = [asc(tasks.dueAt), asc(tasks.id)];
export const after = (c: Cursor): SQL =>
  or(
    sql`${tasks.dueAt} > ${c.v}::timestamptz`,
    and(sql`${tasks.dueAt} = ${c.v}::timestamptz`, sql`${tasks.id} > ${c.id}`),
  )!;
export const cursorOf = (r: TaskRow): Cursor => ({ v: r.dueAt.toISOString(), id: r.id });

export async function listTasks(db: Db, where: SQL[], limit: number): Promise<TaskWithNames[]> {
  const rows = await base(db)
    .where(and(...where))
    .orderBy(...orderBy)
    .limit(limit);
  return rows.map(flatten);
}

export async function findTask(db: Db, scope: SQL, id: string, lock = false): Promise<TaskWithNames | null> {
  const q = base(db)
    .where(and(scope, eq(tasks.id, id)))
    .limit(1);
  const rows = lock ? await q.for('update', { of: tasks }) : await q;
  return rows[0] ? flatten(rows[0]) : null;
}

export async function insertTask(db: Db, row: typeof tasks.$inferInsert): Promise<TaskRow> {
  const [created] = await db.insert(tasks).values(row).returning();
  return created!;
}

export async function updateTask(
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<typeof tasks.$inferInsert>,
) {
  await db
    .update(tasks)
    .set(patch)
    .where(and(eq(tasks.orgId, orgId), eq(tasks.id, id)));
}

export async function findUser(db: Db, orgId: string, userId: string) {
  const rows = await db
    .select({ id: users.id, name: users.name, status: users.status, teamId: users.teamId, role: users.role })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
    .limit(1);
  return rows[0] ?? null;
}
