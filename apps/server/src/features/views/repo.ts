import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { savedViews, teams, users } from '../../db/schema/index.js';

export type SavedViewRow = typeof savedViews.$inferSelect;
export type SavedViewWithNames = SavedViewRow & { ownerName: string | null; sharedTeamName: string | null };

const selection = {
  view: savedViews,
  ownerName: sql<
    string | null
  >`(select u.name from ${users} u where u.org_id = ${savedViews.orgId} and u.id = ${savedViews.userId})`,
  sharedTeamName: sql<
    string | null
  >`(select t.name from ${teams} t where t.org_id = ${savedViews.orgId} and t.id = ${savedViews.sharedTeamId})`,
};
const flatten = (r: { view: SavedViewRow; ownerName: string | null; sharedTeamName: string | null }) => ({
  ...r.view,
  ownerName: r.ownerName,
  sharedTeamName: r.sharedTeamName,
});

/** The views a user sees: their own, and those shared with one of their teams. */
export function visibleTo(orgId: string, userId: string, teamIds: string[]): SQL {
  const shared = teamIds.length ? inArray(savedViews.sharedTeamId, teamIds) : sql`false`;
  return and(eq(savedViews.orgId, orgId), or(eq(savedViews.userId, userId), shared))!;
}

export async function listViews(db: Db, scope: SQL, list: string): Promise<SavedViewWithNames[]> {
  const rows = await db
    .select(selection)
    .from(savedViews)
    .where(and(scope, eq(savedViews.list, list)))
    .orderBy(asc(savedViews.name), asc(savedViews.id));
  return rows.map(flatten);
}

export async function findView(db: Db, scope: SQL, id: string): Promise<SavedViewWithNames | null> {
  const [row] = await db
    .select(selection)
    .from(savedViews)
    .where(and(scope, eq(savedViews.id, id)));
  return row ? flatten(row) : null;
}

export async function insertView(db: Db, row: typeof savedViews.$inferInsert) {
  await db.insert(savedViews).values(row);
}

export async function updateView(
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<typeof savedViews.$inferInsert>,
) {
  await db
    .update(savedViews)
    .set(patch)
    .where(and(eq(savedViews.orgId, orgId), eq(savedViews.id, id)));
}

export async function deleteView(db: Db, orgId: string, id: string) {
  await db.delete(savedViews).where(and(eq(savedViews.orgId, orgId), eq(savedViews.id, id)));
}
