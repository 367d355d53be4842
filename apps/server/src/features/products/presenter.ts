import type { ProductOut } from '@steward/contracts';
import type { ProductRow } from './repo.js';

export const presentProduct = (p: ProductRow): ProductOut => ({
  id: p.id,
  code: p.code,
  name: p.name,
  category: p.category,
  unitPrice: Number(p.unitPrice),
  currency: p.currency,
  unit: p.unit,
  description: p.description,
  active: p.active,
  createdAt: p.createdAt.toISOString(),
  createdBy: p.createdBy,
  updatedAt: p.updatedAt.toISOString(),
  updatedBy: p.updatedBy,
});
