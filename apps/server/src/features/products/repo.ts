import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { organizations, products } from '../../db/schema/index.js';
import { likeEscape, type Cursor } from '../../platform/pagination.js';

export type ProductRow = typeof products.$inferSelect;
export type ProductFilters = { q?: string; category?: string; active?: boolean };

/** Every product query starts from the organization: no product crosses tenants. */
const inOrg = (orgId: string) => eq(products.orgId, orgId);

function filtersOf(f: ProductFilters): SQL[] {
  const where: SQL[] = [];
  if (f.q) {
    const pattern = `%${likeEscape(f.q)}%`;
    where.push(or(ilike(products.code, pattern), ilike(products.name, pattern))!);
  }
  if (f.category) where.push(eq(products.category, f.category));
  if (f.active !== undefined) where.push(eq(products.active, f.active));
  return where;
}

/** A page of products ordered by code (unique per organization), `limit + 1` rows to see if more follow. */
export async function listProducts(
  db: Db,
  orgId: string,
  f: ProductFilters,
  cursor: Cursor | null,
  limit: number,
): Promise<ProductRow[]> {
  const where = [inOrg(orgId), ...filtersOf(f)];
  if (cursor) where.push(sql`(${products.code}, ${products.id}) > (${String(cursor.v)}, ${cursor.id}::uuid)`);
  return db
    .select()
    .from(products)
    .where(and(...where))
    .orderBy(asc(products.code), asc(products.id))
    .limit(limit + 1);
}

export const cursorOf = (r: ProductRow): Cursor => ({ v: r.code, id: r.id });

/** The categories in use, for the list's filter. */
export async function listCategories(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ category: products.category })
    .from(products)
    .where(inOrg(orgId))
    .orderBy(asc(products.category));
  return rows.map((r) => r.category);
}

export async function findProduct(db: Db, orgId: string, id: string): Promise<ProductRow | null> {
  const [row] = await db
    .select()
    .from(products)
    .where(and(inOrg(orgId), eq(products.id, id)));
  return row ?? null;
}

/** Locks the product for an update in the caller's transaction. */
export async function lockProduct(db: Db, orgId: string, id: string): Promise<ProductRow | null> {
  const [row] = await db
    .select()
    .from(products)
    .where(and(inOrg(orgId), eq(products.id, id)))
    .for('update');
  return row ?? null;
}

/** The id of the product holding `code`, or null when the code is free. */
export async function codeHolder(db: Db, orgId: string, code: string): Promise<string | null> {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(inOrg(orgId), eq(products.code, code)));
  return row?.id ?? null;
}

export async function insertProduct(db: Db, row: typeof products.$inferInsert) {
  await db.insert(products).values(row);
}

export async function updateProduct(
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<typeof products.$inferInsert>,
) {
  await db
    .update(products)
    .set(patch)
    .where(and(inOrg(orgId), eq(products.id, id)));
}

export async function orgCurrency(db: Db, orgId: string): Promise<string> {
  const [row] = await db
    .select({ currency: organizations.currency })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row?.currency ?? 'CNY';
}
