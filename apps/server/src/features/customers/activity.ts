import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { InteractionCreate, TimelineItem } from '@steward/contracts';
import { customers, fieldHistory, interactions, orders, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { validationFailed } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { customerPolicy } from './policy.js';
import { queryRows } from '../../db/client.js';
import { loadVisible } from './service.js';
import { completeTaskByInteraction } from '../visits/complete.js';

const iso = (d: Date) => d.toISOString();

export async function logInteraction(
  deps: Deps,
  actor: Actor,
  customerId: string,
  input: z.infer<typeof InteractionCreate>,
) {
  customerPolicy.assertCanWrite(actor);
  const occurredAt = new Date(input.occurredAt);
  return deps.db.transaction(async (tx) => {
    const customer = await loadVisible(tx, actor, customerId, true);
    if (input.contactId) {
      const [c] = await queryRows<{ id: string }>(
        tx,
        sql`select id from contacts where org_id = ${actor.orgId} and customer_id = ${customerId} and id = ${input.contactId}`,
      );
      if (!c) throw validationFailed([{ path: 'contactId', message: 'not a contact of this customer' }]);
    }
    const [row] = await tx
      .insert(interactions)
      .values({
        orgId: actor.orgId,
        id: newId(),
        customerId,
        contactId: input.contactId ?? null,
        userId: actor.userId,
        type: input.type,
        occurredAt,
        summary: input.summary,
        outcome: input.outcome ?? null,
        nextStep: input.nextStep ?? null,
        feedback: input.feedback ?? null,
        taskId: input.taskId ?? null,
        createdAt: deps.now(),
      })
      .returning();
    if (input.taskId)
      await completeTaskByInteraction(tx, actor, customer, input.taskId, occurredAt, deps.now());
    if (!customer.lastContactedAt || customer.lastContactedAt < occurredAt) {
      await tx
        .update(customers)
        .set({ lastContactedAt: occurredAt })
        .where(and(eq(customers.orgId, actor.orgId), eq(customers.id, customerId)));
    }
    await audit(tx, actor, 'interaction.create', 'interaction', row!.id, {
      customerId,
      type: input.type,
      ...(input.taskId ? { taskId: input.taskId } : {}),
    });
    return presentInteraction({ ...row!, userName: actor.name });
  });
}

function presentInteraction(r: typeof interactions.$inferSelect & { userName: string | null }) {
  return {
    id: r.id,
    customerId: r.customerId,
    contactId: r.contactId,
    userId: r.userId,
    userName: r.userName,
    type: r.type as 'call',
    occurredAt: iso(r.occurredAt),
    summary: r.summary,
    outcome: r.outcome,
    nextStep: r.nextStep,
    taskId: r.taskId,
    feedback: r.feedback,
    createdAt: iso(r.createdAt),
  };
}

export async function listInteractions(
  deps: Deps,
  actor: Actor,
  customerId: string,
  limit: number,
  rawCursor?: string,
) {
  await loadVisible(deps.db, actor, customerId);
  const cursor = decodeCursor(rawCursor);
  const rows = await deps.db
    .select({ i: interactions, userName: users.name })
    .from(interactions)
    .leftJoin(users, and(eq(users.orgId, interactions.orgId), eq(users.id, interactions.userId)))
    .where(
      and(
        eq(interactions.orgId, actor.orgId),
        eq(interactions.customerId, customerId),
        cursor
          ? sql`(${interactions.occurredAt}, ${interactions.id}) < (${cursor.v}::timestamptz, ${cursor.id})`
          : undefined,
      ),
    )
    .orderBy(desc(interactions.occurredAt), desc(interactions.id))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => ({ v: iso(r.i.occurredAt), id: r.i.id }));
  return {
    data: page.data.map((r) => presentInteraction({ ...r.i, userName: r.userName })),
    nextCursor: page.nextCursor,
  };
}

export async function listOrders(
  deps: Deps,
  actor: Actor,
  customerId: string,
  limit: number,
  rawCursor?: string,
) {
  await loadVisible(deps.db, actor, customerId);
  const cursor = decodeCursor(rawCursor);
  const rows = await deps.db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.orgId, actor.orgId),
        eq(orders.customerId, customerId),
        cursor
          ? sql`(${orders.orderedAt}, ${orders.id}) < (${cursor.v}::timestamptz, ${cursor.id})`
          : undefined,
      ),
    )
    .orderBy(desc(orders.orderedAt), desc(orders.id))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => ({ v: iso(r.orderedAt), id: r.id }));
  return {
    data: page.data.map((o) => ({
      id: o.id,
      customerId: o.customerId,
      externalId: o.externalId,
      orderedAt: iso(o.orderedAt),
      amount: Number(o.amount),
      currency: o.currency,
      channel: o.channel,
      lines: o.lines,
    })),
    nextCursor: page.nextCursor,
  };
}

export async function listHistory(
  deps: Deps,
  actor: Actor,
  customerId: string,
  limit: number,
  rawCursor?: string,
) {
  const customer = await loadVisible(deps.db, actor, customerId);
  const cursor = decodeCursor(rawCursor);
  const rows = await deps.db
    .select({ h: fieldHistory, actorName: users.name })
    .from(fieldHistory)
    .leftJoin(users, and(eq(users.orgId, fieldHistory.orgId), eq(users.id, fieldHistory.actorId)))
    .where(
      and(
        eq(fieldHistory.orgId, actor.orgId),
        eq(fieldHistory.entityId, customerId),
        cursor
          ? sql`(${fieldHistory.at}, ${fieldHistory.id}) < (${cursor.v}::timestamptz, ${cursor.id})`
          : undefined,
      ),
    )
    .orderBy(desc(fieldHistory.at), desc(fieldHistory.id))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => ({ v: iso(r.h.at), id: r.h.id }));
  const sensitive = customerPolicy.sensitive(actor, customer);
  return {
    data: page.data.map((r) => ({
      id: r.h.id,
      field: r.h.field,
      oldValue: maskHistory(r.h.field, r.h.oldValue, sensitive),
      newValue: maskHistory(r.h.field, r.h.newValue, sensitive),
      actorId: r.h.actorId,
      actorName: r.actorName,
      at: iso(r.h.at),
    })),
    nextCursor: page.nextCursor,
  };
}

const SENSITIVE_FIELDS = new Set([
  'phone',
  'email',
  'idNumber',
  'contact.phone',
  'contact.email',
  'contact.wechat',
]);
const maskHistory = (field: string, value: unknown, sensitive: boolean) =>
  !sensitive && SENSITIVE_FIELDS.has(field) && value != null ? '***' : value;

type TimelineRow = {
  kind: TimelineItem['kind'];
  id: string;
  at: Date | string;
  title: string;
  detail: Record<string, unknown>;
  actor_name: string | null;
};

/**
 * One timeline per customer: interactions, orders, field changes and the creation, newest first,
 * paged by (time, id) across all of them.
 */
export async function timeline(
  deps: Deps,
  actor: Actor,
  customerId: string,
  limit: number,
  rawCursor?: string,
) {
  const customer = await loadVisible(deps.db, actor, customerId);
  const cursor = decodeCursor(rawCursor);
  const org = actor.orgId;
  const after = cursor ? sql`where (t.at, t.id) < (${cursor.v}::timestamptz, ${cursor.id})` : sql``;
  const result = await queryRows<TimelineRow>(
    deps.db,
    sql`
    select * from (
      select 'interaction' as kind, i.id::text as id, i.occurred_at as at, i.type as title,
             jsonb_build_object('type', i.type, 'summary', i.summary, 'outcome', i.outcome, 'nextStep', i.next_step, 'feedback', i.feedback, 'taskId', i.task_id) as detail, u.name as actor_name
        from interactions i left join users u on u.org_id = i.org_id and u.id = i.user_id
       where i.org_id = ${org} and i.customer_id = ${customerId}
      union all
      select 'order', o.id::text, o.ordered_at, coalesce(o.channel, 'order'),
             jsonb_build_object('amount', o.amount, 'currency', o.currency, 'externalId', o.external_id), null
        from orders o where o.org_id = ${org} and o.customer_id = ${customerId}
      union all
      select 'change', h.id::text, h.at, h.field,
             jsonb_build_object('field', h.field, 'oldValue', h.old_value, 'newValue', h.new_value), u.name
        from field_history h left join users u on u.org_id = h.org_id and u.id = h.actor_id
       where h.org_id = ${org} and h.entity_id = ${customerId}
      union all
      select 'created', c.id::text, c.created_at, c.name, '{}'::jsonb, null
        from customers c where c.org_id = ${org} and c.id = ${customerId}
    ) t ${after}
    order by t.at desc, t.id desc
    limit ${limit + 1}`,
  );
  const rows = result.map((r) => ({ ...r, at: new Date(r.at) }));
  const page = pageOf(rows, limit, (r) => ({ v: iso(r.at), id: r.id }));
  const sensitive = customerPolicy.sensitive(actor, customer);
  return {
    data: page.data.map((r) => ({
      kind: r.kind,
      id: r.id,
      at: iso(r.at),
      title: r.title,
      detail:
        r.kind === 'change'
          ? {
              ...r.detail,
              oldValue: maskHistory(r.title, r.detail.oldValue, sensitive),
              newValue: maskHistory(r.title, r.detail.newValue, sensitive),
            }
          : r.kind === 'order'
            ? { ...r.detail, amount: Number(r.detail.amount) }
            : r.detail,
      actorName: r.actor_name,
    })),
    nextCursor: page.nextCursor,
  };
}
