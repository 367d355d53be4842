import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { GoalListQuery } from '@steward/contracts';
import type { Db } from '../../db/client.js';
import { goals } from '../../db/schema/index.js';
import type { Cursor } from '../../platform/pagination.js';

export type GoalRow = typeof goals.$inferSelect;
export type GoalWithName = GoalRow & { subjectName: string | null };

const subjectName = sql<string | null>`(case when ${goals.subjectType} = 'manager'
  then (select u.name from users u where u.org_id = ${goals.orgId} and u.id = ${goals.subjectId})
  else (select t.name from teams t where t.org_id = ${goals.orgId} and t.id = ${goals.subjectId}) end)`;

const base = (db: Db) => db.select({ goal: goals, subjectName }).from(goals);
const flatten = (r: { goal: GoalRow; subjectName: string | null }): GoalWithName => ({
  ...r.goal,
  subjectName: r.subjectName,
});

export function filterConditions(q: GoalListQuery): SQL[] {
  const out: SQL[] = [];
  if (q.subjectType) out.push(eq(goals.subjectType, q.subjectType));
  if (q.subjectId) out.push(eq(goals.subjectId, q.subjectId));
  if (q.kpi) out.push(eq(goals.kpi, q.kpi));
  if (q.activeOn)
    out.push(sql`${goals.periodStart} <= ${q.activeOn}::date and ${goals.periodEnd} >= ${q.activeOn}::date`);
  return out;
}

/** Newest first: keyset on (created_at, id) descending. */
export const after = (c: Cursor): SQL =>
  sql`(${goals.createdAt}, ${goals.id}) < (${c.v}::timestamptz, ${c.id})`;
export const cursorOf = (r: GoalRow): Cursor => ({ v: r.createdAt.toISOString(), id: r.id });

export async function listGoals(db: Db, where: SQL[], limit: number): Promise<GoalWithName[]> {
  const rows = await base(db)
    .where(and(...where))
    .orderBy(desc(goals.createdAt), desc(goals.id))
    .limit(limit);
  return rows.map(flatten);
}

export async function findGoal(db: Db, scope: SQL, id: string, lock = false): Promise<GoalWithName | null> {
  const q = base(db)
    .where(and(scope, eq(goals.id, id)))
    .limit(1);
  const rows = lock ? await q.for('update', { of: goals }) : await q;
  return rows[0] ? flatten(rows[0]) : null;
}

export async function insertGoals(db: Db, rows: (typeof goals.$inferInsert)[]) {
  if (!rows.length) return [];
  return db.insert(goals).values(rows).returning({ id: goals.id });
}

export async function updateGoal(db: Db, orgId: string, id: string, set: Partial<typeof goals.$inferInsert>) {
  await db
    .update(goals)
    .set(set)
    .where(and(eq(goals.orgId, orgId), eq(goals.id, id)));
}

export async function deleteGoal(db: Db, orgId: string, id: string) {
  await db
    .update(goals)
    .set({ parentGoalId: null })
    .where(and(eq(goals.orgId, orgId), eq(goals.parentGoalId, id)));
  await db.delete(goals).where(and(eq(goals.orgId, orgId), eq(goals.id, id)));
}

export async function childCount(db: Db, orgId: string, id: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(goals)
    .where(and(eq(goals.orgId, orgId), eq(goals.parentGoalId, id)));
  return row?.n ?? 0;
}

export async function goalsByIds(db: Db, orgId: string, ids: string[]): Promise<GoalWithName[]> {
  if (!ids.length) return [];
  const rows = await base(db)
    .where(and(eq(goals.orgId, orgId), inArray(goals.id, ids)))
    .orderBy(goals.createdAt, goals.id);
  return rows.map(flatten);
}

/** Goals running on a local day and created by `asOf` (the goal-watch job's view). */
export async function runningGoals(db: Db, orgId: string, day: string, asOf: Date): Promise<GoalRow[]> {
  return db
    .select()
    .from(goals)
    .where(
      and(
        eq(goals.orgId, orgId),
        sql`${goals.periodStart} <= ${day}::date and ${goals.periodEnd} >= ${day}::date`,
        sql`${goals.createdAt} <= ${asOf.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(goals.id);
}
