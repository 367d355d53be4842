import { describe, expect, it } from 'vitest';
import { fitScore, levelTierFit } from './fit.js';
import {
  chooseAssignee,
  conditionHolds,
  type AssignableCustomer,
  type AssignmentRule,
  type AssignmentState,
  type RuleCondition,
} from './rules.js';
import type { Candidate } from './types.js';

const mgr = (id: string, over: Partial<Candidate> = {}): Candidate => ({
  id,
  teamId: 't1',
  level: 'senior',
  capacity: 10,
  load: 0,
  loadValue: 0,
  regions: [],
  industries: [],
  languages: [],
  status: 'active',
  ...over,
});
const cust = (over: Partial<AssignableCustomer> = {}): AssignableCustomer => ({
  tier: 'B',
  region: 'east',
  industry: 'retail',
  source: 'web',
  ...over,
});
const rule = (over: Partial<AssignmentRule> = {}): AssignmentRule => ({
  id: 'r1',
  position: 1,
  conditions: [],
  teamId: 't1',
  strategy: 'least_loaded',
  ...over,
});

describe('conditionHolds', () => {
  const c = cust({ customFields: { vip: true, channel: 'expo', empty: '' } });
  it.each([
    [{ field: 'region', op: 'equals', value: 'east' }, true],
    [{ field: 'region', op: 'equals', value: 'west' }, false],
    [{ field: 'tier', op: 'in', values: ['A', 'B'] }, true],
    [{ field: 'industry', op: 'in', values: [] }, false],
    [{ field: 'source', op: 'exists' }, true],
    [{ field: 'language', op: 'exists' }, false],
    [{ field: 'customFields.vip', op: 'equals', value: true }, true],
    [{ field: 'customFields.channel', op: 'in', values: ['expo', 'fair'] }, true],
    [{ field: 'customFields.empty', op: 'exists' }, false],
    [{ field: 'customFields.none', op: 'exists' }, false],
    [{ field: 'unknown', op: 'equals', value: 'x' }, false],
  ] as [RuleCondition, boolean][])('%j → %s', (cond, expected) => {
    expect(conditionHolds(c, cond)).toBe(expected);
  });
});

describe('chooseAssignee: rule order and pool', () => {
  const rules = [
    rule({ id: 'catch', position: 9, teamId: 't2' }),
    rule({ id: 'east', position: 1, conditions: [{ field: 'region', op: 'equals', value: 'east' }] }),
  ];
  const cands = [mgr('a'), mgr('b', { teamId: 't2' })];
  it.each([
    ['east', 'east', 'a'],
    ['west', 'catch', 'b'],
  ])('region %s → rule %s → %s', (region, ruleId, managerId) => {
    const r = chooseAssignee(cust({ region }), rules, cands, { roundRobin: {} });
    expect(r).toMatchObject({ pool: false, ruleId, managerId });
  });
  it('no match → pool', () => {
    const r = chooseAssignee(
      cust(),
      [rule({ conditions: [{ field: 'tier', op: 'equals', value: 'D' }] })],
      cands,
    );
    expect(r).toMatchObject({ pool: true, ruleId: null, reason: { code: 'no_rule_matched' } });
  });
  it('disabled rules are skipped', () => {
    const r = chooseAssignee(cust(), [rule({ enabled: false })], cands);
    expect(r.pool).toBe(true);
  });
  it('nobody eligible → pool with counts per exclusion', () => {
    const r = chooseAssignee(
      cust({ tier: 'A' }),
      [rule()],
      [
        mgr('full', { load: 10 }),
        mgr('over', { load: 12 }),
        mgr('gone', { status: 'departed' }),
        mgr('leave', { status: 'on_leave' }),
        mgr('jr', { level: 'junior' }),
        mgr('other', { teamId: 't9' }),
      ],
    );
    expect(r).toEqual({
      pool: true,
      ruleId: 'r1',
      reason: {
        code: 'no_eligible_manager',
        data: { ruleId: 'r1', teamId: 't1', inactive: 2, at_capacity: 2, level_too_low_for_a: 1 },
      },
      state: { roundRobin: {} },
    });
  });
  it("onNoCapacity 'next_rule' falls through", () => {
    const r = chooseAssignee(
      cust(),
      [rule({ id: 'full', onNoCapacity: 'next_rule' }), rule({ id: 'next', position: 2, teamId: 't2' })],
      [mgr('a', { load: 10 }), mgr('b', { teamId: 't2' })],
    );
    expect(r).toMatchObject({ pool: false, ruleId: 'next', managerId: 'b' });
  });
});

describe('chooseAssignee: A-tier level rule', () => {
  const cands = [mgr('j', { level: 'junior' }), mgr('s', { level: 'senior', load: 5 })];
  it.each([
    ['A', false, 's'],
    ['A', true, 'j'],
    ['B', false, 'j'],
  ] as const)('tier %s allowAnyLevelForA=%s → %s', (tier, allow, expected) => {
    const r = chooseAssignee(cust({ tier }), [rule({ allowAnyLevelForA: allow })], cands);
    expect(r.pool ? null : r.managerId).toBe(expected);
  });
});

describe('chooseAssignee: round robin', () => {
  const cands = [mgr('c'), mgr('a'), mgr('b', { load: 10 }), mgr('d', { status: 'on_leave' })];
  it('cycles through eligible managers by id, skipping full and inactive, and returns the cursor', () => {
    let state: AssignmentState = { roundRobin: { other: 'x' } };
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = chooseAssignee(cust(), [rule({ strategy: 'round_robin' })], cands, state);
      if (r.pool) throw new Error('pooled');
      seen.push(r.managerId);
      state = r.state;
    }
    expect(seen).toEqual(['a', 'c', 'a', 'c']);
    expect(state).toEqual({ roundRobin: { other: 'x', r1: 'c' } });
  });
  it('a cursor on a departed manager continues with the next id', () => {
    const r = chooseAssignee(cust(), [rule({ strategy: 'round_robin' })], cands, { roundRobin: { r1: 'b' } });
    expect(r).toMatchObject({ managerId: 'c', reason: { data: { previous: 'b' } } });
  });
});

describe('chooseAssignee: least loaded', () => {
  it.each([
    [[mgr('a', { load: 5 }), mgr('b', { load: 2, capacity: 3 })], 'a'],
    [[mgr('b', { load: 5 }), mgr('a', { load: 5 })], 'a'],
    [[mgr('a', { load: 1, capacity: 2 }), mgr('b', { load: 4, capacity: 10 })], 'b'],
  ])('%#', (cands, expected) => {
    const r = chooseAssignee(cust(), [rule()], cands);
    expect(r.pool ? null : r.managerId).toBe(expected);
  });
});

describe('best fit', () => {
  it.each([
    ['junior', 'A', 0],
    ['senior', 'A', 0.5],
    ['key_account', 'A', 1],
    ['senior', 'B', 1],
    ['junior', 'C', 1],
    ['key_account', 'D', 0],
    ['junior', null, 1],
  ] as const)('levelTierFit(%s, %s) = %s', (level, tier, expected) => {
    expect(levelTierFit(level, tier)).toBe(expected);
  });
  it('scores region 3, industry 2, language 1, level 2, spare capacity 2', () => {
    const m = mgr('a', { regions: ['east'], industries: ['retail'], languages: ['zh'], load: 5 });
    expect(fitScore(cust({ language: 'zh' }), m, m.load)).toEqual({
      region: 3,
      industry: 2,
      language: 1,
      levelTier: 2,
      spareCapacity: 1,
      total: 9,
    });
  });
  it('picks the best fit and explains it', () => {
    const cands = [
      mgr('a', { regions: ['west'], industries: ['retail'] }),
      mgr('b', { regions: ['east'], load: 8 }),
      mgr('c', { regions: ['east'], industries: ['retail'], load: 9 }),
    ];
    const r = chooseAssignee(cust(), [rule({ strategy: 'best_fit' })], cands);
    expect(r).toMatchObject({
      managerId: 'c',
      reason: {
        code: 'assigned_best_fit',
        data: {
          score: { region: 3, industry: 2, language: 0, levelTier: 2, spareCapacity: 0.2, total: 7.2 },
        },
      },
    });
  });
  it('ties go to the less loaded, then the lower id', () => {
    const r = chooseAssignee(
      cust({ region: null }),
      [rule({ strategy: 'best_fit' })],
      [mgr('b', { capacity: 10, load: 5 }), mgr('a', { capacity: 20, load: 10 })],
    );
    expect(r.pool ? null : r.managerId).toBe('a');
  });
});
