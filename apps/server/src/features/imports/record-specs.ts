import { and, eq, inArray, sql } from 'drizzle-orm';
import { normalizeEmail, normalizeName, normalizePhone } from '@steward/core';
import { contacts, customers, interactions, orders, type OrderLine } from '../../db/schema/index.js';
import { newId } from '../../platform/ids.js';
import { customerScope } from '../../platform/scope.js';
import { refreshCompleteness } from '../customers/service.js';
import { noteNewOrders, recomputeLastOrderAt } from '../assignment/last-activity.js';
import { str } from './batch.js';
import type { Existing, RecordSpec, Values } from './records-batch.js';

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const iso = (d: Date) => d.toISOString();

// ---- contacts: one person per customer, recognized by e-mail, phone or name ----

const contactView = (c: typeof contacts.$inferSelect): Values => ({
  name: c.name,
  position: c.position,
  phone: c.phone,
  email: c.email,
  wechat: c.wechat,
  birthday: c.birthday,
  preferences: c.preferences,
  isPrimary: c.isPrimary,
});

const contactKey = (key: string, c: { name?: unknown; email?: unknown; phone?: unknown }) =>
  key === 'email'
    ? normalizeEmail(str(c.email as string))
    : key === 'phone'
      ? normalizePhone(str(c.phone as string))
      : str(c.name as string)
        ? normalizeName(str(c.name as string)!)
        : null;

const contactFields = (v: Values) => ({
  name: str(v.name)!,
  position: str(v.position),
  phone: str(v.phone),
  email: str(v.email),
  wechat: str(v.wechat),
  birthday: str(v.birthday),
  preferences: str(v.preferences),
  isPrimary: v.isPrimary === true,
});

async function clearPrimary(tx: Parameters<RecordSpec['insert']>[0], orgId: string, customerIds: string[]) {
  if (customerIds.length)
    await tx
      .update(contacts)
      .set({ isPrimary: false })
      .where(and(eq(contacts.orgId, orgId), inArray(contacts.customerId, customerIds)));
}

export const contactSpec: RecordSpec = {
  keyOf: (env, customerId, v) => {
    const k = contactKey(env.dedupeKey, v);
    return k ? `${customerId}|${k}` : null;
  },
  find: async (tx, env, items) => {
    const ids = [...new Set(items.map((i) => i.customerId))];
    const out = new Map<string, Existing>();
    if (!ids.length) return out;
    const rows = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.orgId, env.actor.orgId), inArray(contacts.customerId, ids)));
    for (const c of rows) {
      const k = contactKey(env.dedupeKey, c);
      if (k)
        out.set(`${c.customerId}|${k}`, {
          id: c.id,
          customerId: c.customerId,
          view: contactView(c),
          reachable: true,
        });
    }
    return out;
  },
  insert: async (tx, env, items) => {
    const orgId = env.actor.orgId;
    await clearPrimary(tx, orgId, [
      ...new Set(items.filter((i) => i.view.isPrimary === true).map((i) => i.customerId)),
    ]);
    await tx.insert(contacts).values(
      items.map((i) => ({
        orgId,
        id: newId(),
        customerId: i.customerId,
        ...contactFields(i.view),
        createdAt: env.now,
        updatedAt: env.now,
      })),
    );
    for (const id of new Set(items.map((i) => i.customerId))) await refreshCompleteness(tx, orgId, id);
  },
  update: async (tx, env, e, patch) => {
    if (patch.isPrimary === true) await clearPrimary(tx, env.actor.orgId, [e.customerId]);
    const set = contactFields({ ...e.view, ...patch });
    await tx
      .update(contacts)
      .set({ ...set, updatedAt: env.now })
      .where(and(eq(contacts.orgId, env.actor.orgId), eq(contacts.id, e.id)));
  },
};

// ---- orders: by external id, else by customer + moment + amount ----

const orderView = (o: typeof orders.$inferSelect): Values => ({
  externalId: o.externalId,
  orderedAt: iso(o.orderedAt),
  amount: o.amount,
  currency: o.currency,
  channel: o.channel,
  product: o.lines[0]?.product ?? null,
  quantity: o.lines[0]?.quantity ?? null,
  unitPrice: o.lines[0]?.unitPrice ?? null,
});

const orderNaturalKey = (customerId: string, orderedAt: string, amount: number) =>
  `n|${customerId}|${new Date(orderedAt).toISOString()}|${amount.toFixed(2)}`;

function orderFields(v: Values) {
  const amount = num(v.amount)!;
  const product = str(v.product);
  const quantity = num(v.quantity) ?? 1;
  const lines: OrderLine[] = product
    ? [
        {
          product,
          quantity,
          unitPrice: num(v.unitPrice) ?? Math.round((amount / (quantity || 1)) * 100) / 100,
        },
      ]
    : [];
  return {
    externalId: str(v.externalId),
    orderedAt: new Date(v.orderedAt as string),
    amount,
    currency: (str(v.currency) ?? 'CNY').toUpperCase(),
    channel: str(v.channel),
    lines,
  };
}

export const orderSpec: RecordSpec = {
  keyOf: (_env, customerId, v) => {
    const ext = str(v.externalId);
    return ext ? `e|${ext}` : orderNaturalKey(customerId, v.orderedAt as string, num(v.amount)!);
  },
  find: async (tx, env, items) => {
    const out = new Map<string, Existing>();
    const exts = [...new Set(items.map((i) => str(i.view.externalId)).filter((x): x is string => !!x))];
    const naturals = items.filter((i) => !str(i.view.externalId));
    const select = { o: orders, reachable: sql<boolean>`(${customerScope(env.actor)})` };
    const base = tx
      .select(select)
      .from(orders)
      .innerJoin(customers, and(eq(customers.orgId, orders.orgId), eq(customers.id, orders.customerId)));
    const found = [
      ...(exts.length
        ? await base.where(and(eq(orders.orgId, env.actor.orgId), inArray(orders.externalId, exts)))
        : []),
      ...(naturals.length
        ? await tx
            .select(select)
            .from(orders)
            .innerJoin(customers, and(eq(customers.orgId, orders.orgId), eq(customers.id, orders.customerId)))
            .where(
              and(
                eq(orders.orgId, env.actor.orgId),
                sql`(${orders.customerId}, ${orders.orderedAt}, ${orders.amount}) in (${sql.join(
                  naturals.map(
                    (i) =>
                      sql`(${i.customerId}::uuid, ${i.view.orderedAt as string}::timestamptz, ${num(i.view.amount)!}::numeric)`,
                  ),
                  sql`, `,
                )})`,
              ),
            )
        : []),
    ];
    for (const { o, reachable } of found) {
      const key = o.externalId
        ? `e|${o.externalId}`
        : orderNaturalKey(o.customerId, iso(o.orderedAt), o.amount);
      out.set(key, { id: o.id, customerId: o.customerId, view: orderView(o), reachable });
    }
    return out;
  },
  insert: async (tx, env, items) => {
    const rows = items.map((i) => ({
      orgId: env.actor.orgId,
      id: newId(),
      customerId: i.customerId,
      ...orderFields(i.view),
      createdAt: env.now,
    }));
    await tx.insert(orders).values(rows);
    await noteNewOrders(tx, env.actor.orgId, rows);
  },
  update: async (tx, env, e, patch) => {
    const fields = orderFields({ ...e.view, ...patch });
    await tx
      .update(orders)
      .set(fields)
      .where(and(eq(orders.orgId, env.actor.orgId), eq(orders.id, e.id)));
    // A re-dated order may move the customer's last order back.
    if (fields.orderedAt.getTime() !== new Date(e.view.orderedAt as string).getTime())
      await recomputeLastOrderAt(tx, env.actor.orgId, [e.customerId]);
  },
};

// ---- interactions: the same customer, type, moment and summary is the same interaction ----

const interactionKey = (customerId: string, type: unknown, at: unknown, summary: unknown) =>
  `${customerId}|${String(type)}|${new Date(at as string).toISOString()}|${String(summary)}`;

export const interactionSpec: RecordSpec = {
  keyOf: (_env, customerId, v) => interactionKey(customerId, v.type, v.occurredAt, v.summary),
  find: async (tx, env, items) => {
    const out = new Map<string, Existing>();
    if (!items.length) return out;
    const rows = await tx
      .select()
      .from(interactions)
      .where(
        and(
          eq(interactions.orgId, env.actor.orgId),
          sql`(${interactions.customerId}, ${interactions.occurredAt}) in (${sql.join(
            items.map((i) => sql`(${i.customerId}::uuid, ${i.view.occurredAt as string}::timestamptz)`),
            sql`, `,
          )})`,
        ),
      );
    for (const r of rows)
      out.set(interactionKey(r.customerId, r.type, iso(r.occurredAt), r.summary), {
        id: r.id,
        customerId: r.customerId,
        view: {
          type: r.type,
          occurredAt: iso(r.occurredAt),
          summary: r.summary,
          outcome: r.outcome,
          nextStep: r.nextStep,
        },
        reachable: true,
      });
    return out;
  },
  insert: async (tx, env, items) => {
    const orgId = env.actor.orgId;
    await tx.insert(interactions).values(
      items.map((i) => ({
        orgId,
        id: newId(),
        customerId: i.customerId,
        userId: env.actor.userId,
        type: i.view.type as string,
        occurredAt: new Date(i.view.occurredAt as string),
        summary: i.view.summary as string,
        outcome: str(i.view.outcome),
        nextStep: str(i.view.nextStep),
        createdAt: env.now,
      })),
    );
    // The customer's last contact moves forward to the latest imported interaction.
    const latest = new Map<string, string>();
    for (const i of items) {
      const at = new Date(i.view.occurredAt as string).toISOString();
      if (!latest.has(i.customerId) || latest.get(i.customerId)! < at) latest.set(i.customerId, at);
    }
    for (const [id, at] of latest)
      await tx
        .update(customers)
        .set({
          lastContactedAt: sql`greatest(coalesce(${customers.lastContactedAt}, ${at}::timestamptz), ${at}::timestamptz)`,
        })
        .where(and(eq(customers.orgId, orgId), eq(customers.id, id)));
  },
  update: async (tx, env, e, patch) => {
    await tx
      .update(interactions)
      .set({
        outcome: str(patch.outcome ?? e.view.outcome),
        nextStep: str(patch.nextStep ?? e.view.nextStep),
      })
      .where(and(eq(interactions.orgId, env.actor.orgId), eq(interactions.id, e.id)));
  },
};
