import { and, eq, sql } from 'drizzle-orm';
import { uuidArray } from '../../db/sql-arrays.js';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/client.js';
import { organizations, teams, users } from '../../db/schema/index.js';

export type SubjectUser = { id: string; name: string; teamId: string | null; role: string; status: string };

export async function findOrg(db: Db, orgId: string) {
  const [row] = await db
    .select({ timeZone: organizations.timeZone, currency: organizations.currency })
    .from(organizations)
    .where(eq(organizations.id, orgId))
    .limit(1);
  return row ?? { timeZone: 'Asia/Shanghai', currency: 'CNY' };
}

export async function findUser(db: Db, orgId: string, id: string): Promise<SubjectUser | null> {
  const [row] = await db
    .select({ id: users.id, name: users.name, teamId: users.teamId, role: users.role, status: users.status })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)))
    .limit(1);
  return row ?? null;
}

export async function findTeam(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ id: teams.id, name: teams.name, parentId: teams.parentId, leadId: teams.leadId })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, id)))
    .limit(1);
  return row ?? null;
}

/** The team and every team below it. */
export async function teamSubtree(db: Db, orgId: string, teamId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with recursive sub(id) as (
          select t.id from teams t where t.org_id = ${orgId} and t.id = ${teamId}
          union
          select c.id from teams c join sub on c.parent_id = sub.id where c.org_id = ${orgId})
        select id from sub`,
  );
  return rows.map((r) => r.id);
}

/** Everyone whose team is one of these (a manager's record counts for the team they belong to now). */
export async function usersInTeams(
  db: Db,
  orgId: string,
  teamIds: string[],
  opts: { activeManagersOnly?: boolean } = {},
): Promise<SubjectUser[]> {
  if (!teamIds.length) return [];
  const rows = await queryRows<SubjectUser>(
    db,
    sql`select id, name, team_id as "teamId", role, status from users
         where org_id = ${orgId} and team_id = any(${uuidArray(teamIds)})
         ${opts.activeManagersOnly ? sql`and role = 'manager' and status = 'active'` : sql``}
         order by name, id`,
  );
  return rows;
}
