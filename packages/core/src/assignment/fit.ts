import type { Candidate, FitCustomer, ManagerLevel, Tier } from './types.js';

/**
 * Weights of the best-fit score. A component is its weight times a fraction in [0, 1]:
 * region, industry and language are 1 on a match and 0 otherwise (an unknown customer value
 * never matches); levelTier is 1 when the manager's level is the tier's ideal level, 0.5 one
 * step away, 0 two steps away; spareCapacity is (capacity − load) / capacity.
 */
export const BEST_FIT_WEIGHTS = {
  region: 3,
  industry: 2,
  language: 1,
  levelTier: 2,
  spareCapacity: 2,
} as const;

export type FitBreakdown = {
  region: number;
  industry: number;
  language: number;
  levelTier: number;
  spareCapacity: number;
  total: number;
};

const LEVEL_RANK: Record<ManagerLevel, number> = { junior: 0, senior: 1, key_account: 2 };
/** The level that serves each tier best: A → key account, B → senior, C/D/ungraded → junior. */
const IDEAL_RANK: Record<Tier, number> = { A: 2, B: 1, C: 0, D: 0 };

/** True when the manager's level may own an A-tier customer (senior or key account). */
export const mayOwnTierA = (level: ManagerLevel): boolean => level === 'senior' || level === 'key_account';

/** How well a manager's level suits a tier, in [0, 1] (see BEST_FIT_WEIGHTS). */
export function levelTierFit(level: ManagerLevel, tier: Tier | null): number {
  const ideal = tier ? IDEAL_RANK[tier] : 0;
  return 1 - Math.abs(LEVEL_RANK[level] - ideal) / 2;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * The best-fit score of a manager for a customer, with its breakdown (each component already
 * weighted). `load` defaults to the manager's current load; pass another to score "after a move".
 */
export function fitScore(
  customer: FitCustomer,
  manager: Pick<Candidate, 'level' | 'capacity' | 'regions' | 'industries' | 'languages'>,
  load: number,
): FitBreakdown {
  const w = BEST_FIT_WEIGHTS;
  const has = (list: string[], v: string | null | undefined) => (v ? list.includes(v) : false);
  const spare = manager.capacity > 0 ? Math.max(0, manager.capacity - load) / manager.capacity : 0;
  const b = {
    region: has(manager.regions, customer.region) ? w.region : 0,
    industry: has(manager.industries, customer.industry) ? w.industry : 0,
    language: has(manager.languages, customer.language) ? w.language : 0,
    levelTier: round(w.levelTier * levelTierFit(manager.level, customer.tier)),
    spareCapacity: round(w.spareCapacity * spare),
  };
  return { ...b, total: round(b.region + b.industry + b.language + b.levelTier + b.spareCapacity) };
}

/** The fit that does not depend on load, as a misfit in [0, 1]: 0 is a perfect fit. */
export function misfit(
  customer: FitCustomer,
  manager: Pick<Candidate, 'level' | 'regions' | 'industries' | 'languages'>,
): number {
  const w = BEST_FIT_WEIGHTS;
  const max = w.region + w.industry + w.language + w.levelTier;
  const f = fitScore(customer, { ...manager, capacity: 0 }, 0);
  return round(1 - (f.region + f.industry + f.language + f.levelTier) / max);
}

/** load / capacity; a manager with no capacity counts as full. */
export const utilisation = (load: number, capacity: number): number =>
  capacity > 0 ? load / capacity : load > 0 ? Infinity : 1;
