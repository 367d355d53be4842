import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  ComplaintListQuery,
  CustomerListQuery,
  OrderListQuery,
  TaskListQuery,
} from '@steward/contracts';
import type { Db } from '../../db/client.js';
import { complaints, customers, jobs, orders, organizations, tasks, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { customerScope, poolScope } from '../../platform/scope.js';
import * as complaintRepo from '../complaints/repo.js';
import { complaintScope } from '../complaints/policy.js';
import * as customerRepo from '../customers/repo.js';
import * as taskRepo from '../engagement/repo.js';
import { taskScope } from '../engagement/policy.js';

/** Pool customers matching the filters (the pool list's own conditions). */
export function countPool(db: Db, actor: Actor, q: CustomerListQuery) {
  return customerRepo.countCustomers(db, [
    poolScope(actor),
    ...customerRepo.filterConditions({ ...q, ownerId: undefined }),
  ]);
}

/** Tasks in the actor's scope matching the filters (the task list's own conditions). */
export async function countTasks(db: Db, actor: Actor, q: TaskListQuery, now: Date) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tasks)
    .leftJoin(
      taskRepo.assignee,
      and(eq(taskRepo.assignee.orgId, tasks.orgId), eq(taskRepo.assignee.id, tasks.assigneeId)),
    )
    .where(and(taskScope(actor), ...taskRepo.filterConditions(q, now)));
  return row?.n ?? 0;
}

/** Complaints in the actor's scope matching the filters (the complaint list's own joins and conditions). */
export async function countComplaints(db: Db, actor: Actor, q: ComplaintListQuery, now: Date) {
  const { assignee } = complaintRepo;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(complaints)
    .leftJoin(customers, and(eq(customers.orgId, complaints.orgId), eq(customers.id, complaints.customerId)))
    .leftJoin(assignee, and(eq(assignee.orgId, complaints.orgId), eq(assignee.id, complaints.assigneeId)))
    .where(and(complaintScope(actor), ...complaintRepo.filterConditions(q, now)));
  return row?.n ?? 0;
}

/** Orders of the customers the actor may see, within the list's filters. */
export async function countOrders(db: Db, actor: Actor, q: OrderListQuery) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orders)
    .innerJoin(customers, and(eq(customers.orgId, orders.orgId), eq(customers.id, orders.customerId)))
    .where(
      and(
        customerScope(actor),
        q.customerId ? eq(orders.customerId, q.customerId) : undefined,
        q.from ? sql`${orders.orderedAt} >= ${new Date(q.from).toISOString()}::timestamptz` : undefined,
        q.to ? sql`${orders.orderedAt} <= ${new Date(q.to).toISOString()}::timestamptz` : undefined,
      ),
    );
  return row?.n ?? 0;
}

/** Names of customers by id (for rows that carry only the id). */
export async function customerNames(db: Db, orgId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), inArray(customers.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function orgLocale(db: Db, orgId: string) {
  const [row] = await db
    .select({ timeZone: organizations.timeZone, language: organizations.language })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return { timeZone: row?.timeZone ?? 'Asia/Shanghai', language: row?.language ?? 'zh-CN' };
}

export type ExportJobRow = typeof jobs.$inferSelect;

/** An export job, only for the user who asked for it. */
export async function findExport(db: Db, orgId: string, id: string, userId: string) {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.orgId, orgId), eq(jobs.id, id), eq(jobs.name, 'export'), eq(jobs.createdBy, userId)));
  return row ?? null;
}

/** The user's latest export jobs, newest first. */
export function listExports(db: Db, orgId: string, userId: string, limit: number) {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.orgId, orgId), eq(jobs.name, 'export'), eq(jobs.createdBy, userId)))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(limit);
}

export async function findUser(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return row ?? null;
}

/** The organization's succeeded exports that finished before `before` (their files are due for deletion). */
export function exportsFinishedBefore(db: Db, orgId: string, before: Date) {
  return db
    .select({ id: jobs.id, options: jobs.options })
    .from(jobs)
    .where(
      and(
        eq(jobs.orgId, orgId),
        eq(jobs.name, 'export'),
        eq(jobs.status, 'succeeded'),
        sql`${jobs.finishedAt} < ${before.toISOString()}::timestamptz`,
      ),
    );
}
