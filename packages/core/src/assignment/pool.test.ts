import { describe, expect, it } from 'vitest';
import {
  canClaim,
  canProtect,
  dayBounds,
  resolveClaimLimits,
  type ClaimRequest,
  type PoolPolicy,
} from './pool.js';
import { DAY_MS } from './types.js';

const policy: PoolPolicy = {
  organization: { maxHeld: 100, maxClaimsPerDay: 20, cooldownDays: 7, maxProtected: 5 },
  teams: { t1: { maxClaimsPerDay: 10, maxHeld: null } },
  managers: { m1: { maxClaimsPerDay: 3 } },
};

describe('resolveClaimLimits: most specific wins, key by key', () => {
  it.each([
    [
      'm1',
      't1',
      { maxHeld: [null, 'team'], maxClaimsPerDay: [3, 'manager'], cooldownDays: [7, 'organization'] },
    ],
    [
      'm2',
      't1',
      { maxHeld: [null, 'team'], maxClaimsPerDay: [10, 'team'], cooldownDays: [7, 'organization'] },
    ],
    ['m2', 't2', { maxHeld: [100, 'organization'], maxClaimsPerDay: [20, 'organization'] }],
    ['m2', null, { maxHeld: [100, 'organization'] }],
  ] as const)('%s in %s', (m, t, expected) => {
    const r = resolveClaimLimits(policy, m, t);
    for (const [k, [value, source]] of Object.entries(expected))
      expect(r[k as keyof typeof r]).toEqual({ value, source });
  });
  it('an empty policy means no limits', () => {
    expect(resolveClaimLimits({ organization: {} }, 'm', null).maxHeld).toEqual({
      value: null,
      source: 'none',
    });
  });
});

describe('canClaim', () => {
  const now = 1_000 * DAY_MS;
  const base: ClaimRequest = {
    managerId: 'm2',
    teamId: 't2',
    customerOwnerId: null,
    held: 0,
    claimsToday: 0,
    lastReclaimedFromManagerAt: null,
    now,
  };
  it.each([
    [{}, null],
    [{ customerOwnerId: 'x' }, 'not_in_pool'],
    [{ held: 99 }, null],
    [{ held: 100 }, 'holding_limit_reached'],
    [{ claimsToday: 19 }, null],
    [{ claimsToday: 20 }, 'claim_limit_reached'],
    [{ managerId: 'm1', teamId: 't1', claimsToday: 3 }, 'claim_limit_reached'],
    [{ teamId: 't1', held: 1000 }, null],
    [{ lastReclaimedFromManagerAt: now - 7 * DAY_MS + 1 }, 'cooldown_active'],
    [{ lastReclaimedFromManagerAt: now - 7 * DAY_MS }, null],
    [{ lastReclaimedFromManagerAt: now - 7 * DAY_MS + 1, held: 100, claimsToday: 50 }, 'cooldown_active'],
    [{ held: 100, claimsToday: 50 }, 'holding_limit_reached'],
  ] as const)('%j → %s', (over, code) => {
    const r = canClaim({ ...base, ...over }, policy);
    expect(r.ok ? null : r.code).toBe(code);
  });
  it('explains a refusal with the limit and its source', () => {
    const r = canClaim({ ...base, managerId: 'm1', teamId: 't1', claimsToday: 3 }, policy);
    expect(r).toMatchObject({
      ok: false,
      reason: { code: 'claim_limit_reached', data: { claimsToday: 3, limit: 3, source: 'manager' } },
    });
  });
});

describe('canProtect', () => {
  it.each([
    [4, true],
    [5, false],
  ])('%i protected → %s', (n, ok) => {
    expect(canProtect(policy, 'm2', null, n).ok).toBe(ok);
  });
});

describe('dayBounds', () => {
  const midnightShanghai = Date.UTC(2026, 0, 1, 16, 0, 0); // 2026-01-02 00:00 +08:00
  it.each([
    [midnightShanghai, 480, midnightShanghai],
    [midnightShanghai - 1, 480, midnightShanghai - DAY_MS],
    [midnightShanghai + DAY_MS - 1, 480, midnightShanghai],
    [Date.UTC(2026, 0, 1, 5), 0, Date.UTC(2026, 0, 1)],
    [Date.UTC(2026, 0, 1, 3), -300, Date.UTC(2025, 11, 31, 5)],
  ])('%i at %i → starts %i', (now, offset, start) => {
    expect(dayBounds(now, offset)).toEqual({ start, end: start + DAY_MS });
  });
});
