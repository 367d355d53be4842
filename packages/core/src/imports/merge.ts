import type { ImportValue } from './rows.js';

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What an imported row changes on a record that already exists. `update` writes every value the
 * row gives (an empty cell never erases); `merge` only fills what the record lacks, and adds tags
 * to the ones it has. Fields whose value would not change are left out: an empty patch means the
 * row brings nothing new.
 */
export function importPatch(
  existing: Record<string, unknown>,
  incoming: Record<string, ImportValue>,
  mode: 'update' | 'merge',
): Record<string, ImportValue> {
  const patch: Record<string, ImportValue> = {};
  for (const [field, value] of Object.entries(incoming)) {
    if (isEmpty(value)) continue;
    const before = existing[field];
    if (field === 'tags' && Array.isArray(value)) {
      const old = Array.isArray(before) ? (before as string[]) : [];
      const next = mode === 'merge' ? [...new Set([...old, ...value])] : value;
      if (!same([...old].sort(), [...next].sort())) patch[field] = next;
      continue;
    }
    if (mode === 'merge' && !isEmpty(before)) continue;
    if (!same(before, value)) patch[field] = value;
  }
  return patch;
}
