import { and, desc, eq, gt, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { apiTokens, users } from '../../db/schema/index.js';

export type TokenRow = typeof apiTokens.$inferSelect;

export async function insertToken(db: Db, row: typeof apiTokens.$inferInsert) {
  const [r] = await db.insert(apiTokens).values(row).returning();
  return r!;
}

/** The org's tokens (optionally one user's), newest first, with their user's name. */
export async function listTokens(db: Db, orgId: string, userId: string | null) {
  const where: SQL[] = [eq(apiTokens.orgId, orgId)];
  if (userId) where.push(eq(apiTokens.userId, userId));
  return db
    .select({ token: apiTokens, userName: users.name })
    .from(apiTokens)
    .leftJoin(users, and(eq(users.orgId, apiTokens.orgId), eq(users.id, apiTokens.userId)))
    .where(and(...where))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function findToken(db: Db, orgId: string, id: string) {
  const rows = await db
    .select({ token: apiTokens, userName: users.name })
    .from(apiTokens)
    .leftJoin(users, and(eq(users.orgId, apiTokens.orgId), eq(users.id, apiTokens.userId)))
    .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function revokeToken(db: Db, orgId: string, id: string, at: Date) {
  await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
}

/**
 * A current token (not revoked, not expired) with its active user, the teams the user leads and —
 * for team leads — every team in the subtrees they lead: one round trip, as for sessions.
 */
export async function findUsableToken(db: Db, tokenHash: string, now: Date) {
  const led = sql<
    string[]
  >`array(select t.id from teams t where t.org_id = ${users.orgId} and t.lead_id = ${users.id})`;
  const scope = sql<string[]>`case when ${users.role} = 'team_lead' then array(
      with recursive sub(id) as (
        select t.id from teams t where t.org_id = ${users.orgId} and (t.lead_id = ${users.id} or t.id = ${users.teamId})
        union
        select c.id from teams c join sub on c.parent_id = sub.id where c.org_id = ${users.orgId})
      select id from sub) else '{}'::uuid[] end`;
  const rows = await db
    .select({ token: apiTokens, user: users, led, scope })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.orgId, apiTokens.orgId), eq(users.id, apiTokens.userId)))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        eq(users.status, 'active'),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

/** Stamps lastUsedAt unless it was stamped less than a minute before `now`. */
export async function touchToken(db: Db, orgId: string, id: string, now: Date) {
  const minuteAgo = new Date(now.getTime() - 60_000);
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.orgId, orgId),
        eq(apiTokens.id, id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, minuteAgo)),
      ),
    );
}
