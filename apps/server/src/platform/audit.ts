import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import { newId } from './ids.js';
import type { Actor } from './actor.js';

/**
 * Writes one audit row. Always called with the transaction of the write it records, so the row
 * commits or rolls back with it.
 */
export async function audit(
  tx: Db,
  actor: Pick<Actor, 'orgId' | 'userId'>,
  action: string,
  entity: string,
  entityId: string | null,
  data?: Record<string, unknown>,
): Promise<void> {
  await tx.insert(auditLog).values({
    orgId: actor.orgId,
    id: newId(),
    actorId: actor.userId,
    action,
    entity,
    entityId,
    data: data ?? null,
  });
}
