import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { ChurnAlertListQuery, ChurnAlertOut, ChurnAlertResolveBody } from '@steward/contracts';
import type { Db } from '../../db/client.js';
import { churnAlerts, customers, tasks, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { customerScope } from '../../platform/scope.js';
import { alertClosed, alertNotFound } from './errors.js';
import { valuePolicy } from './policy.js';

type Resolution = Omit<NonNullable<ChurnAlertOut['resolution']>, 'at'>;

/** The latest person's resolution of the alert, from the audit log (the table has no note column). */
const resolution = sql<Resolution | null>`(
  select jsonb_build_object('outcome', a.data->>'outcome', 'note', a.data->>'note', 'by', a.actor_id,
           'byName', (select u.name from users u where u.org_id = a.org_id and u.id = a.actor_id))
    from audit_log a
   where a.org_id = ${churnAlerts.orgId} and a.entity = 'churn_alert' and a.entity_id = ${churnAlerts.id}
     and a.action = 'churn_alert.resolve'
   order by a.at desc limit 1)`;

const selection = {
  alert: churnAlerts,
  customerName: customers.name,
  ownerName: users.name,
  taskStatus: tasks.status,
  resolution,
};
type Row = {
  alert: typeof churnAlerts.$inferSelect;
  customerName: string;
  ownerName: string | null;
  taskStatus: string | null;
  resolution: Resolution | string | null;
};

/** Alerts of customers the actor may see (customerScope): a manager their book, a lead their teams. */
function scoped(db: Db, actor: Actor, where: (SQL | undefined)[], lock = false) {
  const q = db
    .select(selection)
    .from(churnAlerts)
    .innerJoin(
      customers,
      and(eq(customers.orgId, churnAlerts.orgId), eq(customers.id, churnAlerts.customerId)),
    )
    .leftJoin(users, and(eq(users.orgId, churnAlerts.orgId), eq(users.id, churnAlerts.ownerId)))
    .leftJoin(tasks, and(eq(tasks.orgId, churnAlerts.orgId), eq(tasks.id, churnAlerts.taskId)))
    .where(and(eq(churnAlerts.orgId, actor.orgId), customerScope(actor), ...where));
  return lock ? q.for('update', { of: churnAlerts }) : q;
}

export function presentAlert(r: Row): ChurnAlertOut {
  const res = typeof r.resolution === 'string' ? (JSON.parse(r.resolution) as Resolution) : r.resolution;
  return {
    id: r.alert.id,
    customerId: r.alert.customerId,
    customerName: r.customerName,
    ownerId: r.alert.ownerId,
    ownerName: r.ownerName,
    status: r.alert.status as ChurnAlertOut['status'],
    reasons: r.alert.reasons,
    taskId: r.alert.taskId,
    taskStatus: r.taskStatus,
    openedAt: r.alert.openedAt.toISOString(),
    closedAt: r.alert.closedAt?.toISOString() ?? null,
    resolution:
      res && r.alert.status !== 'open' && r.alert.closedAt
        ? { ...res, at: r.alert.closedAt.toISOString() }
        : null,
  };
}

/** GET /churn-alerts: newest first, keyset-paged on (openedAt, id). */
export async function listAlerts(deps: Deps, actor: Actor, q: ChurnAlertListQuery) {
  const cursor = decodeCursor(q.cursor);
  const rows = await scoped(deps.db, actor, [
    q.status ? eq(churnAlerts.status, q.status) : undefined,
    q.ownerId ? eq(churnAlerts.ownerId, q.ownerId) : undefined,
    q.customerId ? eq(churnAlerts.customerId, q.customerId) : undefined,
    cursor
      ? sql`(${churnAlerts.openedAt}, ${churnAlerts.id}) < (${cursor.v}::timestamptz, ${cursor.id})`
      : undefined,
  ])
    .orderBy(desc(churnAlerts.openedAt), desc(churnAlerts.id))
    .limit(q.limit + 1);
  const page = pageOf(rows, q.limit, (r) => ({ v: r.alert.openedAt.toISOString(), id: r.alert.id }));
  return { data: page.data.map(presentAlert), nextCursor: page.nextCursor };
}

/** GET /churn-alerts/{id}; 404 outside the caller's scope. */
export async function getAlert(deps: Deps, actor: Actor, id: string) {
  const [row] = await scoped(deps.db, actor, [eq(churnAlerts.id, id)]);
  if (!row) throw alertNotFound();
  return presentAlert(row);
}

/**
 * POST /churn-alerts/{id}/resolve: the owner, their lead, a director or an admin records the
 * outcome with a note. The retention task, if still open, is closed with it (done when retained,
 * cancelled when lost). Audited in the same transaction; the note lives in the audit row.
 */
export async function resolveAlert(deps: Deps, actor: Actor, id: string, body: ChurnAlertResolveBody) {
  valuePolicy.assertCanResolveAlerts(actor);
  return deps.db.transaction(async (tx) => {
    const [row] = await scoped(tx, actor, [eq(churnAlerts.id, id)], true);
    if (!row) throw alertNotFound();
    if (row.alert.status !== 'open') throw alertClosed(row.alert.status);
    const now = deps.now();
    await tx
      .update(churnAlerts)
      .set({ status: body.outcome, closedAt: now })
      .where(and(eq(churnAlerts.orgId, actor.orgId), eq(churnAlerts.id, id)));
    let taskClosed: string | null = null;
    if (row.alert.taskId && (row.taskStatus === 'open' || row.taskStatus === 'in_progress')) {
      taskClosed = body.outcome === 'retained' ? 'done' : 'cancelled';
      await tx
        .update(tasks)
        .set({ status: taskClosed, completedAt: taskClosed === 'done' ? now : null, updatedAt: now })
        .where(and(eq(tasks.orgId, actor.orgId), eq(tasks.id, row.alert.taskId)));
      await audit(tx, actor, 'task.update', 'task', row.alert.taskId, {
        fields: ['status'],
        from: row.taskStatus,
        to: taskClosed,
        via: 'churn_alert.resolve',
      });
    }
    await audit(tx, actor, 'churn_alert.resolve', 'churn_alert', id, {
      outcome: body.outcome,
      note: body.note,
      customerId: row.alert.customerId,
      taskId: row.alert.taskId,
      taskClosed,
    });
    const [after] = await scoped(tx, actor, [eq(churnAlerts.id, id)]);
    return presentAlert(after!);
  });
}
