import { z } from 'zod';
import { Id, IsoDateTime, ListQuery, page } from './common.js';

/** The product catalog: shared reference data of an organization (docs/decisions/0025). */
export const ProductCode = z
  .string()
  .trim()
  .min(1, 'required')
  .max(50)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._\-/]*$/u, 'letters, digits and . _ - / only');
const Currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code');

const UnitPrice = z
  .number()
  .min(0, 'must not be negative')
  .max(99_999_999_999_999, 'too large')
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'at most two decimals')
  .describe('price of one unit in `currency`, two decimals');

export const ProductCreate = z.object({
  code: ProductCode,
  name: z.string().trim().min(1, 'required').max(200),
  category: z.string().trim().min(1, 'required').max(100),
  unitPrice: UnitPrice,
  currency: Currency.optional().describe("defaults to the organization's currency"),
  unit: z.string().trim().min(1, 'required').max(20).describe('e.g. 台, 套, 次'),
  description: z.string().trim().max(2000).nullish(),
  active: z.boolean().optional(),
});
export const ProductUpdate = z
  .object({
    code: ProductCode,
    name: z.string().trim().min(1, 'required').max(200),
    category: z.string().trim().min(1, 'required').max(100),
    unitPrice: UnitPrice,
    currency: Currency,
    unit: z.string().trim().min(1, 'required').max(20),
    description: z.string().trim().max(2000).nullable(),
    active: z.boolean().describe('false deactivates: the product stays for the orders that name it'),
  })
  .partial();

export const ProductOut = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  category: z.string(),
  unitPrice: z.number(),
  currency: z.string(),
  unit: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  createdAt: IsoDateTime,
  createdBy: Id.nullable(),
  updatedAt: IsoDateTime,
  updatedBy: Id.nullable(),
});
export const ProductList = page(ProductOut);
export const ProductListQuery = ListQuery.extend({
  /** Matches the code or the name. */
  q: z.string().trim().max(200).optional(),
  category: z.string().trim().max(100).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export const ProductCategories = z.object({ data: z.array(z.string()) });

export type ProductCreate = z.infer<typeof ProductCreate>;
export type ProductUpdate = z.infer<typeof ProductUpdate>;
export type ProductOut = z.infer<typeof ProductOut>;
export type ProductListQuery = z.infer<typeof ProductListQuery>;
