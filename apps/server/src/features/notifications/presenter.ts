import type { NotificationOut } from '@steward/contracts';
import type { NotificationRow } from './repo.js';

/** Row → API shape. */
export function presentNotification(n: NotificationRow): NotificationOut {
  return {
    id: n.id,
    kind: n.kind,
    data: n.data,
    entity: n.entity,
    entityId: n.entityId,
    readAt: n.readAt ? n.readAt.toISOString() : null,
    createdAt: n.createdAt.toISOString(),
  };
}
