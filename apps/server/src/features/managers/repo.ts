import { and, asc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  customFieldDefs,
  customers,
  fieldHistory,
  sessions,
  tasks,
  teams,
  users,
} from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';

// ---- users -------------------------------------------------------------------------------

/** Customers the user holds now (not deleted): their load. */
// Qualified by hand: Drizzle leaves columns unqualified in single-table selects.
const load = sql<number>`(select count(*)::int from customers c where c.org_id = "users"."org_id" and c.owner_id = "users"."id" and c.deleted_at is null)`;

const userColumns = {
  id: users.id,
  orgId: users.orgId,
  email: users.email,
  name: users.name,
  role: users.role,
  teamId: users.teamId,
  status: users.status,
  level: users.level,
  capacity: users.capacity,
  regions: users.regions,
  industries: users.industries,
  languages: users.languages,
  hireDate: users.hireDate,
  createdAt: users.createdAt,
  load,
};
export type UserRow = {
  [K in keyof typeof userColumns]: K extends 'load'
    ? number
    : (typeof users.$inferSelect)[Exclude<K, 'load'>];
};

export const listUsers = (
  db: Db,
  orgId: string,
  filters: { teamId?: string; role?: string; status?: string } = {},
): Promise<UserRow[]> => {
  const where: SQL[] = [eq(users.orgId, orgId)];
  if (filters.teamId) where.push(eq(users.teamId, filters.teamId));
  if (filters.role) where.push(eq(users.role, filters.role));
  if (filters.status) where.push(eq(users.status, filters.status));
  return db
    .select(userColumns)
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.name), asc(users.id));
};

export const findUser = async (db: Db, orgId: string, id: string): Promise<UserRow | null> =>
  (
    await db
      .select(userColumns)
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.id, id)))
  )[0] ?? null;

/** Locks the user row for the rest of the transaction (edits and handovers queue up). */
export const lockUser = async (db: Db, orgId: string, id: string) =>
  (
    await db
      .select()
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.id, id)))
      .for('update')
  )[0] ?? null;

/** E-mails are unique across every organization (sign-in is by e-mail alone). */
export const emailTaken = async (db: Db, email: string) =>
  (
    await db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
      .limit(1)
  ).length > 0;

export const insertUser = async (db: Db, row: typeof users.$inferInsert) => {
  await db.insert(users).values(row);
};

export const updateUser = async (
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<typeof users.$inferInsert>,
) => {
  await db
    .update(users)
    .set(patch)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
};

/** Customers held by the user, counted by tier (the book). */
export const bookByTier = (db: Db, orgId: string, userId: string) =>
  db
    .select({ tier: customers.tier, n: sql<number>`count(*)::int` })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.ownerId, userId), isNull(customers.deletedAt)))
    .groupBy(customers.tier);

/** Moves the team of every customer the user owns; returns their ids and previous teams. */
export const moveOwnedCustomersTeam = (
  db: Db,
  orgId: string,
  userId: string,
  teamId: string | null,
  now: Date,
) =>
  db
    .update(customers)
    .set({ teamId, updatedAt: now })
    .where(and(eq(customers.orgId, orgId), eq(customers.ownerId, userId), isNull(customers.deletedAt)))
    .returning({ id: customers.id });

export type FieldChange = {
  entity: string;
  entityId: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
};

export async function insertFieldHistory(
  db: Db,
  orgId: string,
  actorId: string,
  at: Date,
  changes: FieldChange[],
) {
  for (let i = 0; i < changes.length; i += 1000) {
    await db
      .insert(fieldHistory)
      .values(changes.slice(i, i + 1000).map((c) => ({ orgId, id: newId(), actorId, at, ...c })));
  }
}

/** Signs the user out everywhere at once. */
export const deleteSessions = (db: Db, orgId: string, userId: string) =>
  db.delete(sessions).where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId)));

// ---- handover ------------------------------------------------------------------------------

export const ownedCustomers = (db: Db, orgId: string, userId: string) =>
  db
    .select({
      id: customers.id,
      tier: customers.tier,
      region: customers.region,
      industry: customers.industry,
    })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.ownerId, userId), isNull(customers.deletedAt)))
    .orderBy(asc(customers.id))
    .for('update');

export const openTasksOf = (db: Db, orgId: string, userId: string) =>
  db
    .select({ id: tasks.id, customerId: tasks.customerId })
    .from(tasks)
    .where(
      and(
        eq(tasks.orgId, orgId),
        eq(tasks.assigneeId, userId),
        inArray(tasks.status, ['open', 'in_progress']),
      ),
    )
    .orderBy(asc(tasks.id))
    .for('update');

export const reassignTask = (db: Db, orgId: string, taskId: string, assigneeId: string, now: Date) =>
  db
    .update(tasks)
    .set({ assigneeId, updatedAt: now })
    .where(and(eq(tasks.orgId, orgId), eq(tasks.id, taskId)));

/** Active users who may own customers, other than `exceptId`, with their load. */
export const activeOwners = (
  db: Db,
  orgId: string,
  exceptId: string,
  filter: { teamId?: string; ids?: string[]; roles: string[] },
): Promise<UserRow[]> => {
  const where: SQL[] = [
    eq(users.orgId, orgId),
    ne(users.id, exceptId),
    eq(users.status, 'active'),
    inArray(users.role, filter.roles),
  ];
  if (filter.teamId) where.push(eq(users.teamId, filter.teamId));
  if (filter.ids) where.push(filter.ids.length ? inArray(users.id, filter.ids) : sql`false`);
  return db
    .select(userColumns)
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.id))
    .for('update');
};

// ---- teams ---------------------------------------------------------------------------------

export const listTeams = (db: Db, orgId: string) =>
  db.select().from(teams).where(eq(teams.orgId, orgId)).orderBy(asc(teams.name));

export const findTeam = async (db: Db, orgId: string, id: string) =>
  (
    await db
      .select()
      .from(teams)
      .where(and(eq(teams.orgId, orgId), eq(teams.id, id)))
  )[0] ?? null;

export const insertTeam = async (db: Db, row: typeof teams.$inferInsert) =>
  (await db.insert(teams).values(row).returning())[0]!;

export const updateTeam = async (
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<typeof teams.$inferInsert>,
) =>
  (
    await db
      .update(teams)
      .set(patch)
      .where(and(eq(teams.orgId, orgId), eq(teams.id, id)))
      .returning()
  )[0]!;

export const deleteTeam = (db: Db, orgId: string, id: string) =>
  db.delete(teams).where(and(eq(teams.orgId, orgId), eq(teams.id, id)));

export async function teamUsage(db: Db, orgId: string, id: string) {
  const [m] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.teamId, id)));
  const [s] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.parentId, id)));
  return { members: m?.n ?? 0, subTeams: s?.n ?? 0 };
}

// ---- custom fields -------------------------------------------------------------------------

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
