import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog, users } from '../../db/schema/index.js';

export async function listAudit(db: Db, orgId: string, filters: SQL[], limit: number) {
  return db
    .select({ a: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, and(eq(users.orgId, auditLog.orgId), eq(users.id, auditLog.actorId)))
    .where(and(eq(auditLog.orgId, orgId), ...filters))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

export const auditFilters = (q: { entityId?: string; actorId?: string; action?: string }) => [
  ...(q.entityId ? [eq(auditLog.entityId, q.entityId)] : []),
  ...(q.actorId ? [eq(auditLog.actorId, q.actorId)] : []),
  ...(q.action ? [eq(auditLog.action, q.action)] : []),
];

export const afterCursor = (at: string, id: string) =>
  sql`(${auditLog.at}, ${auditLog.id}) < (${at}::timestamptz, ${id})`;
