import type { OrderBulkBody, OrderBulkResult, OrderListQuery } from '@steward/contracts';
import type { orders } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { isUuid, newId } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { customerScope } from '../../platform/scope.js';
import { ITEM_ERRORS, type ItemErrorCode } from './errors.js';
import { valuePolicy } from './policy.js';
import { presentOrder } from './presenter.js';
import * as repo from './repo.js';

/** Rows per INSERT statement (10 columns each: well under PostgreSQL's 65,535 parameters). */
const INSERT_CHUNK = 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * When an order happened: an ISO date-time with offset as given; a date alone means noon UTC of
 * that day, which is the same calendar day in every time zone from UTC−11 to UTC+11.
 */
export function parseOrderedAt(raw: string): Date | null {
  if (DATE_ONLY.test(raw)) {
    const d = new Date(`${raw}T12:00:00Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== raw ? null : d;
  }
  if (!WITH_OFFSET.test(raw)) return null;
  const d = new Date(raw);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * POST /orders/bulk: up to 10,000 orders in one transaction. Each item is checked on its own (an
 * unknown or unreachable customer, a bad date, a negative amount are per-item errors); the valid
 * ones are written. An order with an `externalId` that exists is updated in place, never duplicated.
 */
export async function bulkOrders(deps: Deps, actor: Actor, body: OrderBulkBody): Promise<OrderBulkResult> {
  valuePolicy.assertCanWriteOrders(actor);
  const scope = customerScope(actor);
  const errors: OrderBulkResult['errors'] = [];
  const fail = (index: number, code: ItemErrorCode) =>
    errors.push({ index, code, message: ITEM_ERRORS[code] });

  return deps.db.transaction(async (tx) => {
    const ids = [
      ...new Set(body.orders.map((o) => o.customerId).filter((v): v is string => !!v && isUuid(v))),
    ];
    const extIds = [
      ...new Set(
        body.orders.filter((o) => !o.customerId && o.customerExternalId).map((o) => o.customerExternalId!),
      ),
    ];
    const found = await repo.findCustomersByKeys(tx, scope, ids, extIds);
    const byId = new Set(found.map((c) => c.id));
    const byExt = new Map(found.filter((c) => c.externalId).map((c) => [c.externalId!, c.id]));
    const orderExtIds = [...new Set(body.orders.map((o) => o.externalId).filter((v): v is string => !!v))];
    const existing = new Map<string, boolean>();
    for (let i = 0; i < orderExtIds.length; i += INSERT_CHUNK) {
      for (const e of await repo.findOrdersByExternalIds(
        tx,
        actor.orgId,
        scope,
        orderExtIds.slice(i, i + INSERT_CHUNK),
      ))
        existing.set(e.externalId!, e.reachable);
    }

    // The last item with an external id wins; earlier ones with the same id count as updates.
    const rows = new Map<string, typeof orders.$inferInsert>();
    let created = 0;
    let updated = 0;
    body.orders.forEach((o, index) => {
      let customerId: string | undefined;
      if (o.customerId) customerId = byId.has(o.customerId) ? o.customerId : undefined;
      else if (o.customerExternalId) customerId = byExt.get(o.customerExternalId);
      else return fail(index, 'customer_required');
      if (!customerId) return fail(index, 'customer_not_found');
      const orderedAt = parseOrderedAt(o.orderedAt);
      if (!orderedAt) return fail(index, 'invalid_date');
      if (!Number.isFinite(o.amount) || o.amount < 0 || o.amount >= 1e14)
        return fail(index, 'invalid_amount');
      if (o.externalId && existing.get(o.externalId) === false) return fail(index, 'external_id_taken');
      const key = o.externalId ? `e:${o.externalId}` : `i:${index}`;
      if (o.externalId && (existing.has(o.externalId) || rows.has(key))) updated++;
      else created++;
      rows.set(key, {
        orgId: actor.orgId,
        id: newId(),
        customerId,
        externalId: o.externalId ?? null,
        orderedAt,
        amount: Math.round(o.amount * 100) / 100,
        currency: o.currency ?? 'CNY',
        channel: o.channel ?? null,
        lines: o.lines ?? [],
        createdAt: deps.now(),
      });
    });
    const all = [...rows.values()];
    for (let i = 0; i < all.length; i += INSERT_CHUNK)
      await repo.upsertOrders(tx, all.slice(i, i + INSERT_CHUNK));
    await audit(tx, actor, 'orders.bulk', 'order', null, {
      received: body.orders.length,
      created,
      updated,
      failed: errors.length,
    });
    return { created, updated, errors };
  });
}

/** GET /orders: orders of the customers the actor may see, newest first. */
export async function listOrders(deps: Deps, actor: Actor, q: OrderListQuery) {
  const cursor = decodeCursor(q.cursor);
  const rows = await repo.listOrders(
    deps.db,
    customerScope(actor),
    {
      customerId: q.customerId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    },
    cursor,
    q.limit + 1,
  );
  const page = pageOf(rows, q.limit, (r) => ({ v: r.o.orderedAt.toISOString(), id: r.o.id }));
  return { data: page.data.map((r) => presentOrder(r.o)), nextCursor: page.nextCursor };
}
