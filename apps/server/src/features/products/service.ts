import type { ProductCreate, ProductListQuery, ProductUpdate } from '@steward/contracts';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { productCodeTaken, productNotFound } from './errors.js';
import { productPolicy } from './policy.js';
import { presentProduct } from './presenter.js';
import * as repo from './repo.js';

/** The catalog, filtered and paged by code; every signed-in user of the organization reads it. */
export async function listProducts(deps: Deps, actor: Actor, query: ProductListQuery) {
  const cursor = decodeCursor(query.cursor);
  const filters = {
    q: query.q || undefined,
    category: query.category || undefined,
    active: query.active === undefined ? undefined : query.active === 'true',
  };
  const rows = await repo.listProducts(deps.db, actor.orgId, filters, cursor, query.limit);
  const page = pageOf(rows, query.limit, repo.cursorOf);
  return { data: page.data.map(presentProduct), nextCursor: page.nextCursor };
}

export async function listCategories(deps: Deps, actor: Actor) {
  return { data: await repo.listCategories(deps.db, actor.orgId) };
}

export async function getProduct(deps: Deps, actor: Actor, id: string) {
  const row = await repo.findProduct(deps.db, actor.orgId, id);
  if (!row) throw productNotFound();
  return presentProduct(row);
}

/** Adds a product; the currency defaults to the organization's. A used code is 409 on `code`. */
export async function createProduct(deps: Deps, actor: Actor, body: ProductCreate) {
  productPolicy.assertCanEdit(actor);
  return deps.db.transaction(async (tx) => {
    // The unique index (org_id, code) settles a race; the error handler answers it with 409.
    if (await repo.codeHolder(tx, actor.orgId, body.code)) throw productCodeTaken(body.code);
    const id = newId();
    const now = deps.now();
    const currency = body.currency ?? (await repo.orgCurrency(tx, actor.orgId));
    await repo.insertProduct(tx, {
      orgId: actor.orgId,
      id,
      code: body.code,
      name: body.name,
      category: body.category,
      unitPrice: body.unitPrice,
      currency,
      unit: body.unit,
      description: body.description ?? null,
      active: body.active ?? true,
      createdAt: now,
      createdBy: actor.userId,
      updatedAt: now,
      updatedBy: actor.userId,
    });
    await audit(tx, actor, 'product.create', 'product', id, {
      code: body.code,
      name: body.name,
      category: body.category,
      unitPrice: body.unitPrice,
      currency,
    });
    return presentProduct((await repo.findProduct(tx, actor.orgId, id))!);
  });
}

/**
 * Changes a product's fields; `active: false` deactivates it (products are never deleted, so the
 * order lines that name one keep their meaning). The audit row keeps each changed field's old
 * and new value.
 */
export async function updateProduct(deps: Deps, actor: Actor, id: string, patch: ProductUpdate) {
  productPolicy.assertCanEdit(actor);
  return deps.db.transaction(async (tx) => {
    const before = await repo.lockProduct(tx, actor.orgId, id);
    if (!before) throw productNotFound();
    const changes = Object.entries(patch).filter(
      ([k, v]) => v !== undefined && !sameValue(before[k as keyof typeof before], v),
    );
    if (!changes.length) return presentProduct(before);
    if (patch.code !== undefined && patch.code !== before.code) {
      const holder = await repo.codeHolder(tx, actor.orgId, patch.code);
      if (holder && holder !== id) throw productCodeTaken(patch.code);
    }
    await repo.updateProduct(tx, actor.orgId, id, {
      ...Object.fromEntries(changes),
      updatedAt: deps.now(),
      updatedBy: actor.userId,
    });
    await audit(tx, actor, 'product.update', 'product', id, {
      changes: changes.map(([field, v]) => ({
        field,
        old: before[field as keyof typeof before] ?? null,
        new: v ?? null,
      })),
    });
    return presentProduct((await repo.findProduct(tx, actor.orgId, id))!);
  });
}

const sameValue = (a: unknown, b: unknown) => (typeof a === 'number' ? a === Number(b) : a === b);
