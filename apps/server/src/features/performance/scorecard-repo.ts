import { and, asc, eq, sql } from 'drizzle-orm';
import { uuidArray } from '../../db/sql-arrays.js';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/client.js';
import { qualitativeRatings, scorecardTemplates } from '../../db/schema/index.js';

export type TemplateRow = typeof scorecardTemplates.$inferSelect;
export type RatingRow = typeof qualitativeRatings.$inferSelect;
export type ManagerRow = {
  id: string;
  name: string;
  teamId: string | null;
  teamName: string | null;
  role: string;
  level: string;
  hireDate: string | null;
};

export const listTemplates = (db: Db, orgId: string) =>
  db
    .select()
    .from(scorecardTemplates)
    .where(eq(scorecardTemplates.orgId, orgId))
    .orderBy(asc(scorecardTemplates.name), asc(scorecardTemplates.id));

export async function findTemplate(db: Db, orgId: string, id: string): Promise<TemplateRow | null> {
  const [row] = await db
    .select()
    .from(scorecardTemplates)
    .where(and(eq(scorecardTemplates.orgId, orgId), eq(scorecardTemplates.id, id)))
    .limit(1);
  return row ?? null;
}

export async function insertTemplate(db: Db, row: typeof scorecardTemplates.$inferInsert) {
  await db.insert(scorecardTemplates).values(row);
}

export async function updateTemplate(
  db: Db,
  orgId: string,
  id: string,
  set: Partial<typeof scorecardTemplates.$inferInsert>,
) {
  await db
    .update(scorecardTemplates)
    .set(set)
    .where(and(eq(scorecardTemplates.orgId, orgId), eq(scorecardTemplates.id, id)));
}

export async function deleteTemplate(db: Db, orgId: string, id: string) {
  await db
    .delete(scorecardTemplates)
    .where(and(eq(scorecardTemplates.orgId, orgId), eq(scorecardTemplates.id, id)));
}

const managerColumns = sql`u.id, u.name, u.team_id as "teamId", t.name as "teamName", u.role, u.level,
  u.hire_date::text as "hireDate"`;

/** One person with their team's name (any role or status). */
export async function findPerson(db: Db, orgId: string, id: string): Promise<ManagerRow | null> {
  const [row] = await queryRows<ManagerRow>(
    db,
    sql`select ${managerColumns} from users u left join teams t on t.org_id = u.org_id and t.id = u.team_id
         where u.org_id = ${orgId} and u.id = ${id}`,
  );
  return row ?? null;
}

/** Active managers of the organization, or of these teams, by name. */
export async function activeManagers(db: Db, orgId: string, teamIds?: string[]): Promise<ManagerRow[]> {
  const inTeams = teamIds ? sql`and u.team_id = any(${uuidArray(teamIds)})` : sql``;
  if (teamIds && !teamIds.length) return [];
  return queryRows<ManagerRow>(
    db,
    sql`select ${managerColumns} from users u left join teams t on t.org_id = u.org_id and t.id = u.team_id
         where u.org_id = ${orgId} and u.role = 'manager' and u.status = 'active' ${inTeams}
         order by u.name, u.id`,
  );
}

/** Ratings of a person whose period overlaps from..to. */
export const ratingsFor = (db: Db, orgId: string, managerId: string, from: string, to: string) =>
  db
    .select()
    .from(qualitativeRatings)
    .where(
      and(
        eq(qualitativeRatings.orgId, orgId),
        eq(qualitativeRatings.managerId, managerId),
        sql`${qualitativeRatings.periodStart} <= ${to}::date and ${qualitativeRatings.periodEnd} >= ${from}::date`,
      ),
    )
    .orderBy(asc(qualitativeRatings.periodStart), asc(qualitativeRatings.dimension));

export async function findRating(
  db: Db,
  orgId: string,
  key: { managerId: string; periodStart: string; periodEnd: string; dimension: string },
): Promise<RatingRow | null> {
  const [row] = await db
    .select()
    .from(qualitativeRatings)
    .where(
      and(
        eq(qualitativeRatings.orgId, orgId),
        eq(qualitativeRatings.managerId, key.managerId),
        eq(qualitativeRatings.periodStart, key.periodStart),
        eq(qualitativeRatings.periodEnd, key.periodEnd),
        eq(qualitativeRatings.dimension, key.dimension),
      ),
    )
    .limit(1)
    .for('update');
  return row ?? null;
}

export async function insertRating(db: Db, row: typeof qualitativeRatings.$inferInsert) {
  await db.insert(qualitativeRatings).values(row);
}

export async function updateRating(
  db: Db,
  orgId: string,
  id: string,
  set: Partial<typeof qualitativeRatings.$inferInsert>,
) {
  await db
    .update(qualitativeRatings)
    .set(set)
    .where(and(eq(qualitativeRatings.orgId, orgId), eq(qualitativeRatings.id, id)));
}
