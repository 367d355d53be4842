import { sql } from 'drizzle-orm';
import { boolean, index, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { organizations } from './platform.js';

/**
 * The product catalog: shared reference data that senior managers, directors and administrators
 * edit (docs/decisions/0025). Products are deactivated, never deleted, so that order lines naming
 * one keep their meaning.
 */
export const products = pgTable(
  'products',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    /** Price of one `unit`, in `currency`. */
    unitPrice: numeric('unit_price', { precision: 16, scale: 2, mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    unit: text('unit').notNull(),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    /** One code per organization; also the list's order (code, id). */
    uniqueIndex('products_code_key').on(t.orgId, t.code),
    index('products_category_idx').on(t.orgId, t.category, t.code),
    index('products_active_idx')
      .on(t.orgId, t.code)
      .where(sql`${t.active}`),
  ],
);
