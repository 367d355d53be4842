import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RECLAIM_WINDOW,
  reclaimDecision,
  reclaimPolicyFromWindows,
  reclaimWindow,
  type ReclaimFacts,
  type ReclaimPolicy,
} from './reclaim.js';
import { DAY_MS } from './types.js';

const D = DAY_MS;
const policy: ReclaimPolicy = {
  default: { noFollowUpDays: 30, noOrderDays: 90, warnDays: 5 },
  byTier: { A: { noFollowUpDays: 60, warnDays: 10 }, D: { noOrderDays: null } },
};
const T0 = 10_000 * D;
const facts = (over: Partial<ReclaimFacts> = {}): ReclaimFacts => ({
  tier: 'B',
  lastInteractionAt: T0,
  lastOrderAt: T0,
  assignedAt: T0 - 500 * D,
  protected: false,
  ...over,
});

describe('reclaimWindow', () => {
  it('merges the tier over the default', () => {
    expect(reclaimWindow(policy, 'A')).toEqual({ noFollowUpDays: 60, noOrderDays: 90, warnDays: 10 });
    expect(reclaimWindow(policy, null)).toEqual(policy.default);
  });
});

describe('reclaimDecision at the boundaries (no interaction in 30 days, warn 5 before)', () => {
  it.each([
    [0, 'keep'],
    [25 * D - 1, 'keep'],
    [25 * D, 'warn'],
    [30 * D - 1, 'warn'],
    [30 * D, 'reclaim'],
    [31 * D, 'reclaim'],
  ])('%i ms after the last interaction → %s', (dt, action) => {
    const r = reclaimDecision(
      facts({ lastOrderAt: null, assignedAt: T0 - 500 * D }),
      { ...policy, default: { ...policy.default, noOrderDays: null } },
      T0 + dt,
    );
    expect(r.action).toBe(action);
    expect(r.dueAt).toBe(T0 + 30 * D);
    expect(r.warnAt).toBe(T0 + 25 * D);
  });
});

describe('reclaimDecision', () => {
  it.each<[string, Partial<ReclaimFacts>, number, string, string[]]>([
    [
      'protected is always kept',
      { protected: true, lastInteractionAt: 0, lastOrderAt: 0 },
      T0 + 999 * D,
      'keep',
      ['protected'],
    ],
    ['tier A has 60 days', { tier: 'A' }, T0 + 45 * D, 'keep', ['within_window']],
    ['tier A warns 10 days before', { tier: 'A' }, T0 + 50 * D, 'warn', ['reclaim_warning']],
    [
      'tier D has no order rule',
      { tier: 'D', lastInteractionAt: T0 + 200 * D },
      T0 + 200 * D,
      'keep',
      ['within_window'],
    ],
    ['no order in 90 days', { lastInteractionAt: T0 + 80 * D }, T0 + 90 * D, 'reclaim', ['no_order']],
    [
      'both rules fire',
      { lastInteractionAt: T0 - 100 * D, lastOrderAt: T0 - 100 * D },
      T0,
      'reclaim',
      ['no_follow_up', 'no_order'],
    ],
    [
      'never contacted: the clock starts at assignment',
      { lastInteractionAt: null, lastOrderAt: null, assignedAt: T0 },
      T0 + 29 * D,
      'warn',
      ['reclaim_warning'],
    ],
    [
      'a recent assignment restarts the clock',
      { lastInteractionAt: T0 - 100 * D, lastOrderAt: T0 - 100 * D, assignedAt: T0 },
      T0 + 10 * D,
      'keep',
      ['within_window'],
    ],
    [
      'an order in the window exempts the interaction rule',
      { lastInteractionAt: T0 - 40 * D, lastOrderAt: T0 - 10 * D },
      T0,
      'keep',
      ['exempt_order_in_window', 'within_window'],
    ],
  ])('%s', (_name, over, now, action, codes) => {
    const r = reclaimDecision(facts(over), policy, now);
    expect(r.action).toBe(action);
    expect(r.reasons.map((x) => x.code)).toEqual(codes);
  });
  it('without the order exemption the interaction rule fires', () => {
    const r = reclaimDecision(
      facts({ lastInteractionAt: T0 - 40 * D, lastOrderAt: T0 - 10 * D }),
      { ...policy, orderExemptsFollowUp: false },
      T0,
    );
    expect(r).toMatchObject({
      action: 'reclaim',
      reasons: [{ code: 'no_follow_up', data: { daysSince: 40, limitDays: 30 } }],
    });
  });
  it('dueAt is the earliest rule', () => {
    const r = reclaimDecision(facts({ lastInteractionAt: T0 + 70 * D }), policy, T0 + 86 * D);
    expect(r).toMatchObject({
      action: 'warn',
      dueAt: T0 + 90 * D,
      reasons: [{ code: 'reclaim_warning', data: { rule: 'no_order', daysLeft: 4 } }],
    });
  });
  it('no rules at all keeps', () => {
    const r = reclaimDecision(
      facts(),
      { default: { noFollowUpDays: null, noOrderDays: null, warnDays: 0 } },
      T0,
    );
    expect(r).toEqual({
      action: 'keep',
      reasons: [{ code: 'no_rule', data: {} }],
      dueAt: null,
      warnAt: null,
    });
  });
});

describe('reclaimPolicyFromWindows', () => {
  it('reads the stored per-tier shape with defaults underneath', () => {
    const p = reclaimPolicyFromWindows({
      default: { warnDays: 7 },
      A: { noFollowUpDays: 60 },
      X: { warnDays: 1 },
    });
    expect(reclaimWindow(p, 'A')).toEqual({ ...DEFAULT_RECLAIM_WINDOW, warnDays: 7, noFollowUpDays: 60 });
    expect(reclaimWindow(p, 'C')).toEqual({ ...DEFAULT_RECLAIM_WINDOW, warnDays: 7 });
    expect(reclaimPolicyFromWindows(null).default).toEqual(DEFAULT_RECLAIM_WINDOW);
  });
});
