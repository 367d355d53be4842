import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { customFieldDefs, teams, users } from '../../db/schema/index.js';

export const listTeams = (db: Db, orgId: string) =>
  db.select().from(teams).where(eq(teams.orgId, orgId)).orderBy(asc(teams.name));

export const listUsers = (db: Db, orgId: string) =>
  db
    .select({ id: users.id, name: users.name, role: users.role, teamId: users.teamId, status: users.status })
    .from(users)
    .where(eq(users.orgId, orgId))
    .orderBy(asc(users.name));

export const listCustomFieldDefs = (db: Db, orgId: string) =>
  db
    .select()
    .from(customFieldDefs)
    .where(eq(customFieldDefs.orgId, orgId))
    .orderBy(asc(customFieldDefs.createdAt));

export const findCustomFieldDef = async (db: Db, orgId: string, entity: string, key: string) =>
  (
    await db
      .select()
      .from(customFieldDefs)
      .where(
        and(
          eq(customFieldDefs.orgId, orgId),
          eq(customFieldDefs.entity, entity),
          eq(customFieldDefs.key, key),
        ),
      )
  )[0] ?? null;

export const insertCustomFieldDef = async (db: Db, row: typeof customFieldDefs.$inferInsert) =>
  (await db.insert(customFieldDefs).values(row).returning())[0]!;
