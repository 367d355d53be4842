import { sql, type SQL } from 'drizzle-orm';
import type { WebhookEvent } from '@steward/core';
import { queryRows, type Db } from '../../db/client.js';

/**
 * Webhook emission as an outbox: one `webhook_deliveries` row per active webhook of the
 * organization subscribed to the event, written in the caller's transaction — when the write rolls
 * back, nothing is sent. The delivery worker is nudged; it also polls, so a nudge that comes before
 * the commit is only a lost shortcut, never a lost event.
 */
export async function emitEvent(
  tx: Db,
  orgId: string,
  event: WebhookEvent,
  payload: Record<string, unknown>,
  at: Date,
): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`insert into webhook_deliveries (org_id, id, webhook_id, event, payload, status, attempts, next_attempt_at, created_at)
        select w.org_id, gen_random_uuid(), w.id, ${event}::text, ${JSON.stringify(payload)}::jsonb, 'pending', 0,
               ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz
          from webhooks w
         where w.org_id = ${orgId}::uuid and w.active and ${event}::text = any(w.events)
        returning id`,
  );
  if (rows.length) nudgeDeliveries();
  return rows.length;
}

/** Many events of one kind in one statement (a job's chunk): one delivery per payload and webhook. */
export async function emitEvents(
  tx: Db,
  orgId: string,
  event: WebhookEvent,
  payloads: Record<string, unknown>[],
  at: Date,
): Promise<number> {
  if (!payloads.length) return 0;
  const rows = await queryRows<{ n: number }>(
    tx,
    sql`with ins as (${outboxInsert(
      sql`${orgId}::uuid`,
      event,
      sql`jsonb_array_elements(${JSON.stringify(payloads)}::jsonb) as e(p)`,
      sql`e.p`,
      sql`${at.toISOString()}::timestamptz`,
    )} returning 1) select count(*)::int as n from ins`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * The same outbox for set-based jobs: an INSERT … SELECT to put in a data-modifying CTE, one
 * delivery per row of `from` (e.g. sql`hit h`) and subscribed webhook, with `payload` a jsonb
 * expression over `from`'s alias. Building it nudges the worker.
 */
export function outboxInsert(orgId: SQL, event: WebhookEvent, from: SQL, payload: SQL, at: SQL): SQL {
  nudgeDeliveries();
  return sql`insert into webhook_deliveries (org_id, id, webhook_id, event, payload, status, attempts, next_attempt_at, created_at)
    select w.org_id, gen_random_uuid(), w.id, ${event}::text, ${payload}, 'pending', 0, ${at}, ${at}
      from ${from} cross join webhooks w
     where w.org_id = ${orgId} and w.active and ${event}::text = any(w.events)`;
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** Wakes the delivery workers of this process (features/webhooks/worker.ts). */
export function nudgeDeliveries() {
  for (const l of listeners) l();
}

export function onNudge(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
