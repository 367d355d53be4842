import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ContactCreate, ContactUpdate } from '@steward/contracts';
import { contacts } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { contactNotFound } from './errors.js';
import { customerPolicy } from './policy.js';
import { presentContact } from './presenter.js';
import { loadVisible, refreshCompleteness } from './service.js';
import * as repo from './repo.js';
import type { Db } from '../../db/client.js';

type ContactInput = z.infer<typeof ContactCreate>;

export async function listContacts(
  deps: Deps,
  actor: Actor,
  customerId: string,
  limit: number,
  rawCursor?: string,
) {
  const customer = await loadVisible(deps.db, actor, customerId);
  const cursor = decodeCursor(rawCursor);
  const rows = await deps.db
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.orgId, actor.orgId),
        eq(contacts.customerId, customerId),
        cursor
          ? sql`(${contacts.createdAt}, ${contacts.id}) > (${cursor.v}::timestamptz, ${cursor.id})`
          : undefined,
      ),
    )
    .orderBy(asc(contacts.createdAt), asc(contacts.id))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => ({ v: r.createdAt.toISOString(), id: r.id }));
  return {
    data: page.data.map((c) => presentContact(c, customerPolicy.sensitive(actor, customer))),
    nextCursor: page.nextCursor,
  };
}

async function clearPrimary(tx: Db, orgId: string, customerId: string) {
  await tx
    .update(contacts)
    .set({ isPrimary: false })
    .where(and(eq(contacts.orgId, orgId), eq(contacts.customerId, customerId)));
}

export async function createContact(deps: Deps, actor: Actor, customerId: string, input: ContactInput) {
  customerPolicy.assertCanWrite(actor);
  return deps.db.transaction(async (tx) => {
    const customer = await loadVisible(tx, actor, customerId, true);
    const now = deps.now();
    if (input.isPrimary) await clearPrimary(tx, actor.orgId, customerId);
    const [row] = await tx
      .insert(contacts)
      .values({
        orgId: actor.orgId,
        id: newId(),
        customerId,
        name: input.name,
        position: input.position ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        wechat: input.wechat ?? null,
        birthday: input.birthday ?? null,
        preferences: input.preferences ?? null,
        isPrimary: input.isPrimary ?? false,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await refreshCompleteness(tx, actor.orgId, customerId);
    await repo.insertHistory(tx, [
      {
        orgId: actor.orgId,
        id: newId(),
        entity: 'customer',
        entityId: customerId,
        field: 'contacts',
        oldValue: null,
        newValue: { added: row!.name },
        actorId: actor.userId,
        at: now,
      },
    ]);
    await audit(tx, actor, 'contact.create', 'contact', row!.id, { customerId });
    return presentContact(row!, customerPolicy.sensitive(actor, customer));
  });
}

async function loadContact(tx: Db, actor: Actor, customerId: string, contactId: string) {
  const customer = await loadVisible(tx, actor, customerId, true);
  const [row] = await tx
    .select()
    .from(contacts)
    .where(
      and(eq(contacts.orgId, actor.orgId), eq(contacts.customerId, customerId), eq(contacts.id, contactId)),
    );
  if (!row) throw contactNotFound();
  return { row, customer };
}

export async function updateContact(
  deps: Deps,
  actor: Actor,
  customerId: string,
  contactId: string,
  patch: z.infer<typeof ContactUpdate>,
) {
  customerPolicy.assertCanWrite(actor);
  return deps.db.transaction(async (tx) => {
    const { row: before, customer } = await loadContact(tx, actor, customerId, contactId);
    if (patch.isPrimary) await clearPrimary(tx, actor.orgId, customerId);
    const now = deps.now();
    const [row] = await tx
      .update(contacts)
      .set({ ...patch, updatedAt: now })
      .where(and(eq(contacts.orgId, actor.orgId), eq(contacts.id, contactId)))
      .returning();
    const changed = Object.keys(patch).filter(
      (k) =>
        JSON.stringify(before[k as keyof typeof before] ?? null) !==
        JSON.stringify(patch[k as keyof typeof patch] ?? null),
    );
    if (changed.length) {
      await repo.insertHistory(
        tx,
        changed.map((k) => ({
          orgId: actor.orgId,
          id: newId(),
          entity: 'customer',
          entityId: customerId,
          field: `contact.${k}`,
          oldValue: before[k as keyof typeof before] ?? null,
          newValue: patch[k as keyof typeof patch] ?? null,
          actorId: actor.userId,
          at: now,
        })),
      );
    }
    await audit(tx, actor, 'contact.update', 'contact', contactId, { customerId, fields: changed });
    return presentContact(row!, customerPolicy.sensitive(actor, customer));
  });
}

export async function deleteContact(deps: Deps, actor: Actor, customerId: string, contactId: string) {
  customerPolicy.assertCanWrite(actor);
  await deps.db.transaction(async (tx) => {
    const { row } = await loadContact(tx, actor, customerId, contactId);
    await tx.delete(contacts).where(and(eq(contacts.orgId, actor.orgId), eq(contacts.id, contactId)));
    await refreshCompleteness(tx, actor.orgId, customerId);
    await repo.insertHistory(tx, [
      {
        orgId: actor.orgId,
        id: newId(),
        entity: 'customer',
        entityId: customerId,
        field: 'contacts',
        oldValue: { removed: row.name },
        newValue: null,
        actorId: actor.userId,
        at: deps.now(),
      },
    ]);
    await audit(tx, actor, 'contact.delete', 'contact', contactId, { customerId, name: row.name });
  });
}
