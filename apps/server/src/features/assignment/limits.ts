import { resolveClaimLimits, type ClaimLimits, type PoolPolicy } from '@steward/core';
import type { poolPolicies } from '../../db/schema/index.js';

type PolicyRow = typeof poolPolicies.$inferSelect;
const KEYS = ['maxHeld', 'maxClaimsPerDay', 'cooldownDays', 'maxProtected'] as const;

/** Used where an organization has set nothing: the demo's 20 claims a day and a 30-day cool-down. */
export const DEFAULT_LIMITS: ClaimLimits = { maxClaimsPerDay: 20, cooldownDays: 30, maxProtected: 5 };

/** Stored rows → the core's policy. A NULL column inherits from the wider scope (so it is left out). */
export function poolPolicyFromRows(rows: PolicyRow[]): PoolPolicy {
  const limits = (r: PolicyRow | undefined): ClaimLimits =>
    Object.fromEntries(KEYS.filter((k) => r && r[k] !== null).map((k) => [k, r![k]]));
  const of = (scope: string) => rows.filter((r) => r.scope === scope && r.scopeId);
  return {
    organization: { ...DEFAULT_LIMITS, ...limits(rows.find((r) => r.scope === 'organization')) },
    teams: Object.fromEntries(of('team').map((r) => [r.scopeId!, limits(r)])),
    managers: Object.fromEntries(of('user').map((r) => [r.scopeId!, limits(r)])),
  };
}

/** The values that apply to one manager (null = no limit). */
export function limitsFor(rows: PolicyRow[], user: { id: string; teamId: string | null }) {
  const e = resolveClaimLimits(poolPolicyFromRows(rows), user.id, user.teamId);
  return {
    maxHeld: e.maxHeld.value,
    maxClaimsPerDay: e.maxClaimsPerDay.value,
    cooldownDays: e.cooldownDays.value,
    maxProtected: e.maxProtected.value,
  };
}
