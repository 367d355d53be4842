import type { AuditListQuery } from '@steward/contracts';
import { addLocalDays, startOfLocalDay } from '@steward/core';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { forbidden } from '../../platform/errors.js';
import { orgTimeZone } from '../../platform/organization.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import * as repo from './repo.js';

type AuditFilters = Omit<AuditListQuery, 'limit' | 'cursor'>;

const mayRead = (actor: Actor) => {
  if (actor.role !== 'admin' && actor.role !== 'director')
    throw forbidden('Only administrators and directors may read the audit log.');
};

/** The query's filters as SQL; `from`/`to` are whole local days of the organization. */
async function filtersOf(deps: Deps, actor: Actor, q: AuditFilters) {
  const timeZone = q.from || q.to ? await orgTimeZone(deps.db, actor.orgId) : 'UTC';
  return repo.auditFilters({
    ...q,
    since: q.from ? startOfLocalDay(q.from, timeZone) : undefined,
    until: q.to ? startOfLocalDay(addLocalDays(q.to, 1), timeZone) : undefined,
  });
}

/** The audit log of the actor's organization, newest first; administrators and directors only. */
export async function listAuditLog(
  deps: Deps,
  actor: Actor,
  q: AuditFilters & { limit: number; cursor?: string },
) {
  mayRead(actor);
  const cursor = decodeCursor(q.cursor);
  const filters = await filtersOf(deps, actor, q);
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

/** How many entries match the filters (for exports). */
export async function countAuditLog(deps: Deps, actor: Actor, q: AuditFilters) {
  mayRead(actor);
  return repo.countAudit(deps.db, actor.orgId, await filtersOf(deps, actor, q));
}
