import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { organizations, sessions, teams, users } from '../../db/schema/index.js';

export async function findUserByEmail(db: Db, email: string) {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return rows[0] ?? null;
}

export async function emailTaken(db: Db, email: string): Promise<boolean> {
  return (await findUserByEmail(db, email)) !== null;
}

export async function recordFailedLogin(
  db: Db,
  orgId: string,
  userId: string,
  threshold: number,
  lockUntil: Date,
) {
  await db
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${threshold} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
}

export async function clearFailedLogins(db: Db, orgId: string, userId: string) {
  await db
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null })
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
}

export async function insertSession(db: Db, row: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(row);
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** The session with its user, when the session is current and the user active. */
/**
 * The session with its user, the teams the user leads and — for team leads — every team in the
 * subtrees they lead: one round trip per request.
 */
export async function findSession(db: Db, tokenHash: string, now: Date) {
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
    .select({ session: sessions, user: users, led, scope })
    .from(sessions)
    .innerJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId)))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(users.status, 'active')))
    .limit(1);
  return rows[0] ?? null;
}

export async function listTeams(db: Db, orgId: string) {
  return db.select().from(teams).where(eq(teams.orgId, orgId));
}

export async function findOrganization(db: Db, orgId: string) {
  const rows = await db.select().from(organizations).where(eq(organizations.id, orgId)).limit(1);
  return rows[0] ?? null;
}
