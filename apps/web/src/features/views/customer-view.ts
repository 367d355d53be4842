import type { SavedViewOut } from '@steward/contracts';
import type { CustomerFilters } from '../customers/api';

/** The customer (and pool) filters as their list's query string carries them. */
export const viewFilters = (f: CustomerFilters): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) {
    if (k === 'sort' || v === undefined || v === '') continue;
    const s = Array.isArray(v) ? v.join(',') : String(v);
    if (s) out[k] = s;
  }
  return out;
};

const KEYS = ['q', 'ownerId', 'tier', 'stage', 'tag', 'region', 'industry', 'source'] as const;

/** The URL patch that shows a view: its filters and sort, every other filter cleared. */
export const viewPatch = (v: SavedViewOut): Partial<CustomerFilters> => {
  const patch: Record<string, string | undefined> = { sort: v.sort ?? undefined };
  for (const k of KEYS) patch[k] = typeof v.filters[k] === 'string' ? (v.filters[k] as string) : undefined;
  return patch as Partial<CustomerFilters>;
};
