import { DAY_MS, type AssignmentReason } from './types.js';

/**
 * Claim limits of the public pool. A missing key inherits from the wider scope; `null` means
 * "no limit" and overrides the wider scope.
 */
export type ClaimLimits = {
  /** Most customers a manager may hold at once (owned book, all sources). */
  maxHeld?: number | null;
  /** Most pool claims per day, the day taken in the organization's time zone by the caller. */
  maxClaimsPerDay?: number | null;
  /** Days during which a manager may not re-claim a customer reclaimed from them. */
  cooldownDays?: number | null;
  /** Most customers a manager may mark protected from reclaim. */
  maxProtected?: number | null;
};

export type PoolPolicy = {
  organization: ClaimLimits;
  teams?: Record<string, ClaimLimits>;
  managers?: Record<string, ClaimLimits>;
};

export type LimitKey = keyof ClaimLimits;
export type LimitSource = 'manager' | 'team' | 'organization' | 'none';
export type EffectiveLimits = {
  [K in LimitKey]-?: { value: number | null; source: LimitSource };
};

const KEYS: LimitKey[] = ['maxHeld', 'maxClaimsPerDay', 'cooldownDays', 'maxProtected'];

/**
 * The limits that apply to one manager, key by key: the manager's own setting, else their
 * team's, else the organization's, else none (unlimited). Each value says where it came from.
 */
export function resolveClaimLimits(
  policy: PoolPolicy,
  managerId: string,
  teamId: string | null,
): EffectiveLimits {
  const scopes: [LimitSource, ClaimLimits | undefined][] = [
    ['manager', policy.managers?.[managerId]],
    ['team', teamId === null ? undefined : policy.teams?.[teamId]],
    ['organization', policy.organization],
  ];
  const out = {} as EffectiveLimits;
  for (const key of KEYS) {
    const hit = scopes.find(([, s]) => s !== undefined && s[key] !== undefined);
    out[key] = hit ? { value: hit[1]![key] ?? null, source: hit[0] } : { value: null, source: 'none' };
  }
  return out;
}

export type ClaimRefusal =
  'not_in_pool' | 'cooldown_active' | 'holding_limit_reached' | 'claim_limit_reached';

export type ClaimRequest = {
  managerId: string;
  teamId: string | null;
  /** The customer's current owner; null means it is in the pool. */
  customerOwnerId: string | null;
  /** Customers the manager holds now. */
  held: number;
  /** Pool claims the manager made since the start of today in the organization's time zone. */
  claimsToday: number;
  /** When this customer was last reclaimed from this manager (epoch ms), if ever. */
  lastReclaimedFromManagerAt: number | null;
  now: number;
};

export type ClaimDecision =
  | { ok: true; limits: EffectiveLimits }
  | { ok: false; code: ClaimRefusal; reason: AssignmentReason; limits: EffectiveLimits };

/**
 * May this manager claim this pool customer now (PRODUCT.md C3)? Checks, in order:
 * the customer is in the pool; the cool-down (refused while now < reclaimedAt + cooldownDays,
 * so exactly N days later is allowed); held < maxHeld; claimsToday < maxClaimsPerDay.
 * The first failing check is the refusal code; the reason carries the limit and its source.
 */
export function canClaim(req: ClaimRequest, policy: PoolPolicy): ClaimDecision {
  const limits = resolveClaimLimits(policy, req.managerId, req.teamId);
  const refuse = (code: ClaimRefusal, data: AssignmentReason['data']): ClaimDecision => ({
    ok: false,
    code,
    reason: { code, data },
    limits,
  });
  if (req.customerOwnerId !== null) return refuse('not_in_pool', { ownerId: req.customerOwnerId });
  const cd = limits.cooldownDays;
  if (cd.value !== null && req.lastReclaimedFromManagerAt !== null) {
    const until = req.lastReclaimedFromManagerAt + cd.value * DAY_MS;
    if (req.now < until)
      return refuse('cooldown_active', {
        cooldownDays: cd.value,
        source: cd.source,
        reclaimedAt: req.lastReclaimedFromManagerAt,
        until,
      });
  }
  const held = limits.maxHeld;
  if (held.value !== null && req.held >= held.value)
    return refuse('holding_limit_reached', { held: req.held, limit: held.value, source: held.source });
  const daily = limits.maxClaimsPerDay;
  if (daily.value !== null && req.claimsToday >= daily.value)
    return refuse('claim_limit_reached', {
      claimsToday: req.claimsToday,
      limit: daily.value,
      source: daily.source,
    });
  return { ok: true, limits };
}

/**
 * May the manager mark one more customer protected from reclaim? `protectedCount` is how many
 * they have marked now; refused with `protect_limit_reached` at the resolved maxProtected.
 */
export function canProtect(
  policy: PoolPolicy,
  managerId: string,
  teamId: string | null,
  protectedCount: number,
): { ok: true } | { ok: false; code: 'protect_limit_reached'; reason: AssignmentReason } {
  const limit = resolveClaimLimits(policy, managerId, teamId).maxProtected;
  if (limit.value === null || protectedCount < limit.value) return { ok: true };
  return {
    ok: false,
    code: 'protect_limit_reached',
    reason: {
      code: 'protect_limit_reached',
      data: { protectedCount, limit: limit.value, source: limit.source },
    },
  };
}

/**
 * The start and end (exclusive) of the local day containing `now`, for a fixed UTC offset in
 * minutes (e.g. +480 for China). Lets the caller count `claimsToday` in the org's time zone.
 */
export function dayBounds(now: number, utcOffsetMinutes: number): { start: number; end: number } {
  const shift = utcOffsetMinutes * 60_000;
  const start = Math.floor((now + shift) / DAY_MS) * DAY_MS - shift;
  return { start, end: start + DAY_MS };
}
