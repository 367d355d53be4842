import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { notifications } from '../../db/schema/index.js';
import type { Cursor } from '../../platform/pagination.js';

export type NotificationRow = typeof notifications.$inferSelect;

/** The one scope of this feature: a user's own notifications, never anyone else's. */
export const ownedBy = (orgId: string, userId: string): SQL =>
  and(eq(notifications.orgId, orgId), eq(notifications.userId, userId))!;

export const unreadOnly = (): SQL => isNull(notifications.readAt);
export const byId = (id: string): SQL => eq(notifications.id, id);

/** Newest first: keyset on (created_at, id) descending. */
export const after = (c: Cursor): SQL =>
  sql`(${notifications.createdAt}, ${notifications.id}) < (${c.v}::timestamptz, ${c.id})`;

export const cursorOf = (r: NotificationRow): Cursor => ({ v: r.createdAt.toISOString(), id: r.id });

export async function listNotifications(db: Db, where: SQL[], limit: number): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(and(...where))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function countNotifications(db: Db, where: SQL[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(...where));
  return row?.n ?? 0;
}

export async function findNotification(db: Db, scope: SQL, id: string): Promise<NotificationRow | null> {
  const rows = await db
    .select()
    .from(notifications)
    .where(and(scope, eq(notifications.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

/** Stamps read_at on unread rows matching `where`; returns the rows changed. */
export async function markRead(db: Db, where: SQL[], at: Date): Promise<NotificationRow[]> {
  return db
    .update(notifications)
    .set({ readAt: at })
    .where(and(...where, isNull(notifications.readAt)))
    .returning();
}

export async function insertNotification(
  db: Db,
  row: typeof notifications.$inferInsert,
): Promise<NotificationRow | null> {
  const [created] = await db.insert(notifications).values(row).onConflictDoNothing().returning();
  return created ?? null;
}
