import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { alias } from 'drizzle-orm/pg-core';
import type { ComplaintListQuery } from '@steward/contracts';
import type { Db } from '../../db/client.js';
import { complaintEvents, complaints, contacts, customers, teams, users } from '../../db/schema/index.js';
import { likeEscape, type Cursor } from '../../platform/pagination.js';

export type ComplaintRow = typeof complaints.$inferSelect;
export type ComplaintWithNames = ComplaintRow & {
  customerName: string | null;
  assigneeName: string | null;
  ownerName: string | null;
};

/** The assignee's and the owner's user rows, joined into every complaint query. */
export const assignee = alias(users, 'assignee');
const owner = alias(users, 'owner');

const base = (db: Db) =>
  db
    .select({
      complaint: complaints,
      customerName: customers.name,
      assigneeName: assignee.name,
      ownerName: owner.name,
    })
    .from(complaints)
    .leftJoin(customers, and(eq(customers.orgId, complaints.orgId), eq(customers.id, complaints.customerId)))
    .leftJoin(assignee, and(eq(assignee.orgId, complaints.orgId), eq(assignee.id, complaints.assigneeId)))
    .leftJoin(owner, and(eq(owner.orgId, complaints.orgId), eq(owner.id, complaints.ownerId)));

type Selected = {
  complaint: ComplaintRow;
  customerName: string | null;
  assigneeName: string | null;
  ownerName: string | null;
};
const flatten = (r: Selected): ComplaintWithNames => ({
  ...r.complaint,
  customerName: r.customerName,
  assigneeName: r.assigneeName,
  ownerName: r.ownerName,
});

/** The due time of the running target: first response until answered, then resolution. */
export const runningDue = sql<Date>`(case when ${complaints.firstRespondedAt} is null then ${complaints.firstResponseDueAt} else ${complaints.resolutionDueAt} end)`;

/** A target was missed, or is overdue at `now` (a paused clock is judged at the pause). */
export function breachedCondition(now: Date): SQL {
  const at = now.toISOString();
  return sql`(${complaints.firstResponseBreachedAt} is not null or ${complaints.resolutionBreachedAt} is not null
    or coalesce(${complaints.firstRespondedAt}, ${at}::timestamptz) > ${complaints.firstResponseDueAt}
    or coalesce(${complaints.resolvedAt}, ${complaints.pausedAt}, ${at}::timestamptz) > ${complaints.resolutionDueAt})`;
}

export function filterConditions(q: ComplaintListQuery, now: Date): SQL[] {
  const out: SQL[] = [];
  if (q.status?.length) out.push(inArray(complaints.status, q.status));
  if (q.severity?.length) out.push(inArray(complaints.severity, q.severity));
  if (q.category?.length) out.push(inArray(complaints.category, q.category));
  if (q.assigneeId?.length) out.push(inArray(complaints.assigneeId, q.assigneeId));
  if (q.customerId?.length) out.push(inArray(complaints.customerId, q.customerId));
  if (q.breached === 'true') out.push(breachedCondition(now));
  if (q.breached === 'false') out.push(sql`not ${breachedCondition(now)}`);
  if (q.q) {
    const like = `%${likeEscape(q.q)}%`;
    out.push(
      or(ilike(complaints.description, like), ilike(customers.name, like), ilike(complaints.category, like))!,
    );
  }
  return out;
}

/** Lists sort by the running due time, most urgent first: keyset on (due, id). */
export const after = (c: Cursor): SQL =>
  sql`(${runningDue}, ${complaints.id}) > (${c.v}::timestamptz, ${c.id}::uuid)`;
export const cursorOf = (r: ComplaintRow): Cursor => ({
  v: (r.firstRespondedAt ? r.resolutionDueAt : r.firstResponseDueAt).toISOString(),
  id: r.id,
});

export async function listComplaints(db: Db, where: SQL[], limit: number): Promise<ComplaintWithNames[]> {
  const rows = await base(db)
    .where(and(...where))
    .orderBy(asc(runningDue), asc(complaints.id))
    .limit(limit);
  return rows.map(flatten);
}

export async function findComplaint(db: Db, scope: SQL, id: string, lock = false) {
  const q = base(db)
    .where(and(scope, eq(complaints.id, id)))
    .limit(1);
  const rows = lock ? await q.for('update', { of: complaints }) : await q;
  return rows[0] ? flatten(rows[0]) : null;
}

export async function insertComplaint(db: Db, row: typeof complaints.$inferInsert) {
  await db.insert(complaints).values(row);
}

export async function updateComplaint(
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<typeof complaints.$inferInsert>,
) {
  await db
    .update(complaints)
    .set(patch)
    .where(and(eq(complaints.orgId, orgId), eq(complaints.id, id)));
}

let lastMs = 0;
let seq = 0;
/**
 * A UUIDv7 from the real clock with a per-process counter, so events written in the same
 * instant of the (possibly fixed) request clock keep their order on the timeline.
 */
export function eventId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    if (++seq > 0xfff) {
      ms = ++lastMs;
      seq = 0;
    }
  } else seq = 0;
  lastMs = ms;
  const t = ms.toString(16).padStart(12, '0');
  const r = randomBytes(8);
  const variant = ((r[0]! & 0x3f) | 0x80).toString(16) + r[1]!.toString(16).padStart(2, '0');
  return `${t.slice(0, 8)}-${t.slice(8)}-7${seq.toString(16).padStart(3, '0')}-${variant}-${r.subarray(2).toString('hex')}`;
}

export async function insertEvent(
  db: Db,
  row: Omit<typeof complaintEvents.$inferInsert, 'id'> & { id?: string },
) {
  await db.insert(complaintEvents).values({ ...row, id: row.id ?? eventId() });
}

export async function listEvents(db: Db, orgId: string, complaintId: string) {
  return db
    .select({ event: complaintEvents, actorName: users.name })
    .from(complaintEvents)
    .leftJoin(users, and(eq(users.orgId, complaintEvents.orgId), eq(users.id, complaintEvents.actorId)))
    .where(and(eq(complaintEvents.orgId, orgId), eq(complaintEvents.complaintId, complaintId)))
    .orderBy(
      asc(complaintEvents.at),
      sql`(${complaintEvents.kind} = 'created') desc`,
      asc(complaintEvents.id),
    );
}

export async function findUser(db: Db, orgId: string, userId: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name, role: users.role, status: users.status, teamId: users.teamId })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
    .limit(1);
  return row ?? null;
}

export async function contactBelongs(db: Db, orgId: string, customerId: string, contactId: string) {
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.customerId, customerId), eq(contacts.id, contactId)))
    .limit(1);
  return !!row;
}

/** The lead of the first of these teams that has one. */
export async function leadOf(db: Db, orgId: string, teamIds: (string | null)[]) {
  const ids = teamIds.filter((t): t is string => !!t);
  if (!ids.length) return null;
  const rows = await db
    .select({ id: teams.id, leadId: teams.leadId })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), inArray(teams.id, ids)));
  for (const id of ids) {
    const lead = rows.find((r) => r.id === id)?.leadId;
    if (lead) return lead;
  }
  return null;
}

/** The facts complaint analytics need, one row per complaint matching `where` (scope and period). */
export async function analyticsRows(db: Db, where: SQL[], now: Date) {
  return db
    .select({
      customerId: complaints.customerId,
      category: complaints.category,
      severity: complaints.severity,
      ownerId: complaints.ownerId,
      ownerName: owner.name,
      createdAt: complaints.createdAt,
      firstRespondedAt: complaints.firstRespondedAt,
      resolvedAt: complaints.resolvedAt,
      breached: sql<boolean>`${breachedCondition(now)}`,
      repeat30: sql<boolean>`exists (select 1 from complaints p where p.org_id = ${complaints.orgId}
        and p.customer_id = ${complaints.customerId} and p.id <> ${complaints.id}
        and p.created_at <= ${complaints.createdAt} and p.created_at >= ${complaints.createdAt} - interval '30 days'
        and (p.created_at < ${complaints.createdAt} or p.id < ${complaints.id}))`,
    })
    .from(complaints)
    .leftJoin(customers, and(eq(customers.orgId, complaints.orgId), eq(customers.id, complaints.customerId)))
    .leftJoin(assignee, and(eq(assignee.orgId, complaints.orgId), eq(assignee.id, complaints.assigneeId)))
    .leftJoin(owner, and(eq(owner.orgId, complaints.orgId), eq(owner.id, complaints.ownerId)))
    .where(and(...where));
}
