import { and, eq } from 'drizzle-orm';
import { normalizeEmail, normalizeName, normalizePhone, profileCompleteness } from '@steward/core';
import { contacts, interactions, orders } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { mergeWithSelf } from './errors.js';
import { customerPolicy } from './policy.js';
import { presentCustomer } from './presenter.js';
import { loadVisible } from './service.js';
import * as repo from './repo.js';

const FILLABLE = [
  'industry',
  'size',
  'region',
  'address',
  'source',
  'tier',
  'phone',
  'email',
  'idNumber',
  'externalId',
] as const;

/**
 * Merges `sourceId` into the survivor `id` in one transaction: contacts, interactions and orders
 * move to the survivor, its empty fields are filled from the source, tags and custom fields are
 * united (the survivor's values win), and the source is retired (soft-deleted, pointing at the
 * survivor). Both records must be in the actor's scope.
 */
export async function mergeCustomers(deps: Deps, actor: Actor, id: string, sourceId: string) {
  if (id === sourceId) throw mergeWithSelf();
  customerPolicy.assertCanMerge(actor);
  return deps.db.transaction(async (tx) => {
    const survivor = await loadVisible(tx, actor, id, true);
    const source = await loadVisible(tx, actor, sourceId, true);
    const now = deps.now();
    const filled: Record<string, unknown> = {};
    for (const f of FILLABLE) {
      if (survivor[f] == null && source[f] != null) filled[f] = source[f];
    }
    // externalId is unique among live customers: free it on the source first.
    await repo.updateCustomer(tx, actor.orgId, sourceId, {
      deletedAt: now,
      mergedIntoId: id,
      externalId: null,
      updatedAt: now,
    });
    const moved = { contacts: 0, interactions: 0, orders: 0 };
    const where = <T extends typeof contacts | typeof interactions | typeof orders>(t: T) =>
      and(eq(t.orgId, actor.orgId), eq(t.customerId, sourceId));
    moved.contacts = (
      await tx
        .update(contacts)
        .set({ customerId: id, isPrimary: false })
        .where(where(contacts))
        .returning({ id: contacts.id })
    ).length;
    moved.interactions = (
      await tx
        .update(interactions)
        .set({ customerId: id })
        .where(where(interactions))
        .returning({ id: interactions.id })
    ).length;
    moved.orders = (
      await tx.update(orders).set({ customerId: id }).where(where(orders)).returning({ id: orders.id })
    ).length;

    const tags = [...new Set([...survivor.tags, ...source.tags])];
    const customFields = { ...source.customFields, ...survivor.customFields };
    const next = { ...survivor, ...filled, tags, customFields };
    const contactCount = await repo.countContacts(tx, actor.orgId, id);
    const lastContactedAt =
      [survivor.lastContactedAt, source.lastContactedAt]
        .filter((d): d is Date => !!d)
        .sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    const lastOrderAt =
      [survivor.lastOrderAt, source.lastOrderAt]
        .filter((d): d is Date => !!d)
        .sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    await repo.updateCustomer(tx, actor.orgId, id, {
      ...filled,
      nameNorm: normalizeName(next.name),
      phoneNorm: normalizePhone(next.phone),
      emailNorm: normalizeEmail(next.email),
      tags,
      customFields,
      lastContactedAt,
      lastOrderAt,
      completeness: profileCompleteness({ ...next, contactCount }).score,
      updatedAt: now,
    });
    const history = [
      ...Object.entries(filled).map(([field, value]) => ({ field, old: null, new: value })),
      { field: 'mergedFrom', old: null, new: { id: sourceId, name: source.name, moved } },
    ];
    await repo.insertHistory(
      tx,
      history.map((h) => ({
        orgId: actor.orgId,
        id: newId(),
        entity: 'customer',
        entityId: id,
        field: h.field,
        oldValue: h.old,
        newValue: h.new,
        actorId: actor.userId,
        at: now,
      })),
    );
    await repo.insertHistory(tx, [
      {
        orgId: actor.orgId,
        id: newId(),
        entity: 'customer',
        entityId: sourceId,
        field: 'mergedInto',
        oldValue: null,
        newValue: { id, name: survivor.name },
        actorId: actor.userId,
        at: now,
      },
    ]);
    await audit(tx, actor, 'customer.merge', 'customer', id, {
      sourceId,
      moved,
      filled: Object.keys(filled),
    });
    const after = await loadVisible(tx, actor, id);
    return presentCustomer(after, customerPolicy.sensitive(actor, after));
  });
}
