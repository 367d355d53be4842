import { and, desc, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import { uuidArray } from '../../db/sql-arrays.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/client.js';
import { reviews } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Cursor } from '../../platform/pagination.js';
import { reviewPolicy } from './review-policy.js';

export type ReviewRow = typeof reviews.$inferSelect;
export type ReviewWithNames = ReviewRow & { managerName: string | null; reviewerName: string | null };

const nameOf = (col: AnyPgColumn) =>
  sql<string | null>`(select u.name from users u where u.org_id = ${reviews.orgId} and u.id = ${col})`;
const base = (db: Db) =>
  db
    .select({
      review: reviews,
      managerName: nameOf(reviews.managerId),
      reviewerName: nameOf(reviews.reviewerId),
    })
    .from(reviews);
const flatten = (r: { review: ReviewRow; managerName: string | null; reviewerName: string | null }) => ({
  ...r.review,
  managerName: r.managerName,
  reviewerName: r.reviewerName,
});

/**
 * The reviews an actor may read: directors and administrators all; everyone the ones they wrote
 * and their own once signed (a draft is the reviewer's until signed); a lead also those of the
 * other people in their teams.
 */
export function reviewScope(actor: Actor): SQL {
  const org = eq(reviews.orgId, actor.orgId);
  if (reviewPolicy.readsAllReviews(actor)) return org;
  const mine = and(eq(reviews.managerId, actor.userId), ne(reviews.status, 'draft'))!;
  const wrote = eq(reviews.reviewerId, actor.userId);
  if (actor.role !== 'team_lead' || !actor.scopeTeamIds.length) return and(org, or(mine, wrote))!;
  const teams = uuidArray(actor.scopeTeamIds);
  const members = and(
    ne(reviews.managerId, actor.userId),
    sql`${reviews.managerId} in (select u.id from users u where u.org_id = ${actor.orgId} and u.team_id = any(${teams}))`,
  )!;
  return and(org, or(mine, wrote, members))!;
}

export function filterConditions(q: { managerId?: string; status?: string }): SQL[] {
  const out: SQL[] = [];
  if (q.managerId) out.push(eq(reviews.managerId, q.managerId));
  if (q.status) out.push(eq(reviews.status, q.status));
  return out;
}

export const after = (c: Cursor): SQL =>
  sql`(${reviews.createdAt}, ${reviews.id}) < (${c.v}::timestamptz, ${c.id})`;
export const cursorOf = (r: ReviewRow): Cursor => ({ v: r.createdAt.toISOString(), id: r.id });

export async function listReviews(db: Db, where: SQL[], limit: number): Promise<ReviewWithNames[]> {
  const rows = await base(db)
    .where(and(...where))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(limit);
  return rows.map(flatten);
}

export async function findReview(
  db: Db,
  scope: SQL,
  id: string,
  lock = false,
): Promise<ReviewWithNames | null> {
  const q = base(db)
    .where(and(scope, eq(reviews.id, id)))
    .limit(1);
  const rows = lock ? await q.for('update', { of: reviews }) : await q;
  return rows[0] ? flatten(rows[0]) : null;
}

export async function samePeriod(db: Db, orgId: string, managerId: string, kind: string, start: string) {
  const [row] = await db
    .select({ id: reviews.id })
    .from(reviews)
    .where(
      and(
        eq(reviews.orgId, orgId),
        eq(reviews.managerId, managerId),
        eq(reviews.periodKind, kind),
        eq(reviews.periodStart, start),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** The person's latest review of an earlier period (any kind). */
export async function previousReview(db: Db, orgId: string, managerId: string, before: string) {
  const [row] = await db
    .select()
    .from(reviews)
    .where(
      and(
        eq(reviews.orgId, orgId),
        eq(reviews.managerId, managerId),
        sql`${reviews.periodStart} < ${before}::date`,
      ),
    )
    .orderBy(desc(reviews.periodStart), desc(reviews.createdAt))
    .limit(1);
  return row ?? null;
}

export async function insertReview(db: Db, row: typeof reviews.$inferInsert) {
  await db.insert(reviews).values(row);
}

export async function updateReview(
  db: Db,
  orgId: string,
  id: string,
  set: Partial<typeof reviews.$inferInsert>,
) {
  await db
    .update(reviews)
    .set(set)
    .where(and(eq(reviews.orgId, orgId), eq(reviews.id, id)));
}

/** Which of these ids are people of the organization. */
export async function knownUsers(db: Db, orgId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from users where org_id = ${orgId} and id = any(${uuidArray(ids)})`,
  );
  return new Set(rows.map((r) => r.id));
}
