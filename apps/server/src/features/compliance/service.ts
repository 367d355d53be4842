import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden } from '../../platform/errors.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import * as repo from './repo.js';

/** The audit log of the actor's organization, newest first; administrators and directors only. */
export async function listAuditLog(
  deps: Deps,
  actor: Actor,
  q: { limit: number; cursor?: string; entityId?: string; actorId?: string; action?: string },
) {
  if (actor.role !== 'admin' && actor.role !== 'director')
    throw forbidden('Only administrators and directors may read the audit log.');
  const cursor = decodeCursor(q.cursor);
  const filters = repo.auditFilters(q);
  if (cursor) filters.push(repo.afterCursor(String(cursor.v), cursor.id));
  const rows = await repo.listAudit(deps.db, actor.orgId, filters, q.limit + 1);
  const page = pageOf(rows, q.limit, (r) => ({ v: r.a.at.toISOString(), id: r.a.id }));
  return {
    data: page.data.map((r) => ({
      id: r.a.id,
      at: r.a.at.toISOString(),
      actorId: r.a.actorId,
      actorName: r.actorName,
      action: r.a.action,
      entity: r.a.entity,
      entityId: r.a.entityId,
      data: (r.a.data ?? {}) as Record<string, unknown>,
    })),
    nextCursor: page.nextCursor,
  };
}
