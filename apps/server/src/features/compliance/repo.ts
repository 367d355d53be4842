import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
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

export async function countAudit(db: Db, orgId: string, filters: SQL[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), ...filters));
  return row?.n ?? 0;
}

export type AuditFilter = {
  entityId?: string;
  actorId?: string;
  action?: string;
  entity?: string;
  /** Instants: from included, until excluded. */
  since?: Date;
  until?: Date;
};

export const auditFilters = (q: AuditFilter) => [
  ...(q.entityId ? [eq(auditLog.entityId, q.entityId)] : []),
  ...(q.actorId ? [eq(auditLog.actorId, q.actorId)] : []),
  ...(q.action ? [eq(auditLog.action, q.action)] : []),
  ...(q.entity ? [eq(auditLog.entity, q.entity)] : []),
  ...(q.since ? [gte(auditLog.at, q.since)] : []),
  ...(q.until ? [lt(auditLog.at, q.until)] : []),
];

export const afterCursor = (at: string, id: string) =>
  sql`(${auditLog.at}, ${auditLog.id}) < (${at}::timestamptz, ${id})`;
