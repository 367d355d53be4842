import { and, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { assignmentHistory, customers, organizations, poolPolicies, users } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';

export type HistoryKind = 'create' | 'assign' | 'release' | 'claim' | 'reclaim' | 'handover' | 'rule';

export async function insertAssignment(
  db: Db,
  row: {
    orgId: string;
    customerId: string;
    kind: HistoryKind;
    fromUserId: string | null;
    toUserId: string | null;
    actorId: string | null;
    ruleId?: string | null;
    reason?: string | null;
    at: Date;
  },
) {
  await db.insert(assignmentHistory).values({ id: newId(), ...row });
}

/** Locks the user row: claims by one manager are serialized, so daily and holding limits hold under concurrency. */
export async function lockUser(db: Db, orgId: string, userId: string) {
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
    .for('update');
  return rows[0] ?? null;
}

export async function findUser(db: Db, orgId: string, userId: string) {
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return rows[0] ?? null;
}

export async function countHeld(db: Db, orgId: string, userId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.ownerId, userId), isNull(customers.deletedAt)));
  return r?.n ?? 0;
}

export async function countProtected(db: Db, orgId: string, userId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, orgId),
        eq(customers.ownerId, userId),
        eq(customers.protected, true),
        isNull(customers.deletedAt),
      ),
    );
  return r?.n ?? 0;
}

/** Claims the user made since the start of the current day in the organization's time zone. */
export async function countClaimsToday(
  db: Db,
  orgId: string,
  userId: string,
  now: Date,
  timeZone: string,
): Promise<number> {
  const dayStart = sql`(date_trunc('day', ${now.toISOString()}::timestamptz at time zone ${timeZone}) at time zone ${timeZone})`;
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(assignmentHistory)
    .where(
      and(
        eq(assignmentHistory.orgId, orgId),
        eq(assignmentHistory.toUserId, userId),
        eq(assignmentHistory.kind, 'claim'),
        sql`${assignmentHistory.at} >= ${dayStart}`,
        sql`${assignmentHistory.at} <= ${now.toISOString()}::timestamptz`,
      ),
    );
  return r?.n ?? 0;
}

/** When the customer was last reclaimed from this user, if within the window. */
export async function lastReclaimFrom(
  db: Db,
  orgId: string,
  customerId: string,
  userId: string,
  since: Date,
) {
  const rows = await db
    .select({ at: assignmentHistory.at })
    .from(assignmentHistory)
    .where(
      and(
        eq(assignmentHistory.orgId, orgId),
        eq(assignmentHistory.customerId, customerId),
        eq(assignmentHistory.fromUserId, userId),
        eq(assignmentHistory.kind, 'reclaim'),
        gte(assignmentHistory.at, since),
      ),
    )
    .orderBy(desc(assignmentHistory.at))
    .limit(1);
  return rows[0]?.at ?? null;
}

export async function policiesFor(db: Db, orgId: string) {
  return db.select().from(poolPolicies).where(eq(poolPolicies.orgId, orgId));
}

export async function orgTimeZone(db: Db, orgId: string): Promise<string> {
  const [o] = await db
    .select({ tz: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return o?.tz ?? 'Asia/Shanghai';
}

export async function setOwner(
  db: Db,
  orgId: string,
  customerId: string,
  owner: { ownerId: string | null; teamId: string | null },
  now: Date,
) {
  await db
    .update(customers)
    .set({
      ownerId: owner.ownerId,
      teamId: owner.teamId,
      assignedAt: owner.ownerId ? now : null,
      // The history row the caller writes at `now` (decision 0067): set with the owner, so the
      // history trigger finds nothing to change (it would, were a later row already there).
      ownerChangedAt: now,
      ownerChangedTo: owner.ownerId,
      protected: false,
      updatedAt: now,
    })
    .where(and(eq(customers.orgId, orgId), eq(customers.id, customerId)));
}

export async function listHistory(db: Db, orgId: string, customerId: string) {
  const from = sql<
    string | null
  >`(select name from users u where u.org_id = ${assignmentHistory.orgId} and u.id = ${assignmentHistory.fromUserId})`;
  const to = sql<
    string | null
  >`(select name from users u where u.org_id = ${assignmentHistory.orgId} and u.id = ${assignmentHistory.toUserId})`;
  const by = sql<
    string | null
  >`(select name from users u where u.org_id = ${assignmentHistory.orgId} and u.id = ${assignmentHistory.actorId})`;
  return db
    .select({ h: assignmentHistory, fromName: from, toName: to, actorName: by })
    .from(assignmentHistory)
    .where(and(eq(assignmentHistory.orgId, orgId), eq(assignmentHistory.customerId, customerId)))
    .orderBy(desc(assignmentHistory.at), desc(assignmentHistory.id))
    .limit(500);
}
