import type { NotificationListQuery } from '@steward/contracts';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { notificationNotFound } from './errors.js';
import { presentNotification } from './presenter.js';
import * as repo from './repo.js';

/**
 * Notification center of the signed-in user. Reads and read-marks are the user's own business,
 * so they are not audited; what caused a notification is audited by the feature that sent it.
 */
export async function listNotifications(deps: Deps, actor: Actor, query: NotificationListQuery) {
  const cursor = decodeCursor(query.cursor);
  const where = [repo.ownedBy(actor.orgId, actor.userId)];
  if (query.unread === 'true') where.push(repo.unreadOnly());
  if (cursor) where.push(repo.after(cursor));
  const rows = await repo.listNotifications(deps.db, where, query.limit + 1);
  const page = pageOf(rows, query.limit, repo.cursorOf);
  return { data: page.data.map(presentNotification), nextCursor: page.nextCursor };
}

export async function unreadCount(deps: Deps, actor: Actor) {
  return {
    count: await repo.countNotifications(deps.db, [
      repo.ownedBy(actor.orgId, actor.userId),
      repo.unreadOnly(),
    ]),
  };
}

/** Marks one of the caller's notifications read (again is a no-op); 404 for anyone else's. */
export async function markRead(deps: Deps, actor: Actor, id: string) {
  const scope = repo.ownedBy(actor.orgId, actor.userId);
  const row = await repo.findNotification(deps.db, scope, id);
  if (!row) throw notificationNotFound();
  if (row.readAt) return presentNotification(row);
  const [updated] = await repo.markRead(deps.db, [scope, repo.byId(id)], deps.now());
  return presentNotification(updated ?? row);
}

export async function markAllRead(deps: Deps, actor: Actor) {
  const rows = await repo.markRead(deps.db, [repo.ownedBy(actor.orgId, actor.userId)], deps.now());
  return { updated: rows.length };
}

/**
 * Sends a notification to a user; other features call this with their own transaction so the
 * notification commits with the change it announces. A repeated `dedupeKey` sends nothing.
 */
export async function notify(
  tx: Db,
  n: {
    orgId: string;
    userId: string;
    kind: string;
    data: Record<string, unknown>;
    entity?: string | null;
    entityId?: string | null;
    dedupeKey?: string | null;
    at: Date;
  },
) {
  const row = await repo.insertNotification(tx, {
    orgId: n.orgId,
    id: newId(),
    userId: n.userId,
    kind: n.kind,
    data: n.data,
    entity: n.entity ?? null,
    entityId: n.entityId ?? null,
    dedupeKey: n.dedupeKey ?? null,
    createdAt: n.at,
  });
  return row ? presentNotification(row) : null;
}
