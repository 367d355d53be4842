import type { poolPolicies } from '../../db/schema/index.js';

type PolicyRow = typeof poolPolicies.$inferSelect;
export type PoolLimits = {
  maxHeld: number | null;
  maxClaimsPerDay: number;
  cooldownDays: number;
  maxProtected: number;
};

/** Used when an organization has set nothing (the demo's 20 claims a day, a 30-day cool-down). */
export const DEFAULT_LIMITS: PoolLimits = {
  maxHeld: null,
  maxClaimsPerDay: 20,
  cooldownDays: 30,
  maxProtected: 5,
};

/** The limits that apply to one manager: the most specific policy wins, field by field (user, team, organization). */
export function resolveLimits(rows: PolicyRow[], user: { id: string; teamId: string | null }): PoolLimits {
  const pick = (scope: string, id: string | null) =>
    rows.find((r) => r.scope === scope && (r.scopeId ?? null) === id);
  const layers = [
    pick('user', user.id),
    user.teamId ? pick('team', user.teamId) : undefined,
    pick('organization', null),
  ].filter((x): x is PolicyRow => !!x);
  const first = <K extends 'maxHeld' | 'maxClaimsPerDay' | 'cooldownDays' | 'maxProtected'>(k: K) =>
    layers.map((l) => l[k]).find((v) => v !== null && v !== undefined) ?? null;
  return {
    maxHeld: first('maxHeld') ?? DEFAULT_LIMITS.maxHeld,
    maxClaimsPerDay: first('maxClaimsPerDay') ?? DEFAULT_LIMITS.maxClaimsPerDay,
    cooldownDays: first('cooldownDays') ?? DEFAULT_LIMITS.cooldownDays,
    maxProtected: first('maxProtected') ?? DEFAULT_LIMITS.maxProtected,
  };
}
