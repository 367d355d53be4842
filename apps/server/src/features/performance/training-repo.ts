import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { uuidArray } from '../../db/sql-arrays.js';
import type { Db } from '../../db/client.js';
import { careerLevels, trainingRecords, users } from '../../db/schema/index.js';

export type TrainingRow = typeof trainingRecords.$inferSelect & { managerName: string | null };
export type LevelRow = typeof careerLevels.$inferSelect;

export async function listTraining(db: Db, where: SQL[]): Promise<TrainingRow[]> {
  const rows = await db
    .select({ r: trainingRecords, managerName: users.name })
    .from(trainingRecords)
    .leftJoin(users, and(eq(users.orgId, trainingRecords.orgId), eq(users.id, trainingRecords.managerId)))
    .where(and(...where))
    .orderBy(desc(trainingRecords.completedOn), desc(trainingRecords.createdAt));
  return rows.map((x) => ({ ...x.r, managerName: x.managerName }));
}

export const trainingOf = (orgId: string, managerIds: string[] | null): SQL[] => [
  eq(trainingRecords.orgId, orgId),
  ...(managerIds ? [sql`${trainingRecords.managerId} = any(${uuidArray(managerIds)})`] : []),
];

/** Training records up to a day (what was known on it). */
export const completedBy = (day: string): SQL => sql`${trainingRecords.completedOn} <= ${day}::date`;

export async function insertTraining(db: Db, row: typeof trainingRecords.$inferInsert) {
  await db.insert(trainingRecords).values(row);
}

export const listLevels = (db: Db, orgId: string) =>
  db
    .select()
    .from(careerLevels)
    .where(eq(careerLevels.orgId, orgId))
    .orderBy(asc(careerLevels.rank), asc(careerLevels.code));

export async function findLevel(db: Db, orgId: string, code: string, lock = false): Promise<LevelRow | null> {
  const q = db
    .select()
    .from(careerLevels)
    .where(and(eq(careerLevels.orgId, orgId), eq(careerLevels.code, code)))
    .limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** Inserts a level; false when the code is taken. */
export async function insertLevel(db: Db, row: typeof careerLevels.$inferInsert): Promise<boolean> {
  const inserted = await db
    .insert(careerLevels)
    .values(row)
    .onConflictDoNothing()
    .returning({ code: careerLevels.code });
  return inserted.length > 0;
}

export async function updateLevel(
  db: Db,
  orgId: string,
  code: string,
  set: Partial<typeof careerLevels.$inferInsert>,
) {
  await db
    .update(careerLevels)
    .set(set)
    .where(and(eq(careerLevels.orgId, orgId), eq(careerLevels.code, code)));
}

export async function deleteLevel(db: Db, orgId: string, code: string) {
  await db.delete(careerLevels).where(and(eq(careerLevels.orgId, orgId), eq(careerLevels.code, code)));
}
