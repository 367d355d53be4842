import { normalizeEmail, normalizeName, normalizePhone } from '@steward/core';
import type { CustomerUpdate } from '@steward/contracts';
import type { customers } from '../../db/schema/index.js';
import type { CustomerRow } from './repo.js';

export type FieldChange = { field: string; old: unknown; new: unknown };

const PLAIN_FIELDS = [
  'name',
  'type',
  'industry',
  'size',
  'region',
  'address',
  'source',
  'tier',
  'stage',
  'phone',
  'email',
  'idNumber',
  'externalId',
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Compares a patch with the stored row: the columns to set and one history entry per field
 * that really changes (custom fields per key, so their history reads field by field).
 */
export function diffCustomer(before: CustomerRow, patch: CustomerUpdate) {
  const set: Partial<typeof customers.$inferInsert> = {};
  const changes: FieldChange[] = [];
  for (const field of PLAIN_FIELDS) {
    if (!(field in patch)) continue;
    const value = (patch[field] ?? null) as string | null;
    if (same(before[field], value)) continue;
    (set as Record<string, unknown>)[field] = value;
    changes.push({ field, old: before[field], new: value });
  }
  if ('name' in set) set.nameNorm = normalizeName(set.name!);
  if ('phone' in set) set.phoneNorm = normalizePhone(set.phone);
  if ('email' in set) set.emailNorm = normalizeEmail(set.email);
  if (patch.tags) {
    const tags = [...new Set(patch.tags)];
    if (!same([...before.tags].sort(), [...tags].sort())) {
      set.tags = tags;
      changes.push({ field: 'tags', old: before.tags, new: tags });
    }
  }
  if (patch.needs) {
    const needs = { ...before.needs, ...patch.needs };
    if (!same(before.needs, needs)) {
      set.needs = needs;
      changes.push({ field: 'needs', old: before.needs, new: needs });
    }
  }
  if (patch.customFields) {
    const next = { ...before.customFields };
    for (const [key, value] of Object.entries(patch.customFields)) {
      if (same(before.customFields[key], value)) continue;
      if (value === null) delete next[key];
      else next[key] = value;
      changes.push({ field: `customFields.${key}`, old: before.customFields[key] ?? null, new: value });
    }
    if (changes.some((c) => c.field.startsWith('customFields.'))) set.customFields = next;
  }
  return { set, changes };
}
