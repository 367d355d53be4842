import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { SORTS, STAGES, TIERS } from '@steward/contracts';
import type { CustomerFilters, Sort, Stage, Tier } from './api';

const TEXT_KEYS = ['q', 'ownerId', 'tag', 'region', 'industry', 'source'] as const;

const list = <T extends string>(raw: string | null, allowed: readonly T[]): T[] | undefined => {
  const values = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is T => (allowed as readonly string[]).includes(s));
  return values.length ? values : undefined;
};

/** Customer list filters, kept in the URL query so a filtered list can be bookmarked and shared. */
export const useUrlFilters = () => {
  const [params, setParams] = useSearchParams();

  const filters = useMemo<CustomerFilters>(() => {
    const f: CustomerFilters = {};
    for (const key of TEXT_KEYS) {
      const v = params.get(key)?.trim();
      if (v) f[key] = v;
    }
    f.tier = list<Tier>(params.get('tier'), TIERS);
    f.stage = list<Stage>(params.get('stage'), STAGES);
    const sort = params.get('sort');
    if (sort && (SORTS as readonly string[]).includes(sort)) f.sort = sort as Sort;
    return f;
  }, [params]);

  const setFilters = useCallback(
    (patch: Partial<CustomerFilters>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            const s = Array.isArray(value) ? value.join(',') : (value ?? '');
            if (s) next.set(key, s);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  const active = Object.entries(filters).some(([k, v]) => k !== 'sort' && v !== undefined);

  return { filters, setFilters, clear, active };
};
